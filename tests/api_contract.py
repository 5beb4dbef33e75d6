"""The API's contract as one ordered list of requests, and the ways to put it to an app.

The native API tests (test_api.py, test_app.py) and the in-browser tests send these same
requests: the natively served app answers through WebTest, the tab's app through
`demo_server.in_browser` (natively, and on Pyodide in Node), and the answers must agree.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from webtest import TestApp

from demo_server.app import create_app
from demo_server.http import weak_etag
from demo_server.settings import Settings
from demo_server.storage.database import Database, initialise

ORIGIN = "http://127.0.0.1:8000"
HELLO_ETAG = 'W/"d-CgqfKmdylCVXq1NV12r0Qvj2XgE"'
JSON = {"Content-Type": "application/json"}
#: What a GET of /graphql must carry (CSRF prevention, demo_server/graphql_csrf.py).
GRAPHQL_GET = {"Apollo-Require-Preflight": "true"}


def doubling_fragments(levels: int, root: str = "todos") -> str:
    """The review's attack: each fragment spreads the one below it twice, `levels` deep, so a
    walk that expands spreads does 2**levels steps for a query of a few hundred bytes."""
    parts = ["fragment F0 on Todo { id title }"]
    parts += [f"fragment F{i} on Todo {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)]
    return f"{{ {root} {{ ...F{levels} }} }} " + " ".join(parts)


#: Bodies a create must refuse: (body, content type, status, part of the message).
BAD_CREATE_BODIES: list[tuple[bytes, str, int, str]] = [
    (b"{not json", "application/json", 400, "not valid JSON"),
    (b"\xff\xfe{}", "application/json", 400, "not valid UTF-8"),
    (b"[1, 2]", "application/json", 400, "must be a JSON object"),
    (b"{}", "application/json", 400, "'title' is required"),
    (b'{"title": ""}', "application/json", 400, "'title' must not be empty"),
    (b'{"title": "   "}', "application/json", 400, "'title' must not be empty"),
    (b'{"title": 42}', "application/json", 400, "'title' must be a string"),
    (b'{"title": "x", "colour": "red"}', "application/json", 400, "unknown field 'colour'"),
    (b'{"title": "x", "parent_id": "1"}', "application/json", 400, "'parent_id' must be"),
    (b'{"title": "x", "parent_id": true}', "application/json", 400, "'parent_id' must be"),
    (b'{"title": "x", "parent_id": 999}', "application/json", 400, "no to-do with id 999"),
    (b'{"title": "x", "parent_id": 1e400}', "application/json", 400, "'parent_id' must be"),
    (
        b'{"title": "x", "parent_id": 99999999999999999999999}',
        "application/json",
        400,
        "'parent_id' must be",
    ),
    (b'{"title": "x"}', "text/plain", 415, "application/json"),
    (b'{"title": "x"}', "", 415, "application/json"),
    (b"[" * 100_000 + b"]" * 100_000, "application/json", 413, "limit"),
    (b"[" * 30_000 + b"]" * 30_000, "application/json", 400, "nested too deeply"),
    (b'{"title": "' + b"x" * 70_000 + b'"}', "application/json", 413, "limit"),
    (b'{"title": "' + b"x" * 201 + b'"}', "application/json", 400, "at most 200"),
]

#: Changes a patch must refuse: (body, part of the message).
BAD_PATCHES: list[tuple[dict, str]] = [
    ({}, "at least one of"),
    ({"done": "yes"}, "'done' must be true or false"),
    ({"done": 1}, "'done' must be true or false"),
    ({"title": "ok", "done": "no"}, "'done' must be true or false"),
    ({"parent_id": 2}, "unknown field 'parent_id'"),
]

UNKNOWN_PATHS = ["/api/todos/999", "/api/todos/99999999999999999999", "/api/todos/0", "/api/nope"]


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def _json(method: str, path: str, data: object, **headers: str) -> Call:
    return Call(method, path, {**JSON, **headers}, json.dumps(data).encode())


def scenario() -> list[Call]:
    """Every route and every error, in an order where each request sees the ones before."""
    calls = [
        Call("GET", "/"),
        Call("HEAD", "/"),
        Call("GET", "/", {"If-None-Match": HELLO_ETAG}),
        Call("GET", "/", {"If-None-Match": 'W/"d-stale"'}),
        Call("OPTIONS", "/"),
        Call("OPTIONS", "/nowhere"),
        Call("POST", "/"),
        Call("GET", "/nowhere"),
        Call("GET", "/api/todos"),
        _json("POST", "/api/todos", {"title": "  Write the API  "}),
        Call("GET", "/api/todos/5"),
        _json("POST", "/api/todos", {"title": "Child", "parent_id": 5}),
        _json("PATCH", "/api/todos/1", {"done": True, "title": "First!"}),
        Call("GET", "/api/todos/1"),
        Call("DELETE", "/api/todos/3"),
        Call("GET", "/api/todos/4"),
        Call("GET", "/api/todos"),
    ]
    for body, content_type, _, _ in BAD_CREATE_BODIES:
        headers = {"Content-Type": content_type} if content_type else {}
        calls.append(Call("POST", "/api/todos", headers, body))
    calls += [_json("PATCH", "/api/todos/1", body) for body, _ in BAD_PATCHES]
    calls += [Call("GET", path) for path in UNKNOWN_PATHS]
    calls += [
        _json("PATCH", "/api/todos/999", {"done": True}),
        Call("DELETE", "/api/todos/999"),
        Call("DELETE", "/api/todos/99999999999999999999"),
        Call("PUT", "/api/todos", JSON, b"{}"),
        Call("POST", "/api/todos/1", JSON, b"{}"),
        _json("POST", "/api/todos", {"title": "\u0000x"}),
        _json("POST", "/api/todos", {"title": "Robert'); DROP TABLE todos;-- \" \\ % _ ☃"}),
        _json("POST", "/api/todos", {"title": "lone \ud800 surrogate"}),
        Call("GET", "/api/todos"),
        Call("GET", "/api/todos?limit=2"),
        Call("GET", "/api/todos?after=2&limit=1"),
        Call("GET", "/api/todos?after=99999"),
        Call("GET", "/api/todos?limit=0"),
        Call("GET", "/api/todos?limit=501"),
        Call("GET", "/api/todos?limit=ten"),
        Call("GET", "/api/todos?page=2"),
        Call("GET", "/healthz"),
        Call("GET", "/openapi.json"),
        Call("GET", "/api/todos", {"Origin": ORIGIN}),
        Call("GET", "/api/todos", {"Origin": "https://evil.example"}),
        Call(
            "OPTIONS",
            "/api/todos/1",
            {
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "content-type",
                "Access-Control-Request-Private-Network": "true",
            },
        ),
        Call(
            "OPTIONS",
            "/api/todos",
            {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        ),
    ]
    # The same list through GraphQL, and its errors (the tab ships graphql-core too).
    # A GET without the CSRF header is refused (demo_server/graphql_csrf.py).
    query = "{ todos(limit: 3) { id title done parentId subtasks { id } } }"
    calls += [
        _json("POST", "/graphql", {"query": query}),
        Call("GET", "/graphql?query=%7B%20todo(id%3A%205)%20%7B%20title%20%7D%20%7D", GRAPHQL_GET),
        Call("GET", "/graphql?query=%7B%20todo(id%3A%205)%20%7B%20title%20%7D%20%7D"),
        _json("POST", "/graphql", {"query": 'mutation { addTodo(title: "By GraphQL") { id } }'}),
        _json("POST", "/graphql", {"query": "mutation { tickTodo(id: 999) { id } }"}),
        _json("POST", "/graphql", {"query": "{ todos(limit: 0) { id } }"}),
        _json("POST", "/graphql", {"query": "{ nope"}),
        Call("GET", "/graphql?query=mutation%7BdeleteTodo(id%3A1)%7D", GRAPHQL_GET),
        Call("POST", "/graphql", {"Content-Type": "text/plain"}, b'{"query": "{ todos { id } }"}'),
        Call("GET", "/api/todos"),
    ]
    return calls


def as_json(calls: list[Call]) -> list[dict]:
    """The calls as JSON values, the body in base64 (it may be anything but UTF-8)."""
    return [{**asdict(call), "body": base64.b64encode(call.body).decode("ascii")} for call in calls]


#: What an answer is compared by: status, headers as sorted (lowercase name, value), body.
Answer = tuple[int, list[tuple[str, str]], bytes]
#: Headers a server adds on its own, not the app: never part of the contract.
SERVER_HEADERS = {"date", "server"}
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def normalised(status: int, headers: list[tuple[str, str]], body: bytes) -> Answer:
    """Dates out, names lowercased, headers sorted: what two runs of one app agree on.

    A body with a date in it has an ETag that differs run to run with the date: it must match
    the body's own (weak_etag) instead."""
    kept = sorted((k.lower(), v) for k, v in headers if k.lower() not in SERVER_HEADERS)
    if TIMESTAMP.search(body):
        kept = [
            (k, "<etag of the body>" if v == weak_etag(body) else v) if k == "etag" else (k, v)
            for k, v in kept
        ]
    return status, kept, TIMESTAMP.sub(b"<timestamp>", body)


def fresh_settings(folder: Path) -> Settings:
    settings = Settings(database=Database.sqlite_file(folder / "todos.sqlite3"))
    initialise(settings.database)
    return settings


def answers_in_process(folder: Path, calls: list[Call]) -> list[Answer]:
    """The scenario against the app `create_app()` builds, through WebTest, on a fresh database."""
    client = TestApp(create_app(fresh_settings(folder)))
    answers = []
    for call in calls:
        res = client.request(
            call.path,
            method=call.method,
            headers=call.headers,
            body=call.body,
            expect_errors=True,
        )
        answers.append(normalised(res.status_int, list(res.headerlist), res.body))
    return answers
