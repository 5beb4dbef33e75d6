"""Hand-made hostile requests against the real server: it answers cleanly and stays up."""

from __future__ import annotations

import re
import socket
import time

import pytest
import requests

from tests.raw_http import address, send_raw
from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

#: What no answer may ever contain: a traceback, the framework, a language or server version.
LEAKS = re.compile(r"Traceback|File \"|bottle|Python/\d|granian/\d|sqlite3\.|Werkzeug", re.I)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "todos.sqlite3"
    with demo_server(db=db) as (process, base):
        yield process, base


def assert_alive(base: str) -> None:
    answer = requests.get(base + "/", timeout=10)
    assert (answer.status_code, answer.content) == (200, b"Hello, World!")


@pytest.mark.parametrize(
    "payload",
    [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (1024 * 1024) + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Many: 1\r\n" * 5000 + b"\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Length: 99999999999999999999\r\n\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/json\r\n\r\nzz\r\n",
        b"\x00\x01\x02\xff" * 1000,
    ],
    ids=[
        "garbage",
        "no-path",
        "bad-version",
        "long-path",
        "1MB-header",
        "5000-headers",
        "negative-length",
        "huge-length",
        "bad-chunk",
        "binary",
    ],
)
def test_malformed_requests_get_a_clean_answer_or_a_close(server, payload):
    _, base = server
    answer = send_raw(base, payload, half_close=True)
    assert LEAKS.search(answer.decode("latin-1")) is None, answer[:500]
    if answer:
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500 or status == 200, answer[:300]
    assert_alive(base)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"title": "a\x00b"}', 400),  # a raw NUL is not allowed inside a JSON string
        (b'{"title": "\xc3\x28"}', 400),  # invalid UTF-8
        (b'{"title": "' + "\ud800".encode("utf-8", "surrogatepass") + b'"}', 400),
        (b'{"title": "a\\ud800"}', 400),  # the same, escaped: valid JSON, no valid text
        (b"[" * 30_000 + b"]" * 30_000, 400),
        (b'{"title": "x", "parent_id": ' + b"9" * 5000 + b"}", 400),
        (b'{"title": "x", "parent_id": -1}', 400),
        (b'{"title": "x", "parent_id": 1.5}', 400),
        (b'{"title": "x", "title": 5}', 400),
    ],
    ids=[
        "raw-nul",
        "bad-utf8",
        "surrogate",
        "escaped-surrogate",
        "deep-nesting",
        "huge-number",
        "negative-id",
        "float-id",
        "duplicate-key",
    ],
)
def test_hostile_json_is_a_400_and_writes_nothing(server, body, status):
    _, base = server
    before = requests.get(f"{base}/api/todos", timeout=10).json()["todos"]
    answer = requests.post(
        f"{base}/api/todos", data=body, headers={"Content-Type": "application/json"}, timeout=10
    )
    assert answer.status_code == status, answer.content
    assert answer.json()["error"]["status"] == status
    assert LEAKS.search(answer.content.decode()) is None
    assert requests.get(f"{base}/api/todos", timeout=10).json()["todos"] == before


def test_an_escaped_nul_is_refused_and_sql_is_stored_verbatim(server):
    _, base = server
    # NUL: PostgreSQL's text cannot hold it, so neither database takes it (one 400, not a 500).
    refused = requests.post(f"{base}/api/todos", json={"title": "a\u0000b"}, timeout=10)
    assert refused.status_code == 400
    assert "NUL" in refused.json()["error"]["message"]
    title = "a'b; DROP TABLE todos; --"
    created = requests.post(f"{base}/api/todos", json={"title": title}, timeout=10)
    assert created.status_code == 201
    todo_id = created.json()["id"]
    assert requests.get(f"{base}/api/todos/{todo_id}", timeout=10).json()["title"] == title


@pytest.mark.parametrize(
    "path",
    [
        "/../../../etc/passwd",
        "/api/todos/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/todos/1/../../../../etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/api/todos/1%00",
    ],
)
def test_path_traversal_finds_nothing(server, path):
    _, base = server
    # Raw: requests would resolve the dots and the escapes before the server ever saw them.
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    answer = send_raw(base, request.encode())
    assert b"root:" not in answer
    assert answer.split(b" ", 2)[1] in (b"400", b"404")
    assert_alive(base)


def test_idle_half_open_connections_do_not_block_other_clients(server):
    _, base = server
    idle = []
    try:
        for _ in range(300):
            sock = socket.create_connection(address(base), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never finish the request
            idle.append(sock)
        started = time.monotonic()
        for _ in range(20):
            assert_alive(base)
        assert time.monotonic() - started < 10, "normal clients were starved"
    finally:
        for sock in idle:
            sock.close()


def test_no_answer_reveals_versions_or_internals(server):
    _, base = server
    for method, path in [
        ("GET", "/"),
        ("GET", "/nope"),
        ("POST", "/"),
        ("GET", "/api/todos/0"),
        ("DELETE", "/api/todos"),
        ("GET", "/openapi.json"),
        ("GET", "/healthz"),
    ]:
        answer = requests.request(method, base + path, timeout=10)
        assert "x-powered-by" not in answer.headers
        server_header = answer.headers.get("server", "")
        assert not re.search(r"\d+\.\d+", server_header), server_header
        assert LEAKS.search(answer.content.decode()) is None, (method, path)
