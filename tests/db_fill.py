"""Filling a demo database behind the app's back, through SQL on SQLite, PostgreSQL or MySQL:
thousands of rows in a blink, and data the API would refuse to make today (as an older demo
made it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from demo_server.settings import Settings
from demo_server.storage import mysql
from demo_server.storage.database import Database, Kind
from demo_server.storage.postgresql import PostgresRun, connect
from demo_server.storage.sql import Run
from demo_server.storage.sqlite import SQLiteRun

CREATED_AT = "2026-01-01T00:00:00Z"


@contextmanager
def raw(target: Settings | Database | Path) -> Iterator[Run]:
    """One transaction on the database, behind the app's back (`?` parameters on each)."""
    target = _database(target)
    if target.kind is Kind.POSTGRESQL:
        with connect(target.location) as conn, conn.transaction():
            yield PostgresRun(conn)
        return
    if target.kind is Kind.MYSQL:
        with closing(mysql.connect(target.location)) as conn:
            conn.begin()
            yield mysql.MySQLRun(conn)
            conn.commit()
        return
    with closing(sqlite3.connect(target.path)) as conn, conn:
        conn.row_factory = sqlite3.Row
        yield SQLiteRun(conn)


def fill_to(target: Settings | Database | Path, count: int, title: str = "filler") -> None:
    """Add top-level to-dos until the list holds `count`."""
    database = _database(target)
    with raw(database) as run:
        have = int(run("SELECT count(*) AS n FROM todos")[0]["n"])
        run.many(
            "INSERT INTO todos (title, created_at) VALUES (?, ?)",
            [(title, CREATED_AT)] * max(0, count - have),
        )


def add_chain(target: Settings | Database | Path, depth: int) -> int:
    """A to-do with a sub-task, that has a sub-task, ... `depth` levels in all; the top's id."""
    database = _database(target)
    with raw(database) as run:
        parent = top = None
        for level in range(depth):
            parent = run.insert(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (f"level {level + 1}", parent, CREATED_AT),
            )
            top = top or parent
    assert top is not None
    return top


def count_in(target: Settings | Database | Path) -> int:
    """How many to-dos the database holds, counted behind the app's back."""
    database = _database(target)
    with raw(database) as run:
        return int(run("SELECT count(*) AS n FROM todos")[0]["n"])


def _database(target: Settings | Database | Path) -> Database:
    if isinstance(target, Settings):
        return target.database
    if isinstance(target, Path):
        return Database.sqlite_file(target)
    return target
