"""CORS for the pages' "Try it" buttons: the docs' origins may call the API, no one else.

A page on the published HTTPS site calling the reader's own 127.0.0.1 is a "private network"
request: Chromium first sends a preflight asking `Access-Control-Request-Private-Network`, and
only a `true` answer lets the real request through.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urlsplit

from bottle import Bottle, HTTPResponse, request

from demo_server.graphql_csrf import PREFLIGHT_HEADERS
from demo_server.http import HeaderAdder, allowed_methods
from demo_server.jsonio import error_body, json_response

#: The request headers an allowed page may send: Content-Type, the conditional headers (the
#: pages' ETag example sends If-None-Match, as a browser's cache would), and the headers a
#: GraphQL GET must carry (graphql_csrf). Spelled as the Allow-Headers answer names them.
REQUEST_HEADERS = ("Content-Type", "If-None-Match", "If-Match", *PREFLIGHT_HEADERS)
ALLOWED_REQUEST_HEADERS = frozenset(name.lower() for name in REQUEST_HEADERS)
PREFLIGHT_MAX_AGE = "600"
#: Where a page asks, with a request that needs no preflight, why its preflight was refused:
#: a browser hides a refused preflight's answer from the page's script.
CORS_CHECK_PATH = "/cors-check"


def answer_preflight(app: Bottle, origins: Collection[str]) -> Callable[[], None]:
    """A `before_request` hook: a CORS preflight gets its answer here, 204 or 403.

    It must come before Express's OPTIONS answer, which would otherwise answer a foreign
    origin's preflight 200 with the methods listed."""
    allowed = frozenset(origins)

    def preflight() -> None:
        if request.method != "OPTIONS":
            return
        origin = request.get_header("Origin")
        wanted = request.get_header("Access-Control-Request-Method")
        if not origin or not wanted:
            return
        headers = request.get_header("Access-Control-Request-Headers") or ""
        if request.path == CORS_CHECK_PATH and wanted.upper() == "GET":
            raise open_preflight()
        why = preflight_refusal(app, allowed, origin, wanted, headers, request.path)
        if why:
            raise json_response(error_body(403, why), 403)
        reply = HTTPResponse(status=204)  # Allow-Origin and Vary: added with every response
        reply.set_header(
            "Access-Control-Allow-Methods", ", ".join(allowed_methods(app, request.environ))
        )
        reply.set_header("Access-Control-Allow-Headers", ", ".join(REQUEST_HEADERS))
        reply.set_header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE)
        if (request.get_header("Access-Control-Request-Private-Network") or "").lower() == "true":
            reply.set_header("Access-Control-Allow-Private-Network", "true")
        raise reply

    return preflight


def open_preflight() -> HTTPResponse:
    """The preflight of a GET /cors-check, allowed for every page: a public page calling the
    reader's 127.0.0.1 is preflighted even for a plain GET (Private Network Access), and the
    page that asks why it was refused is, by then, one this server does not trust."""
    reply = HTTPResponse(status=204)
    reply.set_header("Access-Control-Allow-Origin", "*")
    reply.set_header("Access-Control-Allow-Methods", "GET")
    reply.set_header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE)
    if (request.get_header("Access-Control-Request-Private-Network") or "").lower() == "true":
        reply.set_header("Access-Control-Allow-Private-Network", "true")
    return reply


def preflight_refusal(
    app: Bottle, allowed: Collection[str], origin: str, method: str, headers: str, path: str
) -> str | None:
    """Why a preflight from `origin` for `method` on `path` with the comma-separated request
    `headers` is refused (one line, naming what to change), or None when it is allowed."""
    if origin not in allowed:
        return refusal(origin)
    methods = allowed_methods(app, dict(request.environ, PATH_INFO=path))
    if method.upper() not in methods:
        listed = ", ".join(methods) or "none"
        return f"{method} is not allowed on {path}; its methods: {listed}"
    asked = {name.strip().lower() for name in headers.split(",") if name.strip()}
    extra = sorted(asked - ALLOWED_REQUEST_HEADERS)
    if extra:
        return (
            f"{method} on {path} may not send the header{'s' if len(extra) > 1 else ''} "
            f"{', '.join(extra)}; a page may send {', '.join(REQUEST_HEADERS)}"
        )
    return None


def add_cors_check_route(app: Bottle, origins: Collection[str]) -> None:
    """`GET /cors-check?method=&path=&headers=`: what this server answers the calling page's
    preflight for that request, as JSON any page may read. A browser hides why a preflight
    failed; the Try it widget asks here and shows the server's own reason instead of a guess.
    It tells a page only what the preflight already told its browser."""
    allowed = frozenset(origins)

    @app.get(CORS_CHECK_PATH)
    def cors_check() -> HTTPResponse:
        origin = request.get_header("Origin") or ""
        method = request.query.get("method") or "GET"
        path = request.query.get("path") or "/"
        if not path.startswith("/"):
            return json_response(error_body(400, f"path must start with /, not {path!r}"), 400)
        headers = request.query.get("headers") or ""
        why = preflight_refusal(app, allowed, origin, method, headers, path)
        answer = json_response({"allowed": why is None, "reason": why})
        answer.set_header("Access-Control-Allow-Origin", "*")
        return answer


def refusal(origin: str) -> str:
    """Why a page from `origin` was refused, and the flag that allows it when it is one a
    person could mean (never `null`, which every sandboxed frame and file:// page sends)."""
    try:
        safe = parse_origin(origin) == origin
    except ValueError:
        safe = False
    if safe:
        return (
            f"origin {origin} may not call this server; if that is your own site, "
            f"start the demo with --allow-origin {origin}"
        )
    return f"origin {origin} may not call this server"


def allow_origin(origins: Collection[str]) -> HeaderAdder:
    """Response headers that let the allowed pages' scripts read the answer."""
    allowed = frozenset(origins)

    def add(environ: dict[str, Any], headers: list[tuple[str, str]]) -> None:
        headers.append(("Vary", "Origin"))
        origin = environ.get("HTTP_ORIGIN")
        if any(name == "Access-Control-Allow-Origin" for name, _ in headers):
            return  # a route open to every page (/cors-check) said so itself
        if origin in allowed:
            headers.append(("Access-Control-Allow-Origin", origin))
            # The Try-it widget shows every header; let the page's script read them all.
            headers.append(("Access-Control-Expose-Headers", "*"))

    return add


def parse_origin(text: str) -> str:
    """`text` as a browser writes an origin (what the Origin header carries): http or https,
    a lowercase host, a port only when it is not the scheme's default, nothing else. Raises
    ValueError with the reason, for anything a browser would never send, `null` and `*` too."""
    example = "e.g. https://docs.example.com or http://localhost:8001"
    if text.strip() in ("null", "*"):
        raise ValueError(f"{text.strip()!r} would let pages from anywhere call the demo; {example}")
    parts = urlsplit(text.strip())
    try:
        port = parts.port  # a port out of range raises ValueError
    except ValueError:
        raise ValueError(f"{text!r} has a port out of range (1-65535)") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{text!r} is not an origin: it needs http:// or https:// and a host; {example}"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"{text!r} is not an origin: scheme, host and port only; {example}")
    scheme = parts.scheme.lower()
    host = (
        parts.hostname.encode("idna").decode("ascii")
        if not parts.hostname.isascii()
        else parts.hostname
    )
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, default) else "")
