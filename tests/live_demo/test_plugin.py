"""The live-demo plugin in the project's own build."""

from __future__ import annotations

import gzip
import re

import pytest

from site_plugins.live_demo.plugin import ASSETS, LiveDemoPlugin
from tests.site_pages import html_pages


@pytest.fixture(scope="module")
def pages(built_site):
    return html_pages(built_site)


def test_runnable_examples_become_widgets_that_still_show_the_code(pages):
    soup = pages["api/index.html"]
    widgets = soup.select("div.live-demo")
    assert len(widgets) >= 8
    for widget in widgets:
        code = widget.select_one("pre code").get_text()
        assert code.split()[0] in {"GET", "POST", "PATCH", "DELETE"}
        # The controls are in the page as built, not added by the script after the first paint.
        bar = widget.select_one(".live-demo__bar")
        assert bar.select_one("button.live-demo__run").get_text() == "Try it"
        mode = bar.select_one("select.live-demo__mode")
        assert [o["value"] for o in mode.select("option")] == ["tab", "server"]
        # A published page defaults to the demo in the tab; the address is for "my own server".
        assert mode.select_one("option[selected]")["value"] == "tab"
        assert bar.select_one("label.live-demo__address").has_attr("hidden")
        assert bar.select_one("input.live-demo__server")["value"] == "http://127.0.0.1:3000"
        assert widget.select_one(".live-demo__result") is not None
    config = soup.select_one("[data-live-demo-config]")
    assert config["data-server"] == "http://127.0.0.1:3000"
    assert config["data-start"] == "make serve"


def test_the_plugin_ships_its_assets_on_every_page(built_site, pages):
    for name in ("live-demo.js", "live-demo.css"):
        assert (built_site / "assets" / "live-demo" / name).is_file()
    for page, soup in pages.items():
        scripts = [s["src"] for s in soup.find_all("script", src=True)]
        assert any(src.endswith("assets/live-demo/live-demo.js") for src in scripts), page


def test_pages_without_widgets_get_no_config(pages):
    assert pages["performance/index.html"].select_one("[data-live-demo-config]") is None


def test_todo_page_keeps_the_static_list_inside_the_live_box(pages):
    box = pages["todo/index.html"].select_one("div.live-todos")
    assert len(box.select("li.task-list-item")) == 4
    # Its controls come after the list, inside the box.
    assert box.find_all(recursive=False)[-1]["class"] == ["live-todos__controls"]
    assert box.select_one(".live-todos__controls select.live-demo__mode") is not None


def static_imports(entry: str) -> set[str]:
    """The page script's modules a page loads with it: `entry` and what it imports statically
    (an `import ... from "./x.js"`, not an `import("./x.js")` made when needed)."""
    found, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            text = (ASSETS / name).read_text(encoding="utf-8")
            todo += re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', text, re.M)
    return found


def test_what_every_page_loads_stays_under_14_kb_gzipped():
    loaded = static_imports("live-demo.js")
    assert {"worker-client.js", "try-it.js"} <= loaded
    # Loaded when needed: the worker with the demo, the live list on its page, Edit's glue
    # (the editor later still), Check.
    assert not loaded & {
        "tab-worker.js",
        "editor-glue.js",
        "edits-store.js",
        "exercises.js",
        "textarea-editor.js",
    }
    size = sum(len(gzip.compress((ASSETS / n).read_bytes(), 9)) for n in (*loaded, "live-demo.css"))
    assert size < 14 * 1024


@pytest.mark.parametrize(
    ("options", "field"),
    [({"server_url": 3000}, "server_url"), ({"enabled": "yes"}, "enabled")],
)
def test_options_of_the_wrong_type_are_config_errors(options, field):
    errors, _ = LiveDemoPlugin().load_config(options)
    assert [name for name, _ in errors] == [field]
