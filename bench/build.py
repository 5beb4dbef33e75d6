"""What our plugins cost the build: the same site built with them on and off, interleaved.

"Ours" are the plugins this package registers (its `mkdocs.plugins` entry points), whatever
mkdocs.yml calls them and whatever options it gives them; the build without them is the same
configuration with only those left out, as MkDocs itself loads it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def our_plugins() -> set[str]:
    return {
        ep.name
        for ep in entry_points(group="mkdocs.plugins")
        if ep.value.startswith("site_plugins.")
    }


def plugin_name(entry: str | dict) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def build(site: Path, without_ours: bool) -> None:
    """One `mkdocs build`, in this process (see `build_seconds` for a fresh one)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.utils import yaml_load

    overrides: dict = {"site_dir": str(site)}
    if without_ours:
        with CONFIG.open(encoding="utf-8") as fh:
            listed = yaml_load(fh)["plugins"]
        ours = our_plugins()
        overrides["plugins"] = [p for p in listed if plugin_name(p) not in ours]
    config = load_config(str(CONFIG), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def build_seconds(site: Path, without_ours: bool = False, site_url: str = "") -> float:
    """A whole build in a fresh interpreter, imports included, as an author pays for it.

    `site_url` is what a deployment sets (mkdocs.yml reads it from SITE_URL): with it Material's
    instant navigation is on, as readers get the site."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.build", str(site), *(["--without-ours"] * without_ours)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - started


def measure(rounds: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        with_ours, without = [], []
        for _ in range(rounds):
            with_ours.append(build_seconds(Path(tmp) / "a"))
            without.append(build_seconds(Path(tmp) / "b", without_ours=True))
    a, b = statistics.median(with_ours), statistics.median(without)
    return {
        "with_plugins_s": a,
        "without_plugins_s": b,
        "ratio": a / b,
        "plugins": sorted(our_plugins()),
    }


if __name__ == "__main__":
    build(Path(sys.argv[1]), without_ours="--without-ours" in sys.argv[2:])
