"""The demo under load and faults: nothing acknowledged is ever lost, nothing returns a 5xx.

Short versions run in `make test`; `make soak` sets SOAK_SECONDS for the long ones.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing

import pytest
import requests

from demo_server.storage.interface import SEED_TODOS
from tests.helpers import all_todos
from tests.reliability.load import NO_CAP, report, run_load, writes_then_sigkill
from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

SECONDS = float(os.environ.get("SOAK_SECONDS", "4"))
CLIENTS = 50

#: These tests are about crashes and load, not the list's cap: a run adds thousands of to-dos.


def stored_ids(db) -> set[int]:
    with closing(sqlite3.connect(db)) as conn, conn:
        return {row[0] for row in conn.execute("SELECT id FROM todos")}


def test_mixed_load_loses_nothing_and_never_fails(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(None, "--threads", "4", *NO_CAP, db=db) as (server, base):
        result, threads = run_load(base, CLIENTS, SECONDS)
        for thread in threads:
            thread.join(timeout=SECONDS + 60)
        assert result.server_errors == []
        assert result.connection_errors == []
        expected = set(range(1, len(SEED_TODOS) + 1)) | result.created
        expected -= result.deleted
        assert stored_ids(db) == expected
        assert result.requests > 100
        report(
            "mixed load",
            f"{CLIENTS} clients, {SECONDS:g} s: {result.summary()}, "
            f"{len(stored_ids(db))} rows found, {len(expected)} expected",
        )
        assert server.stop() == 0


def test_sigkill_mid_write_loses_no_acknowledged_write(tmp_path):
    db = tmp_path / "todos.sqlite3"
    result = writes_then_sigkill(db, SECONDS)
    with closing(sqlite3.connect(db)) as conn, conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with demo_server(db=db) as (server, base):
        found = {t["id"] for t in all_todos(base)}
        assert result.created <= found
        report(
            "SIGKILL",
            f"{len(result.created)} writes acknowledged, "
            f"{len(result.created & found)} found after restart, integrity ok",
        )
        server.stop()


def test_sigterm_under_load_finishes_and_exits_0(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(None, "--threads", "4", *NO_CAP, db=db) as (server, base):
        stop = threading.Event()
        result, threads = run_load(base, CLIENTS, 60, stop=stop)
        time.sleep(min(SECONDS, 2))
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=30) == 0
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert result.server_errors == []
        assert "Traceback" not in server.output()
        # Once stopping, the server refuses new connections; none it had accepted was dropped.
        dropped = [e for e in result.connection_errors if "ConnectionRefusedError" not in e]
        assert dropped == []
    # Every acknowledged create is stored and every acknowledged delete is gone.
    stored = stored_ids(db)
    assert result.created - result.deleted <= stored
    assert not result.deleted & stored
    report("SIGTERM under load", f"{result.summary()}; exit code 0")


def worker_pids(main_pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(main_pid)], capture_output=True, text=True)
    return [int(pid) for pid in out.stdout.split()]


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs Linux prlimit")
def test_a_full_disk_is_a_json_503_and_the_server_recovers(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):

        def create(title: str) -> tuple[int, dict]:
            """The status and the JSON answer (every answer is JSON, a 503 too)."""
            answer = requests.post(f"{base}/api/todos", json={"title": title}, timeout=10)
            return answer.status_code, answer.json()

        assert create("before")[0] == 201
        workers = worker_pids(server.process.pid)
        assert workers
        # The file-size limit makes every write past it fail with EFBIG: to SQLite, a full disk.
        size = max(os.path.getsize(f"{db}-wal"), 1)
        for pid in workers:
            # Only the soft limit: lifting it again needs no privilege.
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
        statuses = []
        for i in range(40):
            status, body = create(f"during {i} " + "x" * 150)
            statuses.append(status)
            if status == 503:
                assert "database is unavailable" in body["error"]["message"]
                break
        assert 503 in statuses, statuses
        # Reads still work.
        assert requests.get(f"{base}/api/todos", timeout=10).status_code == 200
        for pid in workers:
            resource.prlimit(
                pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
            )
        assert create("after")[0] == 201
        assert server.stop() == 0
    with closing(sqlite3.connect(db)) as conn, conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


SCHEMATHESIS_CASES = 1000
SCHEMATHESIS_CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,response_headers_conformance"
)


def test_schemathesis_finds_no_server_error_and_no_schema_break(tmp_path):
    """At least 1,000 generated cases: one run makes 750 to 1,800, so runs repeat (new seeds)."""
    generated = runs = 0
    with demo_server(db=tmp_path / "todos.sqlite3") as (server, base):
        while generated < SCHEMATHESIS_CASES and runs < 4:
            runs += 1
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "schemathesis.cli",
                    "run",
                    f"{base}/openapi.json",
                    "--max-examples",
                    "200",
                    "--no-color",
                    "--checks",
                    SCHEMATHESIS_CHECKS,
                ],
                capture_output=True,
                text=True,
                timeout=600,
            )
            out = result.stdout
            failures = out[out.find("FAILURES") :] if "FAILURES" in out else ""
            assert result.returncode == 0, (failures or out)[-6000:]
            generated += int(re_search(r"(\d+) generated", out))
        server.stop()
    assert generated >= SCHEMATHESIS_CASES, f"{generated} cases in {runs} runs"
    report("schemathesis", f"{generated} generated cases in {runs} run(s), all passed")


def re_search(pattern: str, text: str) -> str:
    import re

    match = re.search(pattern, text)
    assert match, text[-2000:]
    return match.group(1)
