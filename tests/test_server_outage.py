"""A demo-server whose database server stops: a prompt 503 for every request, however many
arrive at once, and back by itself when the server is. On each server the suite runs:
PostgreSQL, MariaDB (mysql://) and SecantusDB (mongodb://).

Before, on PostgreSQL, each request waited the pool's whole timeout for a connection that
could not come, and the requests behind it (more than the threads) waited their turn to
wait: ten /healthz at once took 3 to 9 s.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from demo_server.storage.postgresql import CONNECT_TIMEOUT
from tests.conftest import DATABASES
from tooling.processes import demo_server, poll_until

THREADS = 4
AT_ONCE = 10
#: The session's server of each kind (tests/conftest.py), which these tests stop and start.
SERVERS = {"postgresql": "postgres", "mysql": "mariadb", "mongodb": "mongodb"}

# Starts real processes (servers, demo processes): not in make test-fast.
pytestmark = pytest.mark.processes


@pytest.fixture(params=list(SERVERS))
def server_and_url(request: pytest.FixtureRequest):
    server = request.getfixturevalue(SERVERS[request.param])
    url = request.getfixturevalue(DATABASES[request.param])
    yield server, url
    if not server.running:  # the test failed before it started the server again
        server.start()


def ask_at_once(url: str) -> list[tuple[float, requests.Response]]:
    def timed(_: int) -> tuple[float, requests.Response]:
        start = time.monotonic()
        answer = requests.get(url, timeout=60)
        return time.monotonic() - start, answer

    with ThreadPoolExecutor(AT_ONCE) as pool:
        return list(pool.map(timed, range(AT_ONCE)))


def wait_until_ok(url: str, seconds: float) -> None:
    poll_until(lambda: requests.get(url, timeout=30).ok, seconds, f"{url} back")


def test_with_the_server_down_every_request_gets_its_503_at_once_and_it_heals(server_and_url):
    server, url = server_and_url
    with demo_server(None, "--threads", str(THREADS), db=url) as (demo, base):
        ask_at_once(f"{base}/healthz")  # every thread has its connection
        try:
            server.stop("immediate")
            for _ in range(2):  # the first requests of the outage, then the ones after
                answers = ask_at_once(f"{base}/healthz")
                assert [a.status_code for _, a in answers] == [503] * AT_ONCE
                for _, answer in answers:
                    assert answer.json()["status"] == "unavailable"
                    assert "\n" not in answer.json()["database"]
                # None waited for a driver to give up on its connection, let alone in turn.
                slowest = max(seconds for seconds, _ in answers)
                assert slowest < CONNECT_TIMEOUT, [round(s, 2) for s, _ in answers]
            write = requests.post(f"{base}/api/todos", json={"title": "while down"}, timeout=30)
            assert write.status_code == 503
            message = write.json()["error"]["message"]
            assert message.startswith("the database is unavailable: "), message
            assert "\n" not in message
        finally:
            server.start()

        # Back by itself, the same process: reads, writes and the health check.
        wait_until_ok(f"{base}/healthz", 30)
        assert all(a.ok for _, a in ask_at_once(f"{base}/api/todos"))
        created = requests.post(f"{base}/api/todos", json={"title": "after"}, timeout=30)
        assert created.status_code == 201, created.text
        assert demo.process.poll() is None
        demo.stop()
    assert "Traceback" not in demo.output()


def test_an_outage_longer_than_the_pools_retries_heals_too(postgres, postgres_url):
    """psycopg's pool gives up re-making its connections after a while; the demo still sees
    PostgreSQL back and gets new ones (before, the pool's retries grew ever further apart)."""
    with demo_server(None, "--threads", str(THREADS), db=postgres_url) as (server, base):
        ask_at_once(f"{base}/healthz")
        try:
            postgres.stop("immediate")
            deadline = time.monotonic() + 6  # past the pool's RECONNECT_TIMEOUT, with load
            while time.monotonic() < deadline:
                assert {a.status_code for _, a in ask_at_once(f"{base}/healthz")} == {503}
                time.sleep(0.2)
        finally:
            postgres.start()
        wait_until_ok(f"{base}/healthz", 30)
        assert all(a.ok for _, a in ask_at_once(f"{base}/api/todos"))
        server.stop()
    assert "Traceback" not in server.output()
