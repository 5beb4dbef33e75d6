"""`make soak`: the reliability tests at full length, then one table of what they measured.

The table also goes to bench/results/soak.md, which the Reliability page includes: the page
states no figure of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results" / "soak.md"

SECONDS = os.environ.get("SOAK_SECONDS", "30")


def main() -> int:
    env = dict(os.environ, SOAK_SECONDS=SECONDS)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/reliability", "-s", "-q", "-p", "no:cacheprovider"],
        env=env,
        capture_output=True,
        text=True,
    )
    print(run.stdout[-3000:] if run.returncode else run.stdout.splitlines()[-1])
    rows = re.findall(r"^SOAK ([^:]+): (.*)$", run.stdout, re.M)
    width = max((len(name) for name, _ in rows), default=10)
    print(f"\n{'test':<{width}}  result (SOAK_SECONDS={SECONDS})")
    print(f"{'-' * width}  {'-' * 60}")
    for name, line in rows:
        print(f"{name:<{width}}  {line}")
    if run.returncode == 0 and rows:
        RESULTS.write_text(markdown(rows), encoding="utf-8")
        print(f"\nwritten to {RESULTS}")
    return run.returncode


def markdown(rows: list[tuple[str, str]]) -> str:
    lines = ["| Test | Result |", "| --- | --- |"]
    lines += [f"| {name} | {line} |" for name, line in rows]
    when = time.strftime("%Y-%m-%d", time.gmtime())
    lines += [
        "",
        "/// caption",
        f"What `make soak` measured on {when}, each test running {SECONDS} s on a 2-core machine, "
        "the load generator sharing the cores with the server.",
        "///",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
