"""Edit, Run, Reset and Download on the demo's own code, in a real Chromium (issue 27).

The strict build served by a plain static server, as a reader of the published site gets it;
every request to another origin is aborted by the browser context and must not happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
#: Python starting in a tab takes seconds, more on a busy machine.
STARTUP_MS = 60_000
SHIPPED = (ROOT / "demo_server" / "hello.py").read_text(encoding="utf-8")
#: The file as the editor shows it: the pages' snippet markers left out.
SHOWN = "".join(line for line in SHIPPED.splitlines(True) if "--8<--" not in line)
MINE = SHOWN.replace('"Hello, World!"', '"Hello from my edit!"')


@contextmanager
def site_page(browser, url: str, **options) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page whose context lets only the site's own origin through: (page, problems, foreign)."""
    context = browser.new_context(**options)
    origin = urlsplit(url).netloc
    foreign: list[str] = []

    def gate(route):
        if urlsplit(route.request.url).netloc in (origin, ""):
            return route.continue_()
        foreign.append(route.request.url)
        return route.abort()

    context.route("**/*", gate)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    try:
        page.goto(url, wait_until="networkidle")
        yield page, problems, foreign
    finally:
        context.close()


def editable(page):
    """The change-it block at the end of the hello-world page, and its Try it beside it."""
    return page.locator(".live-edit").last, page.locator(".live-demo").last


def open_editor(page):
    block, _ = editable(page)
    block.get_by_role("button", name="Edit").click()
    block.locator(".cm-editor").wait_for()
    return block


def set_code(page, block, text: str) -> None:
    """What a reader does: select everything in the editor and type the new file."""
    block.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def run(block, expect: str, timeout: int = STARTUP_MS) -> str:
    """Press Run and wait for this press's outcome (the last one's is cleared first)."""
    block.locator(".live-edit__status").evaluate("node => node.replaceChildren()")
    block.get_by_role("button", name="Run").click()
    status = block.locator(".live-edit__status").filter(has_text=expect)
    status.wait_for(timeout=timeout)
    return status.inner_text()


def try_it(widget, timeout: int = STARTUP_MS) -> str:
    """Press Try it and wait for this press's answer (or failure); the answer's body text."""
    widget.locator(".live-demo__result").evaluate("node => node.replaceChildren()")
    widget.get_by_role("button", name="Try it").click()
    widget.locator(".live-demo__status, .live-demo__error").first.wait_for(timeout=timeout)
    error = widget.locator(".live-demo__error")
    return error.inner_text() if error.count() else widget.locator(".live-demo__body").inner_text()


def edited(page):
    """The editor open on the hello-world page with MINE run: (block, Try it widget)."""
    _, widget = editable(page)
    block = open_editor(page)
    set_code(page, block, MINE)
    run(block, "runs in this tab")
    return block, widget


def editor_text(block) -> str:
    return block.evaluate("node => node.liveEdit.getCode()")


def test_edit_run_and_try_it_answers_from_the_edit(browser, site_url, screenshots):
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, foreign):
        loaded = []
        page.on("request", lambda request: loaded.append(request.url))
        block, widget = editable(page)
        # The editor is not fetched until the reader asks for it.
        assert not [url for url in loaded if "/editor." in url]
        assert page.evaluate("() => !!document.querySelector('.cm-editor')") is False
        block = open_editor(page)
        assert len([url for url in loaded if "/editor." in url]) == 1
        assert editor_text(block) == SHOWN
        set_code(page, block, MINE)
        said = run(block, "runs in this tab")
        assert "Your hello.py runs in this tab" in said
        assert try_it(widget) == "Hello from my edit!"
        block.screenshot(path=screenshots / "editor-after-run.png")
        # Once loaded, it all works offline: another edit, Run with Ctrl+Enter, Try it.
        page.context.set_offline(True)
        set_code(page, block, MINE.replace("my edit", "offline"))
        block.locator(".cm-content").press("Control+Enter")
        block.locator(".live-edit__status").filter(has_text="runs in this tab").wait_for()
        assert try_it(widget) == "Hello from offline!"
        assert problems == []
        assert foreign == []


def test_a_syntax_error_is_named_with_its_line_and_the_old_code_answers(browser, site_url):
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, foreign):
        block, widget = edited(page)
        broken = MINE.replace("def hello() -> str:", "def hello() -> str")
        line = broken.splitlines().index("    def hello() -> str") + 1
        set_code(page, block, broken)
        said = run(block, "did not load")
        assert f"hello.py:{line}: SyntaxError" in said and "line is marked" in said
        assert "The last code that loaded keeps answering" in said
        assert block.locator(f'.cm-error-line[data-error-line="{line}"]').count() == 1
        said_in_editor = block.locator(".cm-error-message").inner_text()
        assert said_in_editor == f"Line {line}: SyntaxError: expected ':'"
        assert try_it(widget) == "Hello from my edit!"
        # An exception at import: named with its line too.
        raising = MINE.replace("    @app.get", "    1 / 0\n    @app.get", 1)
        set_code(page, block, raising)
        said = run(block, "did not load")
        assert "ZeroDivisionError" in said
        assert try_it(widget) == "Hello from my edit!"
        assert problems == [] and foreign == []


def test_a_runaway_is_stopped_with_a_sentence_and_the_demo_answers_again(
    browser, site_url, screenshots
):
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, foreign):
        block, widget = edited(page)
        added = page.evaluate(
            "async () => (await window.liveDemo.fetch({method: 'POST', path: '/api/todos',"
            " headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({title: 'kept through a runaway'})})).response.status"
        )
        assert added == 201
        # A loop in the route: it imports, and each call of it is stopped.
        looping = MINE.replace('        return "Hello from my edit!"', "        while True: pass")
        set_code(page, block, looping)
        run(block, "runs in this tab")
        said = try_it(widget)
        assert said.startswith("Your code was stopped: it ran for 4 s without finishing"), said
        assert "started again with the last code that ran cleanly" in said
        widget.screenshot(path=screenshots / "editor-runaway.png")
        # The demo answers again, from a new worker, and the to-do added before is there.
        todos = page.evaluate(
            "async () => { const { response } = await window.liveDemo.fetch({method: 'GET',"
            " path: '/api/todos?limit=500', headers: {}});"
            " return [response.status, (await response.json()).todos.map((t) => t.title)]; }"
        )
        assert todos[0] == 200 and "kept through a runaway" in todos[1]
        # A loop at import is stopped too, and the last code that imported answers.
        set_code(page, block, "while True:\n    pass\n")
        said = run(block, "was stopped", timeout=30_000)
        assert "it ran for 4 s without finishing" in said
        set_code(page, block, MINE)
        run(block, "runs in this tab")
        assert try_it(widget) == "Hello from my edit!"
        assert problems == [] and foreign == []


def test_a_reload_keeps_the_edit_and_reset_brings_the_original_back(browser, site_url):
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, foreign):
        block = open_editor(page)
        set_code(page, block, MINE)
        run(block, "runs in this tab")  # Run also saves, whatever the typing saved
        page.reload(wait_until="networkidle")
        block, widget = editable(page)
        assert "You have an edited hello.py" in block.locator(".live-edit__note").inner_text()
        block = open_editor(page)
        assert editor_text(block) == MINE
        run(block, "runs in this tab")
        assert try_it(widget) == "Hello from my edit!"
        block.get_by_role("button", name="Reset").click()
        block.locator(".live-edit__status").filter(has_text="runs in this tab").wait_for()
        assert editor_text(block) == SHOWN
        assert try_it(widget) == "Hello, World!"
        page.reload(wait_until="networkidle")
        block, _ = editable(page)
        assert block.locator(".live-edit__note").inner_text() == ""
        assert problems == [] and foreign == []


def test_download_gives_the_file_and_the_page_gives_the_command(browser, site_url):
    with site_page(browser, site_url + "hello-world/", accept_downloads=True, **DESKTOP) as (
        page,
        _,
        _,
    ):
        block = open_editor(page)
        set_code(page, block, MINE)
        with page.expect_download() as download:
            block.get_by_role("button", name="Download").click()
        assert download.value.suggested_filename == "hello.py"
        assert Path(download.value.path()).read_text(encoding="utf-8") == MINE
        assert "demo-server --app hello.py" in block.inner_text()


def test_the_keyboard_can_leave_the_editor(browser, site_url):
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, _, _):
        block = open_editor(page)
        content = block.locator(".cm-content")
        assert content.get_attribute("aria-label") == "Python code of hello.py"
        assert content.evaluate("node => node === document.activeElement")  # Edit focuses it
        page.keyboard.press("Tab")  # indents: Tab is the editor's while typing
        assert content.evaluate("node => node === document.activeElement")
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent")
        assert focused == "Run"


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("light", {**DESKTOP, "color_scheme": "light"}),
        ("dark", {**DESKTOP, "color_scheme": "dark"}),
        ("390px", PHONE),
    ],
)
def test_the_editor_fits_and_follows_the_palette(browser, site_url, screenshots, name, options):
    with site_page(browser, site_url + "hello-world/", **options) as (page, problems, _):
        if name == "dark":  # the reader's choice of Material's palette toggle
            page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        block = open_editor(page)
        set_code(page, block, MINE)
        run(block, "runs in this tab")
        block.scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"editor-{name}.png")
        width = page.evaluate("() => window.innerWidth")
        box = block.locator(".cm-editor").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        colours = block.locator(".cm-editor").evaluate(
            "node => [getComputedStyle(node).backgroundColor, "
            "getComputedStyle(document.body).backgroundColor]"
        )
        code_bg = page.evaluate(
            "() => getComputedStyle(document.body).getPropertyValue('--md-code-bg-color')"
        )
        assert code_bg.strip(), "Material's code background is the editor's"
        dark = name == "dark"
        luminance = sum(int(c) for c in colours[0][colours[0].index("(") + 1 : -1].split(",")[:3])
        assert (luminance < 3 * 128) == dark, colours
        assert problems == []


def test_a_cold_start_shows_the_bytes_fetched_and_the_step(browser, site_url):
    """On a slow connection (Chromium's network emulation, 10 Mbit/s) the click shows the
    progress at once: the bytes fetched out of the total, then starting Python."""
    with site_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, foreign):
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": 40,
                "downloadThroughput": 1_250_000,
                "uploadThroughput": 625_000,
            },
        )
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        progress = widget.locator(".live-demo__progress")
        assert progress.count() == 1  # there as the click's own result, before any byte
        progress.filter(has_text="Fetching Python for this tab").wait_for()
        fetched = widget.locator(".live-demo__progress[data-step='fetching']")
        fetched.filter(has_text=" of ").wait_for(timeout=STARTUP_MS)
        seen = page.evaluate(
            """() => new Promise((resolve) => {
              const steps = new Set();
              const watch = () => {
                const bar = document.querySelector('.live-demo__progress');
                if (!bar) return resolve([...steps]);
                steps.add(bar.dataset.step);
                setTimeout(watch, 25);
              };
              watch();
            })"""
        )
        assert "fetching" in seen and "starting" in seen, seen
        widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        assert widget.locator(".live-demo__body").inner_text() == "Hello, World!"
        assert problems == [] and foreign == []
