"""Try it and the live to-do list in a real Chromium, against a real demo server."""

from __future__ import annotations

import json

import pytest

from tests.browser_support import open_page
from tests.helpers import demo_server
from tests.test_cli import request

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(site_url, tmp_path):
    """A demo server that trusts the test site's origin, as it trusts mkdocs serve's."""
    origin = site_url.rstrip("/")
    with demo_server(None, "--allow-origin", origin, db=tmp_path / "todos.sqlite3") as running:
        yield running


def point_widget_at(page, base: str) -> None:
    """What a reader does: type the server's address into the widget."""
    field = page.locator(".live-demo__server").first
    field.fill(base)
    field.dispatch_event("change")


def test_try_it_sends_the_hello_world_request(browser, site_url, live_server, screenshots):
    _, base = live_server
    with open_page(browser, site_url + "hello-world/", viewport={"width": 1280, "height": 900}) as (
        page,
        problems,
        _,
    ):
        point_widget_at(page, base)
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        result = widget.locator(".live-demo__result")
        result.locator(".live-demo__status").wait_for()
        assert result.locator(".live-demo__status").inner_text().startswith("200 OK")
        assert result.locator(".live-demo__body").inner_text() == "Hello, World!"
        assert "etag" in result.locator(".live-demo__headers").inner_text()
        assert result.get_attribute("aria-live") == "polite"
        widget.screenshot(path=screenshots / "try-it-hello.png")
        assert problems == []


def test_todo_page_adds_ticks_and_deletes_through_the_api(
    browser, site_url, live_server, screenshots
):
    _, base = live_server
    with open_page(browser, site_url + "todo/", viewport={"width": 1280, "height": 900}) as (
        page,
        problems,
        _,
    ):
        page.evaluate(f"localStorage.setItem('live-demo-server', {json.dumps(base)})")
        page.reload(wait_until="networkidle")
        box = page.locator(".live-todos")
        # Not served by mkdocs serve: the page waits for the reader to ask.
        box.get_by_role("button", name="Show the live list from my demo server").click()
        box.locator(".live-todos__source").wait_for()
        box.get_by_label("New to-do").fill("Made in the browser")
        box.get_by_role("button", name="Add").click()
        box.get_by_text("Made in the browser").wait_for()
        todos = json.loads(request(base, "GET", "/api/todos")[2])["todos"]
        made = next(t for t in todos if t["title"] == "Made in the browser")

        box.get_by_role("checkbox", name="First Thing").check()
        page.wait_for_function(
            "() => document.querySelectorAll('.live-todos input[type=checkbox]:checked').length"
        )
        page.wait_for_timeout(300)
        assert json.loads(request(base, "GET", "/api/todos/1")[2])["done"] is True

        box.get_by_role("button", name="Delete Made in the browser").click()
        box.get_by_text("Made in the browser").wait_for(state="detached")
        assert request(base, "GET", f"/api/todos/{made['id']}")[0] == 404
        page.screenshot(path=screenshots / "todo-live.png", full_page=True)
        assert problems == []


def test_a_stopped_server_gets_a_message_with_the_command(
    browser, site_url, live_server, screenshots
):
    server, base = live_server
    server.stop()
    with open_page(browser, site_url + "api/", viewport={"width": 1280, "height": 900}) as (
        page,
        _,
        _,
    ):
        point_widget_at(page, base)
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        message = widget.locator(".live-demo__error")
        message.wait_for()
        assert f"not answering at {base}" in message.inner_text()
        assert message.locator("code").inner_text() == "make serve"
        widget.screenshot(path=screenshots / "try-it-stopped.png")


def test_todo_page_shows_the_static_list_when_the_server_is_down(browser, site_url):
    with open_page(browser, site_url + "todo/") as (page, _, _):
        page.evaluate("localStorage.setItem('live-demo-server', 'http://127.0.0.1:9')")
        page.reload(wait_until="networkidle")
        box = page.locator(".live-todos")
        assert box.locator("li.task-list-item").count() == 4  # nothing asked yet
        box.get_by_role("button", name="Show the live list from my demo server").click()
        box.locator(".live-demo__error").wait_for()
        assert box.locator("li.task-list-item").count() == 4
