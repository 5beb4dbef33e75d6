"""The reader's pages hold what a reader needs: no page about the site's own build in the nav,
no word of our targets or machines, and figures with the sentences made from them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.report import databases_table, site_table, table
from tests.helpers import ROOT
from tests.site_pages import html_pages, nav_pages

pytestmark = pytest.mark.processes  # the site build
RESULTS = ROOT / "bench" / "results"
#: What only an author of the site needs, never a reader: our targets' verdicts, the site's
#: own scores, our machines.
AUTHORS_ONLY = re.compile(r"\bFAIL\b|\bPASS\b|Lighthouse|our build machines|Maven Central")


def test_no_authors_page_in_the_readers_nav():
    assert [p.source for p in nav_pages() if p.source.startswith("authors/")] == []


def test_no_reader_page_says_what_only_an_author_needs(built_site: Path):
    pages = html_pages(built_site)
    found = {}
    for page in nav_pages():
        article = pages[page.built].select_one("article")
        said = AUTHORS_ONLY.findall(article.get_text(" "))
        if said:
            found[page.source] = sorted(set(said))
    assert found == {}


def test_the_authors_pages_are_built_and_hold_the_sites_own_figures(built_site: Path):
    text = (built_site / "authors" / "site-figures" / "index.html").read_text(encoding="utf-8")
    assert "Lighthouse" in text and "| Target" not in text and "<th>Target</th>" in text


def test_the_results_the_pages_include_are_what_the_run_measured():
    """results.md (the Performance page) and site.md (the authors') are made from results.json,
    the comparison sentence too: a figure or a claim typed into them by hand fails here."""
    report = json.loads((RESULTS / "results.json").read_text(encoding="utf-8"))
    assert (RESULTS / "results.md").read_text(encoding="utf-8") == table(report)
    assert (RESULTS / "site.md").read_text(encoding="utf-8") == site_table(report)
    # The Databases page's table and sentence, from their own run (bench/databases.py).
    databases = json.loads((RESULTS / "databases.json").read_text(encoding="utf-8"))
    assert (RESULTS / "databases.md").read_text(encoding="utf-8") == databases_table(databases)
