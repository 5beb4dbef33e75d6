"""The hello-world page's Python steps, run as printed in a fresh folder: a virtual environment,
Bottle from PyPI, the page's hello.py, and the server answering (port 3000 busy first, as the
page warns, then on the port the page suggests)."""

from __future__ import annotations

import shutil
from contextlib import ExitStack

import pytest
import requests

from tests.helpers import ROOT
from tests.page_steps import hold_port, port_in_use, tab_commands
from tests.stacks import bash
from tooling.processes import running

HELLO = ROOT / "examples" / "bottle" / "hello.py"


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands("Python") == [
        "mkdir hello-backend && cd hello-backend",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        "pip install bottle",
        "python hello.py",
    ]


@pytest.mark.processes
def test_the_python_steps_work_as_printed(tmp_path):
    mkdir, venv, activate, install, start = tab_commands("Python")
    assert bash(mkdir, tmp_path).returncode == 0
    project = tmp_path / "hello-backend"
    # One shell, as a reader types them: the activation must hold for the commands after it.
    result = bash(f"set -e; {venv}; {activate}; {install} --quiet", project)
    if result.returncode != 0 and "Could not find a version" in result.stderr:
        pytest.skip("PyPI is not reachable from here")
    assert result.returncode == 0, result.stderr[-2000:]
    shutil.copy(HELLO, project / "hello.py")  # step 5: "Save the code above as hello.py"

    with ExitStack() as stack:
        hold_port(3000, stack)
        busy = bash(f"{activate}; {start}", project)
        assert busy.returncode != 0 and "3000" in busy.stderr + busy.stdout
        assert "Traceback" not in busy.stderr

        if port_in_use(3001):
            pytest.skip("port 3001 is in use on this machine; the page's command needs it")
        beside = f"{activate}; PORT=3001 {start}"  # the page's way round a busy port
        with running([shutil.which("bash") or "bash", "-c", beside], cwd=project) as hello:
            assert hello.wait_for_line("Server is running on", timeout=30) == (
                "Server is running on http://localhost:3001"
            )
            answer = requests.get("http://localhost:3001/", timeout=10)
            assert (answer.status_code, answer.text) == (200, "Hello, World!")
