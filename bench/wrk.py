"""Running wrk and reading what it prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

POST_SCRIPT = """wrk.method = "POST"
wrk.body = '{"title": "bench"}'
wrk.headers["Content-Type"] = "application/json"
"""
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class WrkRun:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors of every kind plus non-2xx/3xx answers
    requests: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "bench: wrk is missing. Install it: sudo apt-get install wrk "
            "(Debian/Ubuntu) or brew install wrk (macOS)"
        )
    return path


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * UNITS[unit]


def parse(output: str) -> WrkRun:
    """The figures from wrk's `--latency` report."""

    def find(pattern: str, default: str | None = None) -> str:
        match = re.search(pattern, output, re.M)
        if match is None:
            if default is None:
                raise ValueError(f"wrk output has no {pattern!r}:\n{output}")
            return default
        return match.group(1)

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    errors += int(find(r"Non-2xx or 3xx responses: (\d+)", "0"))
    return WrkRun(
        requests_per_s=float(find(r"^Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(find(r"^\s+50%\s+([\d.]+(?:us|ms|s))")),
        p99_ms=_ms(find(r"^\s+99%\s+([\d.]+(?:us|ms|s))")),
        errors=errors,
        requests=int(find(r"^\s+(\d+) requests in")),
    )


def run(
    url: str, connections: int, seconds: float, *, post: bool = False, scratch: Path | None = None
) -> WrkRun:
    args = [
        wrk_path(),
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    if post:
        assert scratch is not None
        script = scratch / "post.lua"
        script.write_text(POST_SCRIPT)
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, timeout=seconds + 60)
    return parse(out.stdout)
