"""A real PostgreSQL for the tests, started once per session: `postgres` (the server) and
`postgres_url` (a fresh, empty database on it for each test).

The server is `make scale`'s own (scripts/postgres_local.py), so the tests run the code the
reader runs. Import both fixtures where they are needed (tests/conftest.py shares them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.postgres_local import DEBIAN_BIN_DIRS, PostgresError, PostgresServer, find_binaries
from scripts.scale import nginx_binary
from tests.helpers import free_port, in_ci

__all__ = ["PostgresError", "PostgresServer", "postgres", "postgres_binaries", "postgres_url"]


def postgres_binaries() -> Path:
    """Where initdb and pg_ctl are; the test is skipped if nowhere, or fails in CI, which must
    have them."""
    bin_dir = find_binaries()
    if bin_dir is None:
        if in_ci():
            pytest.fail("CI=true but PostgreSQL is missing: .ci/run must install postgresql")
        pytest.skip(
            f"PostgreSQL is not installed (no initdb and pg_ctl on PATH or in {DEBIAN_BIN_DIRS})"
        )
    return bin_dir


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL of the session's own on a free loopback port."""
    with PostgresServer(port=free_port(), bin_dir=postgres_binaries()) as server:
        yield server


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    """The URL of a new, empty database for this test alone."""
    if not postgres.running:  # a test before this one stopped it and failed before restarting
        postgres.start()
    return postgres.create_database()


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian's nginx, for `make scale`'s balancer: skipped where it is missing, except in CI."""
    binary = nginx_binary()
    if binary is None:
        if in_ci():
            pytest.fail("CI=true but nginx is missing: .ci/run must install it")
        pytest.skip("nginx is not installed (not on PATH, not /usr/sbin/nginx)")
    return binary
