"""One part of `make bench` run alone (`python -m bench.request_path`, `python -m
bench.databases`): the options every part takes, and its results as JSON beside the Markdown
table a page includes, both in bench/results/."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.report import RESULTS, machine


def options(doc: str, rounds: int, argv: list[str] | None) -> argparse.Namespace:
    """--rounds (at least the part's own `rounds` by default), --seconds a run, --out."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def write(report: dict, out: Path, stem: str, table: Callable[[dict], str]) -> str:
    """`stem`.json (the figures) and `stem`.md (the table made from them); the table."""
    out.mkdir(parents=True, exist_ok=True)
    text = table(report)
    (out / f"{stem}.md").write_text(text)
    (out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    return text


def conditions(connections: int, rounds: int, seconds: float) -> dict:
    """What a part's figures were measured under, for its table's first line and caption."""
    return {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "python": sys.version.split()[0],
        "connections": connections,
        "rounds": rounds,
        "seconds": seconds,
    }
