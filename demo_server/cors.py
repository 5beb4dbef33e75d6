"""CORS for the pages' "Try it" buttons: the docs' origins may call the API, no one else.

A page on the published HTTPS site calling the reader's own 127.0.0.1 is a "private network"
request: Chromium first sends a preflight asking `Access-Control-Request-Private-Network`, and
only a `true` answer lets the real request through.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from bottle import Bottle, HTTPResponse, request

from demo_server.http import add_headers_on_the_way_out, allowed_methods
from demo_server.jsonio import error_body, json_response

ALLOWED_REQUEST_HEADERS = {"content-type"}
PREFLIGHT_MAX_AGE = "600"


def add_cors(app: Bottle, origins: Collection[str]) -> None:
    allowed = frozenset(origin.rstrip("/") for origin in origins)

    @app.hook("before_request")
    def preflight() -> None:
        if request.method != "OPTIONS":
            return
        origin = request.get_header("Origin")
        wanted = request.get_header("Access-Control-Request-Method")
        if not origin or not wanted:
            return
        if origin not in allowed:
            raise json_response(
                error_body(
                    403,
                    f"origin {origin} may not call this server; "
                    f"start it with --allow-origin {origin} to allow it",
                ),
                403,
            )
        methods = allowed_methods(app, request.environ)
        headers = {
            h.strip().lower()
            for h in (request.get_header("Access-Control-Request-Headers") or "").split(",")
            if h.strip()
        }
        if wanted.upper() not in methods or not headers <= ALLOWED_REQUEST_HEADERS:
            raise json_response(
                error_body(
                    403, f"{wanted} with headers {sorted(headers)} is not allowed on {request.path}"
                ),
                403,
            )
        reply = HTTPResponse(status=204)  # Allow-Origin and Vary: added with every response
        reply.set_header("Access-Control-Allow-Methods", ", ".join(methods))
        reply.set_header("Access-Control-Allow-Headers", "Content-Type")
        reply.set_header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE)
        if (request.get_header("Access-Control-Request-Private-Network") or "").lower() == "true":
            reply.set_header("Access-Control-Allow-Private-Network", "true")
        raise reply

    def allow_origin(environ: dict[str, Any], headers: list[tuple[str, str]]) -> None:
        headers.append(("Vary", "Origin"))
        origin = environ.get("HTTP_ORIGIN")
        if origin in allowed:
            headers.append(("Access-Control-Allow-Origin", origin))
            # The Try-it widget shows every header; let the page's script read them all.
            headers.append(("Access-Control-Expose-Headers", "*"))

    add_headers_on_the_way_out(app, allow_origin)
