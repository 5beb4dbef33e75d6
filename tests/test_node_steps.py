"""The hello-world page's Node.js steps, run as printed in a fresh folder, with port 3000 busy
(the demo a reader keeps running has it): each command the page shows, in the page's order."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import textwrap
from contextlib import ExitStack

import pytest
import requests

from tests.helpers import ROOT, running

PAGE = ROOT / "docs" / "hello-world.md"
APP = ROOT / "examples" / "express" / "app.js"

pytestmark = pytest.mark.node
if not (shutil.which("node") and shutil.which("npm")):
    pytestmark = [pytest.mark.node, pytest.mark.skip(reason="node and npm are not installed")]


def node_tab_commands() -> list[str]:
    """The bash blocks of the page's Node.js tab, in order."""
    text = PAGE.read_text(encoding="utf-8")
    tab = text.split('=== "Node.js"', 1)[1].split('=== "Python"', 1)[0]
    return [textwrap.dedent(block).strip() for block in re.findall(r"```bash\n(.*?)```", tab, re.S)]


def taken(port: int, stack: ExitStack) -> None:
    """Make sure something listens on `port` (if something already does, so much the better)."""
    sock = stack.enter_context(socket.socket())
    # As servers do: a connection of an earlier test in TIME_WAIT must not leave it free.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen()
    except OSError:
        pass
    socket.create_connection(("127.0.0.1", port), timeout=5).close()  # busy, for sure


def test_the_steps_are_the_ones_this_test_follows():
    assert node_tab_commands() == [
        "mkdir hello-backend && cd hello-backend",
        "npm init -y",
        "npm install express",
        "node app.js",
        "PORT=3001 node app.js",
    ]


def test_the_node_steps_work_as_printed_with_port_3000_busy(tmp_path):
    mkdir, init, install, start, start_beside = node_tab_commands()
    bash = shutil.which("bash")
    assert bash
    subprocess.run([bash, "-c", mkdir], cwd=tmp_path, check=True)
    project = tmp_path / "hello-backend"
    for command in (init, install):
        result = subprocess.run(
            [bash, "-c", command], cwd=project, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
    shutil.copy(APP, project / "app.js")  # step 4: "Save the code above as app.js"

    # What the page says `npm init -y` and `npm install express` write.
    written = json.loads((project / "package.json").read_text(encoding="utf-8"))
    assert written["main"] == "index.js" and "test" in written["scripts"]
    assert written["license"] == "ISC"
    assert written["dependencies"]["express"].startswith("^5.")

    with ExitStack() as stack:
        taken(3000, stack)
        # Step 5 with the demo on 3000: it says so and stops, instead of claiming to run.
        result = subprocess.run(
            [bash, "-c", start], cwd=project, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1
        assert "Server is running" not in result.stdout
        assert result.stderr.startswith("Cannot start the server: listen EADDRINUSE")
        assert ":3000" in result.stderr

        # The page's way to run both side by side.
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", 3001)) == 0:
                pytest.skip("port 3001 is in use on this machine; the page's command needs it")
        with running([bash, "-c", start_beside], cwd=project) as express:
            assert express.wait_for_line("Server is running on", timeout=30) == (
                "Server is running on http://localhost:3001"
            )
            answer = requests.get("http://localhost:3001/", timeout=10)
            assert (answer.status_code, answer.text) == (200, "Hello, World!")
