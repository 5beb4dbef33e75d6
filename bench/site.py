"""`python -m bench.site`: only the site's own figures (page weights, the demo in the tab,
Lighthouse, build time), for when the pages changed and the servers did not.

`make bench` measures these with everything else. This part alone rewrites, in
bench/results/results.json, the keys that measure_site() gives and the site's targets, and
stamps them with their own time (`site_when`): the server figures beside them keep theirs, and
site.md and the tab's table in results.md say which run their figures come from.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.judge import site_targets
from bench.measure import measure_site
from bench.report import RESULTS, machine, site_table, table


def merge(report: dict, site: dict, when: str, where: str) -> dict:
    """`report` with the site's figures and targets replaced by `site`'s, measured `when`."""
    merged = dict(report) | site | {"site_when": when, "site_machine": where}
    old = {name for name, _, _ in site_targets(report)} if report.get("pages") else set()
    kept = [t for t in report.get("targets", []) if t[0] not in old]
    merged["targets"] = kept + [list(t) for t in site_targets(merged)]
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    path = args.out / "results.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = merge(report, measure_site(), when, machine())
    path.write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "site.md").write_text(site_table(report))
    (args.out / "results.md").write_text(table(report))  # its "In your tab" figures
    print(site_table(report))
    for name, ok, measured in site_targets(report):
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
