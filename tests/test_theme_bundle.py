"""Material's own front end on every page: its bundle, the features the site asks of it, and
no script of ours standing in for the theme's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.helpers import ROOT

FEATURES = {"navigation.instant", "search.highlight", "search.suggest", "content.code.copy"}


def test_every_page_loads_materials_bundle_with_the_sites_features(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(
            r'<script defer src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"', html
        ), f"{page.relative_to(built_site)} does not load Material's bundle, deferred"
        config = json.loads(
            re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[
                1
            ]
        )
        assert set(config["features"]) >= FEATURES, page
        assert "assets/theme-script/" not in html, page


def test_no_plugin_of_ours_replaces_the_theme():
    config = yaml.safe_load(
        re.sub(r"!ENV \S+", "null", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    names = {next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]}
    assert "theme-script" not in names
    assert not (ROOT / "site_plugins" / "theme_script").exists()
    # A template of ours that touches Material's scripts block keeps it (its bundle, document$
    # and extra_javascript): it may add an attribute, never stand in for the theme's scripts.
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for block in re.findall(r"{%-? block scripts -?%}(.*?){%-? endblock", text, re.S):
            assert "super()" in block, template
