"""The four databases through the demo: reads (`GET /api/todos`) and writes (`POST /api/todos`)
a second on SQLite, PostgreSQL, MySQL (MariaDB) and MongoDB's protocol (SecantusDB).

A real demo-server process over HTTP (wrk), started as a reader starts it (one worker, one
thread; `--db` the database's file or URL), each database server a throwaway one of
tooling/ (tooling/postgres.py, tooling/mariadb.py, tooling/secantusdb.py) on this machine.
Every run gets a database of its own and a demo of its own, so the rows a write run adds never
slow the next read run. The databases take turns each round (A B C D, then D C B A), so a
slow minute of a shared machine falls on all of them; each figure is the median of the rounds
with the slowest and fastest.

A database this machine cannot start (no PostgreSQL, MariaDB or SecantusDB installed) is left
out, and the run says so; the page's table then shows only the others.

`python -m bench.databases` runs this part alone and writes bench/results/databases.json and
databases.md (the table from bench/report.py); `make bench` runs it with the rest, and
`make bench BENCH_ARGS="--only databases"` runs only it.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from importlib import metadata
from pathlib import Path

from bench import contestants, part, wrk
from bench.in_browser import spread
from bench.report import databases_table
from tooling.mariadb import MariaDBError, MariaDBServer
from tooling.postgres import PostgresError, PostgresServer, find_binaries
from tooling.secantusdb import SecantusError, SecantusServer

#: wrk's connections: more than the demo's one thread serves at once, so a request is always
#: waiting and the figure is the demo's own pace on that database, not wrk's.
CONNECTIONS = 10
#: At least this many rounds: on 2 shared cores one round can be half as fast as the next.
ROUNDS = 5
ROUTES = (("GET /api/todos", False), ("POST /api/todos", True))
#: The order of the table and of each round (reversed every other round).
DATABASES = ("SQLite", "PostgreSQL", "MySQL", "MongoDB")
#: What actually answered under each name: MariaDB speaks MySQL's protocol and SQL, and
#: SecantusDB MongoDB's protocol (neither is the database it stands in for; the caption says so).
SERVERS = {
    "SQLite": "SQLite {version}",
    "PostgreSQL": "PostgreSQL {version}",
    "MySQL": "MariaDB {version}",
    "MongoDB": "SecantusDB {version}",
}


class Fresh:
    """One database server (or SQLite's files): `url()` gives a new, empty database on it."""

    def __init__(self, name: str, version: str, url: Callable[[], str]) -> None:
        self.name = name
        self.version = version
        self.url = url


@contextmanager
def started(scratch: Path) -> Iterator[list[Fresh]]:
    """The databases this machine can run, their servers started (and stopped after)."""
    found: list[Fresh] = []
    numbers = iter(range(1, 10**6))
    found.append(
        Fresh(
            "SQLite",
            sqlite3.sqlite_version,
            lambda: str(scratch / f"databases-{next(numbers)}.sqlite3"),
        )
    )
    with ExitStack() as stack:
        if find_binaries() is None:
            print("bench: databases: PostgreSQL left out: its server programs are not installed")
        else:
            try:
                postgres = stack.enter_context(PostgresServer())
                found.append(
                    Fresh("PostgreSQL", _postgres_version(postgres), postgres.create_database)
                )
            except PostgresError as exc:
                print(f"bench: databases: PostgreSQL left out: {exc}")
        try:
            mariadb = stack.enter_context(MariaDBServer())
            found.append(Fresh("MySQL", _mariadb_version(mariadb), mariadb.create_database))
        except MariaDBError as exc:
            print(f"bench: databases: MySQL left out: {exc}")
        try:
            secantus = stack.enter_context(SecantusServer())
            found.append(Fresh("MongoDB", metadata.version("secantusdb"), secantus.create_database))
        except (SecantusError, metadata.PackageNotFoundError) as exc:
            print(f"bench: databases: MongoDB left out: {exc}")
        yield found


def _postgres_version(server: PostgresServer) -> str:
    import psycopg

    with psycopg.connect(server.create_database()) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]


def _mariadb_version(server: MariaDBServer) -> str:
    conn = server.connect()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT VERSION()")
            return str(cursor.fetchone()[0]).split("-")[0]
    finally:
        conn.close()


def one_run(scratch: Path, database: Fresh, post: bool, seconds: float) -> wrk.WrkRun:
    """A demo of its own on a new database, warmed up by a second of reads, then measured."""
    demo = contestants.demo(scratch, fresh=True, db=database.url())
    demo.start()
    try:
        wrk.run(demo.url + "/api/todos", 1, 1)  # warm-up (connections, caches), not counted
        return wrk.run(demo.url + "/api/todos", CONNECTIONS, seconds, post=post, scratch=scratch)
    finally:
        demo.stop()


def measure(scratch: Path, rounds: int = ROUNDS, seconds: float = 5) -> dict:
    """Each database's reads and writes a second, p50 and p99 (median and range of the
    rounds)."""
    runs: dict[tuple[str, str], list[wrk.WrkRun]] = {}
    with started(scratch) as databases:
        for round_no in range(rounds):
            order = databases if round_no % 2 == 0 else databases[::-1]
            for database in order:
                for route, post in ROUTES:
                    result = one_run(scratch, database, post, seconds)
                    runs.setdefault((database.name, route), []).append(result)
        versions = {d.name: SERVERS[d.name].format(version=d.version) for d in databases}
    return {
        **part.conditions(CONNECTIONS, rounds, seconds),
        "servers": versions,
        "results": [
            {
                "database": name,
                "route": route,
                "requests_per_s": spread([r.requests_per_s for r in runs[name, route]]),
                "p50_ms": spread([r.p50_ms for r in runs[name, route]]),
                "p99_ms": spread([r.p99_ms for r in runs[name, route]]),
                "errors": sum(r.errors for r in runs[name, route]),
            }
            for name in DATABASES
            for route, _ in ROUTES
            if (name, route) in runs
        ],
    }


def write(report: dict, out: Path) -> str:
    return part.write(report, out, "databases", databases_table)


def run_alone(rounds: int, seconds: float, out: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = measure(Path(tmp), rounds, seconds)
    print(write(report, out))
    return report


def main(argv: list[str] | None = None) -> int:
    """Only the databases' figures (`make bench` measures them with the rest)."""
    args = part.options(__doc__, ROUNDS, argv)
    run_alone(args.rounds, args.seconds, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
