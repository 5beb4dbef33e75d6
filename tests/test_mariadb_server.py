"""The tests' own MariaDB (tooling/mariadb.py): real, durable, restartable, and only for who
knows its password."""

from __future__ import annotations

from contextlib import closing

import pymysql
import pytest

from demo_server.storage import mysql
from tests.mariadb_server import own_mariadb  # noqa: F401  (a fixture)

# own_mariadb: a server of this module's own (fixture `mariadb`), which its tests stop, crash
# and restart; mysql_url (tests/conftest.py) then gives databases on it.

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


def rows(url: str) -> list[tuple[int, str]]:
    with closing(mysql.connect(url)) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT id, title FROM notes ORDER BY id")
        return [(row["id"], row["title"]) for row in cursor.fetchall()]


def add_notes(url: str, *titles: str) -> None:
    """Each in its own committed statement, as the demo writes a to-do."""
    with closing(mysql.connect(url)) as conn, conn.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, title TEXT)")
        for title in titles:
            cursor.execute("INSERT INTO notes (title) VALUES (%s)", (title,))


def test_it_listens_on_loopback_with_durable_settings(mariadb, mysql_url):
    assert mysql_url.startswith(f"mysql://root@127.0.0.1:{mariadb.port}/")
    with closing(mysql.connect(mysql_url)) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT @@bind_address AS bind, @@innodb_flush_log_at_trx_commit AS flush, "
            "@@sync_binlog AS sync, @@version AS version"
        )
        found = cursor.fetchone()
    assert found["bind"] == "127.0.0.1"
    assert found["flush"] == 1  # every commit on disk before it is acknowledged
    assert "MariaDB" in found["version"]


def test_a_crash_loses_no_committed_write(mariadb, mysql_url):
    titles = [f"note {n}" for n in range(20)]
    add_notes(mysql_url, *titles)
    mariadb.stop("immediate")  # SIGKILL: InnoDB recovers from its redo log at the next start
    assert not mariadb.running
    with pytest.raises(pymysql.err.OperationalError, match="Can't connect"):
        mysql.connect(mysql_url)
    mariadb.start()
    assert [title for _, title in rows(mysql_url)] == titles


def test_only_a_client_with_the_password_gets_in(mariadb, mysql_url, monkeypatch):
    monkeypatch.delenv("MYSQL_PWD")
    with pytest.raises(pymysql.err.OperationalError, match="Access denied"):
        mysql.connect(mysql_url)
    with pytest.raises(pymysql.err.OperationalError, match="Access denied"):
        mysql.connect(mysql_url.replace("root@", "root:guessed@"))
    # The accounts mariadb-install-db made take no password over TCP either.
    for user in ("mysql", "mariadb.sys"):
        with pytest.raises(pymysql.err.OperationalError, match="Access denied"):
            mysql.connect(mysql_url.replace("root@", f"{user}@"))
    assert rows_after_create(mariadb.create_database()) == []


def rows_after_create(url: str) -> list[tuple[int, str]]:
    add_notes(url)
    return rows(url)
