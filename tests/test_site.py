"""The built site, page by page: what a reader gets, and what the strict build refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.site_pages import html_pages, local_target, nav_pages, snippet_text, snippets_in

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes


@pytest.fixture(scope="module")
def pages(built_site: Path):
    return html_pages(built_site)


def test_every_page_is_built(pages):
    # Every page the nav lists, and the theme's own 404 page, which no nav lists.
    for built in [*(page.built for page in nav_pages()), "404.html"]:
        assert built in pages, sorted(pages)


def test_seed_content_is_all_there(pages):
    text = " ".join(soup.get_text(" ") for soup in pages.values())
    for fact in (
        "MySQL",
        "PostgreSQL",
        "MongoDB",
        "REST",
        "GraphQL",
        "business logic",
        "Security",
        "Scalability",
        "Performance",
        "Node.js",
        "Go",
        "Java",
        "NestJS",
        "Express.js",
        "Spring Boot",
    ):
        assert fact in text, fact


def test_todo_is_a_nested_task_list(pages):
    soup = pages["todo/index.html"]
    items = soup.select("li.task-list-item")
    labels = [" ".join(item.find_all(string=True, recursive=False)).strip() for item in items]
    assert labels == ["First Thing", "second thing now", "third thing now", "sub thing now"]
    for item in items:
        box = item.find("input", attrs={"type": "checkbox"})
        assert box is not None and not box.has_attr("checked")
        assert item.select_one("label.task-list-control"), "custom checkbox expected"
    third, sub = items[2], items[3]
    assert sub in third.find_all("li"), "sub thing now must be nested under third thing now"
    assert sub.find_parent("li") is third


def code_blocks(soup):
    blocks = {}
    for block in soup.select("div.highlight"):
        title = block.select_one(".filename")
        if title:
            blocks[title.get_text()] = block.select_one("pre code").get_text()
    return blocks


def test_code_samples_equal_the_files_they_come_from(pages):
    blocks = code_blocks(pages["hello-world/index.html"])
    assert blocks["examples/express/app.js"].rstrip("\n") == snippet_text("examples/express/app.js")
    assert blocks["demo_server/hello.py"].rstrip("\n") == snippet_text("demo_server/hello.py:hello")
    assert blocks["examples/express/package.json"].rstrip("\n") == snippet_text(
        "examples/express/package.json"
    )


def test_every_snippet_a_page_names_exists():
    for page in (ROOT / "docs").rglob("*.md"):
        for spec in snippets_in(page):
            assert snippet_text(spec), f"{page}: empty snippet {spec}"


def test_express_sample_has_the_real_url_not_the_export_bug(pages):
    code = code_blocks(pages["hello-world/index.html"])["examples/express/app.js"]
    assert "<http://localhost>" not in code
    assert "Server is running on http://localhost:${PORT}" in code


def test_both_languages_sit_in_linked_content_tabs(pages):
    soup = pages["hello-world/index.html"]
    labels = [label.get_text(strip=True) for label in soup.select(".tabbed-labels label")]
    assert labels == ["Node.js", "NestJS", "Go", "Java", "Spring Boot", "Python"]
    commands = [code.get_text() for code in soup.select(".tabbed-set pre code")]
    for command in (
        "npm init -y",
        "npm install express",
        "node app.js",
        "mvn -B package",
        "python hello.py",
    ):
        assert any(command in code for code in commands), command


def test_every_image_resolves_to_a_file_and_has_alt_text(built_site, pages):
    seen = 0
    for page, soup in pages.items():
        for img in soup.find_all("img"):
            target = local_target(built_site, page, img["src"])
            assert target is not None, f"{page}: remote image {img['src']}"
            assert target.is_file(), f"{page}: {img['src']} -> missing {target}"
            assert len(img.get("alt", "").split()) >= 5, f"{page}: {img['src']} needs real alt text"
            seen += 1
    assert seen >= 2


def test_diagrams_are_svg_with_a_title(built_site):
    for name in ("request-flow.svg", "beyond-hello-world.svg"):
        svg = (built_site / "assets" / name).read_text(encoding="utf-8")
        assert "<title" in svg and "viewBox" in svg, name


REQUEST_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "srcset",
    "video": "src",
    "audio": "src",
}


def test_nothing_is_fetched_from_another_origin(built_site, pages):
    for page, soup in pages.items():
        for tag, attr in REQUEST_ATTRS.items():
            for el in soup.find_all(tag, attrs={attr: True}):
                assert local_target(built_site, page, el[attr]) is not None, (page, el)
        for link in soup.find_all("link", href=True):
            rel = set(link.get("rel", []))
            if rel & {"stylesheet", "preload", "preconnect", "icon", "manifest", "modulepreload"}:
                assert local_target(built_site, page, link["href"]) is not None, (page, link)
        assert "fonts.googleapis.com" not in str(soup), page
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_search_index_covers_the_pages(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for phrase in ("What is a backend?", "sub thing now", "Spring Boot"):
        assert phrase in index


def test_every_control_has_an_accessible_name(pages):
    for page, soup in pages.items():
        dialog = soup.select_one("div.md-search[role=dialog]")
        assert dialog is not None and dialog.get("aria-label") == "Search", page
        for box in soup.select("li.task-list-item input[type=checkbox]"):
            assert box.get("aria-label"), page
    todo = [b["aria-label"] for b in pages["todo/index.html"].select("li.task-list-item input")]
    assert todo == ["First Thing", "second thing now", "third thing now", "sub thing now"]


def test_a11y_names_leave_labelled_items_alone():
    from site_plugins.a11y.names import name_task_checkboxes

    html = (
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" '
        'aria-label="Mine" disabled/></label> Theirs</li>'
    )
    assert name_task_checkboxes(html) == html


#: Link texts Lighthouse's SEO audit calls undescriptive (its English list).
GENERIC_LINK_TEXTS = {
    "click here",
    "click this",
    "go",
    "here",
    "information",
    "learn more",
    "more",
    "more info",
    "more information",
    "right here",
    "read more",
    "see more",
    "start",
    "this",
}


def test_no_link_says_only_go_here_or_more(pages):
    for name, soup in pages.items():
        for link in soup.select("article a[href]"):
            text = link.get_text(" ", strip=True).lower()
            assert text not in GENERIC_LINK_TEXTS, f"{name}: a link reads {text!r}"
