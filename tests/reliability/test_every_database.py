"""SIGKILL under write load on each database server the suite runs: every write the demo
acknowledged is there after a restart, the database read through another demo process.
(SQLite's own is tests/reliability/test_load_and_faults.py, with its integrity check.)"""

from __future__ import annotations

import os

import pytest

from tests.conftest import DATABASES
from tests.helpers import all_todos
from tests.reliability.load import report, writes_then_sigkill
from tooling.processes import demo_server

SECONDS = float(os.environ.get("SOAK_SECONDS", "4"))
SERVERS = [name for name, fixture in DATABASES.items() if fixture is not None]

# Starts real processes (servers, demo processes): not in make test-fast.
pytestmark = pytest.mark.processes


@pytest.fixture(params=SERVERS)
def server_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(DATABASES[request.param])


def test_sigkill_under_write_load_loses_no_acknowledged_write(server_url):
    result = writes_then_sigkill(server_url, SECONDS)
    with demo_server(db=server_url) as (server, base):
        found = {t["id"] for t in all_todos(base)}
        assert result.created <= found
        report(
            f"SIGKILL on {server_url.partition(':')[0]}",
            f"{len(result.created)} writes acknowledged, "
            f"{len(result.created & found)} found after restart",
        )
        server.stop()
