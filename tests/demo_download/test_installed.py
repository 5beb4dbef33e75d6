"""The wheel a reader downloads from the built site, installed into a fresh venv and run.

pip fetches the demo's dependencies from the package index, as it does for a reader.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
import requests

from site_plugins.demo_download.wheel import build_wheel
from site_plugins.page_checks.ports import free_port
from tests.demo_download.projects import the_wheel
from tests.demo_download.venvs import Venv, make_venv
from tests.helpers import ROOT
from tooling.processes import running
from tooling.solutions import solution

SITE = "https://docs.example.test"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Venv:
    venv = make_venv(tmp_path_factory.mktemp("reader") / "venv")
    venv.pip_install(the_wheel(built_site))
    return venv


def start_demo(venv: Venv, folder: Path):
    port = free_port()
    # Not from the checkout: the installed command, in a folder of its own.
    process = running(
        [str(venv.command("demo-server")), "--port", str(port), "--db", str(folder / "todos.db")],
        cwd=folder,
        env={"PYTHONPATH": ""},
    )
    return process, f"http://127.0.0.1:{port}"


def preflight(base: str) -> requests.Response:
    return requests.options(
        f"{base}/api/todos",
        headers={"Origin": SITE, "Access-Control-Request-Method": "POST"},
        timeout=10,
    )


def test_the_sites_wheel_installs_and_runs(venv, built_site, tmp_path):
    venv.pip_install("--force-reinstall", "--no-deps", the_wheel(built_site))
    installed = venv.run_python("import demo_server; print(demo_server.__file__)")
    assert Path(installed).is_relative_to(venv.folder), installed
    with start_demo(venv, tmp_path)[0] as demo:
        line = demo.wait_for_line("Server is running on")
        base = line.split("Server is running on ")[1].strip()
        response = requests.get(f"{base}/", timeout=10)
        assert response.status_code == 200
        assert response.text == "Hello, World!"
        # Built without site_url: it trusts the local docs only, not a site it was not built for.
        assert preflight(base).status_code == 403
        assert demo.stop(signal.SIGTERM) == 0
    assert (tmp_path / "todos.db").is_file()
    assert "Traceback" not in demo.output()


def test_the_installed_demo_server_checks_an_exercise(venv, built_site, tmp_path):
    """`demo-server check`, as the exercise pages print it, from the wheel alone: the checks
    ship in it and are found where pip put them."""
    venv.pip_install("--force-reinstall", "--no-deps", the_wheel(built_site))
    mine = tmp_path / "my_app.py"
    mine.write_text(solution("02-todo-by-id"), encoding="utf-8")
    result = subprocess.run(
        [str(venv.command("demo-server")), "check", "02", "my_app.py"],
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("exercise 02-todo-by-id: 6 of 6 checks pass\n")


def test_a_wheel_built_for_a_site_trusts_that_site(venv, tmp_path):
    wheel = build_wheel(ROOT / "pyproject.toml", ROOT / "demo_server", SITE + "/sub/")
    path = tmp_path / wheel.filename
    path.write_bytes(wheel.content)
    venv.pip_install("--force-reinstall", "--no-deps", path)
    process, base = start_demo(venv, tmp_path)
    with process as demo:
        demo.wait_for_line("Server is running on")
        response = preflight(base)
        assert response.status_code == 204
        assert response.headers["Access-Control-Allow-Origin"] == SITE
        assert demo.stop(signal.SIGTERM) == 0
    # The wheel says how far that trust goes: the origin, not only the site's /sub/ path.
    help_text = subprocess.run(
        [str(venv.bin / "demo-server"), "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    assert "every page of that origin" in " ".join(help_text.split())
