"""A real PostgreSQL for the tests, started once per session: `postgres` (the server) and
`postgres_url` (a fresh, empty database on it for each test).

The server is `make scale`'s own (tooling/postgres.py), so the tests run the code the
reader runs. Import both fixtures where they are needed (tests/conftest.py shares them).

The URLs have no password: while a server runs, PGPASSFILE names a password file of the
session's with its line, for this process and every one it starts. So the password is on no
command line (`ps` shows those to every user of the machine), and no other user can connect.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from site_plugins.page_checks.ports import free_port
from tooling.postgres import DEBIAN_BIN_DIRS, PostgresError, PostgresServer, find_binaries
from tooling.processes import in_ci
from tooling.scale import nginx_binary

PASSWORD_VARIABLES = ("PGPASSWORD", "PGPASSFILE")

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
    with (
        PostgresServer(port=free_port(), bin_dir=postgres_binaries()) as server,
        password_known(server),
    ):
        yield server


#: One password file for the session, with a line per server (a module may start one of its
#: own beside the shared one, and both are in use until the session ends).
_passfile: dict[str, Any] = {"path": None, "servers": 0, "saved": {}}


@contextmanager
def password_known(server: PostgresServer) -> Iterator[None]:
    """While in it, PGPASSFILE gives libpq `server`'s password."""
    if _passfile["path"] is None:
        # PGPASSWORD, if the reader has one set, would win over the password file.
        _passfile["saved"] = {name: os.environ.pop(name, None) for name in PASSWORD_VARIABLES}
        _passfile["path"] = Path(tempfile.mkdtemp(prefix="test-pgpass-")) / "pgpass"
        os.environ["PGPASSFILE"] = str(_passfile["path"])
    path: Path = _passfile["path"]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as file:
        file.write(server.passfile.read_text(encoding="utf-8"))
    _passfile["servers"] += 1
    try:
        yield
    finally:
        _passfile["servers"] -= 1
        if _passfile["servers"] == 0:
            shutil.rmtree(path.parent, ignore_errors=True)
            _passfile["path"] = None
            for name, value in _passfile["saved"].items():
                os.environ.pop(name, None)
                if value is not None:
                    os.environ[name] = value


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    """The URL of a new, empty database for this test alone (without the password)."""
    return postgres.fresh_database_url()


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian's nginx, for `make scale`'s balancer: skipped where it is missing, except in CI."""
    binary = nginx_binary()
    if binary is None:
        if in_ci():
            pytest.fail("CI=true but nginx is missing: .ci/run must install it")
        pytest.skip("nginx is not installed (not on PATH, not /usr/sbin/nginx)")
    return binary
