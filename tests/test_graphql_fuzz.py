"""Schemathesis generates GraphQL queries and mutations from the demo's own schema: none may
get a server error, whatever it asks for or sends."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from demo_server.app import create_app
from demo_server.graphql_schema import SDL
from demo_server.settings import Settings
from demo_server.storage.database import Database, initialise

# The schema the server builds from (its SDL): collecting the tests starts no app and writes no
# database; the app and its database come from a fixture, as every other test's do.
# (schemathesis.pytest.from_fixture fails on Schemathesis 4.32: "no attribute '_nodeid'".)
schema = schemathesis.graphql.from_file(SDL)
ENDPOINT = "/graphql"


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    # One app for all the cases: mutations pile up on one database, as on a real server; a
    # small cap lets them reach it.
    database = Database.sqlite_file(tmp_path_factory.mktemp("graphql-fuzz") / "todos.sqlite3")
    settings_ = Settings(database=database, max_todos=200)
    initialise(settings_.database)
    return create_app(settings_)


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_query_gets_a_server_error(case, fuzz_app):
    response = case.call(app=fuzz_app, base_url=f"http://localhost{ENDPOINT}")
    assert response.request.url.endswith(ENDPOINT)
    assert response.status_code < 500, response.text[:2000]
    body = response.json()
    assert "data" in body or "errors" in body
