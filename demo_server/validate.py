"""What a to-do's fields may hold: one set of checks for the REST and the GraphQL API."""

from __future__ import annotations

from typing import Any

from demo_server.storage.interface import MAX_ID, TITLE_MAX


class BadInput(ValueError):
    """A value the client sent that no to-do may hold; the message says which and why."""


def title(value: Any) -> str:
    """The title, stripped; `BadInput` unless it is 1 to TITLE_MAX characters of text."""
    if not isinstance(value, str):
        raise BadInput("'title' must be a string")
    text = value.strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # JSON may escape half of a UTF-16 pair ("\\ud800"); no database stores that.
        raise BadInput(
            f"'title' holds a lone surrogate (U+{ord(text[exc.start]):04X}), not text"
        ) from None
    if not text:
        raise BadInput("'title' must not be empty")
    if "\x00" in text:
        # PostgreSQL's text cannot hold it; refused on SQLite too, so both answer the same.
        raise BadInput("'title' must not contain the NUL character (U+0000)")
    if len(text) > TITLE_MAX:
        raise BadInput(f"'title' must be at most {TITLE_MAX} characters")
    return text


def todo_id(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise BadInput(f"'{field}' must be the id of a to-do (a positive integer) or null")
    return value
