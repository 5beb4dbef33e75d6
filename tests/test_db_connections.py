"""Every SQLite connection the app opens is closed: none is left to the garbage collector.

Python 3.13 warns (ResourceWarning: unclosed database) about each connection that is not closed
before it is collected, and the suite turns warnings into errors.
"""

from __future__ import annotations

import gc
import sqlite3
import threading

from demo_server.db import Database


def is_closed(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


class BusyThread:
    """A thread that opened its connection and keeps running until told to stop."""

    def __init__(self, database: Database):
        self.opened = threading.Event()
        self.done = threading.Event()
        self.conn: sqlite3.Connection | None = None
        self.thread = threading.Thread(target=self._run, args=(database,))
        self.thread.start()
        assert self.opened.wait(10)

    def _run(self, database: Database) -> None:
        database.healthy()
        self.conn = database.conn
        self.opened.set()
        self.done.wait(10)

    def stop(self) -> None:
        self.done.set()
        self.thread.join(10)


def test_close_all_closes_the_connection_of_every_thread(settings):
    database = Database(settings.db)
    database.healthy()
    mine = database.conn
    other = BusyThread(database)
    try:
        assert other.conn is not None and other.conn is not mine
        database.close_all()
        assert is_closed(mine) and is_closed(other.conn)
    finally:
        other.stop()


def test_after_close_all_the_next_query_opens_a_new_connection(settings):
    database = Database(settings.db)
    database.healthy()
    first = database.conn
    database.close_all()
    database.healthy()
    assert database.conn is not first
    database.close_all()


def test_a_thread_that_ends_takes_its_connection_with_it(settings):
    database = Database(settings.db)
    other = BusyThread(database)
    other.stop()
    assert other.conn is not None and is_closed(other.conn)


def test_a_database_dropped_without_close_all_still_closes_its_connections(settings):
    database = Database(settings.db)
    database.healthy()
    conn = database.conn
    del database
    gc.collect()
    assert is_closed(conn)


def test_close_closes_only_this_threads_connection(settings):
    database = Database(settings.db)
    other = BusyThread(database)
    try:
        database.healthy()
        mine = database.conn
        database.close()
        assert is_closed(mine) and not is_closed(other.conn)
    finally:
        other.stop()
        database.close_all()
