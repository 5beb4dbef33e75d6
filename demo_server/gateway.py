"""Deadlines for every request: Granian's RSGI interface in front of the WSGI app.

Why not Granian's WSGI interface, which the demo used before: it has a deadline for a request's
headers (`header_read_timeout`) and none for its body. A client that sent the headers,
`Content-Length: 100` and four bytes held the worker's one Python thread in `wsgi.input.read()`
until it hung up: every other client waited (measured: nobody else served for 60 s). That read
(Granian 2.8's `WSGIBody.read`) cannot be given a timeout or interrupted, and reading it in a
helper thread with a deadline made it worse: the 408 went out, but the worker then served no one
until the client hung up, whatever the number of threads.

RSGI, Granian's own async interface, reads the body with `await`, which `asyncio.wait_for` can
end: a body that has not arrived `BODY_TIMEOUT` seconds after the headers gets a 408 and the
connection is closed, while the event loop goes on serving everyone else. The WSGI app then runs
in a pool of `threads` threads, as before, with the whole body already in memory (at most
`MAX_BODY` + 1 bytes, the app's own limit: beyond that it answers 413 without needing the rest).
A request still running `REQUEST_BUDGET` seconds after it arrived is answered 503 and its
connection closed. Python cannot stop a thread, so the code it ran goes on until it returns
(none of the demo's routes runs that long: this is the backstop), and its thread stays busy
until then; the next requests still get their answer, or a 503, within the budget.

A path that waits on nothing (`no_wait_paths`: no database, no file, no lock; the app says
which) runs on the event loop itself, its body read with the same deadline: the budget is
there for what can wait, and the hop to a pool thread and back cost more than the whole
hello-world (measured: 5.4-5.8k requests a second for `GET /` through the pool).
"""

from __future__ import annotations

import asyncio
import io
import sys
import time
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from demo_server.access_log import escape
from demo_server.jsonio import MAX_BODY

#: Seconds a client has to send a request's body once its headers are in.
BODY_TIMEOUT = 5.0
#: Seconds from a request's arrival to its answer; past them, a 503 and the connection closed.
REQUEST_BUDGET = 10.0

#: Granian adds `server: granian` to every answer without a Server header of its own, and has
#: no option to leave it out. Naming the demo instead tells a stranger nothing about the
#: software underneath, which is what the reliability page promises. (On the way out here, so
#: the in-process app sends no Server header, as Express sends none.)
SERVER_HEADER = ("Server", "demo-server")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Answer = tuple[int, list[tuple[str, str]], bytes]


def plain(status: int, message: str) -> Answer:
    """A one-line answer the gateway gives itself; the connection closes after it."""
    body = (message + "\n").encode()
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
    ]
    return status, headers, body


class DeadlineGateway:
    """An RSGI application that serves the WSGI app `app` with deadlines (see the module)."""

    def __init__(
        self,
        app: WSGIApp,
        threads: int = 1,
        body_timeout: float = BODY_TIMEOUT,
        budget: float = REQUEST_BUDGET,
        log: Callable[[str], None] | None = None,
        no_wait_paths: Collection[str] = (),
    ):
        self.app = app
        self.no_wait_paths = frozenset(no_wait_paths)
        self.body_timeout = body_timeout
        self.budget = budget
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="request")

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        pass

    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def __rsgi__(self, scope: Any, protocol: Any) -> None:
        if scope.proto != "http":  # no websockets: HTTP/1.1 requests only
            return
        arrived = time.monotonic()
        headers = scope.headers
        declared = headers.get("content-length")
        # No body to wait for (most requests: a GET), or one over the app's limit, which it
        # refuses from Content-Length alone: nothing is read.
        if declared is None:
            expected = "transfer-encoding" in headers
        else:
            expected = declared != "0" and not (declared.isdigit() and int(declared) > MAX_BODY)
        try:
            body = (
                await asyncio.wait_for(read_body(protocol, MAX_BODY + 1), self.body_timeout)
                if expected
                else b""
            )
        except asyncio.TimeoutError:
            late = plain(408, f"the body did not arrive within {self.body_timeout:g} s")
            self.respond(protocol, late)
            # The access log never saw this request (the app did not run): the line is ours.
            self.log(
                f'{scope.client.rpartition(":")[0].strip("[]")} - "{escape(scope.method)} '
                f'{escape(scope.path)} {wsgi_protocol(scope)}" 408 (the body did not arrive)'
            )
            return
        environ = wsgi_environ(scope, body)
        if scope.path in self.no_wait_paths:
            self.respond(protocol, self.run_here(environ))
            return
        loop = asyncio.get_running_loop()
        job = self.pool.submit(call_wsgi, self.app, environ)
        work = asyncio.wrap_future(job, loop=loop)
        remaining = max(self.budget - (time.monotonic() - arrived), 0.001)
        # A timer and one future, not asyncio.wait_for(asyncio.shield(...)): the same deadline
        # for a fifth of the cost (measured: wait_for and shield took 15% of the throughput).
        ended = loop.create_future()
        work.add_done_callback(lambda _: ended.done() or ended.set_result(None))
        timer = loop.call_later(remaining, lambda: ended.done() or ended.set_result(None))
        await ended
        timer.cancel()
        if not work.done():
            # Still waiting for a thread (others ran long): it must never run, or a write the
            # client was told to try again would be made twice. One already running goes on.
            job.cancel()
            self.log(
                f"demo-server: {scope.method} {environ['PATH_INFO']!r} ran past "
                f"{self.budget:g} s and was answered 503"
            )
            answer = plain(503, f"the request ran past {self.budget:g} s; try again")
        elif work.exception() is not None:  # Bottle answers its own errors: this is a bug
            answer = plain(500, "internal server error")
        else:
            answer = work.result()
        self.respond(protocol, answer)

    def run_here(self, environ: dict[str, Any]) -> Answer:
        """The app, on the event loop: for a path that waits on nothing."""
        try:
            return call_wsgi(self.app, environ)
        except Exception:  # Bottle answers its own errors: this is a bug, as in the pool
            return plain(500, "internal server error")

    @staticmethod
    def respond(protocol: Any, answer: Answer) -> None:
        status, headers, body = answer
        protocol.response_bytes(status, [*headers, SERVER_HEADER], body)


async def read_body(protocol: Any, limit: int) -> bytes:
    """The body, or its first `limit` bytes and more: the app answers 413 past its limit."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in protocol:
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)


def wsgi_environ(scope: Any, body: bytes) -> dict[str, Any]:
    """The WSGI environ (PEP 3333) for an RSGI request, as Granian's WSGI interface built it.

    RSGI hands over the path percent-decoded and decoded as UTF-8, a byte that is not UTF-8
    replaced by U+FFFD (demo_server.paths refuses that); WSGI wants its bytes as Latin-1
    characters. HTTP/1.0 is "HTTP/1.0" here (Granian's WSGI interface said "HTTP/1").
    """
    server_host, _, server_port = scope.server.rpartition(":")
    client_host = scope.client.rpartition(":")[0]
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": scope.path.encode("utf-8", "surrogatepass").decode("latin-1"),
        "QUERY_STRING": scope.query_string,
        "SERVER_NAME": server_host.strip("[]"),
        "SERVER_PORT": server_port,
        "SERVER_PROTOCOL": wsgi_protocol(scope),
        "REMOTE_ADDR": client_host.strip("[]"),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope.headers.items():  # one pair per header line, repeats included
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            # A repeated one: the first, as Granian's WSGI interface gave it (the last let a
            # text/plain body past the app's JSON-only check behind a second Content-Type).
            environ.setdefault(key, value)
            continue
        key = "HTTP_" + key
        if key in environ:  # a repeated header: one value, as HTTP joins them
            value = environ[key] + ("; " if key == "HTTP_COOKIE" else ",") + value
        environ[key] = value
    environ.setdefault("HTTP_HOST", scope.authority or "")
    return environ


def wsgi_protocol(scope: Any) -> str:
    return "HTTP/1.0" if scope.http_version == "1" else f"HTTP/{scope.http_version}"


def call_wsgi(app: WSGIApp, environ: dict[str, Any]) -> Answer:
    """Run the WSGI app to its end in this (pool) thread: status, headers and the whole body."""
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started[:] = [status, headers]
        return None

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    status, headers = started
    return int(status.split(" ", 1)[0]), list(headers), body
