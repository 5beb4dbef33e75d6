"""What the in-browser demo runs, made at build time from this repository's own files.

The app bundle is a zip of `bottle.py` and the `graphql` package (the installed copies the
tests run against) and the `demo_server` package, so the tab runs exactly the code the suite
tests. Entries are sorted and
timestamps fixed: the same sources give the same bytes, and so the same hashed file name, so a
browser keeps its cached copy until the code really changes.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

import bottle
import graphql

import demo_server
from site_plugins.live_demo.runtime import Runtime
from site_plugins.live_demo.zips import zip_bytes

LICENCES = Path(__file__).parent / "licences"
#: Written into wheels for a published site (site_plugins/demo_download); not part of the app.
SKIPPED = {"_built_for_site.py"}


def app_sources() -> dict[str, Path]:
    """Archive name -> file, for every file the tab imports."""
    package = Path(demo_server.__file__).parent
    sources = {"bottle.py": Path(bottle.__file__)}
    graphql_dir = Path(graphql.__file__).parent
    for path in sorted(graphql_dir.rglob("*.py")):
        sources[f"graphql/{path.relative_to(graphql_dir).as_posix()}"] = path
    for path in sorted(package.rglob("*.py")):
        if path.name not in SKIPPED:
            sources[f"demo_server/{path.relative_to(package).as_posix()}"] = path
    return sources


def app_bundle() -> bytes:
    """The zip the tab imports the app from. Kept while no source file's size or mtime changes:
    `mkdocs serve` rebuilds after every save, and zipping some 150 files costs 50 ms a build."""
    stamps = []
    for name, path in sorted(app_sources().items()):
        stat = path.stat()
        stamps.append((name, str(path), stat.st_mtime_ns, stat.st_size))
    return _zipped(tuple(stamps))


@functools.lru_cache(maxsize=1)
def _zipped(stamps: tuple[tuple[str, str, int, int], ...]) -> bytes:
    return zip_bytes((name, Path(path).read_bytes()) for name, path, _, _ in stamps)


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def file_hash(path: Path) -> str:
    """`short_hash` of a file's bytes, read again only when its size or mtime changes."""
    stat = path.stat()
    return _file_hash(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _file_hash(path: str, mtime_ns: int, size: int) -> str:
    return short_hash(Path(path).read_bytes())


def _licence(distribution: str, url: str) -> str:
    """The licence text an installed package carries, or where to read it."""
    dist = metadata.distribution(distribution)
    for file in dist.files or ():
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            return file.read_text(encoding="utf-8")
    return f"MIT License: see {url}"


def notices(pyodide_version: str, runtime: Runtime | None) -> str:
    """The licences of everything the in-browser demo ships, in one plain-text file.

    Written even by a build that could not fetch the runtime, so the pages' link to it holds.
    """
    python = runtime.lock_info.get("python", "") if runtime else ""
    parts = [
        "Third-party software in the in-browser demo",
        "=============================================",
        "",
        f"Pyodide {pyodide_version} (pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm)",
        "Licence: Mozilla Public License 2.0 (full text below).",
        "Source code: https://github.com/pyodide/pyodide and the npm package "
        f"pyodide@{pyodide_version}, from which these files are copied unchanged.",
        "",
        f"CPython {python or '(the version this Pyodide is built with)'} "
        "(inside pyodide.asm.wasm, and python_stdlib.zip)",
        "Licence: Python Software Foundation License Version 2 (text below).",
        "Source code: https://github.com/python/cpython",
        "",
        "SQLite (inside pyodide.asm.wasm)",
        "The author disclaims copyright to this source code. In place of a legal notice, here",
        "is a blessing: May you do good and not evil. May you find forgiveness for yourself",
        "and forgive others. May you share freely, never taking more than you give.",
        "SQLite is in the public domain: https://sqlite.org/copyright.html",
        "",
        f"Bottle {bottle.__version__} (bottle.py, in the app bundle)",
        "Licence: MIT (text below). Source code: https://github.com/bottlepy/bottle",
        "",
        f"graphql-core {graphql.__version__} (graphql/, in the app bundle)",
        "Licence: MIT (text below). Source code: https://github.com/graphql-python/graphql-core",
        "",
        "",
        "-" * 72,
        "Mozilla Public License 2.0 (Pyodide)",
        "-" * 72,
        (LICENCES / "MPL-2.0.txt").read_text(encoding="utf-8"),
        "-" * 72,
        "Python Software Foundation License Version 2 (CPython)",
        "-" * 72,
        (LICENCES / "PSF-2.0.txt").read_text(encoding="utf-8"),
        "-" * 72,
        "MIT License (Bottle)",
        "-" * 72,
        _licence("bottle", "https://github.com/bottlepy/bottle/blob/master/LICENSE"),
        "-" * 72,
        "MIT License (graphql-core)",
        "-" * 72,
        _licence(
            "graphql-core", "https://github.com/graphql-python/graphql-core/blob/main/LICENSE"
        ),
    ]
    return "\n".join(parts)
