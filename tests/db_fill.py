"""Filling a demo database straight through SQLite: thousands of rows in a blink, and data
the API would refuse to make today (as an older demo made it)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

CREATED_AT = "2026-01-01T00:00:00Z"


def fill_to(path: Path, count: int, title: str = "filler") -> None:
    """Add top-level to-dos until the list holds `count`."""
    with closing(sqlite3.connect(path)) as conn, conn:
        (have,) = conn.execute("SELECT count(*) FROM todos").fetchone()
        conn.executemany(
            "INSERT INTO todos (title, created_at) VALUES (?, ?)",
            [(title, CREATED_AT)] * max(0, count - have),
        )


def add_chain(path: Path, depth: int) -> int:
    """A to-do with a sub-task, that has a sub-task, ... `depth` levels in all; the top's id."""
    with closing(sqlite3.connect(path)) as conn, conn:
        parent = top = None
        for level in range(depth):
            cursor = conn.execute(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (f"level {level + 1}", parent, CREATED_AT),
            )
            parent = cursor.lastrowid
            top = top or parent
    assert top is not None
    return top
