"""Run every contestant, interleaved, repeat, and report medians, ratios and PASS/FAIL.

Machines here have 2 cores shared by wrk and the server, and are noisy: contestants take turns
(A B C, then C B A, ...), each figure is the median of the rounds, and every ratio compares
figures from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench import build, charts, contestants, in_browser, lighthouse, list_sizes, pages, wrk

RESULTS = Path(__file__).resolve().parent / "results"
CHARTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "benchmarks"
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
        from bench import scaling  # it uses this module's table helpers

        scaling_rows = scaling.measure(scratch, rounds, seconds)
    return {
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


def figure(report: dict, server: str, route: str, conns: int) -> dict | None:
    return next(
        (
            r
            for r in report["results"]
            if r["server"].startswith(server) and r["route"] == route and r["connections"] == conns
        ),
        None,
    )


def measure_site() -> dict:
    """Page weight per page (a fresh Chromium, gzip as static hosts send it) and build cost."""
    import shutil

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build.build_seconds(site)
        weights = pages.weigh(site, chromium) if Path(chromium).exists() else []
        tab = in_browser.measure(site, chromium) if weights else {}
        audits = lighthouse_audits(site, chromium, weights, Path(tmp)) if weights else []
    return {"pages": weights, "build": build.measure(), "lighthouse": audits, "in_browser": tab}


#: Lighthouse runs per page: its score moves a few points from run to run on a busy machine.
LIGHTHOUSE_ROUNDS = 3


def lighthouse_audits(site: Path, chromium: str, weights: list[dict], tmp: Path) -> list[dict]:
    """Each page's Lighthouse scores, the median of LIGHTHOUSE_ROUNDS runs (pages take turns),
    with the lowest and highest performance score beside it."""
    server, base = pages.serve(site)
    runs: dict[str, list[dict[str, int]]] = {row["page"]: [] for row in weights}
    try:
        for _ in range(LIGHTHOUSE_ROUNDS):
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


def site_targets(report: dict) -> list[tuple[str, bool, str]]:
    rows = report["pages"]
    if not rows:
        return [("page weight measured (needs /usr/bin/chromium)", False, "not measured")]
    heaviest = max(rows, key=lambda r: r["sent_kb"])
    foreign = sum(len(r["third_party"]) for r in rows)
    ratio = report["build"]["ratio"]
    audits = report.get("lighthouse") or []
    lowest = {c: min((a[c] for a in audits), default=0) for c in lighthouse.CATEGORIES}
    measured = "not measured (needs npm)"
    return [
        (
            "Lighthouse accessibility, best practices, SEO = 100 on every page",
            bool(audits) and all(lowest[c] == 100 for c in lighthouse.CATEGORIES[1:]),
            f"lowest {lowest['accessibility']}/{lowest['best-practices']}/{lowest['seo']}"
            if audits
            else measured,
        ),
        (
            f"Lighthouse performance >= {lighthouse.PERFORMANCE_TARGET} on every page "
            f"(median of {LIGHTHOUSE_ROUNDS} runs)",
            bool(audits) and lowest["performance"] >= lighthouse.PERFORMANCE_TARGET,
            f"lowest median {lowest['performance']:g}" if audits else measured,
        ),
        (
            "first load <= 150 KB gzip on every page",
            heaviest["sent_kb"] <= 150,
            f"heaviest {heaviest['page']} {heaviest['sent_kb']:.0f} KB",
        ),
        ("zero requests to another origin", foreign == 0, f"{foreign} requests"),
        ("build with our plugins <= 1.2x without", ratio <= 1.2, f"{ratio:.2f}x"),
        *tab_targets(report.get("in_browser") or {}),
    ]


def tab_targets(tab: dict) -> list[tuple[str, bool, str]]:
    if not tab:
        return [("in-browser demo measured (needs /usr/bin/chromium)", False, "not measured")]
    cold, warm = tab["cold_s"], tab["warm_s"]
    return [
        (
            "in-browser demo: click to first answer, cold, <= 4 s",
            cold["median"] <= 4,
            f"median {cold['median']:.2f} s ({cold['min']:.2f}-{cold['max']:.2f})",
        ),
        (
            "in-browser demo: click to first answer, warm, <= 1 s",
            warm["median"] <= 1,
            f"median {warm['median']:.2f} s ({warm['min']:.2f}-{warm['max']:.2f})",
        ),
    ]


def targets(report: dict) -> list[tuple[str, bool, str]]:
    demo, express = figure(report, "demo", "GET /", 50), figure(report, "Express", "GET /", 50)
    if express is None:
        return [("Express not measured (node/npm missing)", False, "")]
    mem = report["memory"]
    demo_mem = next(v for k, v in mem.items() if k.startswith("demo"))
    express_mem = next(v for k, v in mem.items() if k.startswith("Express"))
    ratio = demo["requests_per_s"] / express["requests_per_s"]
    errors = sum(r["errors"] for r in report["results"])
    return [
        ("demo >= 3x Express req/s at 50 connections", ratio >= 3, f"{ratio:.2f}x"),
        (
            "demo p99 <= Express p99 at 50 connections",
            demo["p99_ms"] <= express["p99_ms"],
            f"{demo['p99_ms']:.2f} ms vs {express['p99_ms']:.2f} ms",
        ),
        (
            "demo idle RSS <= Express idle RSS",
            demo_mem["idle_mb"] <= express_mem["idle_mb"],
            f"{demo_mem['idle_mb']:.0f} MB vs {express_mem['idle_mb']:.0f} MB",
        ),
        (
            "zero errors on every route (socket errors and non-2xx answers)",
            errors == 0,
            f"{errors} errors",
        ),
    ]


def markdown_table(
    header: list[str], right: int, rows: list[list[object]], caption: str = ""
) -> list[str]:
    """A Markdown table; the last `right` columns are figures, aligned right. The caption
    (pymdownx.blocks.caption) says what the table measures, for every reader and screen reader."""
    aligns = ["---"] * (len(header) - right) + ["---:"] * right
    return [
        "",
        f"| {' | '.join(header)} |",
        f"| {' | '.join(aligns)} |",
        *(f"| {' | '.join(map(str, row))} |" for row in rows),
        *(["", "/// caption", caption, "///"] if caption else []),
    ]


def short(server: str) -> str:
    """ "demo (Bottle on Granian)" -> "demo": the long names are in the captions."""
    return server.split(" (", 1)[0]


def machine() -> str:
    """This machine in a few words: its processor and how many cores."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores" + (f", {model}" if model else "")


def table(report: dict) -> str:
    when = report.get("when", "")
    lines = [
        f"Measured by `make bench` on {when}"
        + (f", {report['machine']}" if "machine" in report else "")
        + "."
    ]
    lines += markdown_table(
        ["Server", "Route", "Clients", "req/s", "req/s range", "p50", "p99"],
        5,
        [
            [
                short(r["server"]),
                f"`{r['route']}`",
                r["connections"],
                f"{r['requests_per_s']:,.0f}",
                f"{r.get('requests_per_s_min', 0):,.0f}-{r.get('requests_per_s_max', 0):,.0f}",
                f"{r['p50_ms']:.2f} ms",
                f"{r['p99_ms']:.2f} ms",
            ]
            for r in report["results"]
        ],
        f"Requests a second and latency (median of {report.get('rounds', 3)} interleaved "
        "rounds; p50 and p99 are the times half and 99% of the answers beat), with wrk "
        "holding 1 or 50 connections open; the range is the slowest and fastest round. demo: "
        "Bottle on Granian; Express and NestJS on Node.js; Go: its standard library's "
        "net/http; Java: the JDK's HttpServer; Spring Boot: Spring MVC on Tomcat; nginx: the "
        "ceiling, answering from its configuration. The hello worlds are the pages' own files "
        "from examples/.",
    )
    lines += markdown_table(
        ["Server", "Idle RSS", "Loaded RSS"],
        2,
        [
            [short(name), f"{m['idle_mb']:.0f} MB", f"{m['loaded_mb']:.0f} MB"]
            for name, m in report["memory"].items()
        ],
        "Memory of each server's whole process tree: idle after the warm-up, and the most "
        "seen under load.",
    )
    if report.get("list_sizes"):
        lines += markdown_table(
            ["To-dos in the list", "One page (`GET /api/todos`)", "req/s", "Range", "p50"],
            4,
            [
                [
                    f"{r['rows']:,}",
                    f"{r['bytes'] / 1024:.1f} KB",
                    f"{r['requests_per_s']['median']:,.0f}",
                    f"{r['requests_per_s']['min']:,.0f}-{r['requests_per_s']['max']:,.0f}",
                    f"{r['p50_ms']['median']:.2f} ms",
                ]
                for r in report["list_sizes"]
            ],
            "One page of the list (100 to-dos at most) as the list grows: the answer's size, "
            "requests a second at 10 connections (median and range of the rounds) and the "
            "median latency.",
        )
    if report.get("pages"):
        lines += markdown_table(
            ["Page", "Requests", "First load (sent)", "First load (raw)"],
            3,
            [
                [f"`{p['page']}`", p["requests"], f"{p['sent_kb']:.0f} KB", f"{p['raw_kb']:.0f} KB"]
                for p in report["pages"]
            ],
            "Each page's first load in a fresh browser: requests, and bytes as sent "
            "(compressed) and unpacked. The demo's runtime is not part of it: it loads only "
            "when a reader starts the demo.",
        )
    if report.get("lighthouse"):
        lines += markdown_table(
            ["Page", "Performance", "Range", "Accessibility", "Best practices", "SEO"],
            5,
            [
                [
                    f"`{a['page']}`",
                    f"{a['performance']:g}",
                    f"{a.get('performance_min', a['performance']):g}-"
                    f"{a.get('performance_max', a['performance']):g}",
                    *(f"{a[c]:g}" for c in lighthouse.CATEGORIES[1:]),
                ]
                for a in report["lighthouse"]
            ],
            f"Lighthouse scores (mobile), the median of {LIGHTHOUSE_ROUNDS} runs per page, "
            "with the range of the performance score.",
        )
    if report.get("in_browser"):
        tab = report["in_browser"]
        lines += markdown_table(
            ["In your tab", "Median", "Range"],
            2,
            [
                [
                    what,
                    f"{tab[key]['median']:.2f} s",
                    f"{tab[key]['min']:.2f}-{tab[key]['max']:.2f} s",
                ]
                for what, key in (
                    ("Click to first answer, cold", "cold_s"),
                    ("Click to first answer, warm", "warm_s"),
                )
            ]
            + [
                [
                    f"One `{route}`",
                    f"{ms['median']:.2f} ms",
                    f"{ms['min']:.2f}-{ms['max']:.2f} ms",
                ]
                for route, ms in tab["per_request_ms"].items()
            ],
            f"The demo in a reader's tab, over {tab.get('rounds', 5)} fresh browser profiles: "
            "from the click to the answer, cold and warm, then the time of one request.",
        )
    if report.get("build"):
        b = report["build"]
        lines += [
            "",
            f"Build: {b['with_plugins_s']:.2f} s with our plugins "
            f"({', '.join(b.get('plugins', []))}), "
            f"{b['without_plugins_s']:.2f} s without ({b['ratio']:.2f}x).",
        ]
    lines += markdown_table(
        ["Target", "Result", "Measured"],
        0,
        [[name, "PASS" if ok else "FAIL", measured] for name, ok, measured in report["targets"]],
        "The targets `make bench` checks, and how this run did.",
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--charts", type=Path, default=CHARTS)
    args = parser.parse_args(argv)
    report = measure(args.rounds, args.seconds) | measure_site()
    report["machine"] = machine()
    report["targets"] = (
        targets(report) + list_sizes.targets(report["list_sizes"]) + site_targets(report)
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "results.md").write_text(table(report))
    from bench import reload, scaling

    scaling.write(report["scaling"], args.out)
    # Save to reload under `mkdocs serve`, ours against the search plugin alone.
    (args.out / "reload.md").write_text(reload.report(reload.measure()))
    charts.draw(report, args.charts)
    print(table(report))
    for name, ok, measured in report["targets"]:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
