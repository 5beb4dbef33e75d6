"""Every SQLite connection the app opens is closed: none is left to the garbage collector.

Python 3.13 warns (ResourceWarning: unclosed database) about each connection that is not closed
before it is collected, and the suite turns warnings into errors.
"""

from __future__ import annotations

import gc
import sqlite3
import threading

from demo_server.storage.sqlite import SQLiteStore


def is_closed(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


class BusyThread:
    """A thread that opened its connection and keeps running until told to stop."""

    def __init__(self, store: SQLiteStore):
        self.opened = threading.Event()
        self.done = threading.Event()
        self.conn: sqlite3.Connection | None = None
        self.thread = threading.Thread(target=self._run, args=(store,))
        self.thread.start()
        assert self.opened.wait(10)

    def _run(self, store: SQLiteStore) -> None:
        store.healthy()
        self.conn = store.conn
        self.opened.set()
        self.done.wait(10)

    def stop(self) -> None:
        self.done.set()
        self.thread.join(10)


def test_close_all_closes_the_connection_of_every_thread(settings):
    store = SQLiteStore(settings.database.path)
    store.healthy()
    mine = store.conn
    other = BusyThread(store)
    try:
        assert other.conn is not None and other.conn is not mine
        store.close_all()
        assert is_closed(mine) and is_closed(other.conn)
    finally:
        other.stop()


def test_after_close_all_the_next_query_opens_a_new_connection(settings):
    store = SQLiteStore(settings.database.path)
    store.healthy()
    first = store.conn
    store.close_all()
    store.healthy()
    assert store.conn is not first
    store.close_all()


def test_a_thread_that_ends_takes_its_connection_with_it(settings):
    store = SQLiteStore(settings.database.path)
    other = BusyThread(store)
    other.stop()
    assert other.conn is not None and is_closed(other.conn)


def test_a_store_dropped_without_close_all_still_closes_its_connections(settings):
    store = SQLiteStore(settings.database.path)
    store.healthy()
    conn = store.conn
    del store
    gc.collect()
    assert is_closed(conn)


def test_close_closes_only_this_threads_connection(settings):
    store = SQLiteStore(settings.database.path)
    other = BusyThread(store)
    try:
        store.healthy()
        mine = store.conn
        store.close()
        assert is_closed(mine) and not is_closed(other.conn)
    finally:
        other.stop()
        store.close_all()
