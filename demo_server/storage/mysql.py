"""The store on MySQL or MariaDB: like PostgreSQL, for several demo processes on one database.

PyMySQL (pure Python: no client library to install) with a small pool of connections per
process, one per thread, each checked with a ping before it is lent: after the server
restarts, the next request gets a fresh connection and the demo recovers without a restart.
While the server is down, requests get their 503 at once (`Outage`, as on PostgreSQL).

The queries are the ones SQLite and PostgreSQL run (`sql.py`). What MySQL needs to read them
is set on every connection: ANSI_QUOTES (so "key" is a quoted name, as in standard SQL),
strict mode (a value that does not fit is an error, never silently cut), READ COMMITTED (each
statement sees what others committed, as on PostgreSQL), and room for the recursive queries
(MariaDB stops a recursive WITH at 1,000 rows by default; an old, deep chain must still go).

Writers take turns: every write transaction first locks the one `schema_version` row of
`meta` (FOR UPDATE), so the cap on the list is counted exactly across processes. InnoDB's
default `innodb_flush_log_at_trx_commit=1` makes each commit durable.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import unquote, urlsplit

from demo_server.storage.interface import MAX_TODOS, Unavailable, first_line
from demo_server.storage.outage import Outage
from demo_server.storage.sql import CursorRun, Run, SQLStore, migrate, percent_style, seed

try:
    import pymysql
    import pymysql.cursors
except ImportError:  # the demo's SQLite default needs none of it
    pymysql = None  # type: ignore[assignment]

INSTALL_HINT = (
    "MySQL needs the PyMySQL package: pip install pymysql (or pip install 'backend-basics[mysql]')"
)
DEFAULT_PORT = 3306
#: Seconds to wait for the server to accept a connection, and for it to answer a statement
#: (a server that stopped answering must not hold a thread for ever).
CONNECT_TIMEOUT = 3
READ_TIMEOUT = 30
#: Where the password comes from when the URL has none: the variable MySQL's own clients read.
PASSWORD_VARIABLE = "MYSQL_PWD"
SESSION = (
    "SET SESSION sql_mode = 'ANSI_QUOTES,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
)
#: MariaDB and MySQL name the recursion limit differently.
RECURSION = {
    True: "SET SESSION max_recursive_iterations = 1000000",
    False: "SET SESSION cte_max_recursion_depth = 1000000",
}
#: The same table as SQLite's and PostgreSQL's. MySQL ignores a REFERENCES written on a column,
#: so the foreign key is its own clause; the check counts characters, since '' = ' ' in
#: MySQL's comparisons (trailing spaces do not count).
# --8<-- [start:schema]
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE IF NOT EXISTS todos (
               id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
               title      TEXT        NOT NULL CHECK (CHAR_LENGTH(title) > 0),
               done       BOOLEAN     NOT NULL DEFAULT false,
               parent_id  BIGINT      NULL,
               created_at VARCHAR(32) NOT NULL,
               INDEX todos_parent (parent_id),
               FOREIGN KEY (parent_id) REFERENCES todos (id) ON DELETE CASCADE
           ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""",
    ],
]
# --8<-- [end:schema]
#: MySQL cannot index a TEXT column without a length: the key is a VARCHAR here.
META_TABLE = (
    'CREATE TABLE IF NOT EXISTS meta ("key" VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL) '
    "ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin"
)
# --8<-- [start:write-lock]
WRITE_LOCK = """SELECT value FROM meta WHERE "key" = 'schema_version' FOR UPDATE"""
# --8<-- [end:write-lock]
#: Taken while the schema is made, when `meta` may not exist yet (released by hand).
SETUP_LOCK = "demo_server_setup"


class MySQLRun(CursorRun):
    def __call__(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self.conn.cursor() as cursor:
            cursor.execute(percent_style(sql), params or None)
            return list(cursor.fetchall()) if cursor.description else []

    def insert(self, sql: str, params: tuple[Any, ...]) -> int:
        with self.conn.cursor() as cursor:
            cursor.execute(percent_style(sql), params)
            return int(cursor.lastrowid)


def connection_settings(url: str) -> dict[str, Any]:
    """PyMySQL's arguments for `mysql://USER[:PASSWORD]@HOST[:PORT]/NAME` (the password from
    MYSQL_PWD when the URL has none)."""
    import os

    parts = urlsplit(url)
    password = parts.password
    if password is None:
        password = os.environ.get(PASSWORD_VARIABLE, "")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or DEFAULT_PORT,
        "user": unquote(parts.username or "root"),
        "password": unquote(password),
        "database": unquote(parts.path.lstrip("/")),
    }


def connect(url: str) -> Any:
    """A connection in autocommit mode with the session settings the shared SQL needs."""
    _require_pymysql()
    conn = pymysql.connect(
        **connection_settings(url),
        charset="utf8mb4",
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        write_timeout=READ_TIMEOUT,
        cursorclass=pymysql.cursors.DictCursor,
    )
    try:
        with conn.cursor() as cursor:
            for statement in SESSION:
                cursor.execute(statement)
            cursor.execute(RECURSION["MariaDB" in conn.get_server_info()])
    except BaseException:
        conn.close()
        raise
    return conn


def missing_driver() -> str | None:
    return INSTALL_HINT if pymysql is None else None


def _require_pymysql() -> None:
    if pymysql is None:
        raise RuntimeError(INSTALL_HINT)


class Pool:
    """Up to `size` connections, lent one to a thread at a time; each checked (a ping) before
    it is lent, and dropped when it failed while lent."""

    def __init__(self, url: str, size: int, failures: tuple[type[BaseException], ...]):
        self.url = url
        self.failures = failures
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[Any]:
        with self._slots:
            conn = self._take()
            try:
                yield conn
            except self.failures:
                conn.close()
                raise
            except BaseException:
                self._give_back(conn)
                raise
            self._give_back(conn)

    def _take(self) -> Any:
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                return connect(self.url)
            try:
                conn.ping(reconnect=False)
            except self.failures:
                with suppress(Exception):
                    conn.close()
                continue  # gone while idle (the server restarted): the next, or a new one
            return conn

    def _give_back(self, conn: Any) -> None:
        if conn.open and not self._closed:
            self._idle.put(conn)
        else:
            conn.close()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                return
            with suppress(Exception):
                conn.close()


class MySQLStore(SQLStore):
    """The store on a MySQL or MariaDB database, shared by every demo process that names it."""

    def __init__(self, url: str, max_todos: int = MAX_TODOS, pool_size: int = 4):
        _require_pymysql()
        super().__init__(max_todos)
        # OperationalError: cannot connect, connection lost, lock wait timeout, server gone.
        self.failures = (pymysql.err.OperationalError, pymysql.err.InterfaceError, OSError)
        self.bugs = (
            pymysql.err.ProgrammingError,
            pymysql.err.IntegrityError,
            pymysql.err.DataError,
        )
        self.url = url
        self.pool = Pool(url, pool_size, self.failures)
        self.outage = Outage(lambda: connect(url).close(), self.failures)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        self.outage.check_if_down()
        try:
            with self.pool.connection() as conn:
                yield conn
        except self.failures as exc:
            # Next requests ask the outage first: one probe, the rest a prompt 503.
            self.outage.reason = first_line(exc)
            raise

    @contextmanager
    def reading(self) -> Iterator[Run]:
        with self._connection() as conn:
            yield MySQLRun(conn)

    # --8<-- [start:writing]
    @contextmanager
    def writing(self) -> Iterator[Run]:
        with self._connection() as conn:
            conn.begin()
            try:
                run = MySQLRun(conn)
                run(WRITE_LOCK)
                yield run
            except BaseException:
                with suppress(*self.failures):
                    conn.rollback()
                raise
            conn.commit()
        # --8<-- [end:writing]

    def close_all(self) -> None:
        self.pool.close()


def open_store(url: str, max_todos: int = MAX_TODOS, pool_size: int = 4) -> MySQLStore:
    return MySQLStore(url, max_todos, pool_size)


def initialise(url: str, reset: bool = False) -> None:
    """Migrations and the seed list, once, whichever process gets there first (a named lock:
    MySQL's CREATE TABLE ends any transaction, so only a lock keeps two apart).

    `Unavailable`, with the server's own first line, when it cannot be reached."""
    _require_pymysql()
    try:
        conn = connect(url)
    except (pymysql.err.OperationalError, pymysql.err.InterfaceError) as exc:
        raise Unavailable(first_line(exc)) from None
    try:
        run = MySQLRun(conn)
        run("SELECT GET_LOCK(?, 60) AS got", (SETUP_LOCK,))
        try:
            if reset:
                run("DROP TABLE IF EXISTS todos, meta")
            migrate(run, MIGRATIONS, META_TABLE)
            conn.begin()
            run(WRITE_LOCK)
            seed(run)
            conn.commit()
        finally:
            run("SELECT RELEASE_LOCK(?) AS released", (SETUP_LOCK,))
    except pymysql.err.OperationalError as exc:
        raise Unavailable(first_line(exc)) from None
    finally:
        conn.close()


def printable(url: str) -> str:
    """The URL without its password, for printing."""
    parts = urlsplit(url)
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{user + '@' if user else ''}{host}{port}{parts.path}"
