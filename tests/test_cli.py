"""The real command, as a reader runs it: a process on a free port, signals, a busy port."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

from tests.helpers import ROOT, demo_server, demo_server_command, free_port, running


def request(
    base: str,
    method: str = "GET",
    path: str = "/",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()


def post_json(base: str, path: str, body: dict) -> tuple[int, dict]:
    """POST `body` as JSON; the status and the decoded JSON answer."""
    status, _, raw = request(
        base, "POST", path, {"Content-Type": "application/json"}, json.dumps(body).encode()
    )
    return status, json.loads(raw)


def test_serves_hello_world_and_logs_each_request():
    with demo_server() as (server, base):
        status, headers, body = request(base)
        assert (status, body) == (200, b"Hello, World!")
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-length"] == "13"
        assert "x-powered-by" not in headers
        status, headers, body = request(base, headers={"If-None-Match": headers["etag"]})
        assert (status, body) == (304, b"")
        assert request(base, "HEAD")[:1] == (200,)
        status, headers, body = request(base, "OPTIONS")
        assert (status, headers["allow"]) == (200, "GET, HEAD")
        assert request(base, path="/missing")[0] == 404
        server.wait_for_line('"GET /missing HTTP/1.1" 404')
        log = [line for line in server.lines if '"' in line and "HTTP/1.1" in line]
        assert len(log) == 5, server.output()
        assert server.stop() == 0


def test_start_line_names_the_real_address():
    port = free_port()
    with demo_server(port) as (server, _):
        assert f"Server is running on http://127.0.0.1:{port}" in server.lines
        server.stop()


def test_port_comes_from_the_environment_when_not_given():
    port = free_port()
    with running(demo_server_command(), env={"PORT": str(port)}) as server:
        server.wait_for_line(f"Server is running on http://127.0.0.1:{port}")
        assert request(f"http://127.0.0.1:{port}")[2] == b"Hello, World!"
        assert server.stop() == 0


def test_bad_port_in_environment_is_one_clear_error():
    result = subprocess.run(
        demo_server_command(),
        cwd=ROOT,
        env=dict(os.environ, PORT="eighty"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "$PORT: 'eighty' is not a port number" in result.stderr
    assert "Traceback" not in result.stderr


def test_busy_port_is_one_line_exit_2_no_traceback():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run(
            demo_server_command("--port", str(port)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0]
    assert "--port" in lines[0]


def test_second_demo_server_on_the_same_port_is_refused():
    # Granian binds with SO_REUSEPORT: without our own check, both would "start" and share traffic.
    with demo_server() as (_, base):
        port = base.rsplit(":", 1)[1]
        result = subprocess.run(
            demo_server_command("--port", port),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2
        assert "already in use" in result.stderr


def test_sigterm_stops_cleanly_with_exit_0():
    with demo_server() as (server, base):
        request(base)
        assert server.stop(signal.SIGTERM) == 0
        assert "Traceback" not in server.output()
        assert server.lines[-1] == "Server stopped."


def test_ctrl_c_stops_cleanly_with_exit_0():
    with demo_server() as (server, _):
        # Ctrl-C in a terminal sends SIGINT to the whole process group.
        os.killpg(server.process.pid, signal.SIGINT)
        assert server.stop(signal.SIGINT) == 0
        assert "Traceback" not in server.output()
        assert "KeyboardInterrupt" not in server.output()


def group_members(pgid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True)
    return found.stdout.split()


def test_ctrl_c_right_after_start_leaves_no_worker_behind():
    # Once the start line is printed, the workers handle signals: none may be orphaned.
    for _ in range(5):
        with demo_server() as (server, _):
            os.killpg(server.process.pid, signal.SIGINT)
            assert server.process.wait(timeout=15) == 0
            time.sleep(0.2)
            assert group_members(server.process.pid) == []


def test_help_lists_every_option():
    result = subprocess.run(
        demo_server_command("--help"), cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0
    for option in ("--host", "--port", "--workers", "--threads"):
        assert option in result.stdout


def test_console_script_is_installed():
    script = os.path.join(os.path.dirname(sys.executable), "demo-server")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert re.search(r"usage: demo-server", result.stdout)


def test_the_last_requests_are_logged_even_on_an_immediate_stop():
    with demo_server() as (server, base):
        for _ in range(3):
            request(base, path="/last-words")
        assert server.stop(signal.SIGTERM) == 0  # no pause: lines still in the batch
        assert sum('"GET /last-words HTTP/1.1" 404' in line for line in server.lines) == 3
