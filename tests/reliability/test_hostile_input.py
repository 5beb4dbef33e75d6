"""Hand-made hostile requests against the real server: it answers cleanly and stays up."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from tests.helpers import demo_server
from tests.test_cli import post_json, request

#: What no answer may ever contain: a traceback, the framework, a language or server version.
LEAKS = re.compile(r"Traceback|File \"|bottle|Python/\d|granian/\d|sqlite3\.|Werkzeug", re.I)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "todos.sqlite3"
    with demo_server(db=db) as (process, base):
        yield process, base


def raw(base: str, payload: bytes, timeout: float = 5.0, half_close: bool = False) -> bytes:
    """Send bytes as they are; return whatever comes back before the server closes or goes quiet."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        try:
            sock.sendall(payload)
            if half_close:  # "that was all": a partial request must not keep us waiting
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may close early on garbage; what it sent is still readable
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
    return b"".join(chunks)


def assert_alive(base: str) -> None:
    status, _, body = request(base)
    assert (status, body) == (200, b"Hello, World!")


@pytest.mark.parametrize(
    "payload",
    [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1024 * 1024) + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Many: 1\r\n" * 5000 + b"\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"POST /api/todos HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
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
    answer = raw(base, payload, half_close=True)
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
        "deep-nesting",
        "huge-number",
        "negative-id",
        "float-id",
        "duplicate-key",
    ],
)
def test_hostile_json_is_a_400_and_writes_nothing(server, body, status):
    _, base = server
    before = json.loads(request(base, "GET", "/api/todos")[2])["todos"]
    got, _, answer = request(base, "POST", "/api/todos", {"Content-Type": "application/json"}, body)
    assert got == status, answer
    assert json.loads(answer)["error"]["status"] == status
    assert LEAKS.search(answer.decode()) is None
    assert json.loads(request(base, "GET", "/api/todos")[2])["todos"] == before


def test_escaped_nul_and_sql_are_stored_verbatim(server):
    _, base = server
    title = "a\u0000b'; DROP TABLE todos; --"
    status, created = post_json(base, "/api/todos", {"title": title})
    assert status == 201
    todo_id = created["id"]
    assert json.loads(request(base, "GET", f"/api/todos/{todo_id}")[2])["title"] == title


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
    answer = raw(base, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert b"root:" not in answer
    assert answer.split(b" ", 2)[1] in (b"400", b"404")
    assert_alive(base)


def test_idle_half_open_connections_do_not_block_other_clients(server):
    _, base = server
    host, port = base.removeprefix("http://").split(":")
    idle = []
    try:
        for _ in range(300):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never finish the request
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
        status, headers, body = request(base, method, path)
        assert "x-powered-by" not in headers
        assert not re.search(r"\d+\.\d+", headers.get("server", "")), headers.get("server")
        assert LEAKS.search(body.decode()) is None, (method, path)
