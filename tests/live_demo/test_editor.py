"""Edit in the project's own build: the editable blocks, the editor bundle and the shipped code
(the editor at work is tests/test_browser_editor.py)."""

from __future__ import annotations

import json

import pytest

from site_plugins.live_demo import editor_bundle
from site_plugins.live_demo.editor_bundle import EditorUnavailable, ensure_editor
from site_plugins.live_demo.plugin import EDITABLE
from tests.site_pages import html_pages


@pytest.fixture(scope="module")
def hello(built_site):
    return html_pages(built_site)["hello-world/index.html"]


def test_the_hello_world_page_offers_edit_on_the_demos_route(hello):
    (block,) = hello.select("div.live-edit")
    assert block["data-edit"] == "hello.py"
    assert 'return "Hello, World!"' in block.select_one("pre code").get_text()
    # The bar is in the page as built; the editor is not (it loads on Edit).
    assert block.select_one("button.live-edit__edit").get_text() == "Edit"
    assert not hello.select(".cm-editor")


def test_the_site_ships_the_editor_and_the_whole_modules(built_site, hello):
    config = hello.select_one("[data-live-demo-config]")
    assets = built_site / "assets" / "live-demo"
    editor = assets / config["data-editor"]
    assert editor.is_file() and "createEditor" in editor.read_text(encoding="utf-8")
    sources = json.loads(config["data-edit-sources"])
    assert set(sources) == set(EDITABLE)
    for name, shipped in sources.items():
        text = (assets / shipped).read_text(encoding="utf-8")
        original = EDITABLE[name].read_text(encoding="utf-8")
        # The file as the repository has it, less the pages' snippet markers.
        assert "--8<--" not in text
        kept = [line for line in original.splitlines() if "--8<--" not in line]
        assert text.splitlines() == kept


def test_the_notices_name_what_the_editor_bundles(built_site):
    notices = (built_site / "assets" / "live-demo" / "THIRD-PARTY-NOTICES.txt").read_text()
    editor = notices[notices.index("The code editor") :]
    for package in ("@codemirror/view", "@codemirror/lang-python", "@lezer/python"):
        assert f"{package} " in editor and "(MIT)" in editor
    assert "Permission is hereby granted" in editor
    # esbuild is a tool of the build, not in the bundle.
    assert "esbuild" not in editor.split("bundled unchanged by esbuild", 1)[1]


def test_pages_without_code_to_edit_get_no_edit_bar(built_site):
    pages = html_pages(built_site)
    assert not pages["api/index.html"].select(".live-edit__bar")


def test_without_npm_the_editor_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(editor_bundle.shutil, "which", lambda name: None)
    with pytest.raises(EditorUnavailable) as caught:
        ensure_editor(tmp_path)
    assert "npm is not installed" in str(caught.value) and "\n" not in str(caught.value)


def test_a_cached_bundle_is_used_and_a_changed_lock_makes_a_new_one(tmp_path, monkeypatch):
    folder = tmp_path / f"editor-{editor_bundle.sources_key()}"
    folder.mkdir()
    (folder / "editor.js").write_text("export const cached = 1;")
    monkeypatch.setattr(editor_bundle.shutil, "which", lambda name: None)  # no npm needed
    # A bundle without its licences (made before they were kept) is made again: here, no npm.
    with pytest.raises(EditorUnavailable):
        ensure_editor(tmp_path)
    (folder / editor_bundle.LICENCES).write_text("@codemirror/view 6.43.15 (MIT)\n")
    assert ensure_editor(tmp_path) == folder / "editor.js"
    before = editor_bundle.sources_key()
    lock = tmp_path / "package-lock.json"
    lock.write_text("{}")
    monkeypatch.setattr(editor_bundle, "SOURCES", tmp_path)
    for name in ("editor.js", "package.json"):
        (tmp_path / name).write_text("x")
    assert editor_bundle.sources_key() != before
