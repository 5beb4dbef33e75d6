"""A small WSGI test client: what the checks send to the reader's app, and what came back.

WebTest would do, but it brings WebOb, WebTest's HTML parser and their dependencies into the
reader's tab, where every byte is downloaded; the checks need a request in and a status,
headers and body out. The environ is the one the tab's demo gets (`in_browser.wsgi_environ`), so
the reader's app meets the same requests in a check as behind the page's Try it buttons.
"""

from __future__ import annotations

import io
import json as jsonlib
import sqlite3
import types
from collections.abc import Callable, Mapping
from typing import Any

from demo_server.in_browser import wsgi_environ

WsgiApp = Callable[..., Any]


class Response:
    """One answer: `status` (an int), `reason`, `headers` (look them up with `header()`),
    `body` (bytes), `text`, `json()`, and `errors`, what the app wrote to wsgi.errors (Bottle
    writes a route's traceback there)."""

    def __init__(
        self, status: str, headers: list[tuple[str, str]], body: bytes, errors: str
    ) -> None:
        code, _, self.reason = status.partition(" ")
        self.status = int(code)
        self.headers = headers
        self.body = body
        self.errors = errors

    def header(self, name: str, default: str | None = None) -> str | None:
        """The value of header `name` (any case), or `default` when the answer has none."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; an AssertionError (a failed check, not a crash) when it is not."""
        try:
            return jsonlib.loads(self.body)
        except ValueError:
            said = f"{self.status} {self.reason}".rstrip()
            raise AssertionError(
                f"the answer ({said}) is not JSON: {self.text.strip()[:60]!r}"
            ) from None

    def __str__(self) -> str:
        """How a check's message names the answer: the status, and why a 500 happened."""
        said = f"answered {self.status} {self.reason}".rstrip()
        raised = [line for line in self.errors.strip().splitlines() if line.strip()]
        if self.status >= 500 and raised:
            said += f" (your code raised {raised[-1].strip()})"
        return said


class Client:
    """Sends requests to a WSGI app in this process, one at a time. `make_app` builds it; the
    client builds it again on `restart()`, as a server restarted on the same database would."""

    def __init__(self, make_app: Callable[[], WsgiApp]) -> None:
        self.make_app = make_app
        self.app = make_app()

    def restart(self) -> None:
        self.close()
        self.app = self.make_app()

    def close(self) -> None:
        """Close the SQLite connections the app holds, as a stopped server's exit would: a
        server's app keeps its connection open for its whole life, and the checks build and
        drop one app after another (left to the garbage collector, each dropped connection is
        a ResourceWarning, and on Windows a database file that cannot be deleted)."""
        for connection in held_connections(self.app):
            connection.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | str = b"",
        json: Any = None,
    ) -> Response:
        """`method path` with `headers` and `body`; `json=` sends that value as a JSON body."""
        headers = dict(headers or {})
        if json is not None:
            body = jsonlib.dumps(json)
            headers.setdefault("Content-Type", "application/json")
        data = body.encode() if isinstance(body, str) else body
        environ = wsgi_environ(method, path, headers.items(), data)
        errors = io.StringIO()
        environ["wsgi.errors"] = errors
        started: list[Any] = []

        def start_response(status: str, response_headers: list, exc_info: Any = None) -> Any:
            started[:] = [status, response_headers]
            return lambda chunk: None

        chunks = self.app(environ, start_response)
        try:
            data = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        if not started:
            raise AssertionError(f"{method} {path}: the app returned without start_response()")
        status, response_headers = started
        return Response(
            status, [(str(k), str(v)) for k, v in response_headers], data, errors.getvalue()
        )

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Response:
        return self.request("DELETE", path, **kwargs)


def held_connections(app: Any) -> list[sqlite3.Connection]:
    """The SQLite connections a Bottle app's routes reach through their closures (the shape
    of every exercise: `db` opened in `create_app`, used by the routes defined inside it)."""
    found: dict[int, sqlite3.Connection] = {}
    seen: set[int] = set()
    stack: list[Any] = [route.callback for route in getattr(app, "routes", ())]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, sqlite3.Connection):
            found[id(value)] = value
        elif isinstance(value, types.FunctionType):
            for cell in value.__closure__ or ():
                try:
                    stack.append(cell.cell_contents)
                except ValueError:  # a cell not yet filled
                    continue
    return list(found.values())
