"""The database through the real command: data survives restarts, bad files are left alone,
a served file is the server's own, ids are never given twice."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
import requests

from demo_server.storage.database import known_schemes
from site_plugins.page_checks.ports import free_port
from tests.cli_support import one_line_error, run_demo
from tests.helpers import ROOT
from tooling.processes import demo_server, demo_server_command, running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


def test_a_write_survives_a_restart(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        created = requests.post(
            f"{base}/api/todos", json={"title": "Survive a restart"}, timeout=10
        )
        assert created.status_code == 201
        todo_id = created.json()["id"]
        assert server.stop() == 0
    with demo_server(db=db) as (server, base):
        found = requests.get(f"{base}/api/todos/{todo_id}", timeout=10)
        assert found.status_code == 200 and found.json()["title"] == "Survive a restart"
        server.stop()


def test_reset_starts_over_from_the_pages_list(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        added = requests.post(f"{base}/api/todos", json={"title": "Gone after reset"}, timeout=10)
        assert added.status_code == 201, added.content
        server.stop()
    with demo_server(None, "--reset", db=db) as (server, base):
        todos = requests.get(f"{base}/api/todos", timeout=10).json()["todos"]
        assert [t["title"] for t in todos][-1] == "sub thing now"
        assert len(todos) == 4
        server.stop()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my precious notes\n" * 100)
    before = notes.read_bytes()
    result = subprocess.run(
        demo_server_command("--db", str(notes), "--port", "3999"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"demo-server: {notes} is not a SQLite database; pass another file with --db "
        "(the file was left untouched)"
    ]
    assert notes.read_bytes() == before
    assert not (tmp_path / "notes.txt-wal").exists()


def test_binding_beyond_loopback_is_said_loudly(tmp_path):
    with demo_server(None, "--host", "0.0.0.0", db=tmp_path / "t.sqlite3") as (server, _):
        assert any("WARNING: listening on 0.0.0.0" in line for line in server.lines)
        server.stop()


def test_default_bind_is_loopback_only(tmp_path):
    with demo_server(db=tmp_path / "t.sqlite3") as (server, _):
        assert not any("WARNING" in line for line in server.lines)
        assert any(
            line.startswith("Server is running on http://127.0.0.1:") for line in server.lines
        )
        server.stop()


def test_a_folder_as_database_is_one_line(tmp_path):
    line = one_line_error(run_demo("--db", str(tmp_path), "--port", str(free_port())))
    assert line == (
        f"demo-server: {tmp_path.resolve()} is a folder; pass a file with --db, "
        f"e.g. --db {tmp_path.resolve() / 'todos.sqlite3'}"
    )


def test_where_prints_the_file_and_starts_nothing(tmp_path):
    chosen = tmp_path / "lists" / "work.sqlite3"
    result = run_demo("--where", "--db", str(chosen))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{chosen.resolve()}\n", "")
    assert not chosen.parent.exists()


def test_where_without_db_names_the_file_a_server_would_use(tmp_path):
    data = {"XDG_DATA_HOME": str(tmp_path / "data")}  # the default, moved out of the real one
    result = run_demo("--where", env=data)
    assert result.returncode == 0 and result.stderr == ""
    assert not (tmp_path / "data").exists()
    with running(demo_server_command("--port", str(free_port())), env=data) as server:
        shown = server.wait_for_line("Database: ").removeprefix("Database: ")
        server.stop()
    assert result.stdout == shown + "\n"


def test_a_served_database_cannot_be_reset_or_served_twice(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        created = requests.post(f"{base}/api/todos", json={"title": "Acknowledged"}, timeout=5)
        assert created.status_code == 201
        todo = created.json()
        files = {path.name: path.stat().st_size for path in tmp_path.iterdir()}
        holder = f"demo-server (pid {server.process.pid}, {base})"

        reset = one_line_error(run_demo("--reset", "--db", str(db), "--port", str(free_port())))
        assert reset == (
            f"demo-server: cannot reset {db.resolve()}: {holder} is serving it; stop that "
            "server first (Ctrl-C where it runs), then run demo-server --reset again"
        )
        second = one_line_error(run_demo("--db", str(db), "--port", str(free_port())))
        assert second == (
            f"demo-server: {db.resolve()} is in use by {holder}; stop that server first, "
            "or pass another file with --db"
        )

        assert {path.name for path in tmp_path.iterdir()} == set(files)  # nothing deleted
        assert requests.get(f"{base}/api/todos/{todo['id']}", timeout=5).json() == todo
        assert server.stop() == 0
    with demo_server(db=db) as (server, base):
        assert requests.get(f"{base}/api/todos/{todo['id']}", timeout=5).json() == todo
        server.stop()
    # Once the server has stopped, the file is free again: --reset starts over.
    with demo_server(None, "--reset", db=db) as (server, base):
        assert requests.get(f"{base}/api/todos/{todo['id']}", timeout=5).status_code == 404
        server.stop()


#: The schema before ids were AUTOINCREMENT: SQLite then gave a deleted last id out again.
OLD_SCHEMA = """
CREATE TABLE todos (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL CHECK (title <> ''),
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    parent_id  INTEGER REFERENCES todos (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL
);
CREATE INDEX todos_parent ON todos (parent_id);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('seeded', '2024-01-01T00:00:00Z');
INSERT INTO todos VALUES
    (1, 'First Thing', 0, NULL, '2024-01-01T00:00:00Z'),
    (2, 'second thing now', 1, NULL, '2024-01-01T00:00:00Z'),
    (3, 'third thing now', 0, NULL, '2024-01-01T00:00:00Z'),
    (4, 'sub thing now', 0, 3, '2024-01-01T00:00:00Z'),
    (7, 'the last one', 0, NULL, '2024-01-02T00:00:00Z');
"""


def test_an_old_database_is_migrated_in_place_and_ids_are_never_reused(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.executescript(OLD_SCHEMA)
        before = conn.execute("SELECT * FROM todos ORDER BY id").fetchall()
    with demo_server(db=db) as (server, base):
        todos = requests.get(f"{base}/api/todos", timeout=5).json()["todos"]
        assert [(t["id"], t["title"], t["done"], t["parent_id"]) for t in todos] == [
            (row[0], row[1], bool(row[2]), row[3]) for row in before
        ]
        assert requests.delete(f"{base}/api/todos/7", timeout=5).status_code == 204
        created = requests.post(f"{base}/api/todos", json={"title": "New"}, timeout=5).json()
        assert created["id"] == 8  # not 7 again: that one was deleted
        # Sub-tasks still go with their parent.
        assert requests.delete(f"{base}/api/todos/3", timeout=5).status_code == 204
        assert requests.get(f"{base}/api/todos/4", timeout=5).status_code == 404
        assert server.stop() == 0
    with closing(sqlite3.connect(db)) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'todos'").fetchone()
        assert "AUTOINCREMENT" in sql
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(todos)")}
        assert "todos_parent" in indexes


def test_a_clean_stop_closes_every_connection_of_the_worker(tmp_path):
    # SQLite folds its write-ahead log into the file and deletes it when the last connection
    # closes: the -wal and -shm files going is the proof the worker closed its connections.
    db = tmp_path / "todos.sqlite3"
    with demo_server(None, "--threads", "2", db=db) as (server, base):
        assert requests.post(f"{base}/api/todos", json={"title": "x"}, timeout=5).ok
        assert (tmp_path / "todos.sqlite3-wal").exists()
        assert server.stop() == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "todos.sqlite3",
        "todos.sqlite3.lock",
    ]


@pytest.mark.parametrize(
    ("given", "scheme"),
    [
        ("oracle://scott:secret@127.0.0.1:1521/demo", "oracle"),
        ("redis://127.0.0.1:6379/0", "redis"),
        ("SQLServer://sa:secret@db.example.test/demo", "sqlserver"),
    ],
)
def test_a_url_of_a_database_the_demo_does_not_know_is_refused_and_creates_nothing(
    tmp_path, given, scheme
):
    """Before, `--db mysql://root@host/demo` served a new SQLite file named `mysql:/root@...`
    in the working directory; a scheme the demo still does not know must never do that."""
    data = Path(os.environ["XDG_DATA_HOME"])
    data_before = sorted(data.rglob("*"))
    for extra in ([], ["--where"]):
        result = run_demo("--db", given, "--port", str(free_port()), *extra, cwd=tmp_path)
        assert one_line_error(result) == (
            f"demo-server: error: argument --db: the demo does not know {scheme}:// databases; "
            f"it knows {known_schemes()}, or give a SQLite file's path (nothing was created)"
        )
        assert "secret" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert sorted(data.rglob("*")) == data_before


def test_a_path_that_only_looks_like_a_url_is_a_file(tmp_path):
    """`./name://...` starts with no scheme: a file of that odd name, if one wants it."""
    result = run_demo("--where", "--db", "./odd://name.sqlite3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str((tmp_path / "odd:" / "name.sqlite3").resolve())
