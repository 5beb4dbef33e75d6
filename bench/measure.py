"""Measuring: every contestant interleaved, repeated; medians of the rounds.

Machines here have 2 cores shared by wrk and the server, and are noisy: contestants take turns
(A B C, then C B A, ...), each figure is the median of the rounds, and every ratio compares
figures from the same run.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench import (
    build,
    contestants,
    databases,
    editor,
    exercises,
    in_browser,
    lighthouse,
    list_sizes,
    pages,
    request_path,
    scaling,
    wrk,
)

CONNECTIONS = (1, 50)


def median_run(runs: list[wrk.WrkRun]) -> dict[str, float]:
    return {
        key: statistics.median(getattr(r, key) for r in runs)
        for key in ("requests_per_s", "p50_ms", "p99_ms")
    } | {
        "requests_per_s_min": min(r.requests_per_s for r in runs),
        "requests_per_s_max": max(r.requests_per_s for r in runs),
        "errors": sum(r.errors for r in runs),
        "rounds": len(runs),
    }


def measure(rounds: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        players = [
            p
            for p in (
                contestants.demo(scratch),
                contestants.express(scratch),
                contestants.nestjs(scratch),
                contestants.go(scratch),
                contestants.java(scratch),
                contestants.spring_boot(scratch),
                contestants.nginx(scratch),
            )
            if p is not None
        ]
        runs: dict[tuple[str, str, int], list[wrk.WrkRun]] = {}
        memory: dict[str, dict[str, float]] = {}
        try:
            for player in players:
                player.start()
                wrk.run(player.url + "/", 10, 1)  # warm-up, not counted
                memory[player.name] = {"idle_mb": player.rss_mb(), "loaded_mb": 0.0}
            for round_no in range(rounds):
                order = players if round_no % 2 == 0 else list(reversed(players))
                for player in order:
                    for conns in CONNECTIONS:
                        result = wrk.run(player.url + "/", conns, seconds)
                        runs.setdefault((player.name, "GET /", conns), []).append(result)
                        memory[player.name]["loaded_mb"] = max(
                            memory[player.name]["loaded_mb"], player.rss_mb()
                        )
                # The API on a fresh database each time: the list route returns every to-do,
                # so rows added by earlier POST runs would make each round slower than the last.
                for conns in CONNECTIONS:
                    for route, post in (("GET /api/todos", False), ("POST /api/todos", True)):
                        api = contestants.demo(scratch, fresh=True)
                        api.start()
                        try:
                            runs.setdefault((api.name, route, conns), []).append(
                                wrk.run(
                                    api.url + "/api/todos",
                                    conns,
                                    seconds,
                                    post=post,
                                    scratch=scratch,
                                )
                            )
                        finally:
                            api.stop()
        finally:
            for player in players:
                player.stop()
        list_rows = list_sizes.measure(scratch, rounds, seconds)
        scaling_rows = scaling.measure(scratch, rounds, seconds)
        # Its own rounds, the three servers alone: the ratio is taken within one run.
        path_report = request_path.measure(scratch, max(rounds, request_path.ROUNDS), seconds)
        # The same: the four databases' rounds are a run of their own.
        database_report = databases.measure(scratch, max(rounds, databases.ROUNDS), seconds)
    return {
        "request_path": path_report,
        "databases": database_report,
        "list_sizes": list_rows,
        "scaling": scaling_rows,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "rounds": rounds,
        "seconds": seconds,
        "results": [
            {"server": s, "route": r, "connections": c, **median_run(v)}
            for (s, r, c), v in runs.items()
        ],
        "memory": memory,
    }


def measure_site() -> dict:
    """Page weight per page (a fresh Chromium, gzip as static hosts send it) and build cost.

    The site is built as a deployment builds it, with `site_url` set to the address Lighthouse
    is served from, so instant navigation (which needs `site_url`) is on in what it scores."""
    import shutil

    from site_plugins.page_checks.ports import free_port

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build.build_seconds(site, site_url=f"http://127.0.0.1:{port}/")
        weights = pages.weigh(site, chromium) if Path(chromium).exists() else []
        tab = in_browser.measure(site, chromium) if weights else {}
        checks = exercises.measure(site, chromium) if weights else {}
        edits = editor.measure(site, chromium) if weights else {}
        audits = lighthouse_audits(site, chromium, weights, Path(tmp), port) if weights else []
    return {
        "pages": weights,
        "build": build.measure(),
        "lighthouse": audits,
        "in_browser": tab,
        "exercises": checks,
        "editor": edits,
    }


def lighthouse_audits(
    site: Path, chromium: str, weights: list[dict], tmp: Path, port: int = 0
) -> list[dict]:
    """Each page's Lighthouse scores, the median of lighthouse.ROUNDS runs (pages take turns),
    with the lowest and highest performance score beside it."""
    server, base = pages.serve(site, port)
    runs: dict[str, list[dict[str, int]]] = {row["page"]: [] for row in weights}
    try:
        for _ in range(lighthouse.ROUNDS):
            for page in runs:
                try:
                    url = base + page.lstrip("/")
                    runs[page].append(lighthouse.scores(url, chromium, tmp / "lh.json"))
                except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
                    print(f"bench: Lighthouse skipped: {exc}")
                    return []
    finally:
        server.shutdown()
    return [
        {
            "page": page,
            **{c: statistics.median(r[c] for r in done) for c in lighthouse.CATEGORIES},
            "performance_min": min(r["performance"] for r in done),
            "performance_max": max(r["performance"] for r in done),
            "rounds": len(done),
        }
        for page, done in runs.items()
    ]
