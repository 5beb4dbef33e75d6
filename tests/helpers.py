"""Shared by the tests: the repository's paths and a running demo's to-dos."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def all_todos(base: str) -> list[dict]:
    """Every to-do of a running demo, following the list's pages."""
    import requests

    todos, path = [], "/api/todos?limit=500"
    while path:
        page = requests.get(base + path, timeout=10).json()
        todos += page["todos"]
        path = page["next"]
    return todos
