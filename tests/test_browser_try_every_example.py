"""Every Try it of every page, pressed in the tab and against a real `demo-server` ("my own
server"), gives the same status and body: the To-do page promises that both run the same code.

Each page runs twice from the same start: a fresh browser context (the tab's list in a fresh
browser) and a fresh database for the server. The examples run in page order, as a reader
presses them, so an example may build on the one before it (`{id}` is the to-do an earlier
example added).
"""

from __future__ import annotations

import re

import pytest

from site_plugins.live_demo.fences import LANGUAGE, OPTION
from site_plugins.markdown_scan import find_fences
from tests.browser_support import open_page
from tests.helpers import ROOT
from tooling.processes import demo_server

pytestmark = pytest.mark.browser
DOCS = ROOT / "docs"
#: Python starting in a tab takes seconds, more on a busy machine.
STARTUP_MS = 60_000
#: What may differ between two runs of the same example: a date, and where the server listens
#: (the tab's app says the demo's default address, a test server is on a free port).
VARIES = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "<date>"),
    (re.compile(r"http://(127\.0\.0\.1|localhost):\d+"), "<server>"),
]


def pages_with_examples() -> list[str]:
    """The docs pages (as paths under docs/) that hold at least one ```http try block."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if any(f.language == LANGUAGE and OPTION in f.options for f in find_fences(text)):
            found.append(page.relative_to(DOCS).as_posix())
    return found


def page_url(site_url: str, page: str) -> str:
    stem = page.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return site_url + stem


def press_every_try_it(page) -> list[tuple[str, str, str]]:
    """(request, status, body) of each Try it on the page, pressed in order."""
    answers = []
    widgets = page.locator(".live-demo").filter(has=page.locator(".live-demo__run"))
    for index in range(widgets.count()):
        widget = widgets.nth(index)
        widget.get_by_role("button", name="Try it").click()
        outcome = widget.locator(".live-demo__status, .live-demo__error")
        outcome.first.wait_for(timeout=STARTUP_MS)
        request = widget.locator("code").first.inner_text().splitlines()[0]
        error = widget.locator(".live-demo__error")
        if error.count():
            answers.append((request, "error", error.inner_text()))
            continue
        status = widget.locator(".live-demo__status strong").inner_text()
        body = widget.locator(".live-demo__body, .live-demo__empty").inner_text()
        for pattern, placeholder in VARIES:
            body = pattern.sub(placeholder, body)
        answers.append((request, status, body))
    return answers


@pytest.mark.parametrize("page", pages_with_examples())
def test_every_try_it_answers_the_same_in_the_tab_and_from_my_own_server(
    browser, site_url, tmp_path, page
):
    url = page_url(site_url, page)
    with open_page(browser, url) as (tab, problems, _):
        in_tab = press_every_try_it(tab)
        assert problems == []
    origin = site_url.rstrip("/")
    db = tmp_path / "todos.sqlite3"
    with (
        demo_server(None, "--allow-origin", origin, db=db) as (_, base),
        open_page(browser, url) as (mine, problems, _),
    ):
        mine.locator(".live-demo__mode").first.select_option("server")
        field = mine.locator(".live-demo__server").first
        field.fill(base)
        field.dispatch_event("change")
        from_server = press_every_try_it(mine)
        # Chromium logs each 4xx a page fetches; some examples show a 400 or a 404 on purpose.
        answered = "Failed to load resource: the server responded with a status of 4"
        assert [p for p in problems if not p.startswith(answered)] == []
    assert in_tab, f"{page} has no Try it the test could press"
    assert [a for a in in_tab if a[1] == "error"] == []
    assert from_server == in_tab
