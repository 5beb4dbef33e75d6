"""theme-script swaps Material's bundle for page.js: every page gets ours and never Material's,
and a theme feature page.js does not do is a warning with the line of mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_plugins.theme_script.features import SUPPORTED, unsupported
from tests.helpers import ROOT
from tests.page_checks.sites import build, make_site, warnings

CONFIG = """site_name: Theme script test
theme:
  name: material
  font: false
  features:
    - content.code.copy
    - navigation.instant
    - toc.follow
plugins:
  - search
  - theme-script
"""


def test_every_page_of_the_site_loads_our_script_and_not_materials_bundle(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert not [s for s in scripts if "javascripts/bundle." in s], page
        assert any(s.endswith("assets/theme-script/page.js") for s in scripts), page
        assert "assets/theme-script/page.css" in html, page
    assert (built_site / "assets" / "theme-script" / "page.js").is_file()
    # The search worker page.js starts is still Material's, and still in the site.
    assert list((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


def test_the_sites_theme_features_are_all_ones_the_script_provides():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    features = config["theme"]["features"]
    assert features and unsupported(features) == []


def test_unsupported_lists_what_needs_materials_bundle_in_the_authors_order():
    assert unsupported(["search.suggest", "toc.follow", "navigation.instant"]) == [
        "search.suggest",
        "navigation.instant",
    ]
    assert "navigation.instant" not in SUPPORTED


def test_a_feature_the_script_does_not_do_is_a_warning_with_its_line(tmp_path: Path):
    site = make_site(tmp_path, {"index.md": "# Home\n"}, CONFIG)
    run = build(site, "--strict")
    assert run.returncode == 1
    found = warnings(run.stderr)
    assert len(found) == 1, run.stderr
    assert f"{site / 'mkdocs.yml'}:7" in found[0] and "'navigation.instant'" in found[0]


def test_switched_off_material_s_bundle_is_back(tmp_path: Path):
    config = CONFIG.replace("  - theme-script\n", "  - theme-script:\n      enabled: false\n")
    site = make_site(tmp_path, {"index.md": "# Home\n"}, config)
    run = build(site, "--strict")
    assert run.returncode == 0, run.stderr
    html = (site / "out" / "index.html").read_text(encoding="utf-8")
    assert "javascripts/bundle." in html and "theme-script/page.js" not in html
