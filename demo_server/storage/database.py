"""Which database `--db` names, parsed once into a `Database`, and the store for it.

`--db` is a SQLite file's path or a database server's URL. `Database.parse` is the one place
that tells them apart: the CLI, `make scale` and the tests ask it (or the `Database` it gave),
never the text. Each backend is a module with the same four functions (`Backend`); `backend()`
is the one place that maps a kind of database to its module, imported only when chosen, so
the demo's SQLite default loads no server's driver.

A new database is a member of `Kind`, its URL schemes in `SCHEMES`, a module, and a line in
`backend()`; the routes, the CLI and the tests change nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from demo_server.storage.interface import MAX_TODOS, Store


class Kind(Enum):
    """The databases the demo keeps its to-dos in (the value is the name a person reads)."""

    SQLITE = "SQLite"
    POSTGRESQL = "PostgreSQL"
    MYSQL = "MySQL"
    MONGODB = "MongoDB"


#: URL schemes the demo knows, and the database each names. Anything else that starts with
#: `scheme://` is refused, not taken for a file name (SQLite would create a file so named).
SCHEMES: dict[str, Kind] = {
    "postgresql": Kind.POSTGRESQL,
    "postgres": Kind.POSTGRESQL,
    # MariaDB speaks MySQL's protocol and SQL: one backend for both.
    "mysql": Kind.MYSQL,
    "mariadb": Kind.MYSQL,
    "mongodb": Kind.MONGODB,
}
URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


class BadDatabase(ValueError):
    """A `--db` value the demo cannot use; the message is one line saying what to give."""


def known_schemes() -> str:
    """The schemes by database, for messages: "postgresql:// or postgres:// (PostgreSQL)"."""
    by_kind: dict[Kind, list[str]] = {}
    for scheme, kind in SCHEMES.items():
        by_kind.setdefault(kind, []).append(f"{scheme}://")
    return "; ".join(f"{' or '.join(schemes)} ({kind.value})" for kind, schemes in by_kind.items())


@dataclass(frozen=True)
class Database:
    """The database the to-dos are kept in: its kind and where it is."""

    kind: Kind
    #: A SQLite file's absolute path, or a server's URL as given (password and all).
    location: str

    @classmethod
    def parse(cls, text: str) -> Database:
        """A `--db` value: a server's URL by a scheme the demo knows, else a SQLite file's path.

        `BadDatabase` for a URL of a scheme it does not know, or one that names no database."""
        found = URL_SCHEME.match(text)
        if found is None:
            return cls.sqlite_file(Path(text))
        scheme = found.group(1).lower()
        if scheme not in SCHEMES:
            # Only the scheme: the rest of the URL may carry a password.
            raise BadDatabase(
                f"the demo does not know {scheme}:// databases; it knows {known_schemes()}, "
                "or give a SQLite file's path (nothing was created)"
            )
        if "/" not in text[found.end() :]:
            raise BadDatabase(f"{text!r} names no database: end it with /NAME, e.g. {text}/todos")
        try:
            urlsplit(text).port  # noqa: B018 (a port that is no number raises)
        except ValueError:
            raise BadDatabase(
                f"the port in that {scheme}:// URL is not a number from 0 to 65535: "
                "give HOST:PORT, e.g. 127.0.0.1:5432"
            ) from None
        return cls(SCHEMES[scheme], text)

    @classmethod
    def sqlite_file(cls, path: Path) -> Database:
        return cls(Kind.SQLITE, str(path.expanduser().resolve()))

    @property
    def shared(self) -> bool:
        """Whether several demo processes may use it at once: a server may; a SQLite file has
        one demo-server (demo_server.storage.file_lock)."""
        return self.kind is not Kind.SQLITE

    @property
    def path(self) -> Path:
        """The SQLite file."""
        if self.kind is not Kind.SQLITE:
            raise ValueError(f"a {self.kind.value} database has no file: {self.printable()}")
        return Path(self.location)

    def printable(self) -> str:
        """Where it is, for a person to read: a URL without its password."""
        return backend(self.kind).printable(self.location)

    def missing_driver(self) -> str | None:
        """How to install the database's Python driver, when it is not installed."""
        return backend(self.kind).missing_driver()

    def __str__(self) -> str:
        return self.location


class Backend(Protocol):
    """What each backend module (`sqlite.py`, `postgresql.py`, `mysql.py`, `mongodb.py`)
    provides, by these names."""

    def missing_driver(self) -> str | None: ...

    def printable(self, location: str) -> str: ...

    def open_store(self, location: str, max_todos: int, pool_size: int) -> Store: ...

    def initialise(self, location: str, reset: bool) -> None: ...


def backend(kind: Kind) -> Backend:
    """The module that keeps to-dos in `kind`, imported now: a server's driver loads only
    when its database is chosen."""
    if kind is Kind.POSTGRESQL:
        from demo_server.storage import postgresql

        return postgresql
    if kind is Kind.MYSQL:
        from demo_server.storage import mysql

        return mysql
    if kind is Kind.MONGODB:
        from demo_server.storage import mongodb

        return mongodb
    from demo_server.storage import sqlite

    return sqlite


def open_store(database: Database, max_todos: int = MAX_TODOS, pool_size: int = 1) -> Store:
    """The store on `database` (a server's with `pool_size` connections). The database must
    be initialised: `initialise` creates it."""
    return backend(database.kind).open_store(database.location, max_todos, pool_size)


def initialise(database: Database, reset: bool = False) -> None:
    """Create the schema (migrations) and the seed list; with `reset`, start over first."""
    backend(database.kind).initialise(database.location, reset)
