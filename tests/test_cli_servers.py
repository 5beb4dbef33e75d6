"""`demo-server --db URL` on each database server: the real command on a real server the
suite started (PostgreSQL, MariaDB for mysql://, SecantusDB for mongodb://)."""

from __future__ import annotations

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.cli_support import one_line_error, run_demo
from tests.conftest import DATABASES
from tests.helpers import all_todos
from tooling.processes import demo_server

SERVERS = [name for name, fixture in DATABASES.items() if fixture is not None]
#: A URL of each scheme at a port nothing listens on, and how the demo prints it.
NOWHERE = {
    "postgresql": "postgresql://postgres@127.0.0.1:9/todos",
    "mysql": "mysql://root@127.0.0.1:9/todos",
    "mongodb": "mongodb://127.0.0.1:9/todos",
}

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


@pytest.fixture(params=SERVERS)
def server_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on each server in turn (its URL without the password)."""
    return request.getfixturevalue(DATABASES[request.param])


def test_two_processes_share_one_database(server_url):
    with demo_server(db=server_url) as (first, one), demo_server(db=server_url) as (_, two):
        assert f"Database: {server_url}" in "".join(first.lines)
        created = requests.post(f"{one}/api/todos", json={"title": "Written by one"}, timeout=10)
        assert created.status_code == 201
        # Read at once through the other process: no process keeps state of its own.
        found = requests.get(f"{two}/api/todos/{created.json()['id']}", timeout=10)
        assert found.json()["title"] == "Written by one"
        assert len(all_todos(two)) == 5  # seeded once, though both started on an empty database


def test_a_write_survives_a_restart_and_reset_starts_over(server_url):
    with demo_server(db=server_url) as (server, base):
        created = requests.post(f"{base}/api/todos", json={"title": "Kept"}, timeout=10)
        assert created.status_code == 201
        assert server.stop() == 0
    with demo_server(db=server_url) as (server, base):
        assert requests.get(f"{base}/api/todos/{created.json()['id']}", timeout=10).ok
        server.stop()
    with demo_server(None, "--reset", db=server_url) as (server, base):
        assert [t["title"] for t in all_todos(base)][-1] == "sub thing now"
        server.stop()


@pytest.mark.parametrize("url", NOWHERE.values(), ids=NOWHERE.keys())
def test_a_database_that_is_not_there_is_one_line(url):
    result = run_demo("--db", url, "--port", str(free_port()))
    line = one_line_error(result)
    assert line.startswith(f"demo-server: cannot open the database {url}: "), line


@pytest.mark.parametrize("scheme", ["postgresql", "mysql", "mariadb", "mongodb"])
def test_a_url_without_a_database_name_is_refused(scheme):
    result = run_demo("--db", f"{scheme}://someone@127.0.0.1:5432")
    assert result.returncode == 2
    assert "names no database: end it with /NAME" in result.stderr


@pytest.mark.parametrize(
    ("url", "printed"),
    [
        (
            "postgresql://demo:secret@db.example.test:5433/todos",
            "postgresql://demo@db.example.test:5433/todos",
        ),
        (
            "mysql://demo:secret@db.example.test:3307/todos",
            "mysql://demo@db.example.test:3307/todos",
        ),
        ("mariadb://demo:s%40cret@[::1]/todos", "mariadb://demo@[::1]/todos"),
        (
            "mongodb://demo:secret@db.example.test:27018/todos",
            "mongodb://demo@db.example.test:27018/todos",
        ),
    ],
)
def test_where_prints_the_url_without_its_password(url, printed):
    result = run_demo("--db", url, "--where")
    assert result.stdout.strip() == printed
