"""The search entries of unchanged pages, kept across the rebuilds of one `mkdocs serve`.

Material's search plugin parses every page's HTML again on every build to cut it into
sections: about 130 ms of a 640 ms rebuild here, for the one page an author saved. A page whose
HTML, address, title, table of contents and front matter are what they were gives the same
entries, so they are copied from the last build instead. The index is still made anew each
build, by the plugin itself, from the entries in page order: the written index is the same,
byte for byte.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink


class SearchEntryCache:
    """Entries per page, keyed by everything the search index reads from a page."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, list[dict[str, Any]]]] = {}
        self.hits = 0
        self.misses = 0

    def attach(self, plugins: Any) -> bool:
        """Wrap the page-indexing method of this build's search index; False if there is none.

        Material's plugin makes a new `SearchIndex` in its `on_config`, so this runs once per
        build, after every plugin's `on_config`.
        """
        index = None
        for plugin in plugins.values():
            candidate = getattr(plugin, "search_index", None)
            if candidate is not None and hasattr(candidate, "add_entry_from_context"):
                index = candidate
                break
        if index is None or not isinstance(getattr(index, "entries", None), list):
            return False
        index.add_entry_from_context = self._cached(index, index.add_entry_from_context)
        return True

    def _cached(self, index: Any, add: Callable[[Page], None]) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            key = _key(page)
            kept = self._entries.get(page.url)
            if kept is not None and kept[0] == key:
                self.hits += 1
                index.entries.extend(copy.deepcopy(kept[1]))
                return
            self.misses += 1
            before = len(index.entries)
            add(page)
            self._entries[page.url] = (key, copy.deepcopy(index.entries[before:]))

        return add_entry_from_context


def _key(page: Page) -> tuple:
    return (
        page.content,
        page.title,
        json.dumps(page.meta, sort_keys=True, default=repr),
        tuple(_toc(page.toc)),
    )


def _toc(items: list[AnchorLink]):
    for item in items:
        yield (item.id, item.url, item.title, item.level)
        yield from _toc(item.children)
