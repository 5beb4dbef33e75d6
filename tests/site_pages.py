"""Reading the built site: its pages, and the snippets the pages include from the repository."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from tests.helpers import ROOT


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(site)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


def snippet_text(spec: str) -> str:
    """What `--8<-- "path[:section]"` puts into a page (dedented, as mkdocs.yml asks)."""
    path, _, section = spec.partition(":")
    text = (ROOT / path).read_text(encoding="utf-8")
    if not section:
        return text.rstrip("\n")
    name = re.escape(section)
    match = re.search(
        rf"^[^\n]*--8<-- \[start:{name}\][^\n]*\n(.*?)^[^\n]*--8<-- \[end:{name}\]",
        text,
        re.M | re.S,
    )
    assert match, f"section {section!r} not found in {path}"
    return textwrap.dedent(match.group(1)).rstrip("\n")


def snippets_in(markdown_file: Path) -> list[str]:
    return re.findall(r'^\s*--8<-- "([^"]+)"', markdown_file.read_text(encoding="utf-8"), re.M)


def local_target(site: Path, page: str, url: str) -> Path | None:
    """The file a same-site URL in `page` points at, or None for another origin."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else (site / page).parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() else target
