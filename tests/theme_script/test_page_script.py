"""page.js in a real Chromium: what a reader does with the theme's search, header, contents and
tabs now that Material's bundle is not there (copy, palette and tab linking: tests/test_browser.py).
"""

from __future__ import annotations

import pytest

from tests.browser_support import open_page

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def test_search_waits_for_the_reader_then_finds_and_opens_the_best_page(browser, site_url):
    with open_page(browser, site_url + "api/", **DESKTOP) as (page, problems, requested):
        page.wait_for_load_state("networkidle")
        assert not [url for url in requested if "search_index.json" in url or "/workers/" in url], (
            "the search index loads only when the reader reaches for search"
        )
        page.keyboard.press("/")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type("graphql")
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_text="matching documents").wait_for()
        first = page.locator(".md-search-result__item > a").first
        assert first.get_attribute("href").endswith("/api-styles/")
        assert "<mark>" in first.inner_html(), "the worker's highlights are kept"
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        # Enter in the query opens the best result.
        page.keyboard.press("s")
        page.keyboard.press("Enter")
        page.wait_for_url("**/api-styles/")
        assert problems == []


def test_a_search_with_no_match_says_so(browser, site_url):
    with open_page(browser, site_url + "?q=zzzqqq", **DESKTOP) as (page, problems, _):
        page.locator(".md-search-result__meta").filter(has_text="No matching documents").wait_for()
        assert page.input_value(".md-search__input") == "zzzqqq"
        assert problems == []


def test_scrolling_shows_the_page_title_the_current_section_and_back_to_top(browser, site_url):
    with open_page(browser, site_url + "api/", **DESKTOP) as (page, problems, _):
        title = (
            "document.querySelector('.md-header__title')"
            ".classList.contains('md-header__title--active')"
        )
        assert not page.evaluate(title)
        page.evaluate("document.getElementById('add-a-to-do').scrollIntoView()")
        page.wait_for_function(title)
        active = page.locator(".md-sidebar--secondary .md-nav__link--active")
        active.first.wait_for()
        assert active.count() == 1 and active.get_attribute("href") == "#add-a-to-do"
        # Material hides it with the hidden attribute and fades it (opacity), so ask the attribute.
        top_hidden = "document.querySelector('.md-top').hidden"
        assert page.evaluate(top_hidden), "back-to-top shows only when scrolling up"
        page.mouse.wheel(0, -200)
        page.wait_for_function(f"!{top_hidden}")
        page.locator(".md-top").click()
        page.wait_for_function("scrollY === 0")
        assert problems == []


def test_the_chosen_tab_is_underlined(browser, site_url):
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        page.get_by_text("Go", exact=True).first.click()
        chosen = page.evaluate(
            """() => {
                const set = document.querySelector('.tabbed-set');
                const input = [...set.querySelectorAll(':scope > input')].find(i => i.checked);
                const label = set.querySelector(`label[for="${input.id}"]`);
                return [label.textContent.trim(), getComputedStyle(label).borderBottomColor,
                        getComputedStyle(set.querySelector('label:not([for="' + input.id + '"])'))
                            .borderBottomColor];
            }"""
        )
        assert chosen[0] == "Go"
        assert chosen[1] != chosen[2], "the chosen tab's underline differs from the others'"
        assert problems == []


def test_n_and_p_turn_the_page(browser, site_url):
    with open_page(browser, site_url + "hello-world/", **DESKTOP) as (page, problems, _):
        page.keyboard.press("n")
        page.wait_for_url("**/todo/")
        page.keyboard.press("p")
        page.wait_for_url("**/hello-world/")
        assert problems == []


def test_on_a_phone_the_search_button_opens_search_and_it_stays_open(browser, site_url):
    with open_page(
        browser, site_url + "hello-world/", viewport={"width": 390, "height": 844}, is_mobile=True
    ) as (page, problems, _):
        page.evaluate("scrollTo(0, 300)")
        page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("bottle")
        page.locator(".md-search-result__meta").filter(has_text="matching documents").wait_for()
        assert page.evaluate("document.getElementById('__search').checked")
        assert page.locator(".md-search-result__item").first.is_visible()
        # The page under the full-screen search is locked, so the results never scroll
        # sideways (they did: the page's width leaked into them), and closing puts it back.
        page.wait_for_function("document.body.hasAttribute('data-md-scrolllock')")
        sideways = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert page.evaluate(sideways) <= 0
        page.keyboard.press("Escape")
        page.wait_for_function("!document.body.hasAttribute('data-md-scrolllock')")
        assert page.evaluate("scrollY") == 300
        assert problems == []


def test_on_a_short_screen_the_sidebars_scroll_and_stop_above_the_footer(browser, site_url):
    with open_page(browser, site_url + "api/", viewport={"width": 1280, "height": 420}) as (
        page,
        problems,
        _,
    ):
        page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
        boxes = page.evaluate(
            """() => {
                const footer = document.querySelector('.md-footer').getBoundingClientRect();
                return [...document.querySelectorAll('.md-sidebar__scrollwrap')].map(wrap => {
                    const box = wrap.getBoundingClientRect();
                    return [box.bottom, footer.top, wrap.scrollHeight > wrap.clientHeight,
                            box.height <= innerHeight];
                });
            }"""
        )
        assert len(boxes) == 2
        for bottom, footer_top, _, fits in boxes:
            assert bottom <= footer_top + 1 and fits
        assert any(scrolls for _, _, scrolls, _ in boxes), "a long list scrolls on its own"
        assert problems == []
