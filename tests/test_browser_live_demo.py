"""Try it and the live to-do list in a real Chromium: in the tab, and against a real server.

The site is served by a plain static server on a free port (never 8000, no `mkdocs serve`),
as a reader of the published site gets it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests

from bench.in_browser import wait_for_snapshot
from tests.browser_support import open_page
from tests.db_fill import fill_to
from tooling.processes import demo_server

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: Python starting in a tab takes seconds, more on a busy machine.
STARTUP_MS = 60_000


@pytest.fixture
def live_server(site_url, tmp_path):
    """A demo server that trusts the test site's origin, as it trusts mkdocs serve's."""
    origin = site_url.rstrip("/")
    with demo_server(None, "--allow-origin", origin, db=tmp_path / "todos.sqlite3") as running:
        yield running


def use_my_server(page, base: str) -> None:
    """What a reader does: pick "my own server" and type its address."""
    page.locator(".live-demo__mode").first.select_option("server")
    field = page.locator(".live-demo__server").first
    field.fill(base)
    field.dispatch_event("change")


def tick(box, title: str) -> None:
    """What a keyboard reader does (the theme draws its box over the checkbox, as on the static
    list, so there is no box of its own to click): focus the checkbox, press Space."""
    checkbox = box.get_by_role("checkbox", name=title)
    checkbox.focus()
    checkbox.press("Space")


def foreign(site_url: str, requested: list[str]) -> list[str]:
    origin = urlsplit(site_url).netloc
    return [url for url in requested if urlsplit(url).netloc not in (origin, "")]


def test_try_it_runs_in_the_tab_with_nothing_installed(browser, site_url, screenshots):
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, requested):
        widget = page.locator(".live-demo").first
        assert widget.locator(".live-demo__mode").input_value() == "tab"
        assert "this tab" in widget.locator(".live-demo__mode option:checked").inner_text()
        widget.get_by_role("button", name="Try it").click()
        status = widget.locator(".live-demo__status")
        status.wait_for(timeout=STARTUP_MS)
        assert status.inner_text().startswith("200 OK")
        assert "answered by the demo in this tab" in status.inner_text()
        # The first thing in the answer is its status line: no stray "null" above it.
        assert widget.locator(".live-demo__result").inner_text().startswith("200 OK")
        assert widget.locator(".live-demo__body").inner_text() == "Hello, World!"
        headers = widget.locator(".live-demo__headers").inner_text().lower()
        assert 'etag: w/"d-cgqfkmdylcvxq1nv12r0qvj2xge"' in headers
        # The tab's answer is the app's own: no Date or Server a socket server would add.
        assert "date:" not in headers and "server:" not in headers
        widget.screenshot(path=screenshots / "try-it-in-tab.png")
        assert problems == []
        assert foreign(site_url, requested) == []


def test_a_warm_start_from_the_memory_snapshot_answers_rest_and_graphql(browser, site_url):
    # A warm start restores Python from the snapshot and answers before it unpacks the app's
    # files; GraphQL's first request imports graphql-core, which needs them.
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        wait_for_snapshot(page)  # raises if the snapshot is not saved in time
        page.reload(wait_until="networkidle")
        # GraphQL first: nothing before it has unpacked the files its import needs.
        answer = page.evaluate(
            """async () => {
                const { response } = await liveDemo.fetch({
                    method: "POST", path: "/graphql",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({ query: "{ todos(limit: 2) { id title } }" }),
                });
                return [response.status, await response.json()];
            }"""
        )
        timings = page.evaluate("async () => (await liveDemo.tabStatus()).timings")
        assert timings.get("snapshot") is True, timings
        assert answer[0] == 200, answer
        assert answer[1]["data"]["todos"][0]["title"] == "First Thing", answer
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        widget.locator(".live-demo__status").filter(has_text="200 OK").wait_for()
        assert problems == []


def test_a_204_shows_no_body_and_304_comes_with_none(browser, site_url):
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        page.locator(".live-demo").first.get_by_role("button", name="Try it").click()
        page.locator(".live-demo__status").first.wait_for(timeout=STARTUP_MS)
        answers = page.evaluate(
            """async () => {
                const etag = 'W/"d-CgqfKmdylCVXq1NV12r0Qvj2XgE"';
                const made = await liveDemo.fetch({ method: "POST", path: "/api/todos",
                  headers: { "Content-Type": "application/json" }, body: '{"title": "gone"}' });
                const id = JSON.parse(await made.response.text()).id;
                const deleted = await liveDemo.fetch({ method: "DELETE", path: `/api/todos/${id}`,
                  headers: {} });
                const cached = await liveDemo.fetch({ method: "GET", path: "/",
                  headers: { "If-None-Match": etag } });
                return [made.response.status, deleted.response.status,
                        await deleted.response.text(), cached.response.status,
                        await cached.response.text(), deleted.where];
            }"""
        )
        assert answers == [201, 204, "", 304, "", "tab"]
        assert problems == []


def test_todo_added_in_the_tab_survives_a_reload(browser, site_url, screenshots):
    with open_page(browser, site_url + "todo/", **DESKTOP) as (page, problems, requested):
        box = page.locator(".live-todos")
        assert box.locator("li.task-list-item").count() == 4  # nothing loaded before asking
        box.get_by_role("button", name="Start the demo in this tab").click()
        box.get_by_label("New to-do").wait_for(timeout=STARTUP_MS)
        box.get_by_label("New to-do").fill("Made in the tab")
        box.get_by_role("button", name="Add").click()
        box.get_by_text("Made in the tab").wait_for()
        tick(box, "First Thing")
        page.wait_for_function(
            "() => document.querySelectorAll('.live-todos input[type=checkbox]:checked').length"
        )

        page.reload(wait_until="networkidle")
        box = page.locator(".live-todos")
        box.get_by_text("Made in the tab").wait_for(timeout=STARTUP_MS)
        assert box.get_by_role("checkbox", name="First Thing").is_checked()
        assert "kept in this browser" in box.locator(".live-todos__source").inner_text()
        page.screenshot(path=screenshots / "todo-in-tab.png", full_page=True)

        start_over_asks_first(page, box)
        assert not box.get_by_role("checkbox", name="First Thing").is_checked()
        # The live list, not the static one a failure falls back to: the demo answers on.
        assert "Back to the list the demo starts with." in box.inner_text()
        assert box.get_by_label("New to-do").is_visible()
        box.get_by_label("New to-do").fill("After starting over")
        box.get_by_role("button", name="Add").click()
        box.get_by_text("After starting over").wait_for()
        assert problems == []
        assert foreign(site_url, requested) == []


def start_over_asks_first(page, box) -> None:
    """Start over, with the keyboard: it asks in the page, focus on keeping the list; Escape
    and "Keep my list" keep it, and only "Yes, start over" wipes it."""
    start_over = box.get_by_role("button", name="Start over")
    start_over.focus()
    page.keyboard.press("Enter")
    ask = box.get_by_role("group", name="Delete every change to your list and start over?")
    ask.wait_for()
    assert ask.get_by_role("button", name="Keep my list").evaluate(
        "b => b === document.activeElement"
    )
    page.keyboard.press("Escape")
    ask.wait_for(state="detached")
    assert start_over.evaluate("b => b === document.activeElement")
    keep = ask.get_by_role("button", name="Keep my list")
    page.keyboard.press("Enter")
    # A reader's next key goes where the focus is once the question shows, not before: under
    # load a key pressed at once reached the page before it (CI-like load, one run in a few).
    keep.wait_for()
    page.wait_for_function("b => b === document.activeElement", arg=keep.element_handle())
    page.keyboard.press("Enter")  # on "Keep my list"
    ask.wait_for(state="detached")
    page.wait_for_timeout(300)
    assert box.get_by_text("Made in the tab").is_visible()  # kept, twice
    page.keyboard.press("Enter")
    keep.wait_for()
    page.wait_for_function("b => b === document.activeElement", arg=keep.element_handle())
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # on "Yes, start over"
    box.get_by_text("Made in the tab").wait_for(state="detached")
    assert (
        "Back to the list the demo starts with" in box.locator(".live-todos__status").inner_text()
    )


def test_the_checkbox_label_holds_its_circle_and_a_click_ticks_it(browser, site_url, live_server):
    """The theme draws the circle 1.5em left of the text; the label once had zero width, the
    circle outside it, so a pointer had nothing to click."""
    _, base = live_server
    with open_page(browser, site_url + "todo/", **DESKTOP) as (page, problems, _):
        use_my_server(page, base)
        box = page.locator(".live-todos")
        box.get_by_role("button", name="Show the live list from my demo server").click()
        box.locator(".live-todos__source").wait_for()
        item = box.locator("li.task-list-item").filter(has_text="First Thing").first
        label = item.locator("label.task-list-control").first
        size = label.bounding_box()
        assert size is not None and size["width"] >= 12 and size["height"] >= 12, size
        # The circle (the indicator's ::before) is inside the label's box.
        inside = label.evaluate(
            """label => {
              const mark = label.querySelector('.task-list-indicator');
              const before = getComputedStyle(mark, '::before');
              const box = label.getBoundingClientRect();
              const left = mark.getBoundingClientRect().left + parseFloat(before.left || 0);
              if (before.position !== 'absolute' || mark.offsetParent !== label) return false;
              return Math.abs(left - box.left) < 1 && parseFloat(before.width) <= box.width + 1;
            }"""
        )
        assert inside
        label.click()
        page.wait_for_function(
            "() => document.querySelectorAll('.live-todos input[type=checkbox]:checked').length"
        )
        page.wait_for_timeout(300)
        assert requests.get(f"{base}/api/todos/1", timeout=5).json()["done"] is True
        assert problems == []


def test_two_tabs_keep_each_others_writes(browser, site_url):
    context = browser.new_context(**DESKTOP)
    try:
        pages = [context.new_page(), context.new_page()]
        pages[0].goto(site_url + "todo/", wait_until="networkidle")
        pages[0].get_by_role("button", name="Start the demo in this tab").click()
        pages[0].get_by_label("New to-do").wait_for(timeout=STARTUP_MS)
        # Once the reader has asked, the site starts the demo on its own.
        pages[1].goto(site_url + "todo/", wait_until="networkidle")
        pages[1].get_by_label("New to-do").wait_for(timeout=STARTUP_MS)
        # A change in one tab shows in the other at once (BroadcastChannel), no reload.
        for n, page in enumerate(pages):
            page.get_by_label("New to-do").fill(f"From tab {n}")
            page.get_by_role("button", name="Add").click()
            page.get_by_text(f"From tab {n}").wait_for()
            pages[1 - n].get_by_text(f"From tab {n}").wait_for(timeout=10_000)
        tick(pages[0].locator(".live-todos"), "First Thing")
        pages[1].wait_for_function(
            "() => document.querySelectorAll('.live-todos input[type=checkbox]:checked').length",
            timeout=10_000,
        )
        for page in pages:
            page.reload(wait_until="networkidle")
            page.get_by_text("From tab 0").wait_for(timeout=STARTUP_MS)
            page.get_by_text("From tab 1").wait_for()
    finally:
        context.close()


def test_two_tabs_on_my_server_see_each_others_changes_at_once(browser, site_url, live_server):
    _, base = live_server
    context = browser.new_context(**DESKTOP)
    try:
        pages = [context.new_page(), context.new_page()]
        for n, page in enumerate(pages):
            page.goto(site_url + "todo/", wait_until="networkidle")
            use_my_server(page, base)
            if n == 0:  # once the server has answered, the second tab loads the list itself
                page.get_by_role("button", name="Show the live list from my demo server").click()
            page.locator(".live-todos__source").wait_for()
        pages[0].get_by_label("New to-do").fill("Seen in both")
        pages[0].get_by_role("button", name="Add").click()
        pages[1].get_by_text("Seen in both").wait_for(timeout=10_000)
        pages[1].get_by_role("button", name="Delete Seen in both").click()
        pages[0].get_by_text("Seen in both").wait_for(state="detached", timeout=10_000)
        # A Try it on another page (the API page's POST) shows in the list of the other tab.
        pages[0].goto(site_url + "api/", wait_until="networkidle")
        post = pages[0].locator(".live-demo").filter(has_text='{"title": "Learn REST"}').first
        post.get_by_role("button", name="Try it").click()
        post.locator(".live-demo__status").wait_for()
        assert post.locator(".live-demo__status").inner_text().startswith("201")
        pages[1].get_by_text("Learn REST").wait_for(timeout=10_000)
    finally:
        context.close()


def test_without_webassembly_one_sentence_and_the_server_mode(browser, site_url):
    context = browser.new_context(**DESKTOP)
    context.add_init_script("delete globalThis.WebAssembly")
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.goto(site_url + "hello-world/", wait_until="networkidle")
        widget = page.locator(".live-demo").first
        assert widget.locator(".live-demo__mode").input_value() == "server"
        note = widget.locator(".live-demo__note").inner_text()
        assert "cannot run the demo in the tab" in note and "WebAssembly" in note
        assert problems == []
    finally:
        context.close()


def test_my_own_server_answers_and_says_so(browser, site_url, live_server):
    _, base = live_server
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        use_my_server(page, base)
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        status = widget.locator(".live-demo__status")
        status.wait_for()
        assert status.inner_text().startswith("200 OK")
        assert f"answered by your server at {base}" in status.inner_text()
        assert widget.locator(".live-demo__body").inner_text() == "Hello, World!"
        assert problems == []


def test_todo_page_adds_ticks_and_deletes_through_my_server(
    browser, site_url, live_server, screenshots
):
    _, base = live_server
    with open_page(browser, site_url + "todo/", **DESKTOP) as (page, problems, _):
        box = page.locator(".live-todos")
        use_my_server(page, base)
        box.get_by_role("button", name="Show the live list from my demo server").click()
        box.locator(".live-todos__source").wait_for()
        box.get_by_label("New to-do").fill("Made in the browser")
        box.get_by_role("button", name="Add").click()
        box.get_by_text("Made in the browser").wait_for()
        todos = requests.get(f"{base}/api/todos", timeout=5).json()["todos"]
        made = next(t for t in todos if t["title"] == "Made in the browser")

        tick(box, "First Thing")
        page.wait_for_function(
            "() => document.querySelectorAll('.live-todos input[type=checkbox]:checked').length"
        )
        page.wait_for_timeout(300)
        assert requests.get(f"{base}/api/todos/1", timeout=5).json()["done"] is True

        box.get_by_role("button", name="Delete Made in the browser").click()
        box.get_by_text("Made in the browser").wait_for(state="detached")
        assert requests.get(f"{base}/api/todos/{made['id']}", timeout=5).status_code == 404
        page.screenshot(path=screenshots / "todo-my-server.png", full_page=True)
        assert problems == []


def test_a_stopped_server_gets_the_command_and_a_retry(browser, site_url, live_server):
    server, base = live_server
    server.stop()
    with open_page(browser, site_url + "todo/", **DESKTOP) as (page, _, _):
        use_my_server(page, base)
        box = page.locator(".live-todos")
        box.get_by_role("button", name="Show the live list from my demo server").click()
        message = box.locator(".live-demo__error")
        message.wait_for()
        text = message.inner_text()
        assert f"not answering at {base}" in text and "make serve" not in text
        assert message.locator("code").first.inner_text() == "demo-server"
        assert message.get_by_role("link", name="how to get it").get_attribute("href")
        assert box.locator("li.task-list-item").count() == 4  # the static list stays
        assert box.get_by_role("button", name="Try again").is_visible()


def server_says(base: str, origin: str, method: str, path: str, headers: str = "") -> str:
    """The demo's own reason for refusing a page's preflight, as its /cors-check gives it."""
    answer = requests.get(
        f"{base}/cors-check",
        params={"method": method, "path": path, "headers": headers},
        headers={"Origin": origin},
        timeout=5,
    ).json()
    assert answer["allowed"] is False, answer
    return answer["reason"]


def test_a_server_that_refuses_this_origin_says_why_and_the_page_shows_it(
    browser, site_url, tmp_path
):
    """A browser hides a refused preflight from the page; the page asks the server's
    /cors-check and shows the server's sentence, not a guess of its own."""
    origin = site_url.rstrip("/")
    with (
        demo_server(None, db=tmp_path / "todos.sqlite3") as (_, base),  # trusts no page
        open_page(browser, site_url + "todo/", **DESKTOP) as (page, _, _),
    ):
        use_my_server(page, base)
        box = page.locator(".live-todos")
        box.get_by_role("button", name="Show the live list from my demo server").click()
        message = box.locator(".live-demo__error")
        message.wait_for()
        reason = server_says(base, origin, "GET", "/api/todos")
        assert f"--allow-origin {origin}" in reason
        assert message.locator(".live-demo__reason").inner_text() == reason
        assert message.inner_text().startswith(f"Your demo server at {base} refused this request")


def test_a_refused_header_shows_the_servers_reason(browser, site_url, live_server):
    """A server that trusts the page but not a header the example sends (the Security page's
    If-None-Match once was such a header): the reader reads the server's reason."""
    _, base = live_server
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        use_my_server(page, base)
        widget = page.locator(".live-demo").first
        widget.locator("code").evaluate("code => code.textContent = 'GET / HTTP/1.1\\nX-Trace: 1'")
        widget.get_by_role("button", name="Try it").click()
        message = widget.locator(".live-demo__error")
        message.wait_for()
        reason = server_says(base, site_url.rstrip("/"), "GET", "/", "x-trace")
        assert "x-trace" in reason
        assert message.locator(".live-demo__reason").inner_text() == reason
        assert "--allow-origin" not in message.inner_text()  # no guess beside the reason


def test_retry_works_once_the_server_is_up(browser, site_url, tmp_path):
    origin = site_url.rstrip("/")
    db = tmp_path / "todos.sqlite3"
    with demo_server(None, "--allow-origin", origin, db=db) as (server, base):
        server.stop()  # the port is known, the server is down
        port = int(base.rsplit(":", 1)[1])
        with open_page(browser, site_url + "todo/", **DESKTOP) as (page, _, _):
            use_my_server(page, base)
            box = page.locator(".live-todos")
            box.get_by_role("button", name="Show the live list from my demo server").click()
            box.locator(".live-demo__error").wait_for()
            with demo_server(port, "--allow-origin", origin, db=db):
                box.get_by_role("button", name="Try again").click()
                source = box.locator(".live-todos__source")
                source.wait_for()
                assert source.inner_text() == f"Live from your demo server at {base}."


def test_examples_that_change_a_todo_change_one_they_added(browser, site_url):
    with open_page(browser, site_url + "api/", **DESKTOP) as (page, problems, _):
        patch = page.locator(".live-demo").filter(has_text="PATCH /api/todos/{id}")
        patch.get_by_role("button", name="Try it").click()
        patch.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        note = patch.locator(".live-demo__note").inner_text()
        assert "First added a to-do to work on" in note
        made = note.rsplit("/", 1)[1]
        assert patch.locator(".live-demo__status").inner_text().startswith("200 OK")
        assert '"done": true' in patch.locator(".live-demo__body").inner_text()

        delete = page.locator(".live-demo").filter(has_text="DELETE /api/todos/{id}")
        delete.get_by_role("button", name="Try it").click()
        delete.locator(".live-demo__status").wait_for()
        assert f"DELETE /api/todos/{made}" in delete.locator(".live-demo__note").inner_text()
        assert delete.locator(".live-demo__status").inner_text().startswith("204")
        assert delete.locator(".live-demo__empty").inner_text() == "(no body)"

        todos = page.evaluate(
            """async () => JSON.parse(await (await liveDemo.fetch({ method: "GET",
                path: "/api/todos", headers: {} })).response.text()).todos"""
        )
        assert [(t["title"], t["done"]) for t in todos] == [
            ("First Thing", False),
            ("second thing now", False),
            ("third thing now", False),
            ("sub thing now", False),
        ]
        assert problems == []


def test_a_long_list_shows_a_page_and_more_on_demand(browser, site_url, live_server, tmp_path):
    _, base = live_server
    fill_to(tmp_path / "todos.sqlite3", 250)
    count = "() => document.querySelectorAll('.live-todos li').length"
    with open_page(browser, site_url + "todo/", **DESKTOP) as (page, problems, _):
        box = page.locator(".live-todos")
        use_my_server(page, base)
        box.get_by_role("button", name="Show the live list from my demo server").click()
        box.locator(".live-todos__source").wait_for()
        assert page.evaluate(count) == 100
        box.get_by_role("button", name="Show more").click()
        page.wait_for_function(f"({count})() === 200")
        box.get_by_role("button", name="Show more").click()
        page.wait_for_function(f"({count})() === 250")
        assert box.get_by_role("button", name="Show more").count() == 0
        assert problems == []


#: WCAG contrast of each widget control's text against the colour behind it (alpha composited
#: over the first opaque ancestor background).
CONTRASTS_JS = """(selector) => {
  const rgba = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const over = ([r, g, b, a = 1], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a),
                                                  b * a + B * (1 - a)];
  function background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.length && (c[3] === undefined || c[3] > 0)) {
        layers.push(c);
        if (c[3] === undefined || c[3] === 1) break;
      }
    }
    let base = [255, 255, 255];
    for (const layer of layers.reverse()) base = over(layer, base);
    return base;
  }
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || !el.textContent.trim() && el.tagName !== "INPUT") continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push([el.className || el.tagName, el.textContent.trim().slice(0, 30),
              Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100]);
  }
  return out;
}"""
CONTROLS = (
    ".live-demo button, .live-demo select, .live-demo input, .live-demo label, "
    ".live-demo__status, .live-demo__origin, .live-demo__note, .live-demo__empty, "
    ".live-todos button, .live-todos select, .live-todos input, .live-todos label, "
    ".live-todos__source, .live-todos__status, .live-todos p"
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_widget_control_has_4_5_to_1_contrast(browser, site_url, scheme, screenshots):
    found = []
    options = {**DESKTOP, "color_scheme": scheme}
    with open_page(browser, site_url + "todo/", **options) as (page, problems, _):
        box = page.locator(".live-todos")
        found += page.evaluate(CONTRASTS_JS, CONTROLS)  # before the demo starts
        box.get_by_role("button", name="Start the demo in this tab").click()
        box.locator(".live-todos__source").wait_for(timeout=STARTUP_MS)
        # The live list draws the theme's task-list boxes, as the static list did.
        assert box.locator("li .task-list-control .task-list-indicator").count() == 4
        box.get_by_label("New to-do").fill("   ")  # blank: an error in the status line
        box.get_by_role("button", name="Add").click()
        box.locator(".live-todos__status").filter(has_text="title").wait_for()
        found += page.evaluate(CONTRASTS_JS, CONTROLS)
        page.screenshot(path=screenshots / f"todo-tab-{scheme}.png", full_page=True)
        # The error goes with the next add that works, instead of staying under the list.
        box.get_by_label("New to-do").fill("A real one")
        box.get_by_role("button", name="Add").click()
        box.get_by_text("A real one").wait_for()
        assert box.locator(".live-todos__status").inner_text() == ""
    with open_page(browser, site_url + "hello-world/", **options) as (page, _, _):
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        found += page.evaluate(CONTRASTS_JS, CONTROLS)
    assert len(found) > 15
    low = [item for item in found if item[2] < 4.5]
    assert low == [], low
