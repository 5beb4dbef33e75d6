"""Lighthouse (mobile, the default) on every page, from npm, driving Debian's Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tooling.chromium import CHROMIUM_ARGS

#: Lighthouse runs per page: its score moves a few points from run to run on a busy machine.
ROUNDS = 3

ROOT = Path(__file__).resolve().parent.parent
#: Installed once into the project's (git-ignored) cache, never globally.
PREFIX = ROOT / ".cache" / "lighthouse"
VERSION = "12"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The lowest performance score (mobile, median of a page's runs) every page must reach, with
#: Material's own script on every page: its start-up is a long task on a phone-speed CPU that
#: costs a few points on some pages (bench/results/theme-startup.md), the price of instant
#: navigation, search highlight and suggestions.
PERFORMANCE_TARGET = 95


def binary() -> Path | None:
    """The lighthouse CLI, installed on first use; None without npm."""
    cli = PREFIX / "node_modules" / ".bin" / "lighthouse"
    if cli.exists():
        return cli
    if shutil.which("npm") is None:
        return None
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(PREFIX),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"lighthouse@{VERSION}",
        ],
        check=True,
        timeout=600,
    )
    return cli if cli.exists() else None


def scores(url: str, chromium: str, out: Path) -> dict[str, int]:
    cli = binary()
    if cli is None:
        raise RuntimeError("npm is missing: Lighthouse comes from the npm registry")
    subprocess.run(
        [
            str(cli),
            url,
            f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        check=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
    )
    report = json.loads(out.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
