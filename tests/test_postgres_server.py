"""The tests' own PostgreSQL (tests/postgres_server.py): real, durable, and restartable."""

from __future__ import annotations

import os

import psycopg
import pytest

from tests import postgres_server
from tooling.postgres import PostgresError

# A server of this module's own, which its tests stop, crash and restart.
postgres = postgres_server.postgres
postgres_url = postgres_server.postgres_url


def rows(url: str) -> list[tuple[int, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT id, title FROM notes ORDER BY id").fetchall()


def add_notes(url: str, *titles: str) -> None:
    """Each in its own committed transaction, as the demo writes a to-do."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, title text)")
        for title in titles:
            conn.execute("INSERT INTO notes (title) VALUES (%s)", (title,))


def test_it_listens_on_loopback_with_durable_settings(postgres, postgres_url):
    assert postgres_url.startswith(f"postgresql://postgres@127.0.0.1:{postgres.port}/")
    with psycopg.connect(postgres_url) as conn:
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('listen_addresses', 'fsync', 'synchronous_commit', 'server_encoding')"
            ).fetchall()
        )
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "fsync": "on",
        "synchronous_commit": "on",
        "server_encoding": "UTF8",
    }


def test_each_database_starts_empty_and_apart(postgres, postgres_url):
    add_notes(postgres_url, "only here")
    other = postgres.create_database()
    assert other != postgres_url
    with psycopg.connect(other) as conn:
        assert conn.execute("SELECT to_regclass('notes')").fetchone() == (None,)
    with pytest.raises(PostgresError, match="already exists"):
        postgres.create_database(other.rsplit("/", 1)[1])


def test_a_restart_keeps_the_data(postgres, postgres_url):
    add_notes(postgres_url, "before the restart")
    postgres.restart()
    assert rows(postgres_url) == [(1, "before the restart")]


def test_a_crash_loses_no_committed_write(postgres, postgres_url):
    titles = [f"note {n}" for n in range(200)]
    add_notes(postgres_url, *titles)
    postgres.stop("immediate")  # no shutdown checkpoint: the next start replays the WAL
    assert not postgres.running
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(postgres_url, connect_timeout=2)
    postgres.start()
    assert [title for _, title in rows(postgres_url)] == titles


def test_only_a_client_with_the_password_gets_in(postgres, postgres_url):
    """Another user of the machine knows the port, not the password: over TCP and over the
    socket, no connection without it (a cluster that trusted loopback let anyone connect as
    its superuser and run commands as its owner with COPY ... TO PROGRAM)."""
    nobody = {"passfile": os.devnull, "connect_timeout": 5}  # PGPASSWORD is unset (the fixture)
    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        psycopg.connect(postgres_url, **nobody)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(postgres_url, password="guessed", **nobody)
    socket = {"host": str(postgres.folder), "port": postgres.port, "user": "postgres"}
    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        psycopg.connect(dbname="postgres", **socket, **nobody)

    with psycopg.connect(postgres_url, password=postgres.password, **nobody) as conn:
        methods = conn.execute("SELECT DISTINCT auth_method FROM pg_hba_file_rules").fetchall()
    assert methods == [("scram-sha-256",)]
    # The URL create_database gives has it: it works anywhere as it is.
    with psycopg.connect(postgres.create_database(), **nobody) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
