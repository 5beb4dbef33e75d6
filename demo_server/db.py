"""The demo's database: one SQLite file, its schema, and every query the API runs.

SQLite because it ships with Python: readers get a real SQL database with nothing to install.
WAL mode lets readers and one writer work at the same time; each thread keeps its own
connection (sqlite3 connections must not be shared between threads), and every connection is
closed when its thread ends, when its `Database` goes, or on `Database.close_all()`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

#: The to-do list from the pages; (title, index of the parent in this list or None).
SEED_TODOS: list[tuple[str, int | None]] = [
    ("First Thing", None),
    ("second thing now", None),
    ("third thing now", None),
    ("sub thing now", 2),
]
TITLE_MAX = 200
#: A teaching list holds a few dozen to-dos; the cap keeps a runaway client (one added 4,100 a
#: second, about 15 GB an hour) from filling the reader's disk and slowing every list.
MAX_TODOS = 5000
#: Levels of sub-tasks, a top-level to-do being level 1. SQLite deletes sub-tasks by recursion
#: (ON DELETE CASCADE) and stops at 1,000 levels, so an unbounded chain could never be deleted.
MAX_LEVELS = 32
SQLITE_HEADER = b"SQLite format 3\x00"
MAX_ID = 2**63 - 1
#: Other users of the machine have no business reading the reader's to-dos (POSIX modes; on
#: Windows a user's data folder is private already).
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600

#: AUTOINCREMENT: an id, once given, is never given again, even after its to-do is deleted (a
#: client holding an old id must not find someone else's to-do under it). `{name}` lets the
#: migration build the new table beside the old one.
TODOS_TABLE = """
CREATE TABLE {name} (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Not length(title): SQLite's length() stops at a NUL character, which a title may hold.
    title      TEXT    NOT NULL CHECK (title <> ''),
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    parent_id  INTEGER REFERENCES todos (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL
)"""
TODOS_INDEX = "CREATE INDEX IF NOT EXISTS todos_parent ON todos (parent_id)"
SCHEMA = f"""
{TODOS_TABLE.format(name="IF NOT EXISTS todos")};
{TODOS_INDEX};
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class NotADatabaseError(Exception):
    """The file at the database path exists but is not SQLite: we refuse to touch it."""


class Refused(Exception):
    """A write the data's limits do not allow; the message says why, for the client."""


class ListFull(Refused):
    """The list holds as many to-dos as it may: a conflict with its state, not a bad request."""


@dataclass(frozen=True)
class Todo:
    id: int
    title: str
    done: bool
    parent_id: int | None
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "done": self.done,
            "parent_id": self.parent_id,
            "created_at": self.created_at,
        }


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row(row: sqlite3.Row) -> Todo:
    return Todo(row["id"], row["title"], bool(row["done"]), row["parent_id"], row["created_at"])


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not a SQLite database, before SQLite writes anything to it."""
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise NotADatabaseError(f"{path} is not a SQLite database")


def open_connection(path: Path) -> sqlite3.Connection:
    # Each connection is used by one thread only (see Database); check_same_thread=False lets
    # `Database.close_all` close them from the thread that stops the app.
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # NORMAL with WAL: a power cut may lose the last commits, never corrupt the file; a crash
    # of the server process loses nothing that was acknowledged.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def make_folder(folder: Path) -> None:
    """The database's folder, made for its user alone if it is new (an existing one keeps the
    mode its owner gave it)."""
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=PRIVATE_FOLDER)


def initialise(path: Path, reset: bool = False) -> None:
    """Create the file, the schema and the seed to-dos (once: an emptied list stays empty)."""
    check_is_sqlite(path)
    make_folder(path.parent)
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    # Created here rather than by SQLite, which would use 0644; its -wal and -shm files take
    # the mode of this one. A file the reader already has keeps the mode they gave it.
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    conn = open_connection(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
        migrate_to_autoincrement(conn)
        with transaction(conn):
            if conn.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone() is None:
                ids: list[int] = []
                for title, parent in SEED_TODOS:
                    cur = conn.execute(
                        "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                        (title, None if parent is None else ids[parent], _now()),
                    )
                    ids.append(int(cur.lastrowid or 0))
                conn.execute("INSERT INTO meta (key, value) VALUES ('seeded', ?)", (_now(),))
    finally:
        conn.close()


def migrate_to_autoincrement(conn: sqlite3.Connection) -> None:
    """Rebuild a `todos` table made before AUTOINCREMENT, keeping every row and the highest id.

    SQLite cannot add AUTOINCREMENT to a table: the documented way is a new table, a copy, a
    drop and a rename, in one transaction, with foreign keys off so the drop cascades nowhere.
    """
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'todos'").fetchone()
    if "AUTOINCREMENT" in sql.upper():
        return
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it before
    try:
        with transaction(conn):
            conn.execute(TODOS_TABLE.format(name="todos_autoincrement"))
            conn.execute(
                "INSERT INTO todos_autoincrement (id, title, done, parent_id, created_at) "
                "SELECT id, title, done, parent_id, created_at FROM todos"
            )
            conn.execute("DROP TABLE todos")
            conn.execute("ALTER TABLE todos_autoincrement RENAME TO todos")
            conn.execute(TODOS_INDEX)
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise sqlite3.IntegrityError("a to-do names a parent that does not exist")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: BEGIN IMMEDIATE takes the write lock up front, so no write is partial."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class _ThreadMark:
    """Kept only in one thread's locals: it goes when the thread ends, and takes the thread's
    connection with it (see `Database.conn`)."""

    __slots__ = ("__weakref__",)


class Database:
    """The queries, over one connection per thread to one file."""

    def __init__(self, path: Path, max_todos: int = MAX_TODOS):
        self.path = path
        self.max_todos = max_todos
        self._local = threading.local()
        self._closers: set[weakref.finalize] = set()
        self._closers_lock = threading.Lock()

    @property
    def conn(self) -> sqlite3.Connection:
        closer = getattr(self._local, "closer", None)
        if closer is not None and closer.alive:
            return self._local.conn
        conn = open_connection(self.path)
        # Closed by whichever comes first: the thread ends (Granian retires idle threads), this
        # Database is dropped, close() or close_all(), or the interpreter exits.
        mark = _ThreadMark()
        closer = weakref.finalize(mark, conn.close)
        self._local.conn, self._local.mark, self._local.closer = conn, mark, closer
        with self._closers_lock:
            self._closers = {c for c in self._closers if c.alive}
            self._closers.add(closer)
        return conn

    def close(self) -> None:
        """Close this thread's connection; the next query opens a new one."""
        closer = getattr(self._local, "closer", None)
        if closer is not None:
            closer()

    def close_all(self) -> None:
        """Close every thread's connection: the app is done (a worker stops, a test ends)."""
        with self._closers_lock:
            closers, self._closers = self._closers, set()
        for closer in closers:
            closer()

    def healthy(self) -> None:
        """Raise sqlite3.Error unless the database answers a query."""
        self.count()

    def list(self, after: int = 0, limit: int = MAX_TODOS) -> list[Todo]:
        """Up to `limit` to-dos with ids above `after`, by id: one page of the list."""
        rows = self.conn.execute(
            "SELECT * FROM todos WHERE id > ? ORDER BY id LIMIT ?", (after, limit)
        )
        return [_row(r) for r in rows]

    def children(self, parent_id: int) -> list[Todo]:
        """The direct sub-tasks of a to-do, by id (the parent_id index finds them)."""
        rows = self.conn.execute(
            "SELECT * FROM todos WHERE parent_id = ? ORDER BY id", (parent_id,)
        )
        return [_row(r) for r in rows]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM todos").fetchone()[0]

    def level(self, todo_id: int) -> int:
        """How deep the to-do sits: 1 at the top, 2 for a sub-task of a top-level one..."""
        (deepest,) = self.conn.execute(
            """WITH RECURSIVE up(id, level) AS (
                   SELECT parent_id, 1 FROM todos WHERE id = ?
                   UNION ALL
                   SELECT t.parent_id, up.level + 1 FROM todos t JOIN up ON t.id = up.id
               )
               SELECT max(level) FROM up""",
            (todo_id,),
        ).fetchone()
        return deepest or 0

    def get(self, todo_id: int) -> Todo | None:
        if not 0 < todo_id <= MAX_ID:
            return None
        row = self.conn.execute("SELECT * FROM todos WHERE id = ?", (todo_id,)).fetchone()
        return _row(row) if row else None

    def create(self, title: str, parent_id: int | None) -> Todo:
        """The new to-do; `Refused` (and nothing written) when the limits do not allow it."""
        with transaction(self.conn) as conn:
            # Checked inside the transaction: its write lock keeps the count true until COMMIT.
            if self.count() >= self.max_todos:
                raise ListFull(
                    f"the list is full: it holds {self.max_todos} to-dos, the most this demo "
                    "keeps; delete some first"
                )
            if parent_id is not None:
                if self.get(parent_id) is None:
                    raise Refused(f"'parent_id': no to-do with id {parent_id}")
                if self.level(parent_id) >= MAX_LEVELS:
                    raise Refused(
                        f"'parent_id': to-do {parent_id} is already {MAX_LEVELS} levels deep, "
                        "the deepest sub-tasks go"
                    )
            # --8<-- [start:insert]
            cur = conn.execute(
                "INSERT INTO todos (title, parent_id, created_at) VALUES (?, ?, ?)",
                (title, parent_id, _now()),
            )
            # --8<-- [end:insert]
            todo_id = int(cur.lastrowid or 0)
        todo = self.get(todo_id)
        assert todo is not None
        return todo

    def update(self, todo_id: int, changes: dict[str, Any]) -> Todo | None:
        columns = {"title": "title", "done": "done"}
        sets = ", ".join(f"{columns[name]} = ?" for name in changes)
        with transaction(self.conn) as conn:
            if self.get(todo_id) is None:
                return None
            conn.execute(f"UPDATE todos SET {sets} WHERE id = ?", (*changes.values(), todo_id))
        return self.get(todo_id)

    def delete(self, todo_id: int) -> bool:
        """Delete the to-do and its sub-tasks; False when there was none."""
        if not 0 < todo_id <= MAX_ID:
            return False
        with transaction(self.conn) as conn:
            # Deepest first, each row alone: ON DELETE CASCADE would recurse once per level
            # and fail past SQLite's 1,000, leaving a chain made before MAX_LEVELS for good.
            doomed = conn.execute(
                """WITH RECURSIVE below(id, depth) AS (
                       SELECT id, 0 FROM todos WHERE id = ?
                       UNION ALL
                       SELECT t.id, below.depth + 1 FROM todos t JOIN below
                       ON t.parent_id = below.id
                   )
                   SELECT id FROM below ORDER BY depth DESC""",
                (todo_id,),
            ).fetchall()
            conn.executemany("DELETE FROM todos WHERE id = ?", doomed)
            return bool(doomed)
