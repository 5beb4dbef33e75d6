"""Material's own front end in a real Chromium, on the site built as it is published (site_url
set): instant navigation keeps the page's JavaScript, so the demo running in the tab lives on
from page to page; search highlights what was searched for.
"""

from __future__ import annotations

import pytest

from tests.browser_support import open_page

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: Python starting in a tab takes seconds, more on a busy machine.
STARTUP_MS = 60_000


def follow_nav(page, path: str) -> None:
    """What a reader does: click the page's link in the navigation, wait for the new page."""
    page.locator(f'.md-nav--primary a[href$="{path}"]').first.click()
    page.wait_for_url(f"**/{path}")
    page.wait_for_function("() => liveDemo.pagesWired() >= 2")


def test_following_a_nav_link_keeps_the_pages_javascript(browser, published_site_url):
    with open_page(browser, published_site_url + "hello-world/", **DESKTOP) as (
        page,
        problems,
        _,
    ):
        page.evaluate("window.sameVisit = true")
        follow_nav(page, "api/")
        assert page.title().startswith("The to-do API")
        assert page.evaluate("window.sameVisit === true"), "the link reloaded the page"
        assert page.evaluate("liveDemo.pagesWired()") == 2
        assert problems == []


def test_try_it_on_the_next_page_answers_from_the_running_demo(browser, published_site_url):
    with open_page(browser, published_site_url + "hello-world/", **DESKTOP) as (
        page,
        problems,
        _,
    ):
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        widget.locator(".live-demo__status").wait_for(timeout=STARTUP_MS)
        assert "including starting Python" in widget.locator(".live-demo__status").inner_text()
        page.evaluate("window.sameVisit = true")
        follow_nav(page, "api/")
        widget = page.locator(".live-demo").first
        widget.get_by_role("button", name="Try it").click()
        status = widget.locator(".live-demo__status")
        status.wait_for(timeout=STARTUP_MS)
        text = status.inner_text()
        # The same worker answered, in the same visit: Python was not started again.
        assert "answered by the demo in this tab" in text and "starting Python" not in text, text
        assert page.evaluate("window.sameVisit === true")
        print(f"\nsecond page's first Try it: {text}")
        assert problems == []


def test_the_live_list_of_a_page_left_is_released_and_the_new_one_wired_once(
    browser, published_site_url
):
    with open_page(browser, published_site_url + "todo/", **DESKTOP) as (page, problems, _):
        page.wait_for_function("() => liveDemo.liveLists() === 1")
        follow_nav(page, "hello-world/")
        assert page.evaluate("liveDemo.liveLists()") == 0
        page.locator('.md-nav--primary a[href$="todo/"]').first.click()
        page.wait_for_url("**/todo/")
        page.wait_for_function("() => liveDemo.pagesWired() === 3")
        assert page.evaluate("liveDemo.liveLists()") == 1
        box = page.locator(".live-todos")
        assert box.locator(".live-todos__controls").count() == 1
        box.get_by_role("button", name="Start the demo in this tab").click()
        box.get_by_label("New to-do").wait_for(timeout=STARTUP_MS)
        assert box.locator("li.task-list-item").count() >= 1
        assert problems == []


def test_a_search_result_opens_with_the_word_highlighted(browser, published_site_url):
    with open_page(browser, published_site_url, **DESKTOP) as (page, problems, _):
        page.keyboard.press("/")
        page.keyboard.type("nginx")
        result = page.locator(".md-search-result__item > a").first
        result.wait_for()
        result.click()
        page.wait_for_url("**h=nginx*")
        marked = page.locator("article mark[data-md-highlight]").first
        marked.wait_for()
        assert marked.inner_text().lower() == "nginx"
        assert problems == []


def test_search_suggests_the_rest_of_a_word(browser, published_site_url):
    with open_page(browser, published_site_url, **DESKTOP) as (page, problems, _):
        page.keyboard.press("/")
        page.keyboard.type("graph")
        suggestion = page.locator(".md-search__suggest")
        page.wait_for_function(
            "() => document.querySelector('.md-search__suggest').textContent.length > 5"
        )
        assert suggestion.inner_text().lower().startswith("graph")
        assert problems == []
