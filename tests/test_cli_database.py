"""The database through the real command: data survives restarts, bad files are left alone."""

from __future__ import annotations

import json
import subprocess

from tests.helpers import ROOT, demo_server, demo_server_command
from tests.test_cli import post_json, request


def test_a_write_survives_a_restart(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        status, created = post_json(base, "/api/todos", {"title": "Survive a restart"})
        assert status == 201
        assert server.stop() == 0
    with demo_server(db=db) as (server, base):
        status, _, raw = request(base, "GET", f"/api/todos/{created['id']}")
        assert status == 200 and json.loads(raw)["title"] == "Survive a restart"
        server.stop()


def test_reset_starts_over_from_the_pages_list(tmp_path):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        post_json(base, "/api/todos", {"title": "Gone after reset"})
        server.stop()
    with demo_server(None, "--reset", db=db) as (server, base):
        todos = json.loads(request(base, "GET", "/api/todos")[2])["todos"]
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
