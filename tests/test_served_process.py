"""The served process as a whole: workers that end with their parent, an honest lock file,
the raw path in the log, the Server header, HTTP/1.0 without Host. Real `demo-server`
processes and raw sockets."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest
import requests

from demo_server.gateway import BODY_TIMEOUT
from tests.raw_http import address, send_raw
from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@linux_only
def test_sigkill_of_the_main_process_leaves_no_worker_and_no_lock(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(None, "--workers", "2", db=db) as (server, _):
        workers = children(server.process.pid)
        assert len(workers) == 2, workers
        os.kill(server.process.pid, signal.SIGKILL)
        # The kernel's notice (PR_SET_PDEATHSIG) is at once; the workers' orderly exit is not,
        # on a loaded machine (seen: over 2 s at load 9). Waiting longer cannot hide a worker
        # that never leaves.
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [pid for pid in workers if alive(pid)]
        assert left == [], f"workers still running 15 s after the main process was killed: {left}"
        dead = server.process.pid
    # The lock went with them: the next demo takes over, and says whose lock it was.
    with demo_server(db=db) as (server, _):
        line = server.wait_for_line("took over the lock")
        assert f"(pid {dead}, " in line and "no longer running" in line
        assert server.stop() == 0


def test_a_lock_file_naming_a_dead_process_is_taken_over_and_emptied_on_stop(tmp_path):
    db = tmp_path / "todos.sqlite3"
    lock = tmp_path / "todos.sqlite3.lock"
    dead = f"demo-server (pid {2**22 + 12345}, http://127.0.0.1:1)"  # above Linux's pid_max
    lock.write_text(dead + "\n", encoding="utf-8")
    with demo_server(db=db) as (server, base):
        line = server.wait_for_line("took over the lock")
        assert line == (
            f"demo-server: took over the lock on {db.resolve()} from {dead}, which is no longer "
            "running"
        )
        assert (
            lock.read_text(encoding="utf-8") == f"demo-server (pid {server.process.pid}, {base})\n"
        )
        assert server.stop() == 0
    assert lock.read_text(encoding="utf-8") == ""  # names no one once the demo stopped
    with demo_server(db=db) as (server, _):
        assert "took over" not in server.output()  # an empty file is no one's lock
        server.stop()


def test_a_path_that_is_not_utf8_is_a_400_and_is_logged_as_sent(tmp_path):
    with demo_server(db=tmp_path / "todos.sqlite3") as (server, base):
        request = b"GET /api/todo%ffs/1000 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        answer = send_raw(base, request)
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
        # Granian's RSGI interface hands the path over decoded, the byte replaced by U+FFFD:
        # the log says where it was (an in-process app logs the byte itself: test_access_log).
        server.wait_for_line('"GET /api/todo\\ufffds/1000 HTTP/1.1" 400')
        server.stop()


def test_answers_name_no_software_and_http10_without_host_is_served(tmp_path):
    with demo_server(db=tmp_path / "todos.sqlite3") as (server, base):
        answer = send_raw(base, b"GET / HTTP/1.0\r\n\r\n")
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200 "), answer[:300]
        assert body == b"Hello, World!"
        headers = [line.lower() for line in head.split(b"\r\n")[1:]]
        assert b"server: demo-server" in headers, headers
        assert not any(b"granian" in line for line in headers), headers
        server.stop()


def test_a_body_that_never_arrives_is_a_408_and_others_are_served_meanwhile(tmp_path):
    """Headers, `Content-Length: 100`, four bytes and silence used to hold the worker's one
    thread until the client hung up: every other client waited. Default settings (one worker,
    one thread)."""
    with demo_server(db=tmp_path / "todos.sqlite3") as (server, base):
        with socket.create_connection(address(base), timeout=30) as stalled:
            stalled.sendall(
                b"POST /api/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                b'\r\nContent-Length: 100\r\n\r\n{"ti'
            )
            started = time.monotonic()
            served = 0
            while time.monotonic() - started < BODY_TIMEOUT - 1:
                answer = requests.get(base + "/", timeout=3)  # others, while the body is due
                assert answer.content == b"Hello, World!"
                served += 1
            answer = b""
            while chunk := stalled.recv(65536):  # until the server closes the connection
                answer += chunk
            took = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert b"server: demo-server" in answer.lower()
        assert took < BODY_TIMEOUT + 5, took  # generous: the point is that it ends
        assert served > 0
        server.wait_for_line('"POST /api/todos HTTP/1.1" 408 (the body did not arrive)')
        server.stop()
