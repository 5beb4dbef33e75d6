"""CORS for the pages' "Try it" buttons: the docs' origins may call the API, no one else.

A page on the published HTTPS site calling the reader's own 127.0.0.1 is a "private network"
request: Chromium first sends a preflight asking `Access-Control-Request-Private-Network`, and
only a `true` answer lets the real request through.
"""

from __future__ import annotations

from collections.abc import Collection

from bottle import Bottle, HTTPResponse, request, response

from demo_server.http import allowed_methods
from demo_server.jsonio import error_body, json_response

ALLOWED_REQUEST_HEADERS = {"content-type"}
PREFLIGHT_MAX_AGE = "600"


def add_cors(app: Bottle, origins: Collection[str]) -> None:
    allowed = frozenset(origin.rstrip("/") for origin in origins)

    @app.hook("before_request")
    def preflight() -> None:
        origin = request.get_header("Origin")
        wanted = request.get_header("Access-Control-Request-Method")
        if request.method != "OPTIONS" or not origin or not wanted:
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
        reply = HTTPResponse(status=204)
        reply.set_header("Access-Control-Allow-Origin", origin)
        reply.set_header("Access-Control-Allow-Methods", ", ".join(methods))
        reply.set_header("Access-Control-Allow-Headers", "Content-Type")
        reply.set_header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE)
        reply.set_header("Vary", "Origin")
        if (request.get_header("Access-Control-Request-Private-Network") or "").lower() == "true":
            reply.set_header("Access-Control-Allow-Private-Network", "true")
        raise reply

    @app.hook("after_request")
    def allow_origin() -> None:
        origin = request.get_header("Origin")
        response.add_header("Vary", "Origin")
        if origin and origin in allowed:
            response.set_header("Access-Control-Allow-Origin", origin)
            # The Try-it widget shows every header; let the page's script read them all.
            response.set_header("Access-Control-Expose-Headers", "*")
