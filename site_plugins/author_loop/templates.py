"""Compiled theme templates kept in memory for the whole `mkdocs serve` session.

MkDocs makes a new Jinja environment for every build, so Material's 44 templates are parsed
and compiled again after each save although none of them changed: about 150 ms of a 390 ms
rebuild here. Jinja's own bytecode cache hook keeps the compiled code; each entry is checked
against the template's current source (Jinja compares a checksum), so an edited file under
overrides/ or the theme compiles afresh and the rest stay cached. The environment itself is
still new each build, with the filters and globals of that build, so the output is the same
byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from types import CodeType

import jinja2
from mkdocs.theme import Theme


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled template code in a dict, for as long as this object lives (one plugin instance).

    The code objects are kept as they are (no marshal round trip: nothing leaves the process).
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self.hits = 0
        self.misses = 0

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self._code.get(bucket.key, (None, None))
        # A different checksum: the template's source changed since it was compiled.
        if code is None or checksum != bucket.checksum:
            self.misses += 1
            return
        bucket.code = code
        self.hits += 1

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._code.clear()


class ThemeListingCache:
    """The list of the theme's files, walked once per session instead of once per build.

    Before any plugin event sees the new environment, MkDocs lists every file of the theme to
    find its static files: for Material that is thousands of icons, about 0.1 s a build. An
    installed theme does not change while the server runs, so its listing is kept; folders
    outside site-packages (custom_dir, overrides/) are small and are walked every build.
    """

    def __init__(self) -> None:
        self._listings: dict[str, list[str]] = {}

    def listing(self, folder: str) -> list[str]:
        if _installed(folder):
            if folder not in self._listings:
                self._listings[folder] = jinja2.FileSystemLoader(folder).list_templates()
            return self._listings[folder]
        return jinja2.FileSystemLoader(folder).list_templates()

    def attach(self, theme: Theme, bytecode_cache: MemoryBytecodeCache | None) -> None:
        """Make `theme.get_env()` use the kept listings (and the bytecode cache, if given)."""
        make_env = theme.get_env
        cache = self

        class ListedLoader(jinja2.FileSystemLoader):
            def list_templates(self) -> list[str]:
                names: set[str] = set()
                for folder in self.searchpath:
                    names.update(cache.listing(folder))
                return sorted(names)

        def get_env() -> jinja2.Environment:
            env = make_env()
            loader = env.loader
            assert isinstance(loader, jinja2.FileSystemLoader)
            env.loader = ListedLoader(loader.searchpath, loader.encoding, loader.followlinks)
            if bytecode_cache is not None:
                env.bytecode_cache = bytecode_cache
            return env

        theme.get_env = get_env  # type: ignore[method-assign]


def _installed(folder: str) -> bool:
    parts = Path(folder).parts
    return "site-packages" in parts or "dist-packages" in parts
