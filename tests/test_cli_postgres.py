"""`demo-server --db postgresql://...`: the real command on a real PostgreSQL."""

from __future__ import annotations

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.cli_support import one_line_error, run_demo
from tests.helpers import all_todos
from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


def test_two_processes_share_one_database(postgres_url):
    with demo_server(db=postgres_url) as (first, one), demo_server(db=postgres_url) as (_, two):
        assert "Database: postgresql://postgres@127.0.0.1:" in "".join(first.lines)
        created = requests.post(f"{one}/api/todos", json={"title": "Written by one"}, timeout=10)
        assert created.status_code == 201
        # Read at once through the other process: no process keeps state of its own.
        found = requests.get(f"{two}/api/todos/{created.json()['id']}", timeout=10)
        assert found.json()["title"] == "Written by one"
        assert len(all_todos(two)) == 5  # seeded once, though both started on an empty database


def test_a_write_survives_a_restart_and_reset_starts_over(postgres_url):
    with demo_server(db=postgres_url) as (server, base):
        created = requests.post(f"{base}/api/todos", json={"title": "Kept"}, timeout=10)
        assert created.status_code == 201
        assert server.stop() == 0
    with demo_server(db=postgres_url) as (server, base):
        assert requests.get(f"{base}/api/todos/{created.json()['id']}", timeout=10).ok
        server.stop()
    with demo_server(None, "--reset", db=postgres_url) as (server, base):
        assert [t["title"] for t in all_todos(base)][-1] == "sub thing now"
        server.stop()


def test_a_database_that_is_not_there_is_one_line():
    result = run_demo("--db", "postgresql://postgres@127.0.0.1:9/todos", "--port", str(free_port()))
    line = one_line_error(result)
    assert line.startswith(
        "demo-server: cannot open the database postgresql://postgres@127.0.0.1:9/todos: "
    )


def test_a_url_without_a_database_name_is_refused():
    result = run_demo("--db", "postgresql://postgres@127.0.0.1:5432")
    assert result.returncode == 2
    assert "names no database: end it with /NAME" in result.stderr


def test_where_prints_the_url_without_its_password():
    result = run_demo("--db", "postgresql://demo:secret@db.example.test:5433/todos", "--where")
    assert result.stdout.strip() == "postgresql://demo@db.example.test:5433/todos"
