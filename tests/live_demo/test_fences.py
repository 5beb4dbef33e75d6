"""The ```http try fence wherever Markdown allows a fence, in a real build."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.page_checks.sites import CONFIG, build, make_site

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

REQUEST = 'POST /api/todos HTTP/1.1\nContent-Type: application/json\n\n{"title": "x"}'


def fence(indent: str = "", info: str = "http try") -> str:
    lines = [f"```{info}", *REQUEST.split("\n"), "```"]
    return "\n".join(f"{indent}{line}".rstrip() if line else indent.rstrip() for line in lines)


PAGE = f"""# Nested

{fence()}

- In a list item:

{fence("    ")}

!!! note "In an admonition"

{fence("    ")}

=== "In a tab"

{fence("    ")}

> In a blockquote:
>
{fence("> ")}

The same request, not runnable:

{fence(info="http")}

Shown, not run:

````markdown
{fence()}
````
"""
PLACES = ["top", "list", "admonition", "tab", "blockquote"]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> BeautifulSoup:
    site = make_site(tmp_path_factory.mktemp("fences"), {"index.md": PAGE})
    result = build(site, "--strict")
    assert result.returncode == 0, result.stderr
    return BeautifulSoup((site / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_nesting_gives_a_widget_with_the_code_and_the_bar(page):
    widgets = page.select("div.live-demo")
    assert len(widgets) == len(PLACES)
    parents = [w.parent.name for w in widgets]
    assert parents[1] == "li" and parents[4] == "blockquote"
    assert widgets[2].find_parent(class_="admonition") is not None
    assert widgets[3].find_parent(class_="tabbed-block") is not None
    for widget in widgets:
        assert widget.select_one("pre code").get_text().rstrip("\n") == REQUEST
        assert widget.select_one(".live-demo__bar button.live-demo__run").get_text() == "Try it"
        assert widget.select_one(".live-demo__result") is not None


def test_no_raw_markup_reaches_the_page(page):
    content = page.select_one("article")
    assert content.select("[markdown]") == []
    for paragraph in content.select("p"):
        assert "<div" not in paragraph.get_text() and "```" not in paragraph.get_text()


def test_the_code_is_exactly_an_ordinary_http_block(page):
    plain = [
        b for b in page.select("div.language-http") if b.find_parent(class_="live-demo") is None
    ]
    assert len(plain) == 1
    assert str(page.select("div.live-demo")[0].select_one("div.language-http")) == str(plain[0])


def test_a_fence_shown_inside_a_longer_fence_stays_text(page):
    shown = page.select("div.language-markdown code")[0].get_text()
    assert shown.startswith("```http try\nPOST /api/todos")


def test_without_superfences_the_plugin_says_what_to_add(tmp_path):
    config = CONFIG.replace("  - pymdownx.superfences\n", "")
    site = make_site(tmp_path, {"index.md": "# Hi\n"}, config)
    result = build(site)
    assert result.returncode != 0
    assert "live-demo: add pymdownx.superfences to markdown_extensions" in result.stderr
    assert "Traceback" not in result.stderr
