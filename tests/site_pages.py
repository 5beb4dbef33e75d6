"""The site's pages: which there are (the nav), what was built, the snippets they include."""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import File

from tests.helpers import ROOT


@dataclass(frozen=True)
class NavPage:
    """One page of the nav: its Markdown file, the HTML file built from it, and its address."""

    source: str  # relative to docs/, e.g. "hello-world.md"
    built: str  # relative to the site folder, e.g. "hello-world/index.html"
    url: str  # relative to the site's address, e.g. "hello-world/"; "" for the home page


@functools.cache
def nav_pages(config_file: Path = ROOT / "mkdocs.yml") -> tuple[NavPage, ...]:
    """Every page the nav of `config_file` lists, in nav order: the one list of the site's pages.

    Paths and addresses are MkDocs' own (`File`), so they follow `use_directory_urls`.
    """
    config = load_config(str(config_file))
    assert config.nav, f"{config_file} has no nav: the tests take the list of pages from it"
    pages = []
    for source in _nav_sources(config.nav):
        file = File(source, config.docs_dir, config.site_dir, config.use_directory_urls)
        pages.append(NavPage(source, file.dest_uri, "" if file.url == "./" else file.url))
    return tuple(pages)


def _nav_sources(items: list | dict | str) -> list[str]:
    """The Markdown files in a nav, depth first; sections flattened, external links left out."""
    if isinstance(items, str):
        return [] if urlsplit(items).scheme else [items]
    if isinstance(items, dict):
        return [source for value in items.values() for source in _nav_sources(value)]
    return [source for item in items for source in _nav_sources(item)]


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
