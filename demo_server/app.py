"""The app factory: every process and every test builds its own app from `Settings`."""

from __future__ import annotations

from bottle import Bottle

from demo_server.hello import add_hello_routes
from demo_server.http import add_express_behaviour
from demo_server.settings import Settings


def create_app(settings: Settings | None = None) -> Bottle:
    settings = settings or Settings()
    app = Bottle()
    app.config["demo.settings"] = settings
    add_express_behaviour(app)
    add_hello_routes(app)
    return app


def create_app_from_environ() -> Bottle:
    """The factory the server's worker processes call; settings arrive as environment variables."""
    return create_app(Settings.from_environ())
