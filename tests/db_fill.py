"""Filling a demo database behind the app's back, through SQL on SQLite, PostgreSQL or MySQL
and as documents on MongoDB: thousands of rows in a blink, and data the API would refuse to
make today (as an older demo made it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from demo_server.settings import Settings
from demo_server.storage import mongodb, mysql
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
    if database.kind is Kind.MONGODB:
        with documents(database) as (todos, meta):
            have = todos.count_documents({})
            _insert_documents(todos, meta, [(title, None)] * max(0, count - have))
        return
    with raw(database) as run:
        have = int(run("SELECT count(*) AS n FROM todos")[0]["n"])
        run.many(
            "INSERT INTO todos (title, created_at) VALUES (?, ?)",
            [(title, CREATED_AT)] * max(0, count - have),
        )


def add_chain(target: Settings | Database | Path, depth: int) -> int:
    """A to-do with a sub-task, that has a sub-task, ... `depth` levels in all; the top's id."""
    database = _database(target)
    if database.kind is Kind.MONGODB:
        with documents(database) as (todos, meta):
            ids = _insert_documents(
                todos, meta, [(f"level {level + 1}", "chain") for level in range(depth)]
            )
        return ids[0]
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
    if database.kind is Kind.MONGODB:
        with documents(database) as (todos, _):
            return int(todos.count_documents({}))
    with raw(database) as run:
        return int(run("SELECT count(*) AS n FROM todos")[0]["n"])


def _database(target: Settings | Database | Path) -> Database:
    if isinstance(target, Settings):
        return target.database
    if isinstance(target, Path):
        return Database.sqlite_file(target)
    return target


@contextmanager
def documents(database: Database) -> Iterator[tuple[Any, Any]]:
    """The `todos` and `meta` collections of a MongoDB database."""
    client = mongodb.client_for(database.location)
    try:
        db = client.get_default_database()
        yield db["todos"], db["meta"]
    finally:
        client.close()


def _insert_documents(todos: Any, meta: Any, rows: list[tuple[str, str | None]]) -> list[int]:
    """Documents as the demo keeps them (demo_server.storage.mongodb), the counter moved on by
    as many: each row's parent is None, or "chain" for the row before it. Their ids."""
    if not rows:
        return []
    counter = meta.find_one_and_update(
        {"_id": mongodb.COUNTER},
        {"$inc": {"last_id": len(rows), "count": len(rows)}},
        return_document=mongodb.ReturnDocument.AFTER,
    )
    first = counter["last_id"] - len(rows) + 1
    batch, ancestors = [], []
    for offset, (title, parent) in enumerate(rows):
        todo_id = first + offset
        chained = parent == "chain" and offset > 0
        ancestors = [*ancestors, todo_id - 1] if chained else []
        batch.append(
            {
                "_id": todo_id,
                "title": title,
                "done": False,
                "parent_id": todo_id - 1 if chained else None,
                "ancestors": ancestors,
                "created_at": CREATED_AT,
            }
        )
    todos.insert_many(batch)
    return [document["_id"] for document in batch]
