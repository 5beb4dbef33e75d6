"""The list route as the data grows: one page's time and size at 10, 1,000 and the cap.

The list answers a page at a time (100 to-dos by default), so past the first page the work per
request should not grow with the table: the figures at 1,000 rows and at the cap should match.
Each size gets a database of its own, filled straight through SQLite before the demo starts;
sizes take turns each round, and each figure is the median of the rounds.
"""

from __future__ import annotations

import sqlite3
import urllib.request
from contextlib import closing
from pathlib import Path

from bench import contestants, wrk
from bench.in_browser import spread
from demo_server.storage import sqlite
from demo_server.storage.interface import MAX_TODOS

SIZES = (10, 1_000, MAX_TODOS)
CONNECTIONS = 10


def filled(scratch: Path, rows: int) -> Path:
    path = scratch / f"list-{rows}.sqlite3"
    sqlite.initialise(path, reset=True)
    with closing(sqlite3.connect(path)) as conn, conn:
        (have,) = conn.execute("SELECT count(*) FROM todos").fetchone()
        conn.executemany(
            "INSERT INTO todos (title, created_at) VALUES (?, '2026-01-01T00:00:00Z')",
            [(f"to-do number {n}",) for n in range(have, rows)],
        )
    return path


def measure(scratch: Path, rounds: int, seconds: float) -> list[dict]:
    runs: dict[int, list[wrk.WrkRun]] = {rows: [] for rows in SIZES}
    sizes: dict[int, int] = {}
    for round_no in range(rounds):
        for rows in SIZES if round_no % 2 == 0 else tuple(reversed(SIZES)):
            server = contestants.demo(scratch, db=filled(scratch, rows))
            server.start()
            try:
                with urllib.request.urlopen(server.url + "/api/todos", timeout=10) as answer:
                    sizes[rows] = len(answer.read())
                runs[rows].append(wrk.run(server.url + "/api/todos", CONNECTIONS, seconds))
            finally:
                server.stop()
    return [
        {
            "rows": rows,
            "bytes": sizes[rows],
            "connections": CONNECTIONS,
            "rounds": len(done),
            "errors": sum(r.errors for r in done),
            **{
                key: spread([getattr(r, key) for r in done]) for key in ("requests_per_s", "p50_ms")
            },
        }
        for rows, done in runs.items()
    ]


def targets(rows: list[dict]) -> list[tuple[str, bool, str]]:
    if not rows:
        return []
    by_rows = {r["rows"]: r for r in rows}
    mid, cap = by_rows[1_000], by_rows[MAX_TODOS]
    ratio = cap["requests_per_s"]["median"] / mid["requests_per_s"]["median"]
    largest = max(r["bytes"] for r in rows)
    return [
        (
            f"GET /api/todos at {MAX_TODOS:,} rows >= 0.8x its speed at 1,000 (a page each)",
            ratio >= 0.8,
            f"{ratio:.2f}x",
        ),
        ("one list answer < 1 MB at the cap", largest < 1024 * 1024, f"{largest / 1024:.0f} KB"),
        ("zero errors on the list route", not any(r["errors"] for r in rows), "see table"),
    ]
