"""Requests the reader writes (issue 27 point 5), in a real Chromium on the strict build: a Try it
example's method, path, headers and body (a GraphQL example's query and variables) edited in
place and sent, the answer being the edited request's; "Reset example" back to the request as
printed; by keyboard alone, and at 390 px in light and dark."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser_support import open_page
from tests.helpers import ROOT
from tests.test_browser_live_demo import STARTUP_MS

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def example(page, first_line: str, holding: str = ""):
    """The first Try it example whose request starts with `first_line` and holds `holding`."""
    examples = page.locator(".live-demo").filter(has=page.locator("code", has_text=first_line))
    return examples.filter(has_text=holding).first


def answer(widget) -> tuple[str, str]:
    """Try it, and the status line and body of the answer shown (the last one cleared first,
    so the wait is for this press's)."""
    widget.locator(".live-demo__result").evaluate("node => node.replaceChildren()")
    widget.get_by_role("button", name="Try it").click()
    status = widget.locator(".live-demo__status")
    status.wait_for(timeout=STARTUP_MS)
    return status.inner_text(), widget.locator(".live-demo__body").inner_text()


def test_an_edited_path_and_body_are_sent_and_reset_sends_the_printed_one(
    browser, site_url, screenshots
):
    with open_page(browser, site_url + "api/", **DESKTOP) as (page, problems, _):
        post = example(page, "POST /api/todos HTTP/1.1", "Learn REST")
        post.get_by_role("button", name="Edit request").click()
        body = post.get_by_label("Body")
        body.wait_for()
        # The form is open: its own button is "Reset example", and the printed request is gone.
        assert post.get_by_role("button", name="Edit request").is_hidden()
        assert post.locator(".highlight").is_hidden()
        assert json.loads(body.input_value()) == {"title": "Learn REST"}
        assert post.get_by_label("Method").input_value() == "POST"
        assert "Content-Type: application/json" in post.get_by_label("Headers").input_value()
        body.fill('{"title": "Written by the reader"}')
        status, sent = answer(post)
        assert status.startswith("201 Created"), status
        assert json.loads(sent)["title"] == "Written by the reader"
        post.screenshot(path=screenshots / "edit-request-post.png")

        # The path, and the method: a GET of the to-do just added, by its id.
        post.get_by_label("Method").select_option("GET")
        body.fill("")
        post.get_by_label("Path").fill(f"/api/todos/{json.loads(sent)['id']}")
        status, got = answer(post)
        assert status.startswith("200 OK"), status
        assert json.loads(got)["title"] == "Written by the reader"

        post.get_by_role("button", name="Reset example").click()
        assert post.get_by_label("Body").count() == 0
        assert post.locator(".highlight").is_visible()
        # Focus goes back to the button that opened the form.
        assert page.evaluate("document.activeElement.textContent") == "Edit request"
        status, printed = answer(post)
        assert status.startswith("201 Created") and json.loads(printed)["title"] == "Learn REST"
        assert problems == []


def test_a_graphql_query_and_its_variables_are_edited_as_text(browser, site_url):
    with open_page(browser, site_url + "api-styles/", **DESKTOP) as (page, problems, _):
        widget = example(page, "POST /graphql HTTP/1.1", "todos(limit: 2)")
        widget.get_by_role("button", name="Edit request").click()
        query = widget.get_by_label("GraphQL query")
        assert query.input_value() == "{ todos(limit: 2) { id title } }"
        assert widget.get_by_label("Body").is_hidden()
        # The query and variables the page suggests trying.
        page_text = (ROOT / "docs" / "api-styles.md").read_text(encoding="utf-8")
        variables, suggested = re.search(
            r"Try this query with the variables\s+`(.+?)`: `(.+?)`", page_text, re.S
        ).groups()
        query.fill(suggested)
        widget.get_by_label("Variables").fill(variables)
        status, got = answer(widget)
        assert status.startswith("200 OK"), status
        todos = json.loads(got)["data"]["todos"]
        assert len(todos) == json.loads(variables)["n"] and set(todos[0]) == {"title", "done"}
        widget.get_by_label("Variables").fill("{id: 2}")
        widget.get_by_role("button", name="Try it").click()
        error = widget.locator(".live-demo__error")
        assert error.inner_text().startswith("Your request cannot be sent: the variables are not")
        assert problems == []


def test_by_keyboard_alone(browser, site_url):
    with open_page(browser, site_url + "api/", **DESKTOP) as (page, problems, _):
        widget = example(page, "GET /api/todos?limit=2 HTTP/1.1")
        widget.get_by_role("button", name="Edit request").focus()
        page.keyboard.press("Enter")
        widget.get_by_label("Method").wait_for()  # the form's module loads at the first press
        # The form takes the focus at its first field: Tab to the path, change it, send.
        assert page.evaluate("document.activeElement.id") == widget.get_by_label(
            "Method"
        ).get_attribute("id")
        page.keyboard.press("Tab")
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("/api/todos?limit=1")
        page.keyboard.press("ControlOrMeta+Enter")
        widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        assert len(json.loads(widget.locator(".live-demo__body").inner_text())["todos"]) == 1
        # A path Try it cannot send is named, and nothing is sent.
        widget.get_by_label("Path").fill("api/todos")
        page.keyboard.press("ControlOrMeta+Enter")
        assert widget.locator(".live-demo__error").inner_text() == (
            "Your request cannot be sent: the path must start with / and have no spaces "
            "(write %20 for one)."
        )
        assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_at_390_px(browser, site_url, screenshots, scheme):
    with open_page(browser, site_url + "api/", **PHONE, color_scheme=scheme) as (page, problems, _):
        widget = example(page, "POST /api/todos HTTP/1.1", "Learn REST")
        widget.get_by_role("button", name="Edit request").click()
        answer(widget)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways at 390 px ({width} px wide)"
        widget.screenshot(path=screenshots / f"edit-request-{scheme}-390.png")
        assert problems == []
