"""`demo-server --app FILE`, as a reader runs it: their downloaded file served by a real
process, and a file that cannot serve refused in one line before anything starts."""

from __future__ import annotations

import pytest
import requests

from tests.cli_support import one_line_error, run_demo
from tests.helpers import ROOT
from tooling.processes import demo_server

# Starts real processes (servers): not in make test-fast.
pytestmark = pytest.mark.processes

HELLO = (ROOT / "demo_server" / "hello.py").read_text(encoding="utf-8")
EXERCISES = ROOT / "demo_server" / "exercises"


def test_serves_the_readers_edited_hello(tmp_path):
    mine = tmp_path / "hello.py"
    mine.write_text(HELLO.replace('"Hello, World!"', '"Hello from my file!"'), encoding="utf-8")
    with demo_server(None, "--app", str(mine)) as (server, base):
        assert requests.get(base + "/", timeout=10).text == "Hello from my file!"
        assert requests.get(base + "/api/todos", timeout=10).json()["todos"]
        assert server.stop() == 0


def test_serves_an_exercise_file_with_its_own_database(tmp_path):
    start = tmp_path / "start.py"
    start.write_text((EXERCISES / "04-sqlite-field" / "start.py").read_text(), encoding="utf-8")
    db = tmp_path / "exercise.sqlite3"
    with demo_server(None, "--app", str(start), db=db) as (server, base):
        made = requests.post(base + "/todos", json={"title": "mine"}, timeout=10)
        assert made.status_code == 201, made.text
        assert requests.get(base + "/todos", timeout=10).json()["todos"][0]["title"] == "mine"
        assert server.stop() == 0


def test_an_exercise_keeps_its_data_beside_its_file(tmp_path):
    start = tmp_path / "start.py"
    start.write_text((EXERCISES / "04-sqlite-field" / "start.py").read_text(), encoding="utf-8")
    where = run_demo("--app", str(start), "--where")
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip() == str(tmp_path / "start.sqlite3")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "mine.py: no such file"),
        ("def add_hello_routes(app)\n    pass\n", "mine.py:1: SyntaxError: expected ':'"),
        ("import nothing_called_this\n", "mine.py:1: ModuleNotFoundError: No module named"),
        ("x = 1\n", "mine.py: defines none of create_app()"),
    ],
)
def test_a_file_that_cannot_serve_is_one_line_and_exit_2(tmp_path, content, says):
    mine = tmp_path / "mine.py"
    if content is not None:
        mine.write_text(content, encoding="utf-8")
    line = one_line_error(run_demo("--app", str(mine), "--port", "1"))
    assert line.startswith("demo-server: ") and says in line, line


def test_an_exercise_refuses_reset(tmp_path):
    line = one_line_error(run_demo("--app", str(EXERCISES / "01-answer" / "start.py"), "--reset"))
    assert "--reset starts the demo's own to-do list over" in line
