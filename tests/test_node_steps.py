"""The hello-world page's Node.js steps, run as printed in a fresh folder, with port 3000 busy
(the demo a reader keeps running has it): each command the page shows, in the page's order."""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import ExitStack

import pytest
import requests

from tests.helpers import ROOT
from tests.page_steps import hold_port, port_in_use, tab_commands
from tooling.processes import running

APP = ROOT / "examples" / "express" / "app.js"

pytestmark = pytest.mark.node
if not (shutil.which("node") and shutil.which("npm")):
    pytestmark = [pytest.mark.node, pytest.mark.skip(reason="node and npm are not installed")]


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands("Node.js") == [
        "mkdir hello-backend && cd hello-backend",
        "npm init -y",
        "npm install express",
        "node app.js",
        "PORT=3001 node app.js",
    ]


def test_the_node_steps_work_as_printed_with_port_3000_busy(tmp_path):
    mkdir, init, install, start, start_beside = tab_commands("Node.js")
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
        hold_port(3000, stack)
        # Step 5 with the demo on 3000: it says so and stops, instead of claiming to run.
        result = subprocess.run(
            [bash, "-c", start], cwd=project, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1
        assert "Server is running" not in result.stdout
        assert result.stderr.startswith("Cannot start the server: listen EADDRINUSE")
        assert ":3000" in result.stderr

        # The page's way to run both side by side.
        if port_in_use(3001):
            pytest.skip("port 3001 is in use on this machine; the page's command needs it")
        with running([bash, "-c", start_beside], cwd=project) as express:
            assert express.wait_for_line("Server is running on", timeout=30) == (
                "Server is running on http://localhost:3001"
            )
            answer = requests.get("http://localhost:3001/", timeout=10)
            assert (answer.status_code, answer.text) == (200, "Hello, World!")
