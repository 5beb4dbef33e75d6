"""The page's Express original and our demo, asked the same questions, give the same answers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import requests

from tests.helpers import ROOT, demo_server, free_port, running

EXPRESS_DIR = ROOT / "examples" / "express"

pytestmark = pytest.mark.node
if not (shutil.which("node") and shutil.which("npm")):
    pytestmark = [pytest.mark.node, pytest.mark.skip(reason="node and npm are not installed")]


@pytest.fixture(scope="module")
def express_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/express with its locked Express installed, as a reader's folder would be."""
    folder = tmp_path_factory.mktemp("express")
    for name in ("app.js", "package.json", "package-lock.json"):
        shutil.copy(EXPRESS_DIR / name, folder / name)
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def both_servers(express_app: Path):
    port = free_port()
    with running(["node", "app.js"], env={"PORT": str(port)}, cwd=express_app) as express:
        line = express.wait_for_line("Server is running on")
        assert line == f"Server is running on http://localhost:{port}"
        with demo_server() as (_, demo_base):
            yield f"http://127.0.0.1:{port}", demo_base


def ask_both(
    both_servers, method: str, path: str = "/", headers: dict[str, str] | None = None
) -> tuple[requests.Response, requests.Response]:
    """The same request to Express and to the demo: (Express's answer, the demo's answer)."""
    express_base, demo_base = both_servers
    return (
        requests.request(method, express_base + path, headers=headers, timeout=10),
        requests.request(method, demo_base + path, headers=headers, timeout=10),
    )


def test_get_root_matches(both_servers):
    express, demo = ask_both(both_servers, "GET")
    assert demo.status_code == express.status_code == 200
    assert demo.content == express.content == b"Hello, World!"
    for header in ("content-type", "content-length", "etag"):
        assert demo.headers[header] == express.headers[header], header


def test_head_root_matches(both_servers):
    express, demo = ask_both(both_servers, "HEAD")
    assert demo.status_code == express.status_code == 200
    assert demo.content == express.content == b""
    for header in ("content-type", "content-length", "etag"):
        assert demo.headers[header] == express.headers[header], header


def test_conditional_get_matches(both_servers):
    express_etag = ask_both(both_servers, "GET")[0].headers["etag"]
    express, demo = ask_both(both_servers, "GET", headers={"If-None-Match": express_etag})
    assert demo.status_code == express.status_code == 304
    assert demo.content == express.content == b""


def test_options_matches(both_servers):
    express, demo = ask_both(both_servers, "OPTIONS")
    assert demo.status_code == express.status_code == 200
    assert demo.headers["allow"] == express.headers["allow"] == "GET, HEAD"
    assert demo.content == express.content


def test_unknown_path_matches(both_servers):
    express, demo = ask_both(both_servers, "GET", "/no/such/page")
    assert demo.status_code == express.status_code == 404


def test_demo_leaves_out_what_express_gives_away(both_servers):
    express, demo = ask_both(both_servers, "GET")
    assert express.headers["x-powered-by"] == "Express"
    assert "x-powered-by" not in demo.headers


def test_app_js_says_so_and_fails_when_the_port_is_taken(express_app: Path):
    # With the demo (or anything) on the port, app.js must not claim to be running.
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            ["node", "app.js"],
            cwd=express_app,
            env={**os.environ, "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "Server is running" not in result.stdout
    assert result.stderr.startswith("Cannot start the server: listen EADDRINUSE"), result.stderr
