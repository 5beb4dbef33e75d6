"""`--db` parsed once (demo_server.storage.database): what each kind of value becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo_server.storage.database import BadDatabase, Database, Kind, known_schemes


def test_a_path_is_a_sqlite_file_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    database = Database.parse("todos.sqlite3")
    assert database == Database(Kind.SQLITE, str(tmp_path.resolve() / "todos.sqlite3"))
    assert database.path == tmp_path.resolve() / "todos.sqlite3"
    assert not database.shared
    assert Database.parse("~/todos.sqlite3").path == Path.home().resolve() / "todos.sqlite3"


@pytest.mark.parametrize(
    "url", ["postgresql://demo@db.example.test:5433/todos", "postgres://demo@localhost/todos"]
)
def test_a_postgresql_url_is_kept_as_given(url):
    database = Database.parse(url)
    assert (database.kind, database.location, database.shared) == (Kind.POSTGRESQL, url, True)
    with pytest.raises(ValueError, match="a PostgreSQL database has no file"):
        database.path  # noqa: B018 (the property is what is tested)


@pytest.mark.parametrize(
    "url", ["mysql://root:secret@127.0.0.1:3306/todos", "MariaDB://demo@db.example.test/todos"]
)
def test_a_mysql_or_mariadb_url_is_one_kind_kept_as_given(url):
    database = Database.parse(url)
    assert (database.kind, database.location, database.shared) == (Kind.MYSQL, url, True)


def test_a_port_that_is_no_number_is_refused():
    with pytest.raises(BadDatabase, match="the port in that mysql:// URL is not a number"):
        Database.parse("mysql://root:secret@127.0.0.1:33o6/todos")


def test_what_it_gives_parses_back_to_itself(tmp_path):
    for database in (
        Database.sqlite_file(tmp_path / "todos.sqlite3"),
        Database.parse("postgresql://demo:secret@db.example.test/todos"),
    ):
        assert Database.parse(str(database)) == database


def test_a_url_of_a_scheme_it_does_not_know_names_the_ones_it_does():
    with pytest.raises(BadDatabase) as caught:
        Database.parse("oracle://scott:secret@127.0.0.1:1521/demo")
    assert str(caught.value) == (
        "the demo does not know oracle:// databases; it knows "
        f"{known_schemes()}, or give a SQLite file's path (nothing was created)"
    )
    assert known_schemes() == (
        "postgresql:// or postgres:// (PostgreSQL); mysql:// or mariadb:// (MySQL); "
        "mongodb:// (MongoDB)"
    )


def test_a_server_url_without_a_database_name_is_refused():
    with pytest.raises(BadDatabase, match="names no database: end it with /NAME"):
        Database.parse("postgresql://demo@db.example.test:5433")
