"""The demo's default database: one SQLite file (the queries themselves are in `sql.py`).

SQLite because it ships with Python: readers get a real SQL database with nothing to install.
WAL mode lets readers and one writer work at the same time; each thread keeps its own
connection (sqlite3 connections must not be shared between threads), and every connection is
closed when its thread ends, when its `SQLiteStore` goes, or on `SQLiteStore.close_all()`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from demo_server.storage.interface import MAX_TODOS, Unavailable
from demo_server.storage.sql import Run, SQLStore, migrate, seed

SQLITE_HEADER = b"SQLite format 3\x00"
#: Other users of the machine have no business reading the reader's to-dos (POSIX modes; on
#: Windows a user's data folder is private already).
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600

#: AUTOINCREMENT: an id, once given, is never given again, even after its to-do is deleted (a
#: client holding an old id must not find someone else's to-do under it). `{name}` lets the
#: migration build the new table beside the old one.
# --8<-- [start:schema]
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
# --8<-- [end:schema]
#: Migrations, in order: each a list of statements (see `sql.migrate`).
MIGRATIONS: list[list[str]] = [
    [TODOS_TABLE.format(name="IF NOT EXISTS todos"), TODOS_INDEX],
]


class NotADatabaseError(Exception):
    """The file at the database path exists but is not SQLite: we refuse to touch it."""


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not a SQLite database, before SQLite writes anything to it."""
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise NotADatabaseError(f"{path} is not a SQLite database")


def open_connection(path: Path) -> sqlite3.Connection:
    # Each connection is used by one thread only (see SQLiteStore); check_same_thread=False lets
    # `SQLiteStore.close_all` close them from the thread that stops the app.
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


def missing_driver() -> None:
    """sqlite3 comes with Python."""


def printable(path: str) -> str:
    return path


def open_store(path: str, max_todos: int = MAX_TODOS, pool_size: int = 1) -> SQLiteStore:
    """The store on the file (`pool_size` is a server's: each thread has its connection)."""
    return SQLiteStore(Path(path), max_todos)


def initialise(location: str | Path, reset: bool = False) -> None:
    """Create the file, the schema and the seed to-dos (once: an emptied list stays empty)."""
    path = Path(location)
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
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'todos'").fetchone():
            migrate_to_autoincrement(conn)  # a database from before AUTOINCREMENT
        with transaction(conn):
            run = SQLiteRun(conn)
            migrate(run, MIGRATIONS)
            seed(run)
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


# --8<-- [start:transaction]
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
    # --8<-- [end:transaction]


class _ThreadMark:
    """Kept only in one thread's locals: it goes when the thread ends, and takes the thread's
    connection with it (see `SQLiteStore.conn`)."""

    __slots__ = ("__weakref__",)


class SQLiteRun(Run):
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __call__(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, rows)

    def insert(self, sql: str, params: tuple[Any, ...]) -> int:
        return int(self.conn.execute(sql, params).lastrowid or 0)


#: What a file is, whatever its name: a file deleted and made anew, or another one moved in
#: its place, has the same path and a different (device, inode).
FileIdentity = tuple[int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """The file's (device, inode); None if there is no file at `path`."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


class SQLiteStore(SQLStore):
    """The store on one SQLite file, over one connection per thread.

    The file must stay the one it opened. SQLite does not notice the file being deleted (or
    replaced by another) under it: its open connections go on writing to the deleted file,
    every write is acknowledged, and all of it is gone when the server restarts. So each query
    first checks, with one os.stat, that the path still names the file the first connection
    opened, and each write checks again after its commit: if not, a 503 that says why, and no
    write acknowledged that only the deleted file holds.
    """

    failures = (sqlite3.Error,)
    #: A query or constraint the code got wrong: a 500, with its traceback.
    bugs = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)

    def __init__(self, path: Path, max_todos: int = MAX_TODOS):
        super().__init__(max_todos)
        self.path = path
        self._local = threading.local()
        self._closers: set[weakref.finalize] = set()
        self._closers_lock = threading.Lock()
        #: The file the first connection opened; every later one must be the same.
        self._file: FileIdentity | None = None

    def check_file(self) -> None:
        """`Unavailable` unless the path still names the file this database opened."""
        now = file_identity(self.path)
        if self._file is None and now is not None:
            # SQLite makes a new file only at its first read: this is the file it opened.
            with self._closers_lock:
                self._file = self._file or now
        if now is not None and now == self._file:
            return
        if now is None:
            raise Unavailable(
                "the database file was deleted while the server ran; restart demo-server "
                "(writes since then were refused, not stored)"
            )
        raise Unavailable(
            "the database file was replaced by another while the server ran; restart "
            "demo-server to use the new one (writes since then were refused, not stored)"
        )

    @property
    def conn(self) -> sqlite3.Connection:
        closer = getattr(self._local, "closer", None)
        if closer is not None and closer.alive:
            return self._local.conn
        conn = open_connection(self.path)
        with self._closers_lock:
            if self._file is None:
                self._file = file_identity(self.path)
        # Closed by whichever comes first: the thread ends (Granian retires idle threads), this
        # store is dropped, close() or close_all(), or the interpreter exits.
        mark = _ThreadMark()
        closer = weakref.finalize(mark, conn.close)
        self._local.conn, self._local.mark, self._local.closer = conn, mark, closer
        with self._closers_lock:
            self._closers = {c for c in self._closers if c.alive}
            self._closers.add(closer)
        return conn

    @contextmanager
    def reading(self) -> Iterator[Run]:
        conn = self.conn
        self.check_file()
        yield SQLiteRun(conn)

    @contextmanager
    def writing(self) -> Iterator[Run]:
        with transaction(self.conn) as conn:
            self.check_file()  # with the write lock held: nothing is written to a lost file
            yield SQLiteRun(conn)
        # Deleted between the check and the commit: the write went to the lost file only, so
        # it is not acknowledged.
        self.check_file()

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
