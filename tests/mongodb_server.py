"""A real MongoDB-protocol server for the tests, started once per session: `mongodb` (the
server: SecantusDB, tooling/secantusdb.py) and `mongodb_url` (a fresh, empty database on it
for each test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_plugins.page_checks.ports import free_port
from tooling.processes import in_ci
from tooling.secantusdb import SecantusServer, find_server

__all__ = ["mongodb", "mongodb_server", "mongodb_url"]


def mongodb_server() -> None:
    """Skip the test where SecantusDB is missing; fail in CI, which must have it."""
    if find_server() is None:
        if in_ci():
            pytest.fail("CI=true but SecantusDB is missing: make install puts it in the venv")
        pytest.skip("SecantusDB is not installed (no secantusd-py: pip install secantusdb)")


@pytest.fixture(scope="session")
def mongodb() -> Iterator[SecantusServer]:
    """A SecantusDB of the session's own on a free loopback port."""
    mongodb_server()
    with SecantusServer(port=free_port()) as server:
        yield server


@pytest.fixture
def mongodb_url(mongodb: SecantusServer) -> str:
    """The URL of a new, empty database for this test alone."""
    return mongodb.fresh_database_url()
