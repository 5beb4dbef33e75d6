"""`make soak`: the reliability tests at full length, then one table of what they measured."""

from __future__ import annotations

import os
import re
import subprocess
import sys

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
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
