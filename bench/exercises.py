"""Check on a "Build it yourself" page, in the reader's tab: how long a Check takes once Python
runs, and how long an endless loop holds the page before the demo answers again. (What Check
costs to download is counted with the editor's assets: bench/editor.py.)

Each round is a fresh browser profile: the first Check starts Python (not counted), the memory
snapshot is saved, the page is loaded again, and then Check on the reference solution is timed
in the page, from the click to the frame that shows the list (median of CHECKS presses). Then
the same Check on code whose route loops: from that click to the list of the next Check, pressed
as soon as the page says the code was stopped (the worker replaced, Python started again from
the snapshot). Each figure is the median of the rounds, with the range beside it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.in_browser import STARTUP_MS, spread, wait_for_snapshot
from bench.pages import serve
from demo_server import exercises
from tooling.chromium import CHROMIUM_ARGS
from tooling.solutions import solution

EXERCISE = "01-answer"
PAGE = f"build-it-yourself/{EXERCISE}/"
#: Timed presses of Check per round, once Python runs.
CHECKS = 5

#: From the click on Check to the frame showing `selector` in the exercise block, in ms.
WATCH_JS = """(block, selector) => {
  window.__exerciseShown = new Promise((resolve) => {
    let clicked = null;
    block.addEventListener("click", () => { clicked = performance.now(); },
      { capture: true, once: true });
    const watcher = new MutationObserver(() => {
      if (clicked === null || !block.querySelector(selector)) return;
      watcher.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - clicked));
    });
    watcher.observe(block, { childList: true, subtree: true });
  });
}"""


def put_code(page, block, code: str) -> None:
    """What a reader does: the editor (Edit, once), select everything, their code instead."""
    if not block.locator(".exercise__editor").count():
        block.get_by_role("button", name="Edit").click()
        block.locator(".exercise__editor").wait_for()
    block.locator(".exercise__editor :is(textarea, [contenteditable=true])").first.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def timed_press(page, block, selector: str, timeout: float = STARTUP_MS) -> float:
    """Ms from the click on Check to `selector` shown (the last result cleared first)."""
    block.locator(".exercise__result").evaluate("node => node.replaceChildren()")
    block.evaluate(WATCH_JS, selector)
    block.get_by_role("button", name="Check").click()
    block.locator(selector).wait_for(timeout=timeout)
    return page.evaluate("() => window.__exerciseShown")


def measure(site: Path, chromium: str, rounds: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    start = (exercises.folder(EXERCISE) / "start.py").read_text(encoding="utf-8")
    solved = solution(EXERCISE)
    looping = start.replace('return "Hello, World!"', "while True:\n            pass")
    assert looping != start
    server, base = serve(site)
    check_ms: list[float] = []
    runaway_s: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for _ in range(rounds):
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + PAGE, wait_until="networkidle")
                block = page.locator(".exercise")
                timed_press(page, block, ".exercise__summary")  # starts Python: not counted
                wait_for_snapshot(page)
                page.reload(wait_until="networkidle")
                block = page.locator(".exercise")
                timed_press(page, block, ".exercise__summary")  # Python from the snapshot
                put_code(page, block, solved)
                presses = [timed_press(page, block, ".exercise__summary") for _ in range(CHECKS)]
                assert block.locator(".exercise__check-item--fail").count() == 0
                check_ms.append(statistics.median(presses))
                put_code(page, block, looping)
                stopped = timed_press(page, block, ".live-demo__error")
                put_code(page, block, solved)
                again = timed_press(page, block, ".exercise__summary")
                runaway_s.append((stopped + again) / 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {
        "rounds": rounds,
        "exercise": EXERCISE,
        "check_ms": spread(check_ms),
        "runaway_s": spread(runaway_s),
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.exercises`: these figures alone, on a fresh strict build, as JSON."""
    from bench import build

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build.build_seconds(site)
        print(json.dumps(measure(site, chromium, args.rounds), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
