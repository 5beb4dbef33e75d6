"""Scaling out, measured: the to-do API with 1, 2 and 4 processes, reads and writes.

Two set-ups, as a reader would run them. SQLite: one demo with 1, 2 or 4 workers (a SQLite
file belongs to one demo; its workers share it). PostgreSQL: 1, 2 or 4 demo processes behind
nginx (`make scale`'s own code, tooling/scale.py). Every run gets a database of its own, so
rows added by a write run never slow the next read run. Set-ups and sizes take turns each
round; each figure is the median of the rounds, with the slowest and fastest round.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from bench import contestants, wrk
from bench.in_browser import spread
from bench.report import RESULTS, machine, markdown_table
from site_plugins.page_checks.ports import free_port
from tooling.postgres import PostgresServer, find_binaries
from tooling.scale import nginx_binary, scaled_demo

PROCESSES = (1, 2, 4)
CONNECTIONS = 50
ROUTES = (("GET /api/todos", False), ("POST /api/todos", True))
#: Room for every to-do a write run adds (the list's cap is 5,000).
NO_CAP = ["--max-todos", "100000000"]


def measure(scratch: Path, rounds: int, seconds: float) -> list[dict]:
    """One row per (database, processes, route); [] without nginx or PostgreSQL."""
    if nginx_binary() is None or find_binaries() is None:
        print("bench: scaling skipped: it needs nginx and PostgreSQL's server programs")
        return []
    runs: dict[tuple[str, int, str], list[wrk.WrkRun]] = {}
    with PostgresServer() as postgres:
        for round_no in range(rounds):
            sizes = PROCESSES if round_no % 2 == 0 else PROCESSES[::-1]
            for n in sizes:
                for route, post in ROUTES:
                    demo = contestants.demo(scratch, fresh=True, workers=n)
                    demo.start()
                    try:
                        result = wrk.run(
                            demo.url + "/api/todos",
                            CONNECTIONS,
                            seconds,
                            post=post,
                            scratch=scratch,
                        )
                    finally:
                        demo.stop()
                    runs.setdefault(("SQLite", n, route), []).append(result)
                    with scaled_demo(
                        n,
                        port=free_port(),
                        process_ports=[free_port() for _ in range(n)],
                        db_url=postgres.create_database(),
                        demo_args=NO_CAP,
                        output=io.StringIO(),
                    ) as scale:
                        result = wrk.run(
                            scale.balancer.url + "/api/todos",
                            CONNECTIONS,
                            seconds,
                            post=post,
                            scratch=scratch,
                        )
                    runs.setdefault(("PostgreSQL", n, route), []).append(result)
    return [
        {
            "database": database,
            "processes": n,
            "route": route,
            "requests_per_s": spread([r.requests_per_s for r in results]),
            "p99_ms": spread([r.p99_ms for r in results]),
            "errors": sum(r.errors for r in results),
            "rounds": len(results),
        }
        for (database, n, route), results in sorted(runs.items())
    ]


def table(rows: list[dict], when: str) -> str:
    if not rows:
        return "Not measured: `make bench` needs nginx and PostgreSQL for these figures.\n"
    lines = [f"Measured by `make bench` on {when}, {machine()}."]
    lines += markdown_table(
        ["Database", "Processes", "Route", "req/s", "req/s range", "p99", "p99 range", "Errors"],
        5,
        [
            [
                r["database"],
                r["processes"],
                f"`{r['route']}`",
                f"{r['requests_per_s']['median']:,.0f}",
                f"{r['requests_per_s']['min']:,.0f}-{r['requests_per_s']['max']:,.0f}",
                f"{r['p99_ms']['median']:.1f} ms",
                f"{r['p99_ms']['min']:.1f}-{r['p99_ms']['max']:.1f} ms",
                r["errors"],
            ]
            for r in rows
        ],
        f"The to-do API with {CONNECTIONS} clients (wrk), median of {rows[0]['rounds']} "
        "interleaved rounds with the slowest and fastest. SQLite: one demo with that many "
        "workers; PostgreSQL: that many demo processes behind nginx, all on one machine with "
        "2 cores.",
    )
    return "\n".join(lines) + "\n"


def write(rows: list[dict], out: Path) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out.mkdir(parents=True, exist_ok=True)
    text = table(rows, when)
    (out / "scaling.md").write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Only the scaling figures (`make bench` measures them with the rest)."""
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(write(measure(Path(tmp), args.rounds, args.seconds), args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
