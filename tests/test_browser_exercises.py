"""Check on the "Build it yourself" pages, in a real Chromium on the strict build served by a
plain static server: every exercise's starting code fails a check and its reference solution
passes them all, in the tab's own Python; code that does not load is named with its line; an
endless loop is stopped and the demo answers again."""

from __future__ import annotations

import time

import pytest

from bench.exercises import put_code
from demo_server import exercises
from tests.browser_support import open_page
from tests.test_browser_live_demo import STARTUP_MS, foreign
from tooling.solutions import solution

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
NAMES = exercises.names()
#: Check's own limit (exercises.js CHECK_TIMEOUT_MS), and the start of a fresh worker after it.
RUNAWAY_MS = 5_000 + STARTUP_MS


def start_code(name: str) -> str:
    return (exercises.folder(name) / "start.py").read_text(encoding="utf-8")


def checked(block, timeout: float = STARTUP_MS) -> str:
    """Press Check and wait for the list of checks; its summary line. (The last list is
    cleared first, so the wait is for this press's.)"""
    block.locator(".exercise__result").evaluate("node => node.replaceChildren()")
    # Enabled again once the last Check ended, which a loaded machine may take seconds to do.
    block.get_by_role("button", name="Check").click(timeout=timeout)
    summary = block.locator(".exercise__summary")
    summary.wait_for(timeout=timeout)
    return summary.inner_text()


def test_every_exercise_fails_on_its_start_and_passes_on_its_solution(
    browser, site_url, screenshots
):
    with open_page(browser, site_url + "build-it-yourself/", **DESKTOP) as (page, problems, asked):
        for name in NAMES:
            page.goto(f"{site_url}build-it-yourself/{name}/", wait_until="networkidle")
            block = page.locator(f'.exercise[data-exercise="{name}"]')
            summary = checked(block)
            total = len(block.locator(".exercise__check-item").all())
            assert summary != f"{total} of {total} checks pass", name
            assert block.locator(".exercise__check-item--fail").count() >= 1, name
            failing = block.locator(".exercise__check-item--fail").first.inner_text()
            assert failing.startswith("FAIL") and "Hint: " in failing, failing
            if name == NAMES[0]:
                block.screenshot(path=screenshots / "exercise-start-checked.png")
            put_code(page, block, solution(name))
            assert checked(block).startswith(f"{total} of {total} checks pass"), name
            assert block.locator(".exercise__check-item--fail").count() == 0, name
        block.screenshot(path=screenshots / "exercise-solved.png")
        assert problems == []
        assert foreign(site_url, asked) == []


def test_code_that_does_not_load_is_named_with_its_line_offline(browser, site_url):
    """Once Check and the editor have loaded, they need no network: offline, a Check still
    runs, and names the line of a syntax error."""
    name = NAMES[0]
    broken = start_code(name).replace("app = Bottle()", "app = Bottle(")
    line = broken.split("\n").index("    app = Bottle(") + 1
    with open_page(browser, f"{site_url}build-it-yourself/{name}/", **DESKTOP) as (
        page,
        problems,
        _,
    ):
        block = page.locator(".exercise")
        checked(block)
        put_code(page, block, start_code(name))
        page.context.set_offline(True)
        put_code(page, block, broken)
        block.locator(".exercise__result").evaluate("node => node.replaceChildren()")
        page.keyboard.press("ControlOrMeta+Enter")  # Check, from the editor
        block.locator(".exercise__summary").wait_for(timeout=STARTUP_MS)
        detail = block.locator(".exercise__detail").first.inner_text()
        assert detail.startswith(f"not run: your code did not load (line {line}: SyntaxError"), (
            detail
        )
        assert f"Line {line}: SyntaxError" in block.locator(".exercise__editor").inner_text()
        assert problems == []


def test_an_endless_loop_is_stopped_and_the_demo_answers_again(browser, site_url, screenshots):
    name = NAMES[0]
    looping = start_code(name).replace('return "Hello, World!"', "while True:\n            pass")
    with open_page(browser, f"{site_url}build-it-yourself/{name}/", **PHONE) as (
        page,
        problems,
        _,
    ):
        block = page.locator(".exercise")
        checked(block)  # Python started: what follows times the reader's code alone
        put_code(page, block, looping)
        started = time.monotonic()
        block.get_by_role("button", name="Check").click()
        stopped = block.locator(".live-demo__error")
        stopped.wait_for(timeout=RUNAWAY_MS)
        assert time.monotonic() - started < 10
        assert stopped.inner_text().startswith("Your code was stopped: it ran for 5 s")
        assert "to-do list as it was" in stopped.inner_text()
        block.screenshot(path=screenshots / "exercise-runaway-390.png")
        put_code(page, block, solution(name))
        assert checked(block, RUNAWAY_MS).startswith("4 of 4 checks pass")
        # The page's other demo still answers: the to-do list, from the new worker.
        status = page.evaluate(
            "window.liveDemo.fetch({method: 'GET', path: '/api/todos', headers: {}})"
            ".then(r => r.response.status)"
        )
        assert status == 200
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_list_of_checks_in_light_dark_and_at_390_px(browser, site_url, screenshots, scheme):
    name = "03-json-in"
    with open_page(
        browser, f"{site_url}build-it-yourself/{name}/", **PHONE, color_scheme=scheme
    ) as (page, problems, _):
        block = page.locator(".exercise")
        block.get_by_role("button", name="Edit").click()
        block.locator(".exercise__editor").wait_for()
        checked(block)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways at 390 px ({width} px wide)"
        page.screenshot(path=screenshots / f"exercise-{scheme}-390.png", full_page=True)
        assert problems == []


def test_the_readers_code_is_kept_across_a_reload_and_start_over_forgets_it(browser, site_url):
    name = NAMES[0]
    mine = solution(name)
    with open_page(browser, f"{site_url}build-it-yourself/{name}/", **DESKTOP) as (
        page,
        problems,
        _,
    ):
        block = page.locator(".exercise")
        put_code(page, block, mine)
        assert checked(block).startswith("4 of 4 checks pass")
        page.reload(wait_until="networkidle")
        block = page.locator(".exercise")
        # Check, without Edit first: it checks the kept code, and shows it in the editor.
        assert checked(block).startswith("4 of 4 checks pass")
        assert block.evaluate("b => b.exerciseEditor.getCode()") == mine
        assert "kept in this browser" in block.locator(".exercise__kept").inner_text()
        block.get_by_role("button", name="Start over").click()
        assert block.evaluate("b => b.exerciseEditor.getCode()") == start_code(name)
        page.reload(wait_until="networkidle")
        block = page.locator(".exercise")
        summary = checked(block)
        assert summary.startswith("1 of 4 checks pass"), summary
        assert block.locator(".exercise__editor").count() == 0  # nothing kept: nothing to open
        assert problems == []
