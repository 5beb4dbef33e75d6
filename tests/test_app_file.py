"""The reader's own code (demo_server.app_file): what `demo-server --app FILE` serves and what
Run loads in the tab, in-process. The real command is in tests/test_cli_app.py."""

from __future__ import annotations

import json

import pytest
from webtest import TestApp

from demo_server.app import create_app
from demo_server.app_file import ReaderCodeError, load_source, read_file
from demo_server.exercises.client import held_connections
from demo_server.in_browser import TabServer
from demo_server.settings import Settings
from demo_server.storage.database import Database, initialise
from tests.helpers import ROOT

HELLO = (ROOT / "demo_server" / "hello.py").read_text(encoding="utf-8")
EDITED = HELLO.replace('"Hello, World!"', '"Hello from my edit!"')
EXERCISE = ROOT / "demo_server" / "exercises" / "01-answer" / "start.py"


def settings_on(tmp_path) -> Settings:
    settings = Settings(database=Database.sqlite_file(tmp_path / "todos.sqlite3"))
    initialise(settings.database)
    return settings


def test_an_edited_demo_module_replaces_only_its_routes(tmp_path):
    app = TestApp(create_app(settings_on(tmp_path), load_source(EDITED, "hello.py")))
    hello = app.get("/")
    assert hello.text == "Hello from my edit!"
    # The rest of the demo is the demo's: its to-dos, its headers, its ETag.
    assert app.get("/api/todos").json["todos"]
    assert hello.headers["X-Content-Type-Options"] == "nosniff"
    app.get("/", headers={"If-None-Match": hello.headers["ETag"]}, status=304)


def test_an_exercise_file_is_the_whole_app():
    code = read_file(EXERCISE)
    assert code.create_app is not None and not code.wants_db_path
    app = TestApp(create_app(Settings(), code))
    assert app.get("/").text == "Hello, World!"
    app.get("/api/todos", status=404)  # not the demo's: the exercise's own app alone


def test_an_exercise_that_keeps_data_gets_the_sqlite_path(tmp_path):
    path = ROOT / "demo_server" / "exercises" / "04-sqlite-field" / "start.py"
    code = read_file(path)
    assert code.wants_db_path
    settings = Settings(database=Database.sqlite_file(tmp_path / "mine.sqlite3"))
    served = create_app(settings, code)
    try:
        TestApp(served).post_json("/todos", {"title": "kept"}, status=201)
        assert (tmp_path / "mine.sqlite3").exists()
    finally:  # as the server's exit would: left to the collector, a ResourceWarning (3.13)
        for connection in held_connections(served):
            connection.close()


@pytest.mark.parametrize(
    ("source", "line", "says"),
    [
        (HELLO.replace("def hello() -> str:", "def hello() -> str"), 14, "SyntaxError"),
        ("import bottle\n\nraise RuntimeError('at import')\n", 3, "RuntimeError: at import"),
        ("x = 1\n", None, "defines none of create_app()"),
        ("def create_app(): ...\ndef add_hello_routes(app): ...\n", None, "not both"),
    ],
)
def test_code_that_cannot_serve_is_one_line_naming_the_line(source, line, says):
    with pytest.raises(ReaderCodeError) as caught:
        load_source(source, "hello.py")
    message = str(caught.value)
    assert caught.value.line == line
    assert message.startswith(f"hello.py:{line}: " if line else "hello.py: ")
    assert says in message and "\n" not in message


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p / "missing.py", "no such file"),
        (lambda p: p, "is a folder"),
        (lambda p: (p / "bad.py", (p / "bad.py").write_bytes(b"\xff\xfe"))[0], "not UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_is_named(tmp_path, make, says):
    path = make(tmp_path)
    with pytest.raises(ReaderCodeError, match=says) as caught:
        read_file(path)
    assert str(caught.value).startswith(str(path))


def test_run_in_the_tab_swaps_the_app_and_keeps_the_data(tmp_path):
    server = TabServer(str(tmp_path / "todos.sqlite3"))
    body = json.dumps({"title": "mine"}).encode()
    made = server.handle("POST", "/api/todos", [("Content-Type", "application/json")], body)
    assert made[0] == 201
    assert server.load_app("hello.py", EDITED) == {
        "ok": True,
        "line": None,
        "message": "",
        "error": "",
    }
    assert server.handle("GET", "/", [])[3] == b"Hello from my edit!"
    todos = json.loads(server.handle("GET", "/api/todos?limit=500", [])[3])["todos"]
    assert "mine" in [t["title"] for t in todos]


def test_code_that_fails_in_the_tab_leaves_the_last_good_app_answering(tmp_path):
    server = TabServer(str(tmp_path / "todos.sqlite3"))
    server.load_app("hello.py", EDITED)
    broken = server.load_app("hello.py", EDITED.replace("def hello()", "def hello("))
    assert broken["ok"] is False and broken["line"] == 14
    assert broken["message"].startswith("hello.py:14: SyntaxError")
    assert broken["error"].startswith("SyntaxError: ") and "hello.py" not in broken["error"]
    raising = server.load_app(
        "hello.py", EDITED.replace("    @app.get", "    1 / 0\n    @app.get", 1)
    )
    assert raising["ok"] is False and raising["line"] == 13
    assert "ZeroDivisionError" in raising["message"]
    whole = server.load_app("start.py", EXERCISE.read_text(encoding="utf-8"))
    assert whole["ok"] is False and "Check" in whole["message"]
    assert server.handle("GET", "/", [])[3] == b"Hello from my edit!"
