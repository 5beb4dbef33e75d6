"""The SQL the relational backends share: every query the API runs, the migrations' runner and
the seed list.

The SQL is the part SQLite, PostgreSQL and MySQL all read (`?` for a parameter; the
PostgreSQL and MySQL stores write `%s`). A backend's `SQLStore` subclass supplies only what
differs: how to get a connection, how a write transaction starts (each makes writers take
turns, so the list's cap is counted exactly), its schema, and which of its errors mean "the
database cannot answer now" (`Unavailable`, a 503) rather than a bug in our code (a 500).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from demo_server.storage.interface import (
    MAX_ID,
    MAX_LEVELS,
    MAX_TODOS,
    SEED_TODOS,
    ListFull,
    Refused,
    Todo,
    guarded,
    now,
)


def todo_from(row: Any) -> Todo:
    """A row of `todos`, as either database returns it (both index by column name)."""
    return Todo(row["id"], row["title"], bool(row["done"]), row["parent_id"], row["created_at"])


class Run:
    """One connection's way to run a statement and get its rows back."""

    def __call__(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def insert(self, sql: str, params: tuple[Any, ...]) -> int:
        """Run an INSERT; the new row's id. (Not RETURNING: SQLite before 3.35, still in
        some Linux distributions' Python, does not have it.)"""
        raise NotImplementedError


def percent_style(statement: str) -> str:
    """The shared SQL (written with ? for its parameters, SQLite's style) in the %s style of
    psycopg and PyMySQL (the SQL holds no other ? or %)."""
    return statement.replace("?", "%s")


class CursorRun(Run):
    """A DB-API connection whose cursors take %s parameters (psycopg, PyMySQL)."""

    def __init__(self, conn: Any):
        self.conn = conn

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(percent_style(sql), rows)


class SQLStore:
    """Every query the API runs (the `Store` protocol), in SQL; a backend subclass says how to
    reach its database."""

    #: Errors that mean the database cannot answer now, and errors that are our mistakes.
    failures: tuple[type[BaseException], ...] = ()
    bugs: tuple[type[BaseException], ...] = ()

    def __init__(self, max_todos: int = MAX_TODOS):
        self.max_todos = max_todos

    # What a backend supplies.
    def reading(self) -> AbstractContextManager[Run]:
        raise NotImplementedError

    def writing(self) -> AbstractContextManager[Run]:
        """A transaction in which this writer is the only one: all or nothing."""
        raise NotImplementedError

    def close_all(self) -> None:
        """Let go of every connection: the app is done (a worker stops, a test ends)."""

    # The queries.
    @guarded
    def healthy(self) -> None:
        """Raise `Unavailable` unless the database answers a query."""
        self.count()

    @guarded
    def list(self, after: int = 0, limit: int = MAX_TODOS) -> list[Todo]:
        """Up to `limit` to-dos with ids above `after`, by id: one page of the list."""
        # --8<-- [start:list]
        with self.reading() as run:
            rows = run("SELECT * FROM todos WHERE id > ? ORDER BY id LIMIT ?", (after, limit))
        return [todo_from(r) for r in rows]
        # --8<-- [end:list]

    @guarded
    def children(self, parent_id: int) -> list[Todo]:
        """The direct sub-tasks of a to-do, by id (the parent_id index finds them)."""
        with self.reading() as run:
            rows = run("SELECT * FROM todos WHERE parent_id = ? ORDER BY id", (parent_id,))
        return [todo_from(r) for r in rows]

    @guarded
    def count(self) -> int:
        with self.reading() as run:
            return _count(run)

    @guarded
    def get(self, todo_id: int) -> Todo | None:
        if not 0 < todo_id <= MAX_ID:
            return None
        with self.reading() as run:
            return _get(run, todo_id)

    @guarded
    def create(self, title: str, parent_id: int | None) -> Todo:
        """The new to-do; `Refused` (and nothing written) when the limits do not allow it."""
        # --8<-- [start:create]
        with self.writing() as run:
            # Counted inside the transaction: no other writer can add one until it ends.
            if _count(run) >= self.max_todos:
                raise ListFull(
                    f"the list is full: it holds {self.max_todos} to-dos, the most this demo "
                    "keeps; delete some first"
                )
            if parent_id is not None:
                if _get(run, parent_id) is None:
                    raise Refused(f"'parent_id': no to-do with id {parent_id}")
                if _level(run, parent_id) >= MAX_LEVELS:
                    raise Refused(
                        f"'parent_id': to-do {parent_id} is already {MAX_LEVELS} levels deep, "
                        "the deepest sub-tasks go"
                    )
            # --8<-- [start:insert]
            todo_id = run.insert(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (title, parent_id, now()),
            )
            # --8<-- [end:insert]
            todo = _get(run, todo_id)
            # --8<-- [end:create]
        assert todo is not None
        return todo

    @guarded
    def update(self, todo_id: int, changes: dict[str, Any]) -> Todo | None:
        """Change `title` and/or `done` (a bool); None when there is no such to-do."""
        columns = {"title": "title", "done": "done"}
        sets = ", ".join(f"{columns[name]} = ?" for name in changes)
        if not 0 < todo_id <= MAX_ID:
            return None
        with self.writing() as run:
            if _get(run, todo_id) is None:
                return None
            run(f"UPDATE todos SET {sets} WHERE id = ?", (*changes.values(), todo_id))
            return _get(run, todo_id)

    @guarded
    def delete(self, todo_id: int) -> bool:
        """Delete the to-do and its sub-tasks; False when there was none."""
        if not 0 < todo_id <= MAX_ID:
            return False
        # --8<-- [start:delete]
        with self.writing() as run:
            # Deepest first, each row alone: ON DELETE CASCADE would recurse once per level
            # and fail past SQLite's 1,000, leaving a chain made before MAX_LEVELS for good.
            doomed = run(
                """WITH RECURSIVE below(id, depth) AS (
                       SELECT id, 0 FROM todos WHERE id = ?
                       UNION ALL
                       SELECT t.id, below.depth + 1 FROM todos t JOIN below
                       ON t.parent_id = below.id
                   )
                   SELECT id FROM below ORDER BY depth DESC""",
                (todo_id,),
            )
            run.many("DELETE FROM todos WHERE id = ?", [(row["id"],) for row in doomed])
            return bool(doomed)
        # --8<-- [end:delete]

    @guarded
    def level(self, todo_id: int) -> int:
        """How deep the to-do sits: 1 at the top, 2 for a sub-task of a top-level one..."""
        with self.reading() as run:
            return _level(run, todo_id)


def _count(run: Run) -> int:
    return int(run("SELECT count(*) AS n FROM todos")[0]["n"])


def _get(run: Run, todo_id: int) -> Todo | None:
    rows = run("SELECT * FROM todos WHERE id = ?", (todo_id,))
    return todo_from(rows[0]) if rows else None


def _level(run: Run, todo_id: int) -> int:
    (row,) = run(
        """WITH RECURSIVE up(id, level) AS (
               SELECT parent_id, 1 FROM todos WHERE id = ?
               UNION ALL
               SELECT t.parent_id, up.level + 1 FROM todos t JOIN up ON t.id = up.id
           )
           SELECT max(level) AS deepest FROM up""",
        (todo_id,),
    )
    return int(row["deepest"] or 0)


#: The table of facts about the database itself. "key" in double quotes: a reserved word in
#: MySQL (which reads the quotes as SQL does, with sql_mode ANSI_QUOTES), a plain name elsewhere.
META_TABLE = 'CREATE TABLE IF NOT EXISTS meta ("key" TEXT PRIMARY KEY, value TEXT NOT NULL)'


def migrate(run: Run, migrations: list[list[str]], meta_table: str = META_TABLE) -> None:
    """Bring the schema up to date: migration n (statements) runs once, in order, and the
    `meta` table (made by `meta_table`) remembers the last one applied. Call it inside a
    write transaction."""
    run(meta_table)
    rows = run("""SELECT value FROM meta WHERE "key" = 'schema_version'""")
    done = int(rows[0]["value"]) if rows else 0
    for version, statements in enumerate(migrations, start=1):
        if version <= done:
            continue
        for statement in statements:
            run(statement)
        if version == 1 and not rows:
            run("""INSERT INTO meta ("key", value) VALUES ('schema_version', ?)""", (str(version),))
        else:
            run("""UPDATE meta SET value = ? WHERE "key" = 'schema_version'""", (str(version),))


def seed(run: Run) -> None:
    """The pages' list, once: a list its reader emptied stays empty."""
    if run("""SELECT 1 AS seeded FROM meta WHERE "key" = 'seeded'"""):
        return
    ids: list[int] = []
    for title, parent in SEED_TODOS:
        ids.append(
            run.insert(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (title, None if parent is None else ids[parent], now()),
            )
        )
    run("""INSERT INTO meta ("key", value) VALUES ('seeded', ?)""", (now(),))
