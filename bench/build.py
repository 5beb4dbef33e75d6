"""What our plugins cost the build: the same site built with them on and off, interleaved."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUR_PLUGINS = ("remote-images", "live-demo", "page-checks")


def config_without_our_plugins() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in OUR_PLUGINS:
        text = text.replace(f"  - {name}\n", f"  - {name}:\n      enabled: false\n")
    return text


def build_seconds(config: Path, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    return time.perf_counter() - started


def measure(rounds: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        plain = ROOT / f".mkdocs-bench-{os.getpid()}.yml"  # beside mkdocs.yml: same relative paths
        plain.write_text(config_without_our_plugins(), encoding="utf-8")
        try:
            with_ours, without = [], []
            for _ in range(rounds):
                with_ours.append(build_seconds(ROOT / "mkdocs.yml", Path(tmp) / "a"))
                without.append(build_seconds(plain, Path(tmp) / "b"))
        finally:
            plain.unlink()
    a, b = statistics.median(with_ours), statistics.median(without)
    return {"with_plugins_s": a, "without_plugins_s": b, "ratio": a / b}
