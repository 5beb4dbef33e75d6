"""Schemathesis generates GraphQL queries and mutations from the demo's own schema: none may
get a server error, whatever it asks for or sends."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from demo_server import create_app, db
from demo_server.settings import Settings

# One app for all the cases (the schema is loaded once, at collection): mutations pile up on
# one database, as on a real server; a small cap lets them reach it.
FOLDER = Path(tempfile.mkdtemp(prefix="graphql-fuzz-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
SETTINGS = Settings(db=FOLDER / "todos.sqlite3", max_todos=200)
db.initialise(SETTINGS.db)
schema = schemathesis.graphql.from_wsgi("/graphql", create_app(SETTINGS))


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_query_gets_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, response.text[:2000]
    body = response.json()
    assert "data" in body or "errors" in body
