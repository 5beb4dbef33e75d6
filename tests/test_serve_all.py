"""`make serve`'s launcher: the site and the demo start together and stop together."""

from __future__ import annotations

import os
import signal
import socket
import sys
import urllib.request
from pathlib import Path

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tooling.processes import answers, poll_until, running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


def fetch(url: str, timeout: float = 60.0) -> bytes:
    def body() -> bytes | None:
        try:
            with urllib.request.urlopen(url, timeout=5) as res:
                return res.read()
        except OSError:
            return None

    return poll_until(body, timeout, f"{url} answering", interval=0.2)


def launcher_command(demo_port: int, docs_port: int, *demo_args: str) -> list[str]:
    """`make serve DEMO_ARGS="--port N --docs-addr ADDR ..."`'s command, on free ports."""
    return [
        sys.executable,
        "scripts/serve_all.py",
        "--port",
        str(demo_port),
        "--docs-addr",
        f"127.0.0.1:{docs_port}",
        *demo_args,
    ]


def test_site_and_demo_run_together_and_ctrl_c_stops_both():
    demo_port, docs_port = free_port(), free_port()
    with running(launcher_command(demo_port, docs_port)) as launcher:
        launcher.wait_for_line(f"Site:  http://127.0.0.1:{docs_port}/")
        launcher.wait_for_line(f"Demo:  http://127.0.0.1:{demo_port}/")
        assert fetch(f"http://127.0.0.1:{demo_port}/") == b"Hello, World!"
        assert b"What is a backend?" in fetch(f"http://127.0.0.1:{docs_port}/")
        os.killpg(launcher.process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        os.killpg(launcher.process.pid, signal.SIGINT)  # and an impatient second one
        assert launcher.process.wait(timeout=20) == 0
        assert "Traceback" not in launcher.output()
    for port in (demo_port, docs_port):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        except OSError:
            continue
        raise AssertionError(f"port {port} still answers after Ctrl-C")


def test_the_docs_address_agrees_everywhere():
    # The launcher lets the docs origin call the demo (CORS) and prints its URL: both must
    # name the address mkdocs serve really uses. The demo itself trusts no port by default.
    from mkdocs.config.base import load_config

    from demo_server.settings import DOCS_ORIGINS, DOCS_PORT
    from tests.helpers import ROOT
    from tooling.serve import configured_docs_addr, docs_origins

    config = load_config(str(ROOT / "mkdocs.yml"))
    host, port = config.dev_addr.host, config.dev_addr.port
    assert configured_docs_addr() == f"{host}:{port}"
    assert port == DOCS_PORT
    assert f"http://{host}:{port}" in docs_origins(configured_docs_addr())
    assert not any(origin.endswith(f":{DOCS_PORT}") for origin in DOCS_ORIGINS)


def test_demo_options_pass_through_and_the_pages_follow_the_ports(tmp_path):
    demo_port, docs_port = free_port(), free_port()
    db = tmp_path / "todos.sqlite3"
    command = launcher_command(demo_port, docs_port, "--db", str(db), "--reset")
    with running(command) as launcher:
        launcher.wait_for_line("Press Ctrl-C to stop both.", timeout=120)
        # The banner comes once both answer: no waiting after it.
        demo = requests.get(f"http://127.0.0.1:{demo_port}/api/todos", timeout=5)
        assert demo.status_code == 200 and len(demo.json()["todos"]) == 4
        page = requests.get(f"http://127.0.0.1:{docs_port}/todo/", timeout=5).text
        assert f'data-server="http://127.0.0.1:{demo_port}"' in page
        for origin in (f"http://127.0.0.1:{docs_port}", f"http://localhost:{docs_port}"):
            preflight = requests.options(
                f"http://127.0.0.1:{demo_port}/api/todos",
                headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
                timeout=5,
            )
            assert preflight.status_code == 204, origin
            assert preflight.headers["Access-Control-Allow-Origin"] == origin
        assert db.exists()
        os.killpg(launcher.process.pid, signal.SIGINT)
        assert launcher.process.wait(timeout=20) == 0


@pytest.mark.parametrize("busy", ["demo", "site"])
def test_a_busy_port_is_one_line_and_starts_nothing(busy):
    ports = {"demo": free_port(), "site": free_port()}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", ports[busy]))
        holder.listen()
        with running(launcher_command(ports["demo"], ports["site"])) as launcher:
            assert launcher.process.wait(timeout=30) == 2
            lines = launcher.output().splitlines()
            assert len(lines) == 1, lines
            assert f"port {ports[busy]} on 127.0.0.1 is already in use" in lines[0]
            assert f"so the {busy} cannot start" in lines[0]
        free = ports["site" if busy == "demo" else "demo"]
        assert not answers(f"http://127.0.0.1:{free}/")


def test_a_bad_demo_option_is_demo_servers_own_error():
    with running(launcher_command(free_port(), free_port(), "--workers", "zero")) as launcher:
        assert launcher.process.wait(timeout=30) == 2
        assert "--workers" in launcher.output() and "Traceback" not in launcher.output()


def command_lines() -> list[list[bytes]]:
    """Every process's arguments (Linux)."""
    found = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            found.append(path.read_bytes().split(b"\0"))
        except OSError:  # gone meanwhile
            continue
    return found


def test_make_serve_passes_demo_args_and_runs_the_demo_with_reload(tmp_path):
    demo_port, docs_port = free_port(), free_port()
    demo_args = f"--port {demo_port} --docs-addr 127.0.0.1:{docs_port} --db {tmp_path / 't.db'}"
    command = ["make", "-s", "serve", f"VENV={sys.prefix}", f"DEMO_ARGS={demo_args} --reset"]
    with running(command) as make:
        make.wait_for_line("Press Ctrl-C to stop both.", timeout=180)
        assert requests.get(f"http://127.0.0.1:{demo_port}/", timeout=5).text == "Hello, World!"
        assert requests.get(f"http://127.0.0.1:{docs_port}/", timeout=5).ok
        assert (tmp_path / "t.db").exists()
        # --reload, as the Makefile asks: the demo's main process watches its code.
        demo = [args for args in command_lines() if b"demo_server" in args]
        demo = [args for args in demo if str(demo_port).encode() in args]
        assert demo and b"--reload" in demo[0]
        os.killpg(make.process.pid, signal.SIGINT)
        make.process.wait(timeout=30)
    for port in (demo_port, docs_port):
        assert not answers(f"http://127.0.0.1:{port}/")
