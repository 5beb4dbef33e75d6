"""For tests that run on every database (a module with EVERY_DATABASE, tests/conftest.py):
a database that cannot answer, and an app of a test's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from webtest import TestApp

from demo_server.app import create_app
from demo_server.settings import Settings
from demo_server.storage.database import Database, Kind
from tests.db_fill import raw

#: A port nothing listens on: the database is "down" for the app that is told to use it.
UNREACHABLE = {
    Kind.POSTGRESQL: "postgresql://postgres@127.0.0.1:9/none",
    Kind.MYSQL: "mysql://root@127.0.0.1:9/none",
    Kind.MONGODB: "mongodb://127.0.0.1:9/none",
}


def unavailable(settings: Settings) -> Settings:
    """Settings whose database cannot answer: SQLite without its table, a server not there."""
    if settings.database.shared:
        where = UNREACHABLE[settings.database.kind]
        return replace(settings, database=Database.parse(where))
    with raw(settings) as run:
        run("DROP TABLE todos")
    return settings


@contextmanager
def app_on(settings: Settings) -> Iterator[TestApp]:
    """A client of an app of its own on `settings`, closed after."""
    app = create_app(settings)
    try:
        yield TestApp(app)
    finally:
        app.config["demo.store"].close_all()
