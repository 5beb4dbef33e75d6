"""What every store of to-dos is, whichever database holds them: the types, the errors, the
limits, and the `Store` protocol the routes call.

Nothing here knows a database. A backend (`sqlite.py`, `postgresql.py`; the SQL they share is
`sql.py`) implements `Store`; `database.py` picks the backend a `--db` value names. The routes
and GraphQL see only this module, so a new backend changes none of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol, TypeVar

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
MAX_ID = 2**63 - 1


class Refused(Exception):
    """A write the data's limits do not allow; the message says why, for the client."""


class ListFull(Refused):
    """The list holds as many to-dos as it may: a conflict with its state, not a bad request."""


class Unavailable(Exception):
    """The database cannot answer now (down, locked, read-only, full): the client may retry."""


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


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def first_line(exc: BaseException) -> str:
    """What a database said, in one line (its messages run to several). MySQL's drivers give
    (code, message): the message, then the code."""
    if len(exc.args) == 2 and isinstance(exc.args[0], int) and isinstance(exc.args[1], str):
        return first_line(Exception(f"{exc.args[1]} (MySQL error {exc.args[0]})"))
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class Store(Protocol):
    """Every call the API makes on its to-dos. Each raises `Unavailable` when the database
    cannot answer now, and `Refused` for a write the limits do not allow."""

    max_todos: int

    def healthy(self) -> None:
        """Raise `Unavailable` unless the database answers a query."""

    def list(self, after: int = 0, limit: int = MAX_TODOS) -> list[Todo]:
        """Up to `limit` to-dos with ids above `after`, by id: one page of the list."""

    def children(self, parent_id: int) -> list[Todo]:
        """The direct sub-tasks of a to-do, by id."""

    def count(self) -> int: ...

    def get(self, todo_id: int) -> Todo | None: ...

    def create(self, title: str, parent_id: int | None) -> Todo:
        """The new to-do; `Refused` (and nothing written) when the limits do not allow it."""

    def update(self, todo_id: int, changes: dict[str, Any]) -> Todo | None:
        """Change `title` and/or `done` (a bool); None when there is no such to-do."""

    def delete(self, todo_id: int) -> bool:
        """Delete the to-do and its sub-tasks; False when there was none."""

    def level(self, todo_id: int) -> int:
        """How deep the to-do sits: 1 at the top, 2 for a sub-task of a top-level one..."""

    def close_all(self) -> None:
        """Let go of every connection: the app is done (a worker stops, a test ends)."""


F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """For a store's methods: the backend's "cannot answer now" errors (the store's `failures`)
    become `Unavailable` with their first line; its `bugs`, our mistakes, stay what they are
    (a 500 with a traceback)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except self.bugs:
            raise
        except self.failures as exc:
            raise Unavailable(first_line(exc)) from exc

    return wrapper  # type: ignore[return-value]
