"""Filling a demo database straight through SQL, on SQLite or PostgreSQL: thousands of rows
in a blink, and data the API would refuse to make today (as an older demo made it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from demo_server.settings import Settings
from demo_server.storage.database import Database, Kind
from demo_server.storage.postgresql import PostgresRun, connect
from demo_server.storage.sql import Run
from demo_server.storage.sqlite import SQLiteRun

CREATED_AT = "2026-01-01T00:00:00Z"


@contextmanager
def raw(target: Settings | Database | Path) -> Iterator[Run]:
    """One transaction on the database, behind the app's back (`?` parameters on both)."""
    if isinstance(target, Settings):
        target = target.database
    if isinstance(target, Path):
        target = Database.sqlite_file(target)
    if target.kind is Kind.POSTGRESQL:
        with connect(target.location) as conn, conn.transaction():
            yield PostgresRun(conn)
        return
    with closing(sqlite3.connect(target.path)) as conn, conn:
        conn.row_factory = sqlite3.Row
        yield SQLiteRun(conn)


def fill_to(target: Settings | Database | Path, count: int, title: str = "filler") -> None:
    """Add top-level to-dos until the list holds `count`."""
    with raw(target) as run:
        have = int(run("SELECT count(*) AS n FROM todos")[0]["n"])
        run.many(
            "INSERT INTO todos (title, created_at) VALUES (?, ?)",
            [(title, CREATED_AT)] * max(0, count - have),
        )


def add_chain(target: Settings | Database | Path, depth: int) -> int:
    """A to-do with a sub-task, that has a sub-task, ... `depth` levels in all; the top's id."""
    with raw(target) as run:
        parent = top = None
        for level in range(depth):
            parent = run.insert(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (f"level {level + 1}", parent, CREATED_AT),
            )
            top = top or parent
    assert top is not None
    return top
