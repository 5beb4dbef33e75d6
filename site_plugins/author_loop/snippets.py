"""The files the pages include with pymdownx.snippets, and the folders to watch for them.

`watch:` in mkdocs.yml was a list kept by hand, and it drifted from what the pages include
(bench/results/ was missing, so a new benchmark needed a restart). The pages already say what
they include: their `--8<--` markers. Reading them each build keeps the watched set exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from site_plugins.markdown_scan import find_snippets

# What pymdownx.snippets strips from a name: line ranges (`:3:9`, `:3,7:9`) or a section (`:name`).
SELECTOR = re.compile(r"(?i)(?:(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*|:[a-z][-_0-9a-z]*)$")


def snippet_names(markdown: str) -> list[str]:
    """Every file name `markdown` includes, in order, without line ranges or sections."""
    return [
        SELECTOR.sub("", reference.spec)
        for reference in find_snippets(markdown).references
        if not reference.spec.startswith(("http://", "https://"))
    ]


def _find(name: str, base_paths: list[Path]) -> Path | None:
    """Where pymdownx.snippets finds `name`: in the first base path that has it."""
    path = next((b / name for b in base_paths if (b / name).is_file()), None)
    return None if path is None else path.resolve()


def snippet_sources(markdown: str, base_paths: list[Path]) -> list[tuple[str, bytes | None]]:
    """Each file `markdown` includes, and the files those include, with its bytes (None for a
    name no base path has), in the order found: what a render of it reads besides itself."""
    sources: list[tuple[str, bytes | None]] = []
    seen: set[Path] = set()
    todo = [markdown]
    while todo:
        for name in snippet_names(todo.pop()):
            path = _find(name, base_paths)
            if path is None:
                sources.append((name, None))
                continue
            if path in seen:
                continue
            seen.add(path)
            try:
                data = path.read_bytes()
            except OSError:
                sources.append((str(path), None))
                continue
            sources.append((str(path), data))
            todo.append(data.decode("utf-8", "replace"))
    return sources


def included_files(pages: Iterable[Path], base_paths: list[Path]) -> set[Path]:
    """The files the pages include, and the files those include in turn (found ones only)."""
    found: set[Path] = set()
    for page in pages:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found.update(
            Path(path) for path, data in snippet_sources(text, base_paths) if data is not None
        )
    return found


def snippet_folders(docs_dir: Path, base_paths: list[Path]) -> list[Path]:
    """The folder of every file the pages include from outside docs_dir (MkDocs watches that).

    Each is meant to be watched on its own, not recursively: a page that includes README.md
    must not put the whole checkout, virtualenv and all, under watch.
    """
    docs_dir = docs_dir.resolve()
    pages = sorted(docs_dir.rglob("*.md"))
    folders = {path.parent for path in included_files(pages, base_paths)}
    return sorted(f for f in folders if not f.is_relative_to(docs_dir))
