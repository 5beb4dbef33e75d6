"""`make check-pages`: run every command of every page's `console` blocks and compare.

Each page gets a demo server of its own on a fresh database (started side by side, so the
whole run takes about as long as its slowest page), and runs its commands in page order, so an
example may build on the one before it. Every drift is reported, not only the first: the
file and line of the command, and a diff of what the page shows against what it printed.
Exit status 1 when anything drifted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_plugins.page_checks.console import page_commands, run_page
from site_plugins.problems import Problem

ROOT = Path(__file__).resolve().parent.parent


def check(docs_dir: Path = ROOT / "docs", root: Path = ROOT) -> list[Problem]:
    """Every drift of every page's console commands (raises if curl is missing)."""
    curl = shutil.which("curl")
    if curl is None:
        raise RuntimeError("curl is not installed: the pages' commands are curl commands")
    pages = page_commands(docs_dir, root)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, len(pages))) as pool:
        folders = []
        for number in range(len(pages)):
            folders.append(Path(tmp) / str(number))
            folders[-1].mkdir()
        results = pool.map(run_page, pages.values(), [curl] * len(pages), folders)
        return [problem for problems in results for problem in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    try:
        problems = check(args.docs.resolve())
    except RuntimeError as exc:
        print(f"check-pages: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, end="\n\n")
    count = sum(len(c) for c in page_commands(args.docs.resolve(), ROOT).values())
    print(f"check-pages: {count} commands, {len(problems)} drifted")
    return 1 if problems else 0
