"""`demo-server --reload`: change the code, and the running demo answers with the new code."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.cli_support import one_line_error, press_ctrl_c
from tests.helpers import ROOT
from tooling.processes import poll_until, running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

HELLO = 'return "Hello, World!"'


def wait_for_body(url: str, wanted: str, timeout: float = 20.0) -> None:
    def body() -> str | None:
        try:
            return requests.get(url, timeout=2).text
        except requests.ConnectionError:
            return None

    poll_until(lambda: body() == wanted, timeout, f"{url} answering {wanted!r}")


def test_a_saved_change_is_served_and_a_typo_does_not_end_the_server(tmp_path):
    # A copy of the package, so the test edits no file of the checkout.
    shutil.copytree(ROOT / "demo_server", tmp_path / "demo_server")
    hello = tmp_path / "demo_server" / "hello.py"
    port = free_port()
    command = [sys.executable, "-m", "demo_server", "--reload", "--port", str(port)]
    with running([*command, "--db", str(tmp_path / "todos.sqlite3")], cwd=tmp_path) as server:
        server.wait_for_line("Server is running on")
        url = f"http://127.0.0.1:{port}/"
        wait_for_body(url, "Hello, World!")

        hello.write_text(hello.read_text().replace(HELLO, 'return "Hello, reload!"'))
        wait_for_body(url, "Hello, reload!")
        server.wait_for_line("Code changed: the demo restarted its workers.")

        hello.write_text(hello.read_text().replace('"Hello, reload!"', '"Hello, typo!'))
        server.wait_for_line("SyntaxError")
        hello.write_text(hello.read_text().replace('"Hello, typo!', '"Hello, fixed!"'))
        wait_for_body(url, "Hello, fixed!")

        code, _ = press_ctrl_c(server, timeout=5)
        assert code == 0
        assert "Server stopped." in server.output()
        # The typo's worker died (Granian says so); the stop itself is clean.
        assert "Killing worker" not in server.output()
        assert "KeyboardInterrupt" not in server.output()


def test_reload_without_watchfiles_is_one_line(tmp_path):
    # watchfiles is installed here: hide it the way a missing package looks to an import.
    code = (
        "import sys; sys.modules['watchfiles'] = None; "
        "from demo_server.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    args = ["--reload", "--port", str(free_port()), "--db", str(tmp_path / "todos.sqlite3")]
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "--reload needs the watchfiles package: pip install watchfiles" in one_line_error(result)
