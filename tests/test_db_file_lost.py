"""The SQLite file deleted, or replaced by another, under a running demo-server: noticed.

SQLite itself does not notice: its open connections write on to the deleted file, every write is
answered 201, and all of them are gone when the server restarts on the path (a new, empty file).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import requests

from tooling.processes import demo_server

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

REASONS = {
    "deleted": "the database file was deleted while the server ran; restart demo-server",
    "replaced": "the database file was replaced by another while the server ran; restart "
    "demo-server to use the new one",
}


def delete(db: Path) -> None:
    db.unlink()


def replace(db: Path) -> None:
    """Another file moved in under the same name (a restored backup, say): a copy of it."""
    copy = db.with_name("copy.sqlite3")
    shutil.copyfile(db, copy)
    os.replace(copy, db)


@pytest.mark.parametrize("what", ["deleted", "replaced"])
def test_a_lost_database_file_is_a_one_line_503_and_a_log_line(tmp_path, what):
    db = tmp_path / "todos.sqlite3"
    with demo_server(db=db) as (server, base):
        before = requests.post(f"{base}/api/todos", json={"title": "kept"}, timeout=10)
        assert before.status_code == 201, before.text
        {"deleted": delete, "replaced": replace}[what](db)

        for _ in range(3):
            answer = requests.post(f"{base}/api/todos", json={"title": "lost?"}, timeout=10)
            assert answer.status_code == 503, answer.text
            message = answer.json()["error"]["message"]
            assert message.startswith(f"the database is unavailable: {REASONS[what]}"), message
            assert "\n" not in message
        # Reads too, and the health check, which a balancer or a supervisor watches.
        assert requests.get(f"{base}/api/todos", timeout=10).status_code == 503
        health = requests.get(f"{base}/healthz", timeout=10)
        assert health.status_code == 503
        assert health.json()["database"].startswith(REASONS[what])

        server.wait_for_line(f"demo-server: database error: {REASONS[what]}")
        assert server.stop() == 0
    assert "Traceback" not in server.output()

    if what == "replaced":
        # The file in place is the copy: it has what was written before, and no 201 was lost.
        with demo_server(db=db) as (server, base):
            titles = [
                t["title"] for t in requests.get(f"{base}/api/todos", timeout=10).json()["todos"]
            ]
            assert titles[-1] == "kept"
            assert "lost?" not in titles
            server.stop()
