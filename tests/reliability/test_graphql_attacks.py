"""The review's GraphQL attacks against a real server, while another client asks /healthz.

Each attack is a few hundred bytes that used to hold a worker for seconds to minutes (a fragment
that doubles at each of 22 or 30 levels, a fan-out through parent and subtasks, GET variables
nested 5,000 deep). Now each is a one-line 400 and the other client is served meanwhile. The
figures are printed for `make soak` (and the Reliability page); they are not asserted here,
since a loaded machine makes any fixed bound flaky: the test asserts what must hold.
"""

from __future__ import annotations

import statistics
import threading
import time

import pytest
import requests

from tests.api_contract import GRAPHQL_GET, doubling_fragments
from tests.reliability.load import report
from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

FAN_OUT = "{ todos(limit: 500) { parent { subtasks { parent { subtasks { id } } } } } }"
ATTACKS = {
    "fragments-22": ("GET", {"query": doubling_fragments(22)}),
    "fragments-30": ("GET", {"query": doubling_fragments(30)}),
    "fan-out": ("POST", {"query": FAN_OUT}),
    "deep-variables": ("GET", {"query": "{ todos { id } }", "variables": "[" * 5000 + "]" * 5000}),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = tmp_path_factory.mktemp("graphql-attacks") / "todos.sqlite3"
    with demo_server(None, "--threads", "2", db=db) as (_process, url):
        requests.post(url + "/graphql", json={"query": "{ todos { id } }"}, timeout=30)  # warm
        yield url


def send(base: str, method: str, params: dict) -> requests.Response:
    if method == "GET":
        return requests.get(base + "/graphql", params=params, headers=GRAPHQL_GET, timeout=30)
    return requests.post(base + "/graphql", json=params, timeout=30)


@pytest.mark.parametrize("name", list(ATTACKS))
def test_an_attack_is_a_quick_400_and_healthz_is_served_meanwhile(base, name):
    method, params = ATTACKS[name]
    health: list[float] = []
    stop = threading.Event()

    def ask_health() -> None:
        with requests.Session() as session:
            while not stop.is_set():
                started = time.perf_counter()
                assert session.get(base + "/healthz", timeout=30).status_code == 200
                health.append(time.perf_counter() - started)

    watcher = threading.Thread(target=ask_health)
    watcher.start()
    times = []
    try:
        for _ in range(10):
            started = time.perf_counter()
            answer = send(base, method, params)
            times.append(time.perf_counter() - started)
            assert answer.status_code == 400, answer.text[:300]
            (error,) = answer.json()["errors"]
            assert "\n" not in error["message"]
    finally:
        stop.set()
        watcher.join(timeout=60)
    assert health, "no /healthz answer while the attack ran"
    report(
        f"graphql {name}",
        f"10 attacks: 400 in median {statistics.median(times) * 1000:.1f} ms "
        f"({min(times) * 1000:.1f}-{max(times) * 1000:.1f}); meanwhile {len(health)} /healthz, "
        f"median {statistics.median(health) * 1000:.1f} ms, worst {max(health) * 1000:.1f} ms",
    )
