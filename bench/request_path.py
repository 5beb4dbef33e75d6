"""The request path's cost: a bare WSGI hello, Bottle's hello and the demo's `GET /`, side by
side on Granian, at 50 connections.

The three differ by one layer each: Granian alone (`bench.hello_apps.bare`), Bottle's own
hello world on it (`bench.hello_apps.bottle_hello`), and the demo, which is that Bottle route
with everything the demo wraps around it (the deadline gateway, the access log, the Host and
CORS checks, the security headers, the ETag). They take turns each round (A B C, then C B A);
each figure is the median of the rounds with the slowest and fastest, and the demo's ratio to
Bottle is taken round by round, from runs made one after the other.

Beside requests a second, the servers' own CPU time per request (every process of the tree,
from /proc): wrk shares the two cores, so that figure is the steadier of the two.

`python -m bench.request_path` runs this part alone and writes bench/results/request-path.md
(judged in bench/judge.py, the table from bench/report.py); `make bench` runs it with the rest.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench import contestants, part, wrk
from bench.in_browser import spread
from bench.judge import request_path_targets
from bench.report import request_path_table

CONNECTIONS = 50
#: At least this many rounds: the ratio moves by a tenth from round to round on 2 cores.
ROUNDS = 5
NAMES = {
    "bare": "bare WSGI hello (Granian)",
    "bottle": "Bottle's hello (Bottle on Granian)",
    "demo": "demo GET / (Bottle on Granian, all protections)",
}


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and all its descendants, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        todo += [int(c) for c in children]
    return total / ticks


def players(scratch: Path) -> dict[str, contestants.Contestant]:
    return {
        "bare": contestants.granian_wsgi(NAMES["bare"], "bench.hello_apps:bare"),
        "bottle": contestants.granian_wsgi(NAMES["bottle"], "bench.hello_apps:bottle_hello"),
        "demo": contestants.demo(scratch),
    }


def measure(scratch: Path, rounds: int = ROUNDS, seconds: float = 5) -> dict:
    """Each server's req/s, p99 and CPU per request (median and range of the rounds), and the
    demo's ratio to Bottle's hello, round by round."""
    started = players(scratch)
    runs: dict[str, list[wrk.WrkRun]] = {key: [] for key in started}
    cpu_us: dict[str, list[float]] = {key: [] for key in started}
    try:
        for player in started.values():
            player.start()
            wrk.run(player.url + "/", CONNECTIONS, 1)  # warm-up, not counted
        for round_no in range(rounds):
            order = list(started) if round_no % 2 == 0 else list(started)[::-1]
            for key in order:
                player = started[key]
                assert player.process is not None
                before = tree_cpu_seconds(player.process.pid)
                result = wrk.run(player.url + "/", CONNECTIONS, seconds)
                used = tree_cpu_seconds(player.process.pid) - before
                runs[key].append(result)
                cpu_us[key].append(used / max(result.requests, 1) * 1e6)
    finally:
        for player in started.values():
            player.stop()
    ratios = [
        demo.requests_per_s / bottle.requests_per_s
        for demo, bottle in zip(runs["demo"], runs["bottle"], strict=True)
    ]
    return {
        **part.conditions(CONNECTIONS, rounds, seconds),
        "servers": [
            {
                "key": key,
                "server": NAMES[key],
                "requests_per_s": spread([r.requests_per_s for r in runs[key]]),
                "p99_ms": spread([r.p99_ms for r in runs[key]]),
                "cpu_us_per_request": spread(cpu_us[key]),
                "errors": sum(r.errors for r in runs[key]),
            }
            for key in started
        ],
        "demo_to_bottle": spread(ratios),
    }


def write(report: dict, out: Path) -> str:
    return part.write(report, out, "request-path", request_path_table)


def main(argv: list[str] | None = None) -> int:
    """Only the request path's figures (`make bench` measures them with the rest)."""
    args = part.options(__doc__, ROUNDS, argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = measure(Path(tmp), args.rounds, args.seconds)
    print(write(report, args.out))
    for name, ok, measured in request_path_targets(report):
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
