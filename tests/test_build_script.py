"""`make build`: strict, and a warning when the site cannot be whole without its address."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

WARNING = "make build: WARNING: site_url is not set"


def build(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(
        [sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_site_url_the_build_says_what_is_missing_and_how(tmp_path):
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if WARNING in line]
    assert "SITE_URL=https://" in line and "404 page" in line


def test_with_site_url_the_404_page_works_under_a_sub_path(tmp_path):
    result = build(tmp_path, SITE_URL="https://example.test/backend-basics/")
    assert result.returncode == 0, result.stderr
    assert WARNING not in result.stderr
    page = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/backend-basics/assets/extra.css"' in page
    assert 'href="https://example.test/backend-basics/"' in page  # "Start at the home page"
    assert 'href="/assets/' not in page and 'src="/assets/' not in page
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.test/backend-basics/api/</loc>" in sitemap
