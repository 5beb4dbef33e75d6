"""The app factory: every process and every test builds its own app from `Settings`."""

from __future__ import annotations

from bottle import Bottle, HTTPResponse

from demo_server.cors import add_cors
from demo_server.db import Database
from demo_server.hello import add_hello_routes
from demo_server.http import add_express_behaviour
from demo_server.jsonio import json_response
from demo_server.openapi import openapi_document
from demo_server.settings import Settings, base_url
from demo_server.todos import add_todo_routes

#: Paths whose errors are JSON; the rest answer in plain text, like the Express original.
JSON_PREFIXES = ("/api/", "/healthz", "/openapi.json")


def create_app(settings: Settings | None = None) -> Bottle:
    """The WSGI app. The database must exist: `demo_server.db.initialise` creates it."""
    settings = settings or Settings()
    app = Bottle()
    app.config["demo.settings"] = settings
    db = Database(settings.db)
    app.config["demo.db"] = db
    add_cors(app, settings.allowed_origins)
    add_express_behaviour(app, JSON_PREFIXES)
    add_hello_routes(app)
    add_todo_routes(app, db)
    spec = openapi_document(base_url(settings.host, settings.port))

    @app.get("/openapi.json")
    def openapi() -> HTTPResponse:
        return json_response(spec)

    return app


def create_app_from_environ() -> Bottle:
    """The factory the server's worker processes call; settings arrive as environment variables."""
    return create_app(Settings.from_environ())
