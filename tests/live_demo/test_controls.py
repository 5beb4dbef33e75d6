"""The widgets' controls as the build writes them into a page."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from site_plugins.live_demo.controls import (
    BAR_SLOT,
    EXERCISE_BAR_SLOT,
    NO_TAB_CHECK,
    SERVER_LABEL,
    TAB_LABEL,
    add_controls,
    exercise_bar,
    where,
)


def test_published_pages_default_to_the_tab_and_hide_the_address():
    soup = BeautifulSoup(where(tab=True, default="tab", server="http://x:1"), "html.parser")
    assert soup.select_one("option[selected]")["value"] == "tab"
    assert soup.select_one(".live-demo__address").has_attr("hidden")


def test_under_serve_or_without_the_tab_runtime_the_server_is_the_default():
    for tab, default in ((True, "server"), (False, "tab")):
        soup = BeautifulSoup(where(tab=tab, default=default, server="http://x:1"), "html.parser")
        assert soup.select_one("option[selected]")["value"] == "server"
        assert not soup.select_one(".live-demo__address").has_attr("hidden")
    no_tab = BeautifulSoup(where(tab=False, default="tab", server="http://x:1"), "html.parser")
    assert [o["value"] for o in no_tab.select("option")] == ["server"]


def test_the_server_address_is_escaped():
    soup = BeautifulSoup(where(tab=True, default="tab", server='http://a/"><b>'), "html.parser")
    assert soup.select_one("input")["value"] == 'http://a/"><b>'
    assert soup.select_one("b") is None


def test_every_slot_gets_a_bar_and_every_todo_list_its_controls_at_its_end():
    page = (
        f'<div class="live-demo"><pre>GET /</pre>{BAR_SLOT}</div>'
        f'<div class="live-demo"><pre>GET /x</pre>{BAR_SLOT}</div>'
        '<div class="live-todos"><ul><li><div>nested</div></li></ul></div><p>after</p>'
        '<div class="live-todos"><ul></ul></div>'
    )
    soup = BeautifulSoup(add_controls(page, "<span>W</span>"), "html.parser")
    assert len(soup.select(".live-demo > .live-demo__bar > button.live-demo__run")) == 2
    assert len(soup.select(".live-demo > .live-demo__result")) == 2
    for box in soup.select(".live-todos"):
        assert box.find_all(recursive=False)[-1]["class"] == ["live-todos__controls"]
    assert soup.select_one("p").get_text() == "after"


def test_the_search_index_leaves_out_the_controls_but_not_the_examples(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "GET /healthz" in texts
    # The controls' own words, as they ran together into every indexed example.
    assert f"Runs in {TAB_LABEL}{SERVER_LABEL} at" not in texts
    assert "Try it Runs in" not in texts


def test_an_exercise_gets_edit_and_check_or_says_why_not():
    page = f'<div class="exercise" data-exercise="01-answer"><pre></pre>{EXERCISE_BAR_SLOT}</div>'
    soup = BeautifulSoup(add_controls(page, "", exercise_bar(tab=True)), "html.parser")
    assert [b.get_text() for b in soup.select(".exercise__bar button")] == ["Edit", "Check"]
    assert soup.select_one(".exercise__result")["aria-live"] == "polite"
    # Without the tab's runtime (no npm at build time) nothing in the page can run the checks.
    soup = BeautifulSoup(add_controls(page, "", exercise_bar(tab=False)), "html.parser")
    assert soup.select("button") == []
    assert soup.select_one(".exercise__note").get_text() == NO_TAB_CHECK
