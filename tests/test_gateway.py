"""The deadlines in front of the app (demo_server.gateway), in-process: an RSGI request made of
plain objects, a WSGI app built for the test (the product ships no slow route)."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from demo_server.gateway import SERVER_HEADER, DeadlineGateway, wsgi_environ


class Headers:
    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self.pairs)

    def __contains__(self, key: str) -> bool:
        return any(k == key for k, _ in self.pairs)

    def get(self, key: str, default=None):
        return next((v for k, v in self.pairs if k == key), default)


@dataclass
class Scope:
    headers: Headers
    method: str = "POST"
    path: str = "/api/todos"
    query_string: str = ""
    proto: str = "http"
    http_version: str = "1.1"
    server: str = "127.0.0.1:3000"
    client: str = "127.0.0.1:50000"
    scheme: str = "http"
    authority: str | None = None


@dataclass
class Protocol:
    """RSGI's protocol object: the body in `chunks`, then silence if `stall`."""

    chunks: list[bytes]
    stall: bool = False
    answers: list[tuple[int, list[tuple[str, str]], bytes]] = field(default_factory=list)

    def __aiter__(self):
        return self._body()

    async def _body(self):
        for chunk in self.chunks:
            yield chunk
        if self.stall:
            await asyncio.sleep(3600)

    def response_bytes(self, status, headers, body):
        self.answers.append((status, headers, body))


def echo(environ, start_response):
    body = environ["wsgi.input"].read()
    start_response("200 OK", [("Content-Length", str(len(body)))])
    return [body]


def slow(environ, start_response):
    time.sleep(1.0)
    start_response("200 OK", [])
    return [b"late"]


def run_loop(coroutine):
    """asyncio.run in a thread of its own: a browser test's Playwright may hold a running event
    loop in this one, where asyncio.run refuses to start another (seen in the whole suite)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def serve(gateway: DeadlineGateway, scope: Scope, protocol: Protocol):
    async def run():
        gateway.__rsgi_init__(asyncio.get_running_loop())
        await asyncio.wait_for(gateway.__rsgi__(scope, protocol), 30)  # never hangs

    run_loop(run())
    [answer] = protocol.answers
    return answer


def test_a_body_that_stops_arriving_gets_408_and_the_connection_closed():
    lines: list[str] = []
    gateway = DeadlineGateway(echo, body_timeout=0.2, log=lines.append)
    scope = Scope(Headers([("content-length", "100")]))
    status, headers, body = serve(gateway, scope, Protocol([b'{"ti'], stall=True))
    assert status == 408
    assert lines == ['127.0.0.1 - "POST /api/todos HTTP/1.1" 408 (the body did not arrive)']
    assert ("Connection", "close") in headers and SERVER_HEADER in headers
    assert body.count(b"\n") == 1


def test_a_whole_body_reaches_the_app():
    gateway = DeadlineGateway(echo, body_timeout=0.2)
    scope = Scope(Headers([("content-length", "11")]))
    assert serve(gateway, scope, Protocol([b"hello", b" world"]))[2] == b"hello world"


def test_a_request_past_its_budget_is_a_503():
    lines: list[str] = []
    gateway = DeadlineGateway(slow, budget=0.2, log=lines.append)
    status, headers, _ = serve(
        gateway, Scope(Headers([]), method="GET", path="/slow"), Protocol([])
    )
    assert status == 503 and ("Connection", "close") in headers
    assert lines == ["demo-server: GET '/slow' ran past 0.2 s and was answered 503"]


def test_a_body_over_the_apps_limit_is_not_read_at_all():
    gateway = DeadlineGateway(echo, body_timeout=0.2)
    scope = Scope(Headers([("content-length", "99999999")]))
    # Not one byte is waited for: the app answers 413 from Content-Length alone.
    assert serve(gateway, scope, Protocol([], stall=True))[0] == 200


def test_the_environ_is_what_wsgi_promises():
    scope = Scope(
        Headers([("host", "127.0.0.1:3000"), ("x-a", "1"), ("x-a", "2"), ("content-type", "a/b")]),
        path="/caf\u00e9",
        http_version="1",
    )
    environ = wsgi_environ(scope, b"")
    assert environ["PATH_INFO"] == "/caf\u00c3\u00a9"  # UTF-8 bytes as Latin-1 characters
    assert environ["SERVER_PROTOCOL"] == "HTTP/1.0"
    assert environ["HTTP_X_A"] == "1,2" and environ["CONTENT_TYPE"] == "a/b"
    assert (environ["REMOTE_ADDR"], environ["SERVER_PORT"]) == ("127.0.0.1", "3000")
    assert wsgi_environ(Scope(Headers([])), b"")["HTTP_HOST"] == ""  # HTTP/1.0 without Host


def test_a_request_answered_503_while_waiting_for_a_thread_never_runs():
    # One thread, busy with a slow request: the POST queued behind it is told 503 "try
    # again"; were it run later, the client's retry would make the write twice.
    ran: list[str] = []

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/slow":
            time.sleep(0.6)
        ran.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"ok"]

    async def run():
        gateway = DeadlineGateway(app, threads=1, budget=0.2, log=lambda line: None)
        first, second = Protocol([]), Protocol([])
        await asyncio.gather(
            gateway.__rsgi__(Scope(Headers([]), method="GET", path="/slow"), first),
            gateway.__rsgi__(Scope(Headers([]), path="/write"), second),
        )
        gateway.pool.shutdown(wait=True)  # whatever was still to run has run
        return first.answers[0][0], second.answers[0][0]

    assert run_loop(asyncio.wait_for(run(), 30)) == (503, 503)
    assert ran == ["/slow"]


def test_a_repeated_content_type_is_the_first_as_before():
    # Granian's WSGI interface gave the first: a text/plain body (a form any page can post)
    # then meets the app's 415, whatever JSON type a second line names.
    pairs = [("content-type", "text/plain"), ("content-type", "application/json")]
    assert wsgi_environ(Scope(Headers(pairs)), b"")["CONTENT_TYPE"] == "text/plain"


def test_a_no_wait_path_runs_on_the_loop_while_the_pool_is_busy():
    # The pool's one thread is busy for 0.5 s; "/" (a path that waits on nothing) is answered
    # at once, from the event loop's own thread, and the slow one still within its budget.
    threads: dict[str, str] = {}

    def app(environ, start_response):
        if environ["PATH_INFO"] == "/slow":
            time.sleep(0.5)
        threads[environ["PATH_INFO"]] = threading.current_thread().name
        start_response("200 OK", [])
        return [b"ok"]

    async def run():
        gateway = DeadlineGateway(app, threads=1, log=lambda line: None, no_wait_paths=("/",))
        slow, quick = Protocol([]), Protocol([])
        started = time.monotonic()
        slow_answer = asyncio.ensure_future(
            gateway.__rsgi__(Scope(Headers([]), method="GET", path="/slow"), slow)
        )
        await asyncio.sleep(0.05)  # the slow one has its thread
        await gateway.__rsgi__(Scope(Headers([]), method="GET", path="/"), quick)
        quick_after = time.monotonic() - started
        await slow_answer
        gateway.pool.shutdown(wait=True)
        return quick_after, threading.current_thread().name, slow.answers, quick.answers

    quick_after, loop_thread, slow, quick = run_loop(asyncio.wait_for(run(), 30))
    assert quick_after < 0.4
    assert [a[0] for a in slow + quick] == [200, 200]
    assert threads == {"/": loop_thread, "/slow": threads["/slow"]}
    assert threads["/slow"].startswith("request")


def test_a_no_wait_path_that_fails_is_a_500():
    def broken(environ, start_response):
        raise RuntimeError("a bug")

    gateway = DeadlineGateway(broken, no_wait_paths=("/",))
    status, _, body = serve(gateway, Scope(Headers([]), method="GET", path="/"), Protocol([]))
    assert (status, body) == (500, b"internal server error\n")
