"""The hello-world page's Python steps, run as printed in a fresh folder: a virtual environment,
Bottle from PyPI, the page's hello.py, and the server answering (port 3000 busy first, as the
page warns, then on the port the page suggests)."""

from __future__ import annotations

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
HELLO = ROOT / "examples" / "bottle" / "hello.py"


def python_tab_commands() -> list[str]:
    """The bash blocks of the page's Python tab, in order (PowerShell is for Windows)."""
    text = PAGE.read_text(encoding="utf-8")
    tab = text.split('=== "Python"', 1)[1].split("## ", 1)[0]
    return [textwrap.dedent(block).strip() for block in re.findall(r"```bash\n(.*?)```", tab, re.S)]


def test_the_steps_are_the_ones_this_test_follows():
    assert python_tab_commands() == [
        "mkdir hello-backend && cd hello-backend",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        "pip install bottle",
        "python hello.py",
    ]


def test_the_python_steps_work_as_printed(tmp_path):
    mkdir, venv, activate, install, start = python_tab_commands()
    bash = shutil.which("bash")
    assert bash
    subprocess.run([bash, "-c", mkdir], cwd=tmp_path, check=True)
    project = tmp_path / "hello-backend"
    # One shell, as a reader types them: the activation must hold for the commands after it.
    result = subprocess.run(
        [bash, "-c", f"set -e; {venv}; {activate}; {install} --quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "Could not find a version" in result.stderr:
        pytest.skip("PyPI is not reachable from here")
    assert result.returncode == 0, result.stderr[-2000:]
    shutil.copy(HELLO, project / "hello.py")  # step 5: "Save the code above as hello.py"

    with ExitStack() as stack:
        sock = stack.enter_context(socket.socket())
        # As servers do: a connection of an earlier test in TIME_WAIT must not leave it free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", 3000))
            sock.listen()
        except OSError:
            pass  # something already has 3000: busy either way
        socket.create_connection(("127.0.0.1", 3000), timeout=5).close()  # busy, for sure
        busy = subprocess.run(
            [bash, "-c", f"{activate}; {start}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert busy.returncode != 0 and "3000" in busy.stderr + busy.stdout
        assert "Traceback" not in busy.stderr

        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", 3001)) == 0:
                pytest.skip("port 3001 is in use on this machine; the page's command needs it")
        beside = f"{activate}; PORT=3001 {start}"  # the page's way round a busy port
        with running([bash, "-c", beside], cwd=project) as hello:
            assert hello.wait_for_line("Server is running on", timeout=30) == (
                "Server is running on http://localhost:3001"
            )
            answer = requests.get("http://localhost:3001/", timeout=10)
            assert (answer.status_code, answer.text) == (200, "Hello, World!")
