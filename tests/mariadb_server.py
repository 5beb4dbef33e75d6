"""A real MariaDB for the tests, started once per session: `mariadb` (the server) and
`mysql_url` (a fresh, empty database on it for each test).

The server is `make scale`'s own (tooling/mariadb.py). The URLs have no password: while the
server runs, MYSQL_PWD holds it for this process and every one it starts (the variable MySQL's
clients and demo_server.storage.mysql read), so it is on no command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from site_plugins.page_checks.ports import free_port
from tooling.mariadb import PASSWORD_VARIABLE, MariaDBServer, find_server
from tooling.passwords import without_password
from tooling.processes import in_ci

__all__ = ["mariadb", "mariadb_server", "mysql_url"]


def mariadb_server() -> None:
    """Skip the test where MariaDB is missing; fail in CI, which must have it."""
    if find_server() is None:
        if in_ci():
            pytest.fail("CI=true but MariaDB is missing: .ci/run must install mariadb-server")
        pytest.skip("MariaDB is not installed (no mariadbd: apt-get install mariadb-server)")


@pytest.fixture(scope="session")
def mariadb() -> Iterator[MariaDBServer]:
    """A MariaDB of the session's own on a free loopback port."""
    mariadb_server()
    saved = os.environ.get(PASSWORD_VARIABLE)
    with MariaDBServer(port=free_port()) as server:
        os.environ[PASSWORD_VARIABLE] = server.password
        try:
            yield server
        finally:
            os.environ.pop(PASSWORD_VARIABLE, None)
            if saved is not None:
                os.environ[PASSWORD_VARIABLE] = saved


@pytest.fixture
def mysql_url(mariadb: MariaDBServer) -> str:
    """The URL of a new, empty database for this test alone (without the password)."""
    if not mariadb.running:  # a test before this one stopped it and failed before restarting
        mariadb.start()
    url, _ = without_password(mariadb.create_database())
    return url
