"""Save to new page under a real `mkdocs serve`: this site's config against MkDocs with only search.

Each contestant serves its own copy of the site sources (one edit must not rebuild both), and
they take turns (A B, then B A, ...). A round writes a unique marker into a page and times how
long until the server sends HTML with it ("save to new HTML", polled every 10 ms), then how long
until headless Chromium, sitting on the page, shows it after livereload reloads the tab ("save
to visible"). Each figure is the median of the rounds, with the range beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

from site_plugins.page_checks.ports import free_port
from tooling.chromium import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "reload.md"
CHROMIUM = "/usr/bin/chromium"
#: The page edited in each round (under docs/), and its URL path.
PAGE, PAGE_URL = "authors/notion-export.md", "authors/notion-export/"
#: What the pages need to build: the same list the tests' project copy takes.
SOURCES = ("docs", "overrides", "examples", "demo_server", "bench/results")
ROUNDS = 7
#: The issue's target: ours at most this fraction of plain MkDocs' save-to-new-HTML time.
TARGET_RATIO = 0.6
TIMEOUT = 30.0


def copy_site(target: Path, plain: bool) -> Path:
    """The site's sources in `target`, and the config file to serve them with.

    Plain: MkDocs' own serve loop with only the search plugin, inheriting everything else
    (theme, Markdown extensions) from mkdocs.yml, so both build the same pages.
    """
    for name in SOURCES:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("node_modules"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    if (ROOT / ".cache").is_dir():  # the in-browser runtime the live-demo plugin bundles
        (target / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    if not plain:
        return target / "mkdocs.yml"
    config = target / "plain.yml"
    config.write_text("INHERIT: mkdocs.yml\nplugins:\n  - search\n", encoding="utf-8")
    return config


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


class Contestant:
    """One `mkdocs serve` on its own copy of the site."""

    def __init__(self, name: str, folder: Path, plain: bool) -> None:
        self.name = name
        self.folder = folder
        self.config = copy_site(folder, plain)
        self.page = folder / "docs" / PAGE
        self.original = self.page.read_text(encoding="utf-8")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{PAGE_URL}"
        self.log = open(folder / "serve.log", "w")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(self.config)]
        self.process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{self.port}"],
            cwd=self.folder,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while "</html>" not in fetch(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"{self.name}: mkdocs serve did not start; see {self.folder / 'serve.log'}"
                )
            time.sleep(0.2)

    def save_marker(self) -> str:
        """Write a new unique marker into the page, as an editor saves it; the marker."""
        marker = f"reload-{uuid.uuid4().hex[:12]}"
        self.page.write_text(f"{self.original}\n\nMarker {marker}\n", encoding="utf-8")
        return marker

    def save_to_html(self) -> float:
        """Seconds from a save to the server sending the page with the new text."""
        marker = self.save_marker()
        started = time.perf_counter()
        while marker not in fetch(self.url):
            if time.perf_counter() - started > TIMEOUT:
                raise RuntimeError(f"{self.name}: no rebuild within {TIMEOUT:g} s")
            time.sleep(0.01)
        return time.perf_counter() - started

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def summary(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "median_ms": statistics.median(ms),
        "min_ms": min(ms),
        "max_ms": max(ms),
        "runs_ms": [round(m) for m in ms],
    }


def settle() -> None:
    """Let the last rebuild, its livereload round trip and the OS's file events die down."""
    time.sleep(1.0)


def measure_html(players: list[Contestant], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {p.name: [] for p in players}
    for player in players:  # warm-up: the first rebuild compiles what later ones reuse
        player.save_to_html()
        settle()
    for round_no in range(rounds):
        for player in players if round_no % 2 == 0 else list(reversed(players)):
            times[player.name].append(player.save_to_html())
            settle()
    return times


def measure_browser(players: list[Contestant], rounds: int) -> dict[str, list[float]]:
    """Seconds from a save to the new text visible in a tab open on the page."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {p.name: [] for p in players}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            tabs = {}
            for player in players:
                tab = browser.new_page()
                # "load", never "networkidle": livereload keeps a request open on every page.
                tab.goto(player.url, wait_until="load")
                tabs[player.name] = tab
            for round_no in range(rounds + 1):  # round 0 is a warm-up
                for player in players if round_no % 2 == 0 else list(reversed(players)):
                    tab = tabs[player.name]
                    marker = player.save_marker()
                    started = time.perf_counter()
                    tab.get_by_text(marker).wait_for(state="visible", timeout=TIMEOUT * 1000)
                    if round_no:
                        times[player.name].append(time.perf_counter() - started)
                    settle()
        finally:
            browser.close()
    return times


@contextmanager
def contestants(scratch: Path):
    with ExitStack() as stack:
        players = []
        for name, plain in (("ours", False), ("plain", True)):
            player = Contestant(name, scratch / name, plain)
            stack.callback(player.stop)
            player.start()
            players.append(player)
        yield players


def measure(rounds: int = ROUNDS, browser: bool | None = None) -> dict:
    """Both contestants, interleaved; `browser` None: in Chromium too if it is installed."""
    if browser is None:
        browser = os.access(CHROMIUM, os.X_OK)
    with (
        tempfile.TemporaryDirectory(prefix="reload-bench-") as tmp,
        contestants(Path(tmp)) as players,
    ):
        html = measure_html(players, rounds)
        visible = measure_browser(players, rounds) if browser else {}
    result = {
        "date": date.today().isoformat(),
        "rounds": rounds,
        "cpus": os.cpu_count(),
        "html": {name: summary(times) for name, times in html.items()},
        "visible": {name: summary(times) for name, times in visible.items()},
    }
    ratios = [o / p for o, p in zip(html["ours"], html["plain"], strict=True)]
    result["ratio"] = {
        "median": result["html"]["ours"]["median_ms"] / result["html"]["plain"]["median_ms"],
        "min": min(ratios),
        "max": max(ratios),
    }
    result["target_met"] = result["ratio"]["median"] <= TARGET_RATIO
    return result


def report(result: dict) -> str:
    def cell(figures: dict) -> str:
        return f"{figures['median_ms']:.0f} ms ({figures['min_ms']:.0f}-{figures['max_ms']:.0f})"

    rows = [
        "| Save to ... | this site (author-loop) | MkDocs, search plugin only |",
        "| --- | --- | --- |",
        f"| new HTML served | {cell(result['html']['ours'])} | {cell(result['html']['plain'])} |",
    ]
    if result["visible"]:
        rows.append(
            f"| new text visible in Chromium | {cell(result['visible']['ours'])} "
            f"| {cell(result['visible']['plain'])} |"
        )
    ratio = result["ratio"]
    verdict = "PASS" if result["target_met"] else "FAIL"
    return (
        "\n".join(rows) + "\n\n/// caption\n"
        f"What `python -m bench.reload` measured on {result['date']}: `mkdocs serve` on "
        f"{result['cpus']} cores, median of {result['rounds']} interleaved rounds (range in "
        f"brackets). Ours / plain, save to new HTML: {ratio['median']:.2f} "
        f"(per round {ratio['min']:.2f}-{ratio['max']:.2f}); target at most "
        f"{TARGET_RATIO:g}: {verdict}.\n///\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds (7)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figure")
    args = parser.parse_args(argv)
    result = measure(args.rounds, browser=False if args.no_browser else None)
    text = report(result)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
