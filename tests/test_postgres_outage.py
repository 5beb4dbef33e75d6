"""A demo-server whose PostgreSQL stops: a prompt 503 for every request, however many arrive at
once, and back by itself when PostgreSQL is.

Before, each request waited the pool's whole timeout for a connection that could not come, and
the requests behind it (more than the threads) waited their turn to wait: ten /healthz at once
took 3 to 9 s.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from demo_server.storage.postgresql import CONNECT_TIMEOUT
from tests import postgres_server
from tooling.processes import demo_server, poll_until

postgres = postgres_server.postgres
postgres_url = postgres_server.postgres_url

THREADS = 4
AT_ONCE = 10


def ask_at_once(url: str) -> list[tuple[float, requests.Response]]:
    def timed(_: int) -> tuple[float, requests.Response]:
        start = time.monotonic()
        answer = requests.get(url, timeout=60)
        return time.monotonic() - start, answer

    with ThreadPoolExecutor(AT_ONCE) as pool:
        return list(pool.map(timed, range(AT_ONCE)))


def wait_until_ok(url: str, seconds: float) -> None:
    poll_until(lambda: requests.get(url, timeout=30).ok, seconds, f"{url} back")


def test_with_postgres_down_every_request_gets_its_503_without_waiting_out_the_pool(
    postgres, postgres_url
):
    with demo_server(None, "--threads", str(THREADS), db=postgres_url) as (server, base):
        ask_at_once(f"{base}/healthz")  # every thread has its connection
        try:
            postgres.stop("immediate")
            for _ in range(2):  # the first requests of the outage, then the ones after
                answers = ask_at_once(f"{base}/healthz")
                assert [a.status_code for _, a in answers] == [503] * AT_ONCE
                for _, answer in answers:
                    assert answer.json()["status"] == "unavailable"
                    assert "\n" not in answer.json()["database"]
                # None waited for the pool to give up (CONNECT_TIMEOUT), let alone in turn.
                slowest = max(seconds for seconds, _ in answers)
                assert slowest < CONNECT_TIMEOUT, [round(s, 2) for s, _ in answers]
            write = requests.post(f"{base}/api/todos", json={"title": "while down"}, timeout=30)
            assert write.status_code == 503
            message = write.json()["error"]["message"]
            assert message.startswith("the database is unavailable: "), message
        finally:
            postgres.start()

        # Back by itself, the same process: reads, writes and the health check.
        wait_until_ok(f"{base}/healthz", 30)
        assert all(a.ok for _, a in ask_at_once(f"{base}/api/todos"))
        created = requests.post(f"{base}/api/todos", json={"title": "after"}, timeout=30)
        assert created.status_code == 201, created.text
        assert server.process.poll() is None
        server.stop()
    assert "Traceback" not in server.output()


def test_an_outage_longer_than_the_pools_retries_heals_too(postgres, postgres_url):
    """The pool gives up re-making its connections after a while; the demo still sees
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
