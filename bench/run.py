"""`make bench`: measure, judge, write bench/results/ and the charts, print PASS/FAIL.

`--only databases` measures only the databases' figures (bench/databases.py) and writes only
theirs: `make bench BENCH_ARGS="--only databases"`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import charts, databases, editor, list_sizes, reload, request_path, scaling
from bench.judge import site_targets, targets
from bench.measure import measure, measure_site
from bench.report import CHARTS, RESULTS, machine, site_table, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--charts", type=Path, default=CHARTS)
    parser.add_argument(
        "--only",
        choices=["databases"],
        help="measure only this part (its own rounds: at least bench/databases.py's ROUNDS)",
    )
    args = parser.parse_args(argv)
    if args.only == "databases":
        databases.run_alone(max(args.rounds, databases.ROUNDS), args.seconds, args.out)
        return 0
    report = measure(args.rounds, args.seconds) | measure_site()
    report["machine"] = machine()
    report["targets"] = (
        targets(report)
        + request_path.targets(report["request_path"])
        + list_sizes.targets(report["list_sizes"])
        + site_targets(report)
        + editor.targets(report.get("editor"))
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "results.md").write_text(table(report))
    (args.out / "site.md").write_text(site_table(report))
    scaling.write(report["scaling"], args.out)
    request_path.write(report["request_path"], args.out)
    databases.write(report["databases"], args.out)
    if report.get("editor"):
        editor.write(report["editor"], args.out)
    # Save to reload under `mkdocs serve`, ours against the search plugin alone.
    (args.out / "reload.md").write_text(reload.report(reload.measure()))
    charts.draw(report, args.charts)
    print(table(report))
    print(site_table(report))
    for name, ok, measured in report["targets"]:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
