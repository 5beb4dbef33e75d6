"""examples/bottle/hello.py, the Python tab's hello world, run as a reader runs it."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.helpers import ROOT
from tests.site_pages import html_pages, snippet_text
from tooling.processes import running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

HELLO = ROOT / "examples" / "bottle" / "hello.py"


def hello_command() -> list[str]:
    return [sys.executable, str(HELLO)]


def test_it_answers_hello_world_on_the_port_from_PORT(tmp_path):
    port = free_port()
    with running(hello_command(), env={"PORT": str(port)}, cwd=tmp_path) as hello:
        assert hello.wait_for_line("Server is running on") == (
            f"Server is running on http://localhost:{port}"
        )
        response = requests.get(f"http://localhost:{port}/", timeout=10)
        assert response.status_code == 200
        assert response.text == "Hello, World!"
        assert response.headers["Content-Type"].startswith("text/html")
        assert requests.get(f"http://localhost:{port}/nowhere", timeout=10).status_code == 404
        assert hello.stop(signal.SIGINT) == 0  # Ctrl-C, right after a request
    assert "Traceback" not in hello.output()


def test_a_busy_port_is_one_line_and_exit_code_1(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        with running(hello_command(), env={"PORT": str(port)}, cwd=tmp_path) as hello:
            assert hello.process.wait(timeout=20) == 1
            hello._thread.join(timeout=5)
    assert hello.lines == [
        f"Port {port}: Address already in use. Set PORT to another, e.g. PORT={port + 1}"
    ]


def test_the_page_shows_the_file_as_it_is(built_site: Path):
    soup = html_pages(built_site)["hello-world/index.html"]
    blocks = {
        block.select_one(".filename").get_text(): block.select_one("pre code").get_text()
        for block in soup.select("div.highlight")
        if block.select_one(".filename")
    }
    assert blocks["examples/bottle/hello.py"].rstrip("\n") == snippet_text(
        "examples/bottle/hello.py"
    )
    assert "demo_server/hello.py" in blocks, "the demo's own route is still shown"
    steps = " ".join(code.get_text() for code in soup.select(".tabbed-block pre code"))
    for command in ("-m venv .venv", "source .venv/bin/activate", "Activate.ps1"):
        assert command in steps, command
    for command in ("pip install bottle", "python hello.py"):
        assert command in steps, command
    links = [a["href"] for a in soup.select(".tabbed-block a[href]")]
    assert "../demo-server/#get-the-demo" in links
