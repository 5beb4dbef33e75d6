"""The app factory: every process and every test builds its own app from `Settings`."""

from __future__ import annotations

from pathlib import Path

from bottle import Bottle, HTTPResponse

from demo_server.app_file import ReaderCode, read_file
from demo_server.cors import add_cors_check_route, allow_origin, answer_preflight
from demo_server.graphql_route import add_graphql_routes
from demo_server.hello import add_hello_routes
from demo_server.hosts import refuse_unknown_hosts
from demo_server.http import (
    ConditionalGet,
    add_response_headers,
    answer_options,
    error_renderer,
    security_headers,
)
from demo_server.jsonio import json_response
from demo_server.openapi import openapi_document
from demo_server.paths import refuse_undecodable_paths
from demo_server.settings import Settings, base_url
from demo_server.storage.database import open_store
from demo_server.todos import KnownErrors, add_todo_routes

#: Paths whose errors are JSON; the rest answer in plain text, like the Express original.
JSON_PREFIXES = ("/api/", "/graphql", "/healthz", "/openapi.json", "/cors-check")
#: Paths whose answers wait on nothing (no database, no file, no lock), whatever the method:
#: the deadline gateway runs them without a thread of their own (demo_server.gateway).
#: tests/test_app.py holds that they never call the store.
NO_WAIT_PATHS = ("/", "/openapi.json")


def create_app(settings: Settings | None = None, reader: ReaderCode | None = None) -> Bottle:
    """The WSGI app. The database must exist: `demo_server.storage.database.initialise`
    creates it. `reader`: the reader's own code (`demo-server --app`, Run in the tab), a whole
    app of theirs or their routes in place of the shipped ones (demo_server.app_file).

    What a request passes through is listed here, in the order it happens; each step may
    answer and end it there."""
    settings = settings or Settings()
    if reader and reader.create_app:
        # An exercise: the reader's app is all of it, as `demo-server check` runs it.
        path = str(settings.database.path) if reader.wants_db_path else None
        return reader.create_app(path) if path else reader.create_app()
    app = Bottle()
    app.config["demo.settings"] = settings
    store = open_store(settings.database, settings.max_todos, settings.pool_size)
    app.config["demo.store"] = store

    # 0. A path whose bytes are not UTF-8 (Bottle would route it as another path): 400.
    app.add_hook("before_request", refuse_undecodable_paths())
    # 1. A Host name a page could have pointed at this machine (DNS rebinding): 403.
    app.add_hook("before_request", refuse_unknown_hosts(settings.allowed_hosts))
    # 2. A CORS preflight: 204 for the pages allowed to call the API, 403 for the rest.
    app.add_hook("before_request", answer_preflight(app, settings.allowed_origins))
    # 3. Any other OPTIONS: the path's methods, as Express's router answers.
    app.add_hook("before_request", answer_options(app))
    # 4. The route, wrapped (outermost first) in: the ETag and 304 Express adds; a value no
    #    to-do may hold made a 400, a database that cannot answer a 503 with the reason.
    app.install(ConditionalGet())
    app.install(KnownErrors())
    ((reader and reader.add_hello_routes) or add_hello_routes)(app)
    ((reader and reader.add_todo_routes) or add_todo_routes)(app, store)
    add_graphql_routes(app, store)
    add_cors_check_route(app, settings.allowed_origins)
    spec = openapi_document(base_url(settings.host, settings.port), settings.max_todos)

    @app.get("/openapi.json")
    def openapi() -> HTTPResponse:
        return json_response(spec)

    # 5. An error from any step: JSON under the API's paths, one line of text elsewhere.
    app.default_error_handler = error_renderer(JSON_PREFIXES)  # type: ignore[method-assign]
    # 6. On the way out, every response, errors too: the CORS headers the allowed pages need
    #    to read it, and the security headers.
    add_response_headers(app, [allow_origin(settings.allowed_origins), security_headers])
    return app


def create_app_from_environ() -> Bottle:
    """The factory the server's worker processes call; settings arrive as environment variables."""
    settings = Settings.from_environ()
    reader = read_file(Path(settings.app_file)) if settings.app_file else None
    return create_app(settings, reader)
