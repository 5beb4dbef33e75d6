"""What Express does for every route without being asked, done once for the whole Bottle app.

Express's `res.send()` adds a weak ETag and answers a matching `If-None-Match` with 304, and its
router answers `OPTIONS` with the methods a path allows. Readers compare the two servers side by
side, so the demo behaves the same way, and a route stays as short as its Express twin.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from bottle import Bottle, HTTPError, HTTPResponse, request, response

from demo_server.jsonio import error_body

#: Methods a route in this app may answer; OPTIONS asks the router about each of them.
ROUTABLE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

SECURITY_HEADERS = {
    # Never let a browser guess a type other than the one we send.
    "X-Content-Type-Options": "nosniff",
    # Links out of the demo need not tell anyone where the reader came from.
    "Referrer-Policy": "no-referrer",
}
_SECURITY_PAIRS = tuple(SECURITY_HEADERS.items())
#: HTML from the demo (the hello-world page) may load nothing and be framed by no one.
HTML_CSP = "default-src 'none'; frame-ancestors 'none'"


#: Bodies up to this size have their ETag remembered (a few hundred of them at most: the
#: hello-world and the small answers that come again and again); larger ones are hashed anew.
SMALL_BODY = 2048


def weak_etag(body: bytes) -> str:
    """Express's ETag for a body (npm `etag`, weak): W/"<length in hex>-<base64 SHA-1, 27 chars>".

    The same formula as Express, so a browser that cached the Express original keeps its copy.
    """
    return _small_etag(body) if len(body) <= SMALL_BODY else _etag(body)


def _etag(body: bytes) -> str:
    digest = base64.b64encode(hashlib.sha1(body).digest()).decode("ascii")[:27]
    return f'W/"{len(body):x}-{digest}"'


_small_etag = lru_cache(maxsize=256)(_etag)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison (RFC 9110, 13.1.2): `W/` is ignored, `*` matches any current entity."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


@lru_cache(maxsize=64)
def charset_of(content_type: str) -> str:
    """The charset a Content-Type names, as Bottle reads it (`BaseResponse.charset`), kept:
    an app sends the same two or three types again and again."""
    if "charset=" in content_type:
        return content_type.split("charset=")[-1].split(";")[0].strip()
    return "UTF-8"


class ConditionalGet:
    """Bottle plugin: ETag on each 200 text answer to GET or HEAD; 304 when the client has it."""

    name = "conditional_get"
    api = 2

    def apply(self, callback: Callable[..., Any], route: Any) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            body = callback(*args, **kwargs)
            if request.method not in ("GET", "HEAD"):
                return body
            # A route answers with a body (hello world) or a whole response (the JSON API).
            whole = isinstance(body, HTTPResponse)
            answer = body if whole else response
            content = answer.body if whole else body
            if answer.status_code != 200:
                return body
            if isinstance(content, str):
                # Encoded here as Bottle would, and handed on as bytes: Bottle then need not
                # look up the charset again (each header lookup costs on every request).
                content = content.encode(charset_of(answer.content_type))
                if whole:
                    answer.body = content
                else:
                    body = content
            if not isinstance(content, bytes):
                return body
            etag = weak_etag(content)
            answer.set_header("ETag", etag)
            if etag_matches(request.environ.get("HTTP_IF_NONE_MATCH"), etag):
                return HTTPResponse(status=304, ETag=etag)
            return body

        return wrapper


def allowed_methods(app: Bottle, environ: dict[str, Any]) -> list[str]:
    """The methods the app's router answers for this request's path, HEAD wherever GET is."""
    allowed: list[str] = []
    for method in ROUTABLE_METHODS:
        probe = dict(environ, REQUEST_METHOD=method)
        try:
            app.router.match(probe)
        except HTTPError:
            continue
        allowed.append(method)
        if method == "GET":
            allowed.append("HEAD")
    return allowed


def error_message(error: HTTPError) -> str:
    """One line for the client: ours when a route raised it, a clear default otherwise."""
    if error.status_code == 500:
        return "internal server error"  # a bug: its details stay in the server's log
    if error.status_code == 404 and str(error.body).startswith("Not found:"):
        return f"no route for {request.method} {request.path}"
    if error.status_code == 405:
        allow = ", ".join(allowed_methods(request.app, request.environ))
        return f"{request.method} is not allowed on {request.path}; use {allow}"
    return str(error.body)


def error_renderer(json_prefixes: tuple[str, ...]):
    """Errors as JSON under `json_prefixes` (the API), one line of text elsewhere (the hello
    world, like Express); never an HTML template, a traceback or a version."""

    def render(error: HTTPError) -> str:
        message = error_message(error)
        if error.status_code == 405:
            # Bottle lists the raw route methods ("GET,OPTIONS"); say what a client may send.
            response.set_header("Allow", ", ".join(allowed_methods(request.app, request.environ)))
        if request.path.startswith(json_prefixes):
            response.content_type = "application/json; charset=utf-8"
            status = response.status_code
            return json.dumps(error_body(status, message), indent=2) + "\n"
        response.content_type = "text/plain; charset=utf-8"
        if error.status_code == 500:
            return "Internal Server Error\n"
        return f"{error.status_line.split(' ', 1)[1]}: {request.method} {request.path}\n"

    return render


HeaderAdder = Callable[[dict[str, Any], list[tuple[str, str]]], None]


def add_response_headers(app: Bottle, adders: list[HeaderAdder]) -> None:
    """Let each of `adders`, in order, extend the headers of every response, whatever route or
    error made it.

    Done where the app calls start_response rather than in a Bottle after_request hook: the
    hook's header API validated every value on every request, and cost the hello-world 40%
    of its throughput (measured in-process: 24 µs a request before, 17 µs after).
    """
    inner = app.wsgi
    chain = tuple(adders)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            for add in chain:
                add(environ, headers)
            return start_response(status, headers, exc_info)

        return inner(environ, start)

    app.wsgi = wsgi  # type: ignore[method-assign]  # once: Bottle refuses a second assignment


def answer_options(app: Bottle) -> Callable[[], None]:
    """A `before_request` hook: OPTIONS answered as Express's router answers it, 200 with the
    path's methods (a hook, not a route: a catch-all OPTIONS route would turn every unknown
    path into a 405)."""

    def options() -> None:
        if request.method != "OPTIONS":
            return
        allowed = allowed_methods(app, request.environ)
        if not allowed:
            raise HTTPError(404)
        # Express answers 200 with the list as the body too; readers compare the two servers.
        allow = ", ".join(allowed)
        raise HTTPResponse(allow, status=200, Allow=allow, Content_Type="text/plain; charset=utf-8")

    return options


def security_headers(environ: dict[str, Any], headers: list[tuple[str, str]]) -> None:
    """No type sniffing, no referrer; HTML (the hello-world) loads nothing and is never framed."""
    headers.extend(_SECURITY_PAIRS)
    for name, value in headers:  # a plain loop: this runs on every answer
        if name == "Content-Type":
            if value.startswith("text/html"):
                headers.append(("Content-Security-Policy", HTML_CSP))
            break
