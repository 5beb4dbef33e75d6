"""The second engine: ProperDocs (the maintained MkDocs 1.x line) builds this site strictly into
the same pages as MkDocs, with Material and our plugins unchanged (README, "Engines")."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_builds import copy_project

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

#: The one line the engines may write differently: the generator's name and version.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
#: Written with the build's time or compressed with it (the sitemap's gzip header).
STAMPED = {"sitemap.xml.gz"}


def build_with(engine: str, project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`<engine> build --strict` of `project` into `out`, never `-q` (it hides the warnings)."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=project,
        # The copy's demo_server first: the in-tab bundle zips the imported package, and this
        # checkout's may change between the two builds (an edit while the test runs).
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project)),
        capture_output=True,
        text=True,
        timeout=300,
    )


def digest(site: Path) -> dict[str, str]:
    """Every file of the built site, by path, as a hash of what a reader is sent."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or path.name in STAMPED:
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            data = GENERATOR.sub(b"", data)
        files[name] = hashlib.sha256(data).hexdigest()
    return files


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    pytest.importorskip("properdocs", reason="properdocs is in the dev extra: make install")
    sites = {}
    # Both from one copy of the sources, each into its own folder.
    project = copy_project(tmp_path_factory.mktemp("sources"))
    for engine in ("mkdocs", "properdocs"):
        out = tmp_path_factory.mktemp(engine) / "out"
        result = build_with(engine, project, out)
        assert result.returncode == 0, f"{engine} build --strict failed:\n{result.stderr}"
        assert "WARNING" not in result.stderr, result.stderr
        generator = re.search(
            rb'<meta name="generator" content="([^"]*)"', (out / "index.html").read_bytes()
        )
        # "mkdocs-1.6.1, ..." from MkDocs, "mkdocs-ProperDocs 1.6.7, ..." from ProperDocs.
        assert generator, "no generator line"
        by_properdocs = b"properdocs" in generator[1].lower()
        assert by_properdocs == (engine == "properdocs"), f"not built by {engine}: {generator[1]}"
        sites[engine] = digest(out)
    return sites


def test_both_engines_build_the_same_pages(both_builds):
    mkdocs, properdocs = both_builds["mkdocs"], both_builds["properdocs"]
    pages = {name for name in mkdocs if name.endswith(".html")}
    assert len(pages) >= 12
    assert pages == {name for name in properdocs if name.endswith(".html")}
    assert set(mkdocs) == set(properdocs), "the engines wrote different files"


def test_both_engines_write_the_same_pages_and_plugin_output(both_builds):
    mkdocs, properdocs = both_builds["mkdocs"], both_builds["properdocs"]
    differ = sorted(name for name in mkdocs if properdocs.get(name) != mkdocs[name])
    assert differ == []
    # Our plugins' own files are among those compared: the in-tab demo, the wheel, the index.
    assert any(name.startswith("assets/live-demo/") for name in mkdocs)
    assert any(name.startswith("downloads/") for name in mkdocs)
    assert "search/search_index.json" in mkdocs
