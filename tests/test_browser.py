"""The built site in a real Chromium: no console errors, every image loads, dark mode works.

Screenshots (desktop light and dark, phone) are saved for a person to look at; the path is printed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser_support import open_page
from tests.site_pages import nav_pages

#: Every page of the nav, as an address relative to the site ("" for the home page).
PAGES = [page.url for page in nav_pages()]

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_from_its_own_origin(browser, site_url, path):
    with open_page(browser, site_url + path) as (page, problems, requested):
        assert problems == []
        origin = urlsplit(site_url).netloc
        foreign = [url for url in requested if urlsplit(url).netloc not in (origin, "")]
        assert foreign == [], "requests to another origin"
        broken = page.evaluate(
            """() => Array.from(document.images)
                .filter(img => !img.complete || img.naturalWidth === 0)
                .map(img => img.src)"""
        )
        assert broken == []


def test_images_load_and_are_visible(browser, site_url, screenshots):
    with open_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (
        page,
        problems,
        _,
    ):
        sizes = page.evaluate(
            "() => Array.from(document.querySelectorAll('article img'))"
            ".map(img => [img.naturalWidth, img.getBoundingClientRect().width])"
        )
        assert sizes and all(natural > 0 and shown > 200 for natural, shown in sizes), sizes
        page.screenshot(path=screenshots / "home-light.png", full_page=True)


def test_palette_toggle_switches_to_dark_and_the_choice_survives_navigation(
    browser, site_url, screenshots
):
    with open_page(
        browser, site_url, viewport={"width": 1280, "height": 900}, color_scheme="light"
    ) as (page, problems, _):
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        # The toggle cycles system -> light -> dark; click until dark, at most twice.
        for _ in range(2):
            if page.evaluate(scheme) == "slate":
                break
            page.locator("form[data-md-component=palette] label:visible").first.click()
        assert page.evaluate(scheme) == "slate"
        page.screenshot(path=screenshots / "home-dark.png", full_page=True)
        page.goto(site_url + "hello-world/", wait_until="networkidle")
        assert page.evaluate(scheme) == "slate", "the choice must survive navigation"
        page.screenshot(path=screenshots / "hello-dark.png")
        assert problems == []


def built_pages(site: Path) -> list[str]:
    """Every page the build wrote, as an address relative to the site: the nav's pages and
    the authors' pages outside it (a page added to the docs is covered without a list)."""
    return sorted(
        "" if index.parent == site else f"{index.parent.relative_to(site).as_posix()}/"
        for index in site.rglob("index.html")
        if "assets" not in index.relative_to(site).parts
    )


def test_phone_viewport_has_no_sideways_scroll(browser, site_url, built_site, screenshots):
    paths = built_pages(built_site)
    assert set(PAGES) <= set(paths) and "databases/" in paths and "build-it-yourself/" in paths
    assert "authors/site-figures/" in paths
    for path in paths:
        with open_page(
            browser, site_url + path, viewport={"width": 390, "height": 844}, is_mobile=True
        ) as (page, problems, _):
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px"
            page.screenshot(
                path=screenshots / f"phone-{path.strip('/').replace('/', '-') or 'home'}.png",
                full_page=True,
            )


def test_no_table_is_cut_off_at_1280_px(browser, site_url, built_site):
    """On a desktop, with the theme's nav and contents beside the text, every table of every
    page fits its column (the benchmark tables once hid their last columns behind a scroll);
    on a phone a wide table may scroll inside its own box, never the page."""
    cut = {}
    with open_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (page, _, _):
        for path in built_pages(built_site):
            page.goto(site_url + path, wait_until="domcontentloaded")
            over = page.evaluate(
                """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
                  .map((box) => [box.scrollWidth - box.clientWidth,
                    box.querySelector('th')?.textContent.trim()])
                  .filter(([over]) => over > 1)"""
            )
            if over:
                cut[path or "home"] = over
    assert cut == {}, f"tables wider than the text at 1280 px (pixels, first header): {cut}"


def test_code_blocks_have_a_copy_button(browser, site_url):
    with open_page(browser, site_url + "hello-world/") as (page, _, _):
        assert page.locator("button[title='Copy to clipboard']").count() >= 5


def test_copying_a_console_block_copies_only_the_command(browser, site_url):
    with open_page(
        browser, site_url + "api/", permissions=["clipboard-read", "clipboard-write"]
    ) as (page, _, _):
        block = page.locator(".language-console").filter(has_text="$ curl -s http").first
        block.hover()
        block.locator("button[title='Copy to clipboard']").click()
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "curl -s http://localhost:3000/api/todos"


def test_content_tabs_switch_together(browser, site_url):
    with open_page(browser, site_url + "hello-world/") as (page, _, _):
        page.get_by_text("Python", exact=True).first.click()
        assert page.get_by_text("python hello.py").first.is_visible()


def test_search_opens_from_the_keyboard_and_finds_the_page(browser, site_url):
    with open_page(browser, site_url + "api/", viewport={"width": 1280, "height": 900}) as (
        page,
        problems,
        _,
    ):
        page.keyboard.press("/")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type("graphql")
        page.locator(".md-search-result__meta").filter(has_text="matching documents").wait_for()
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert any("api-styles/" in href for href in hrefs), hrefs
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        assert problems == []


def test_on_a_phone_search_opens_full_screen_without_sideways_scroll(browser, site_url):
    with open_page(
        browser, site_url + "hello-world/", viewport={"width": 390, "height": 844}, is_mobile=True
    ) as (page, problems, _):
        page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("bottle")
        page.locator(".md-search-result__meta").filter(has_text="matching documents").wait_for()
        assert page.evaluate("document.getElementById('__search').checked")
        assert page.locator(".md-search-result__item").first.is_visible()
        # Once the search has slid in, Material locks the page under it: nothing scrolls
        # sideways (while it slides, its overlay is wider than the screen).
        page.wait_for_function("document.body.hasAttribute('data-md-scrolllock')")
        sideways = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        page.wait_for_function(f"({sideways}) <= 0")
        assert page.evaluate("scrollX") == 0
        assert problems == []
