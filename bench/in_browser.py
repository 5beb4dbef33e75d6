"""The demo in a reader's tab: click to first answer, cold and warm, and the time per request.

Cold: a fresh browser profile (nothing cached), so the click pays for fetching Python, starting
it and importing the app. Warm: the same profile after a reload, with the runtime in the HTTP
cache and the memory snapshot in Cache Storage. Every round starts a fresh profile; each figure
is the median of the rounds, with the range beside it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.pages import serve
from tooling.chromium import CHROMIUM_ARGS

PAGE = "hello-world/"
STARTUP_MS = 60_000
#: Requests per route for the per-request time, once the tab's demo runs.
REQUESTS = 200

PER_REQUEST_JS = """async ([count]) => {
  const routes = {
    "GET /": { method: "GET", path: "/", headers: {} },
    "GET /api/todos": { method: "GET", path: "/api/todos", headers: {} },
    "POST /api/todos": { method: "POST", path: "/api/todos",
      headers: { "Content-Type": "application/json" }, body: '{"title": "bench"}' },
  };
  const out = {};
  for (const [name, request] of Object.entries(routes)) {
    const times = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const { response } = await liveDemo.fetch(request);
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    out[name] = times[Math.floor(times.length / 2)];
  }
  return out;
}"""

SNAPSHOT_SAVED_JS = "async () => (await liveDemo.tabStatus()).timings.snapshotSaved"

#: Timed in the page, from the click event to the frame that shows the answer: Playwright's
#: click first waits for the button to hold still, which sometimes added a retry of 0.5 s
#: that no reader's click has (warm starts measured 0.9 s or 1.4 s by that alone).
WATCH_ANSWER_JS = """(widget) => {
  window.__liveDemoAnswer = new Promise((resolve) => {
    let clicked = null;
    widget.addEventListener("click", () => { clicked = performance.now(); },
      { capture: true, once: true });
    const watcher = new MutationObserver(() => {
      if (clicked === null || !widget.querySelector(".live-demo__status")) return;
      watcher.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - clicked));
    });
    watcher.observe(widget, { childList: true, subtree: true, characterData: true });
  });
}"""


def _click_to_answer(page) -> float:
    """Seconds from the click on Try it to the answer on screen."""
    widget = page.locator(".live-demo").first
    widget.evaluate(WATCH_ANSWER_JS)
    widget.get_by_role("button", name="Try it").click()
    widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
    assert widget.locator(".live-demo__status").inner_text().startswith("200 OK")
    return page.evaluate("() => window.__liveDemoAnswer") / 1000


def wait_for_snapshot(page) -> None:
    """Until the background worker has saved the memory snapshot (evaluate awaits; the
    predicate of wait_for_function would not). The browser tests wait with it too."""
    deadline = time.monotonic() + STARTUP_MS / 1000
    while not page.evaluate(SNAPSHOT_SAVED_JS):
        if time.monotonic() > deadline:
            raise TimeoutError("the memory snapshot was not saved in time")
        page.wait_for_timeout(100)


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(site: Path, chromium: str, rounds: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    cold: list[float] = []
    warm: list[float] = []
    per_request: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for _ in range(rounds):
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + PAGE, wait_until="networkidle")
                cold.append(_click_to_answer(page))
                wait_for_snapshot(page)
                page.reload(wait_until="networkidle")
                warm.append(_click_to_answer(page))
                for route, ms in page.evaluate(PER_REQUEST_JS, [REQUESTS]).items():
                    per_request.setdefault(route, []).append(ms)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {
        "rounds": rounds,
        "cold_s": spread(cold),
        "warm_s": spread(warm),
        "per_request_ms": {route: spread(ms) for route, ms in per_request.items()},
    }
