"""A bounded mixed read/write load on the demo API, keeping count of what the server acknowledged.

Used by the short tests in `make test` and by `make soak` (the same code, run longer).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tooling.processes import demo_server


@dataclass
class LoadResult:
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    connection_errors: list[str] = field(default_factory=list)
    #: A reused keep-alive connection the server had closed before our request reached it:
    #: HTTP lets a server close an idle connection at any time, and clients retry on a new one.
    keepalive_closed: int = 0
    created: set[int] = field(default_factory=set)  # ids whose 201 reached us
    deleted: set[int] = field(default_factory=set)  # ids whose 204 reached us
    #: ids whose DELETE was sent but got no 204 back: gone or not, we cannot tell (a balancer
    #: may have retried it on another process after the first one deleted it: a 404).
    maybe_deleted: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self) -> str:
        return (
            f"{self.requests} requests, {len(self.server_errors)} server errors, "
            f"{len(self.connection_errors)} connection errors, {len(self.created)} creates "
            f"and {len(self.deleted)} deletes acknowledged"
        )


def _client(
    host: str,
    port: int,
    deadline: float,
    stop: threading.Event,
    result: LoadResult,
    writes_only: bool,
    seed: int,
) -> None:
    rng = random.Random(seed)
    mine: list[int] = []
    sent = 0  # numbers each title, so that a create stored twice shows as a repeated title
    conn = http.client.HTTPConnection(host, port, timeout=30)
    reused = False
    while time.monotonic() < deadline and not stop.is_set():
        roll = 0.5 if writes_only else rng.random()  # 0.5: always a create
        if roll < 0.25:
            method, path, body = "GET", "/api/todos", None
        elif roll < 0.4:
            method, path, body = "GET", f"/api/todos/{rng.randint(1, 50)}", None
        elif roll < 0.8 or not mine:
            method, path = "POST", "/api/todos"
            sent += 1
            body = json.dumps({"title": f"load {seed}-{sent}"})
        else:
            method, path, body = "DELETE", f"/api/todos/{mine.pop(rng.randrange(len(mine)))}", None
        try:
            conn.request(
                method,
                path,
                body=body,
                headers={"Content-Type": "application/json"} if body else {},
            )
            res = conn.getresponse()
            data = res.read()
        except (OSError, http.client.HTTPException) as exc:
            idle_close = reused and isinstance(
                exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
            )
            with result.lock:
                if idle_close:
                    result.keepalive_closed += 1
                else:
                    result.connection_errors.append(f"{method} {path}: {exc!r}")
                if method == "DELETE":
                    result.maybe_deleted.add(int(path.rsplit("/", 1)[1]))
            conn.close()
            reused = False
            if stop.is_set():
                return
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        reused = True
        with result.lock:
            result.requests += 1
            if res.status >= 500:
                result.server_errors.append(f"{method} {path}: {res.status} {data[:200]!r}")
            elif method == "POST" and res.status == 201:
                todo_id = json.loads(data)["id"]
                result.created.add(todo_id)
                mine.append(todo_id)
            elif method == "DELETE" and res.status == 204:
                result.deleted.add(int(path.rsplit("/", 1)[1]))
            if method == "DELETE" and res.status != 204:
                result.maybe_deleted.add(int(path.rsplit("/", 1)[1]))
    conn.close()


def report(name: str, line: str) -> None:
    """Soak figures, one line each, picked up by `make soak`'s summary."""
    print(f"\nSOAK {name}: {line}")


def run_load(
    base: str,
    clients: int,
    seconds: float,
    *,
    writes_only: bool = False,
    stop: threading.Event | None = None,
    first_seed: int = 0,
) -> tuple[LoadResult, list[threading.Thread]]:
    """Start `clients` threads loading `base` for `seconds`; returns at once (join the threads).

    Client n is seeded with `first_seed + n`, and its titles carry the seed: two runs on one
    database give different `first_seed`s to keep every title unique."""
    host, port = base.removeprefix("http://").split(":")
    stop = stop or threading.Event()
    result = LoadResult()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_client,
            daemon=True,
            args=(host, int(port), deadline, stop, result, writes_only, first_seed + i),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    return result, threads


#: The list's cap, out of the way: the load writes more than the default 5,000.
NO_CAP = ("--max-todos", "1000000000")


def writes_then_sigkill(db: str | Path, seconds: float) -> LoadResult:
    """Writes from 20 clients to a demo on `db` for `seconds` (at most 3), then SIGKILL to the
    demo's main process and its workers, as a power cut would: what the load saw
    acknowledged, for the caller to look for after a restart."""
    with demo_server(None, "--threads", "4", *NO_CAP, db=db) as (server, base):
        stop = threading.Event()
        result, threads = run_load(base, 20, 60, writes_only=True, stop=stop)
        time.sleep(min(seconds, 3))
        os.killpg(server.process.pid, signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert result.created, "the load wrote nothing before the kill"
    return result
