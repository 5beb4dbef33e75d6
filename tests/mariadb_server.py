"""A real MariaDB for the tests, started once per session: `mariadb` (the server) and
`mysql_url` (a fresh, empty database on it for each test).

The server is `make scale`'s own (tooling/mariadb.py). The URLs have no password: while the
server runs, MYSQL_PWD holds it for this process and every one it starts (the variable MySQL's
clients and demo_server.storage.mysql read), so it is on no command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from site_plugins.page_checks.ports import free_port
from tooling.mariadb import PASSWORD_VARIABLE, MariaDBServer, find_server
from tooling.processes import in_ci

__all__ = ["mariadb", "mariadb_server", "mysql_url", "own_mariadb"]


def mariadb_server() -> None:
    """Skip the test where MariaDB is missing; fail in CI, which must have it."""
    if find_server() is None:
        if in_ci():
            pytest.fail("CI=true but MariaDB is missing: .ci/run must install mariadb-server")
        pytest.skip("MariaDB is not installed (no mariadbd: apt-get install mariadb-server)")


@contextmanager
def _server_with_its_password() -> Iterator[MariaDBServer]:
    """A MariaDB on a free loopback port; MYSQL_PWD holds its password while it runs, and what
    it held before afterwards (the session's server's, for a module that had one of its own)."""
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


@pytest.fixture(scope="session")
def mariadb() -> Iterator[MariaDBServer]:
    """A MariaDB of the session's own on a free loopback port."""
    with _server_with_its_password() as server:
        yield server


@pytest.fixture(scope="module", name="mariadb")
def own_mariadb() -> Iterator[MariaDBServer]:
    """A MariaDB of one module's own, which its tests may stop, crash and restart, in place of
    the session's. Module-scoped, so that MYSQL_PWD is the session server's again for the
    modules after it: a session-scoped second server kept its own password there for the rest
    of the run, and every later test on the session's server got "Access denied" (CI, db_107)."""
    with _server_with_its_password() as server:
        yield server


@pytest.fixture
def mysql_url(mariadb: MariaDBServer) -> str:
    """The URL of a new, empty database for this test alone (without the password)."""
    return mariadb.fresh_database_url()
