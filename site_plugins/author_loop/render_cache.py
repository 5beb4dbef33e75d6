"""Markdown-to-HTML results of unchanged pages, kept across the rebuilds of one `mkdocs serve`.

MkDocs converts every page again after each save: about 230 ms of a 450 ms rebuild here,
of which all but the saved page's share is work done last time. A page's render depends on
its Markdown (after the plugins' `on_page_markdown`), the files it includes, its address,
the site's list of files (its links resolve against it) and the configuration (Markdown
extensions and their options, plugin options). When all of those are what they were, the
last render's results are put back on the page instead: its HTML, table of contents, title,
anchors and links to other pages' anchors, and the log lines the render wrote are written
again, so warnings still reach the terminal, `--strict` and the problems panel.

Everything after the render (`on_page_content` and later, templates, other pages' anchor
checks) still runs each build. A custom fence must leave nothing but HTML behind for this to
hold: the demo-download fence, which used to count on the plugin, now counts in the HTML.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_plugins.author_loop.snippets import snippet_sources

#: The configuration a render reads (besides plugin options and the Markdown extensions).
CONFIG_KEYS = ("use_directory_urls", "site_url", "repo_url", "docs_dir", "validation")


@dataclass
class Rendered:
    """What `Page.render` leaves on a page, as kept between builds."""

    key: str
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    #: Target page's src_uri -> {anchor: link}; File objects are new each build.
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class RenderCache:
    """One entry per page (src_uri): the key of its last render and what it left behind."""

    def __init__(self) -> None:
        self._pages: dict[str, Rendered] = {}
        self._build: tuple[Files, str] | None = None  # this build's files and their fingerprint
        self.hits = 0
        self.misses = 0

    def wrap(self, page: Page, bases: list[Path]) -> None:
        """Have this page's `render` reuse the last build's result when nothing it reads
        changed. MkDocs offers no event that can skip a render, so the page instance's
        method is replaced (the class is untouched)."""
        page.render = self._cached(page, page.render, bases)  # type: ignore[method-assign]

    def _cached(
        self, page: Page, render: Callable[[MkDocsConfig, Files], None], bases: list[Path]
    ) -> Callable[[MkDocsConfig, Files], None]:
        def cached_render(config: MkDocsConfig, files: Files) -> None:
            key = self._key(page, config, files, bases)
            kept = self._pages.get(page.file.src_uri)
            if kept is not None and kept.key == key:
                self.hits += 1
                _restore(page, kept, files)
                return
            self.misses += 1
            self._pages.pop(page.file.src_uri, None)
            recorder = _Recorder()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(recorder)
            try:
                render(config, files)
            finally:
                logger.removeHandler(recorder)
            self._pages[page.file.src_uri] = _keep(page, key, recorder.records)

        return cached_render

    def _key(self, page: Page, config: MkDocsConfig, files: Files, bases: list[Path]) -> str:
        if self._build is None or self._build[0] is not files:
            self._build = (files, _fingerprint(config, files))
        digest = hashlib.sha256(self._build[1].encode())
        file = page.file
        for part in (file.src_uri, file.dest_uri, file.url, page.markdown or ""):
            digest.update(b"\0" + part.encode())
        for path, data in snippet_sources(page.markdown or "", bases):
            digest.update(b"\0" + path.encode() + b"\0")
            digest.update(b"-" if data is None else hashlib.sha256(data).digest())
        return digest.hexdigest()


def _keep(page: Page, key: str, records: list[logging.LogRecord]) -> Rendered:
    links = page.links_to_anchors
    return Rendered(
        key=key,
        content=page.content or "",
        toc=copy.deepcopy(page.toc),
        # The public title: what the render found (first heading), or the front matter's or
        # nav's, all of which the key covers; set back on restore, where it wins the same way.
        title=page.title,
        present_anchor_ids=set(page.present_anchor_ids or ()),
        links_to_anchors=None
        if links is None
        else {target.src_uri: dict(anchors) for target, anchors in links.items()},
        records=records,
    )


def _restore(page: Page, kept: Rendered, files: Files) -> None:
    page.content = kept.content
    page.toc = copy.deepcopy(kept.toc)
    page.title = kept.title
    page.present_anchor_ids = set(kept.present_anchor_ids or ())
    if kept.links_to_anchors is not None:
        links = {}
        for src_uri, anchors in kept.links_to_anchors.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links
    for record in kept.records:
        logging.getLogger(record.name).handle(record)


def _fingerprint(config: MkDocsConfig, files: Files) -> str:
    """Everything a render reads that is not the page's own: settings and the file list."""
    plugins = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    settings = {key: config.get(key) for key in CONFIG_KEYS}
    listing = sorted((f.src_uri, f.dest_uri, str(f.inclusion)) for f in files)
    return json.dumps(
        [list(config.markdown_extensions), config.mdx_configs, settings, plugins, listing],
        sort_keys=True,
        default=_describe,
    )


def _describe(value: Any) -> Any:
    """JSON for what json cannot write: functions by name (their address changes each build),
    config sections as dicts. Anything else by its repr: one that carries an address misses
    the cache every build, which is slow but never wrong."""
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if hasattr(value, "keys") and hasattr(value, "__getitem__"):
        return {str(key): value[key] for key in value.keys()}  # noqa: SIM118 - not only dicts
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=repr)
    return repr(value)
