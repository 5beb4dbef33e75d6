"""The two yardsticks the demo's `GET /` is measured against, each served by Granian's WSGI
interface as `granian --interface wsgi bench.hello_apps:NAME` (bench/request_path.py).

`bare`: a WSGI callable and nothing else, what Granian itself costs. `bottle_hello`: Bottle's
own hello world (examples/bottle/hello.py's route), what Bottle adds. The demo's `GET /` then
shows what our wrappers add on top: deadlines, the access log, Host and CORS checks, security
headers and the ETag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bottle import Bottle

BODY = b"Hello, World!"


def bare(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))],
    )
    return [BODY]


bottle_hello = Bottle()


@bottle_hello.get("/")
def hello() -> str:
    return "Hello, World!"
