"""Judging: each target of `make bench` as (name, met, measured), from one run's figures."""

from __future__ import annotations

from bench import lighthouse

#: The demo's `GET /` must keep this share of Bottle's own hello on the same server
#: (bench/request_path.py).
TARGET_RATIO = 0.75


def stated(figure: dict, unit: str, digits: int = 0) -> str:
    """A figure as the targets state it: the median, then the range of the rounds."""
    median, low, high = (f"{figure[k]:.{digits}f}" for k in ("median", "min", "max"))
    return f"median {median} {unit} ({low}-{high})"


def median_at_most(
    name: str, figure: dict, limit: float, unit: str, digits: int = 0
) -> tuple[str, bool, str]:
    """A target met when the figure's median is at most `limit`."""
    return (name, figure["median"] <= limit, stated(figure, unit, digits))


def figure(report: dict, server: str, route: str, conns: int) -> dict | None:
    return next(
        (
            r
            for r in report["results"]
            if r["server"].startswith(server) and r["route"] == route and r["connections"] == conns
        ),
        None,
    )


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
            f"(median of {lighthouse.ROUNDS} runs)",
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
        *exercise_targets(report.get("exercises")),
    ]


def exercise_targets(checks: dict | None) -> list[tuple[str, bool, str]]:
    """Issue 27's runaway target, and Check's own (a list of checks as soon as a Try it's
    answer, warm: 300 ms). A report from before Check existed has none."""
    if checks is None:
        return []
    if not checks:
        return [("Check measured (needs /usr/bin/chromium)", False, "not measured")]
    check, runaway = checks["check_ms"], checks["runaway_s"]
    return [
        median_at_most("Check on an exercise, warm, <= 300 ms", check, 300, "ms"),
        (
            "an endless loop stopped and the demo answering again <= 10 s",
            runaway["max"] <= 10,
            f"slowest {runaway['max']:.1f} s (median {runaway['median']:.1f} s)",
        ),
    ]


def tab_targets(tab: dict) -> list[tuple[str, bool, str]]:
    if not tab:
        return [("in-browser demo measured (needs /usr/bin/chromium)", False, "not measured")]
    cold, warm = tab["cold_s"], tab["warm_s"]
    return [
        median_at_most("in-browser demo: click to first answer, cold, <= 4 s", cold, 4, "s", 2),
        median_at_most("in-browser demo: click to first answer, warm, <= 1 s", warm, 1, "s", 2),
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


def request_path_ratio(report: dict) -> float:
    """The demo's req/s over Bottle's hello's, median over median."""
    by_key = {s["key"]: s for s in report["servers"]}
    return by_key["demo"]["requests_per_s"]["median"] / by_key["bottle"]["requests_per_s"]["median"]


def request_path_targets(report: dict | None) -> list[tuple[str, bool, str]]:
    if not report:
        return [("request path measured", False, "not measured")]
    ratio, rounds = request_path_ratio(report), report["demo_to_bottle"]
    return [
        (
            f"demo GET / >= {TARGET_RATIO}x Bottle's hello on Granian "
            f"({report['connections']} connections)",
            ratio >= TARGET_RATIO,
            f"{ratio:.2f}x (round by round {rounds['min']:.2f}-{rounds['max']:.2f}x)",
        )
    ]
