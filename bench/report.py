"""Reporting: one run's figures as the Markdown tables the pages include (bench/results/)."""

from __future__ import annotations

import os
from pathlib import Path

from bench import lighthouse
from bench.judge import request_path_ratio

RESULTS = Path(__file__).resolve().parent / "results"
CHARTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "benchmarks"


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


def measured_on(report: dict, part: str = "") -> str:
    """Which run the figures come from. `part` "site_" names the site's own run, which
    `python -m bench.site` may have made after the rest (its own `site_when`)."""
    when = report.get(f"{part}when", report.get("when", ""))
    where = report.get(f"{part}machine", report.get("machine"))
    return f"Measured by `make bench` on {when}" + (f", {where}" if where else "") + "."


def comparisons(results: list[dict]) -> str:
    """The sentence a page would otherwise write by hand beside the table ("about even", "a
    ceiling no one reaches"), made from the same run's figures so that it cannot contradict
    them: at each number of connections, the fastest at `GET /`, and the demo against Express."""
    said = []
    for connections in sorted({r["connections"] for r in results}):
        rows = {
            short(r["server"]): r["requests_per_s"]
            for r in results
            if r["route"] == "GET /" and r["connections"] == connections
        }
        if not rows:
            continue
        fastest = max(rows, key=rows.__getitem__)
        text = f"at {connections} connection{'s' if connections > 1 else ''}, {fastest} answered "
        text += f"the most requests a second ({rows[fastest]:,.0f})"
        express = next((name for name in rows if name.startswith("Express")), None)
        if "demo" in rows and express:
            ratio = rows["demo"] / rows[express]
            text += (
                f", and the demo {ratio:.2f}x as many as {express} "
                f"({rows['demo']:,.0f} against {rows[express]:,.0f})"
            )
        said.append(text)
    return f"In this run, {'; '.join(said)}." if said else ""


def table(report: dict) -> str:
    """What a reader learns from a run (the Performance page): each server's speed and memory,
    the list as it grows, the demo in a tab."""
    lines = [measured_on(report)]
    servers = " ".join(short(r["server"]) for r in report["results"])
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
        "net/http; Java: the JDK's HttpServer; "
        + ("Spring Boot: Spring MVC on Tomcat; " if "Spring Boot" in servers else "")
        + "nginx: no application at all, answering from its configuration. The hello worlds "
        "are the pages' own files from examples/.",
    )
    lines += ["", comparisons(report["results"])]
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
            "from the click to the answer, cold and warm, then the time of one request"
            + (
                f" (a run of its own, on {report['site_when']})."
                if report.get("site_when", report.get("when")) != report.get("when")
                else "."
            ),
        )
    if report.get("exercises"):
        checks = report["exercises"]
        check, runaway = checks["check_ms"], checks["runaway_s"]
        lines += markdown_table(
            ["Build it yourself, in your tab", "Median", "Range"],
            2,
            [
                [
                    "Check (once Python runs)",
                    f"{check['median']:.0f} ms",
                    f"{check['min']:.0f}-{check['max']:.0f} ms",
                ],
                [
                    "An endless loop stopped, and Check answering again",
                    f"{runaway['median']:.1f} s",
                    f"{runaway['min']:.1f}-{runaway['max']:.1f} s",
                ],
            ],
            f"Check on exercise {checks['exercise'].split('-')[0]}'s solution, over "
            f"{checks['rounds']} fresh browser profiles: from the click to the list of checks; "
            "and from Check on code that loops to the list of the next Check.",
        )
    return "\n".join(lines) + "\n"


def site_table(report: dict) -> str:
    """The site's own figures (the authors' page, not a reader's): each page's weight and
    Lighthouse scores, the build's time, and the targets `make bench` checks."""
    lines = [measured_on(report, "site_")]
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
            f"Lighthouse scores (mobile), the median of {lighthouse.ROUNDS} runs per page, "
            "with the range of the performance score.",
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


def request_path_table(report: dict) -> str:
    """bench/request_path.py's figures: the bare WSGI hello, Bottle's hello, the demo's GET /."""
    lines = [
        f"Measured by `make bench` (`python -m bench.request_path`) on {report['when']}, "
        f"{report['machine']}, Python {report['python']}."
    ]
    lines += markdown_table(
        ["Server", "req/s", "req/s range", "p99", "CPU per request", "Errors"],
        5,
        [
            [
                s["server"],
                f"{s['requests_per_s']['median']:,.0f}",
                f"{s['requests_per_s']['min']:,.0f}-{s['requests_per_s']['max']:,.0f}",
                f"{s['p99_ms']['median']:.2f} ms",
                f"{s['cpu_us_per_request']['median']:.0f} µs",
                s["errors"],
            ]
            for s in report["servers"]
        ],
        f"`GET /` with wrk holding {report['connections']} connections, median of "
        f"{report['rounds']} interleaved rounds of {report['seconds']:g} s with the slowest and "
        "fastest; CPU per request is the server's own (all its processes). The demo's `GET /` "
        f"is {request_path_ratio(report):.2f}x Bottle's hello (round by round "
        f"{report['demo_to_bottle']['min']:.2f}-{report['demo_to_bottle']['max']:.2f}x).",
    )
    return "\n".join(lines) + "\n"


def faster_than_noise(rows: dict[str, dict]) -> str:
    """Whether the fastest's slowest round beat every other's fastest: if not, the order is
    within the run's noise, and the sentence says so."""
    first, *others = sorted(rows, key=lambda name: -rows[name]["median"])
    if others and rows[first]["min"] <= max(rows[name]["max"] for name in others):
        return " (its range overlaps another's: within this machine's noise)"
    return ""


def database_comparisons(results: list[dict]) -> str:
    """The sentence beside the databases' table, made from its figures: for reads and for
    writes, which database answered the most, and each other's share of that."""
    said = []
    for route, what in (("GET /api/todos", "reads"), ("POST /api/todos", "writes")):
        rows = {r["database"]: r["requests_per_s"] for r in results if r["route"] == route}
        if not rows:
            continue
        fastest = max(rows, key=lambda name: rows[name]["median"])
        text = (
            f"{fastest} answered the most {what} ({rows[fastest]['median']:,.0f} a second)"
            + faster_than_noise(rows)
        )
        shares = [
            f"{name} {rows[name]['median'] / rows[fastest]['median']:.2f}x"
            for name in rows
            if name != fastest
        ]
        if shares:
            text += f"; {', '.join(shares)} as many"
        said.append(text)
    return f"In this run, {'. '.join(said)}." if said else ""


def servers_named(servers: dict[str, str]) -> str:
    """ "SQLite 3.40.1, ..., MariaDB 10.11 for MySQL": the program that stood in for each."""
    named = []
    for database, server in servers.items():
        if server.startswith(database):
            named.append(server)
        elif database == "MongoDB":
            named.append(
                f"{server} for MongoDB (a server that speaks MongoDB's protocol, not "
                "MongoDB itself)"
            )
        else:
            named.append(f"{server} for {database}")
    return ", ".join(named)


def databases_table(report: dict) -> str:
    """bench/databases.py's figures: reads and writes a second on each database."""
    lines = [
        f"Measured by `make bench` (`python -m bench.databases`) on {report['when']}, "
        f"{report['machine']}, Python {report['python']}."
    ]
    if not report["results"]:
        return lines[0] + "\n\nNo database could be started on this machine.\n"
    lines += markdown_table(
        ["Database", "Route", "req/s", "req/s range", "p99", "Errors"],
        4,
        [
            [
                r["database"],
                f"`{r['route']}`",
                f"{r['requests_per_s']['median']:,.0f}",
                f"{r['requests_per_s']['min']:,.0f}-{r['requests_per_s']['max']:,.0f}",
                f"{r['p99_ms']['median']:.1f} ms",
                r["errors"],
            ]
            for r in report["results"]
        ],
        f"One demo-server (one worker, one thread) on each database, wrk holding "
        f"{report['connections']} connections for {report['seconds']:g} s: reads are "
        "`GET /api/todos` (the first page of the list), writes `POST /api/todos` (one new "
        f"to-do each). Median of {report['rounds']} interleaved rounds, with the slowest and "
        "fastest; p99 is the time 99% of the answers beat (the median of the rounds'). A new "
        "database and a new demo for every run. What answered, on the same "
        f"machine: {servers_named(report['servers'])}.",
    )
    lines += ["", database_comparisons(report["results"])]
    return "\n".join(lines) + "\n"
