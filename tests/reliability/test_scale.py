"""`make scale` under faults: PostgreSQL, three demo processes and nginx, all real, brought up by
the script's own `scaled_demo`.

A process killed under load costs at most the writes it was answering at that moment, each a
502 the client saw, never a write acknowledged and lost or one stored twice; PostgreSQL crashing
is a 503 with its reason until it is back, and the processes recover by themselves.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.helpers import all_todos
from tests.postgres_server import postgres_binaries
from tests.reliability.load import LoadResult, report, run_load
from tooling.scale import READ_TIMEOUT, Scale, scaled_demo, start_balancer, stop_pieces

PROCESSES = 3
CLIENTS = 12
#: Seconds of load before and after each fault; `make soak` sets SOAK_SECONDS for longer runs.
SECONDS = float(os.environ.get("SOAK_SECONDS", "2"))
#: These tests are about faults, not the list's cap (a run adds a few thousand to-dos); and a
#: few threads per process, as a deployment would have, so that requests waiting out an outage
#: of PostgreSQL do not queue behind each other.
DEMO_ARGS = ("--max-todos", "1000000000", "--threads", "4")


@pytest.fixture
def scale_log(tmp_path: Path) -> Iterator[Path]:
    """Where every piece's output goes, each line behind the piece's name; shown on failure."""
    log = tmp_path / "scale.log"
    yield log
    if log.exists():
        print(log.read_text(errors="replace")[-20_000:])


@pytest.fixture
def scale(nginx: str, scale_log: Path) -> Iterator[Scale]:
    postgres_binaries()
    with (
        scale_log.open("w", encoding="utf-8") as output,
        scaled_demo(
            PROCESSES,
            port=free_port(),
            process_ports=[free_port() for _ in range(PROCESSES)],
            demo_args=DEMO_ARGS,
            output=output,
        ) as scale,
    ):
        yield scale


def lines_of(log: Path, piece: str) -> list[str]:
    return [line for line in log.read_text().splitlines() if line.startswith(f"{piece:<10} | ")]


def finish(result_threads: tuple[LoadResult, list[threading.Thread]]) -> LoadResult:
    result, threads = result_threads
    for thread in threads:
        thread.join(timeout=60)
    return result


def assert_no_write_lost_or_doubled(base: str, *results: LoadResult) -> list[dict]:
    """Every acknowledged create is stored once, every acknowledged delete is gone."""
    todos = all_todos(base)
    stored = {todo["id"] for todo in todos}
    created = set().union(*(r.created for r in results))
    deleted = set().union(*(r.deleted for r in results))
    unsure = set().union(*(r.maybe_deleted for r in results))
    assert created, "the load wrote nothing"
    lost = created - deleted - unsure - stored
    assert not lost, f"{len(lost)} acknowledged writes lost, e.g. {sorted(lost)[:10]}"
    assert not deleted & stored, f"acknowledged deletes still there: {sorted(deleted & stored)}"
    titles = Counter(todo["title"] for todo in todos)
    doubled = [title for title, count in titles.items() if count > 1]
    assert not doubled, f"creates stored twice: {doubled[:10]}"
    return todos


def test_a_write_through_one_process_is_read_through_another_at_once(scale, scale_log):
    first, second, third = (piece.url for piece in scale.processes)
    created = requests.post(f"{first}/api/todos", json={"title": "written via 1"}, timeout=10)
    assert created.status_code == 201, created.text
    todo = created.json()
    path = f"/api/todos/{todo['id']}"
    assert requests.get(f"{second}{path}", timeout=10).json() == todo
    assert todo["id"] in {t["id"] for t in all_todos(third)}

    patched = requests.patch(f"{third}{path}", json={"done": True}, timeout=10)
    assert patched.status_code == 200, patched.text
    assert requests.get(f"{first}{path}", timeout=10).json()["done"] is True

    assert requests.delete(f"{second}{path}", timeout=10).status_code == 204
    assert requests.get(f"{third}{path}", timeout=10).status_code == 404
    assert requests.get(f"{first}{path}", timeout=10).status_code == 404

    # Through the balancer, requests reach every process in turn.
    for _ in range(3 * PROCESSES):
        answer = requests.get(f"{scale.balancer.url}/api/todos/1", timeout=10)
        assert answer.status_code == 200, answer.text
    time.sleep(0.5)  # the access log is written every 0.1 s
    for piece in scale.processes:
        assert any('"GET /api/todos/1 ' in line for line in lines_of(scale_log, piece.name))


def test_killing_a_process_under_load_loses_nothing_and_the_rest_carry_on(scale, scale_log):
    stop = threading.Event()
    during = run_load(scale.balancer.url, CLIENTS, 600, stop=stop)
    time.sleep(SECONDS)
    victim, survivor = scale.processes[1], scale.processes[0]
    assert any('"POST /api/todos ' in line for line in lines_of(scale_log, victim.name))
    os.killpg(victim.process.pid, signal.SIGKILL)  # the process and its workers, mid-request
    time.sleep(SECONDS)
    stop.set()
    result = finish(during)

    # nginx itself never failed a client; only requests the victim was answering at the
    # moment it died failed, each a 502, and only writes: a read is retried on another process.
    assert result.connection_errors == []
    assert len(result.server_errors) <= CLIENTS, result.server_errors
    not_a_lost_post = [e for e in result.server_errors if not e.startswith("POST ")]
    assert not_a_lost_post == []
    assert all(": 502 " in error for error in result.server_errors), result.server_errors

    # Afterwards, everything goes to the two left, and succeeds.
    after = finish(run_load(scale.balancer.url, CLIENTS, SECONDS, first_seed=CLIENTS))
    assert after.server_errors == []
    assert after.connection_errors == []
    assert after.requests > 50, after.summary()
    assert victim.process.poll() is not None
    assert_no_write_lost_or_doubled(survivor.url, result, after)
    report(
        "scale: kill -9 one process of 3",
        f"{CLIENTS} clients through nginx; around the kill {result.summary()} (the 502s: "
        f"writes the killed process was answering); after it {after.summary()}; no "
        "acknowledged write lost or stored twice",
    )


def test_a_postgres_crash_is_a_503_and_the_processes_recover_by_themselves(scale, scale_log):
    assert scale.server is not None
    pids = [piece.process.pid for piece in scale.processes]
    stop = threading.Event()
    during = run_load(scale.balancer.url, CLIENTS, 600, stop=stop)
    time.sleep(SECONDS)
    scale.server.stop("immediate")  # a crash: no checkpoint, recovery from the WAL at start

    def ask(url: str) -> requests.Response:
        return requests.get(url, timeout=30)

    urls = [
        f"{piece.url}{path}" for piece in scale.processes for path in ("/api/todos", "/healthz")
    ]
    with ThreadPoolExecutor(len(urls)) as pool:  # each waits up to the demo's connect timeout
        answers = list(pool.map(ask, urls))
    for url, answer in zip(urls, answers, strict=True):
        assert answer.status_code == 503, f"{url}: {answer.status_code} {answer.text}"
    for answer in answers[::2]:
        message = answer.json()["error"]["message"]
        assert message.startswith("the database is unavailable: "), message
        assert "\n" not in message, message

    scale.server.start()
    back = time.monotonic()
    for piece in scale.processes:
        wait_for(lambda url=piece.url: requests.get(f"{url}/api/todos", timeout=10).ok, 15)
    recovered = time.monotonic() - back
    wait_for(lambda: requests.get(f"{scale.balancer.url}/healthz", timeout=10).ok, 15)
    time.sleep(SECONDS / 2)
    stop.set()
    result = finish(during)

    assert result.connection_errors == []
    statuses = Counter(int(error.split(": ")[1].split()[0]) for error in result.server_errors)
    assert statuses[503] > 0, f"the load never met the outage: {result.summary()}"
    assert set(statuses) == {503}, result.server_errors
    after = finish(run_load(scale.balancer.url, CLIENTS, SECONDS, first_seed=CLIENTS))
    assert after.server_errors == []
    assert after.connection_errors == []
    assert [piece.process.pid for piece in scale.processes] == pids
    assert all(piece.process.poll() is None for piece in scale.processes)
    assert_no_write_lost_or_doubled(scale.processes[2].url, result, after)
    assert "Traceback" not in scale_log.read_text()
    report(
        "scale: PostgreSQL crash",
        f"{CLIENTS} clients through nginx over 3 processes: {result.summary()} (all 503s, "
        f"while it was down); every process answered again {recovered:.1f} s after it was "
        f"back, with no restart; after it {after.summary()}; no acknowledged write lost",
    )


def wait_for(check: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        with suppress(requests.RequestException):
            if check():
                return
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.1)


# The balancer's retry policy, against stand-ins whose behaviour is certain ---------------------


class StandIn:
    """A demo process stand-in on a free port that notes each request (method, path and body),
    then answers 200 (after `delay` seconds), or, if `dies`, closes the connection without a
    word: a process killed after it read the request, which may or may not have stored it."""

    def __init__(self, dies: bool, delay: float = 0) -> None:
        self.dies = dies
        self.delay = delay
        self.seen: list[tuple[str, str, bytes]] = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with suppress(OSError):
            while True:
                conn, _ = self.server.accept()
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, suppress(OSError):
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            headers = dict(line.lower().split(": ", 1) for line in lines[1:])
            while len(body) < int(headers.get("content-length", 0)):
                body += conn.recv(65536)
            method, path, _ = lines[0].split(" ")
            self.seen.append((method, path, body))
            time.sleep(self.delay)
            if not self.dies:
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
                )

    def close(self) -> None:
        self.server.close()


@contextmanager
def balancer_over(
    upstreams: list[StandIn], log: Path, read_timeout: str = READ_TIMEOUT, refusing: int = 0
) -> Iterator[str]:
    """The scale setup's nginx, as `make scale` configures it, in front of `upstreams` (after
    `refusing` ports nothing listens on: processes that are down)."""
    port = free_port()
    ports = [free_port() for _ in range(refusing)] + [u.port for u in upstreams]
    # Not in pytest's tmp_path: as root, nginx's workers run as nobody, and must reach its
    # temporary files; pytest's folders are closed to other users.
    with tempfile.TemporaryDirectory(prefix="scale-nginx-") as folder, log.open("a") as output:
        piece = start_balancer(Path(folder), port, ports, output, read_timeout)
        try:
            wait_for(lambda: listening(port), 10)
            yield piece.url
        finally:
            stop_pieces([piece])


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def first_to_reach(dying: StandIn, send: Callable[[int], requests.Response]) -> tuple:
    """Send requests until one reaches `dying` (round robin: the first or the second); that
    request's number and answer."""
    for number in range(1, 3):
        answer = send(number)
        if any(f"n={number}" in path for _, path, _ in dying.seen):
            return number, answer
    raise AssertionError(f"no request reached the dying stand-in: {dying.seen}")


@pytest.fixture
def stand_ins() -> Iterator[tuple[StandIn, StandIn]]:
    """One that dies mid-request, one that answers, in that order in the upstream list."""
    dying, healthy = StandIn(dies=True), StandIn(dies=False)
    yield dying, healthy
    dying.close()
    healthy.close()


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_the_balancer_retries_an_idempotent_request_on_the_next_process(
    nginx, stand_ins, scale_log, method
):
    dying, healthy = stand_ins
    with balancer_over([dying, healthy], scale_log) as url:
        number, answer = first_to_reach(
            dying, lambda n: requests.request(method, f"{url}/api/todos/1?n={n}", timeout=10)
        )
    assert answer.status_code == 200
    assert (method, f"/api/todos/1?n={number}", b"") in healthy.seen


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_the_balancer_never_sends_a_write_twice(nginx, stand_ins, scale_log, method):
    dying, healthy = stand_ins
    with balancer_over([dying, healthy], scale_log) as url:
        number, answer = first_to_reach(
            dying,
            lambda n: requests.request(
                method, f"{url}/api/todos?n={n}", json={"title": f"write {n}"}, timeout=10
            ),
        )
    # The write may have been stored before the process died: the client is told it failed,
    # in the API's JSON, and decides; no other process gets it behind the client's back.
    assert answer.status_code == 502
    assert "no demo process could answer" in answer.json()["error"]["message"]
    body = json.dumps({"title": f"write {number}"}).encode()
    assert [seen for seen in healthy.seen if seen[2] == body] == []


def test_the_balancer_tries_the_next_process_when_one_refuses_the_connection(nginx, scale_log):
    healthy = StandIn(dies=False)
    try:
        with balancer_over([healthy], scale_log, refusing=2) as url:
            answers = [requests.get(f"{url}/api/todos/1?n={n}", timeout=10) for n in range(3)]
    finally:
        healthy.close()
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert len(healthy.seen) == 3


def test_a_slow_request_reaches_one_process_only(nginx, scale_log):
    """A GET that takes longer than nginx waits is a 504 after one try, not a visit to every
    process in turn (each of which would be held as long): the generated config, with its read
    timeout shortened to 1 s, in front of three stand-ins slower than that."""
    slow = [StandIn(dies=False, delay=3) for _ in range(PROCESSES)]
    try:
        with balancer_over(slow, scale_log, read_timeout="1s") as url:
            answer = requests.get(f"{url}/api/todos?limit=500", timeout=30)
            time.sleep(0.5)  # a retry, if there were one, would reach the next at once
    finally:
        for stand_in in slow:
            stand_in.close()
    assert answer.status_code == 504
    assert answer.json()["error"]["message"] == "no demo process answered in time"
    reached = [seen for stand_in in slow for seen in stand_in.seen]
    assert reached == [("GET", "/api/todos?limit=500", b"")]
