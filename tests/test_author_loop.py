"""The author-loop plugin in process: snippet scanning, problem locations, the template cache."""

from __future__ import annotations

import filecmp
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from site_plugins.author_loop.plugin import AuthorLoopPlugin
from site_plugins.author_loop.problems import ProblemCollector, locate
from site_plugins.author_loop.snippets import snippet_folders, snippet_names
from tests.author_loop_support import WarningLog, make_project, set_override


def test_snippet_names_reads_both_forms_and_skips_escaped_and_remote_ones():
    markdown = "\n".join(
        [
            '--8<-- "demo_server/storage.py:insert"',
            "    --8<-- 'examples/go/main.go:3:9'",
            ';--8<-- "escaped.py"',
            '--8<-- "https://example.com/remote.md"',
            "--8<--",
            "bench/results/results.md",
            "; commented.md",
            "examples/nestjs/src/main.ts:2:4",
            "--8<--",
            "not/a/snippet.md",
        ]
    )
    assert snippet_names(markdown) == [
        "demo_server/storage.py",
        "examples/go/main.go",
        "bench/results/results.md",
        "examples/nestjs/src/main.ts",
    ]


def test_watched_folders_are_the_included_files_folders_outside_docs(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    (project / "inc" / "deeper").mkdir()
    (project / "inc" / "deeper" / "nested.txt").write_text("from an included file\n")
    (project / "inc" / "part.md").write_text('--8<-- "inc/deeper/nested.txt"\n')
    (project / "docs" / "local.md").write_text("x\n")
    (project / "docs" / "uses-local.md").write_text('--8<-- "docs/local.md"\n')
    folders = snippet_folders(project / "docs", [project])
    assert folders == [project / "inc", project / "inc" / "deeper"]


def test_this_sites_watched_folders_include_the_results_the_pages_show():
    root = Path(__file__).resolve().parent.parent
    folders = snippet_folders(root / "docs", [root])
    assert root / "bench" / "results" in folders
    assert root / "demo_server" in folders


def test_locate_names_the_file_and_line_and_strips_them_from_the_message(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "api.md").write_text("x")
    assert locate("docs/api.md:12: a broken table", docs, tmp_path) == (
        "docs/api.md:12",
        "a broken table",
    )
    assert locate("api.md: front matter is not a mapping", docs, tmp_path) == (
        "docs/api.md",
        "front matter is not a mapping",
    )
    message = "Doc file 'api.md' contains a link 'x.md', but the target is not found."
    assert locate(message, docs, tmp_path) == ("docs/api.md", message)
    # A plugin's warning names itself first: the location is still shown once, not twice.
    assert locate("page_checks: docs/api.md:3: no such snippet", docs, tmp_path) == (
        "docs/api.md:3",
        "no such snippet",
    )
    assert locate("Config value 'foo': unknown", docs, tmp_path) == (
        None,
        "Config value 'foo': unknown",
    )


def test_a_broken_link_is_located_at_its_line(tmp_path):
    """MkDocs names a broken link's page and target, never its line: the panel finds it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "api.md").write_text(
        "# API\n\nSee [this](nowhere.md) and [that][ref].\n\n[ref]: gone/\n"
    )
    broken = "Doc file 'api.md' contains a link 'nowhere.md', but the target is not found."
    assert locate(broken, docs, tmp_path) == ("docs/api.md:3", broken)
    unknown = "Doc file 'api.md' contains an unrecognized relative link 'gone/', it was left as is."
    assert locate(unknown, docs, tmp_path) == ("docs/api.md:5", unknown)


def test_the_collector_keeps_warnings_and_errors_once_and_not_the_servers_requests(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "api.md").write_text("x")
    collector = ProblemCollector()
    collector.start()
    logging.getLogger("mkdocs.structure.pages").info("not a problem")
    for _ in range(2):
        logging.getLogger("mkdocs.structure.pages").warning("api.md: twice")
    logging.getLogger("mkdocs.livereload").warning('"GET /favicon.ico" code 404')
    logging.getLogger("mkdocs.plugins.x").error("it broke")
    problems = collector.finish(tmp_path / "docs", tmp_path)
    assert [(p.level, p.message, p.location) for p in problems] == [
        ("WARNING", "twice", "docs/api.md"),
        ("ERROR", "it broke", None),
    ]
    assert collector not in logging.getLogger("mkdocs").handlers


CACHES = ("bytecode_cache", "render_cache", "search_cache")


def build_project(
    project: Path, site: Path, *, cache: bool, builds: int = 1, monkeypatch=None
) -> dict[str, int]:
    """`builds` builds in one process, as `mkdocs serve` does them; each cache's hits in the
    last one (MkDocs keeps the plugin for the whole process, so its totals span tests)."""
    monkeypatch.chdir(project)
    hits: dict[str, int] = {}
    for number in range(builds):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        plugin = config.plugins["author-loop"]
        for option in ("template_cache", "search_cache", "render_cache"):
            plugin.config[option] = cache
        if number == 0:
            config.plugins.on_startup(command="build", dirty=False)
        before = {name: getattr(plugin, name).hits for name in CACHES}
        build(config)
        hits = {name: getattr(plugin, name).hits - before[name] for name in CACHES}
    return hits


def same_tree(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(left / sub, right / sub) for sub in compared.common_dirs)


def test_cached_templates_renders_and_search_entries_give_the_same_site_byte_for_byte(
    tmp_path, monkeypatch
):
    project = make_project(tmp_path / "project")
    hits = build_project(
        project, tmp_path / "cached", cache=True, builds=2, monkeypatch=monkeypatch
    )
    assert hits["bytecode_cache"] > 10, "the second build compiled every template again"
    assert hits["render_cache"] == 2, "the second build converted its pages again"
    assert hits["search_cache"] == 2, "the second build indexed its pages again"
    build_project(project, tmp_path / "plain", cache=False, monkeypatch=monkeypatch)
    assert same_tree(tmp_path / "cached", tmp_path / "plain")
    # `mkdocs build` carries no trace of the serve-only panel.
    index = (tmp_path / "cached" / "index.html").read_text()
    assert "author-loop-problems" not in index
    assert not (tmp_path / "cached" / "_author_loop").exists()


def test_an_edited_override_is_compiled_again(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", override="before the edit")
    monkeypatch.chdir(project)
    site = tmp_path / "site"
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="build", dirty=False)
    build(first)
    assert "before the edit" in (site / "index.html").read_text()
    set_override(project, "after the edit")
    second = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    assert second.plugins["author-loop"] is first.plugins["author-loop"]  # kept, cache and all
    build(second)
    html = (site / "index.html").read_text()
    assert "after the edit" in html and "before the edit" not in html


def test_serve_dirty_is_refused_with_one_line():
    plugin = AuthorLoopPlugin()
    errors, warnings = plugin.load_config({})
    assert errors == [] and warnings == []
    with pytest.raises(PluginError, match=r"--dirty.*run `mkdocs serve` instead"):
        plugin.on_startup(command="serve", dirty=True)
    plugin.on_startup(command="build", dirty=True)  # a dirty build is not refused


def test_config_options_are_checked():
    errors, _ = AuthorLoopPlugin().load_config({"template_cache": "yes"})
    assert [name for name, _ in errors] == ["template_cache"]


def test_a_reused_render_writes_its_warnings_again_and_follows_what_the_page_reads(
    tmp_path, monkeypatch
):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    site = tmp_path / "site"

    def rebuild(**options) -> tuple[str, list[str]]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), **options)
        with WarningLog() as warnings:
            build(config)
        return (site / "index.html").read_text(), warnings.messages

    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    cache = first.plugins["author-loop"].render_cache
    # MkDocs keeps a plugin with on_startup for the whole process: count from here.
    hits, misses = cache.hits, cache.misses
    html, warnings = rebuild()
    assert (cache.hits - hits, cache.misses - misses) == (2, 0)
    assert "Included text one." in html
    assert any("nowhere.md" in message for message in warnings), warnings
    with pytest.raises(Abort, match="1 warnings"):  # and --strict still counts it
        rebuild(strict=True)
    # An included file changed: that page is converted again, the other is not.
    (project / "inc" / "part.md").write_text("Included text two.\n", encoding="utf-8")
    html, _ = rebuild()
    assert "Included text two." in html and "Included text one." not in html
    index = (site / "search" / "search_index.json").read_text()  # search entries follow too
    assert "Included text two." in index and "Included text one." not in index
    assert (cache.hits - hits, cache.misses - misses) == (5, 1)
    # A new file the link can resolve to: every page's links are resolved again.
    (project / "docs" / "nowhere.md").write_text("# Now here\n", encoding="utf-8")
    _, warnings = rebuild()
    assert not any("nowhere.md" in message for message in warnings), warnings
    assert cache.misses - misses == 4  # all three pages, after the one above
