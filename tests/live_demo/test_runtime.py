"""The in-browser runtime: fetched by exact version, checked, unpacked, and put into the site."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from site_plugins.live_demo import bundle, runtime
from site_plugins.live_demo.runtime import FILES, RuntimeUnavailable, ensure_runtime, sri_sha512
from tests.site_builds import copy_project, strict_build
from tests.site_pages import html_pages

LOCK_INFO = {"python": "3.14.2", "abi_version": "2026_0"}


def fake_tarball(path: Path) -> None:
    """An npm tarball shaped like pyodide's: package/ with the runtime files and more."""
    with tarfile.open(path, "w:gz") as archive:
        contents = {name: name.encode() for name in FILES}
        contents["pyodide-lock.json"] = json.dumps({"info": LOCK_INFO, "packages": {}}).encode()
        contents["pyodide.d.ts"] = b"types the page never loads"
        for name, data in contents.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.fixture
def fake_npm(tmp_path, monkeypatch) -> Path:
    """An `npm` on PATH whose `pack` writes the fake tarball and counts its calls."""
    made = tmp_path / "made.tgz"
    fake_tarball(made)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\n"
        "args = sys.argv[1:]\n"
        f"open({str(tmp_path / 'calls')!r}, 'a').write(' '.join(args) + '\\n')\n"
        "dest = args[args.index('--pack-destination') + 1]\n"
        f"shutil.copy({str(made)!r}, dest + '/pyodide-0.0.1.tgz')\n"
    )
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return made


@pytest.mark.processes
def test_fetches_by_exact_version_checks_and_unpacks_only_what_pages_load(tmp_path, fake_npm):
    cache = tmp_path / "cache"
    found = ensure_runtime(cache, "0.0.1", sri_sha512(fake_npm))
    assert sorted(p.name for p in found.files()) == sorted(FILES)
    assert all(p.read_bytes() == p.name.encode() for p in found.files())
    assert not (found.folder / "pyodide.d.ts").exists()
    assert found.lock_info == LOCK_INFO
    assert (tmp_path / "calls").read_text().startswith("pack pyodide@0.0.1 ")
    # The second build finds it in the cache: npm is not asked again.
    ensure_runtime(cache, "0.0.1", sri_sha512(fake_npm))
    assert len((tmp_path / "calls").read_text().splitlines()) == 1


@pytest.mark.parametrize("change", ["tamper", "delete"])
@pytest.mark.processes
def test_a_cached_file_changed_after_unpacking_is_noticed_and_restored(tmp_path, fake_npm, change):
    """Every build checks the cached files by their hashes (a stamp once let a changed file
    ship with no warning): the change is one warning, and the file comes back from the checked
    tarball without asking npm again."""
    cache, pin = tmp_path / "cache", sri_sha512(fake_npm)
    first = ensure_runtime(cache, "0.0.1", pin)
    wasm = first.folder / "pyodide.asm.wasm"
    if change == "tamper":
        wasm.write_bytes(b"(module) ;; not what npm served")
    else:
        wasm.unlink()
    warnings: list[str] = []
    again = ensure_runtime(cache, "0.0.1", pin, warnings.append)
    assert (again.folder / "pyodide.asm.wasm").read_bytes() == b"pyodide.asm.wasm"
    [warning] = warnings
    assert "pyodide.asm.wasm" in warning and "\n" not in warning
    assert len((tmp_path / "calls").read_text().splitlines()) == 1  # the tarball, not npm
    # Unchanged: no warning at all.
    ensure_runtime(cache, "0.0.1", pin, warnings.append)
    assert len(warnings) == 1


@pytest.mark.processes
def test_a_tarball_that_does_not_match_the_pin_is_refused_and_dropped(tmp_path, fake_npm):
    cache = tmp_path / "cache"
    with pytest.raises(RuntimeUnavailable) as caught:
        ensure_runtime(cache, "0.0.1", "sha512-" + "A" * 86 + "==")
    message = str(caught.value)
    assert "integrity" in message and "npm view pyodide@0.0.1 dist.integrity" in message
    assert "\n" not in message
    assert not list(cache.glob("*.tgz")) and not (cache / "pyodide-0.0.1").exists()


def test_without_npm_the_reason_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeUnavailable) as caught:
        ensure_runtime(tmp_path, "0.0.1", "sha512-x")
    assert "npm is not installed" in str(caught.value) and "\n" not in str(caught.value)


def test_the_app_bundle_is_the_repositorys_code_and_reproducible():
    first, second = bundle.app_bundle(), bundle.app_bundle()
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "bottle.py" in names and "demo_server/in_browser.py" in names
    assert "demo_server/storage/sqlite.py" in names  # the package's sub-packages too
    assert "demo_server/_built_for_site.py" not in names
    for name, path in bundle.app_sources().items():
        assert zipfile.ZipFile(io.BytesIO(first)).read(name) == path.read_bytes()


def test_the_site_carries_the_runtime_the_worker_and_the_licences(built_site):
    assets = built_site / "assets" / "live-demo"
    (worker,) = assets.glob("tab-worker.*.js")
    text = worker.read_text()
    assert "__" not in text.replace("__init__", "")  # every placeholder filled in
    runtime_dir = next(assets.glob("pyodide-*"))
    shipped = sorted(re.sub(r"\.[0-9a-f]{12}\.zip$", ".zip", p.name) for p in runtime_dir.iterdir())
    assert shipped == sorted(FILES)  # the standard library under a name that says its content
    notices = (assets / "THIRD-PARTY-NOTICES.txt").read_text()
    for needed in ("Mozilla Public License", "Python Software Foundation", "SQLite", "Bottle"):
        assert needed in notices
    assert "https://github.com/pyodide/pyodide" in notices
    config = html_pages(built_site)["todo/index.html"].select_one("[data-live-demo-config]")
    assert config["data-tab-worker"] == worker.name


@pytest.mark.processes
def test_without_npm_the_build_says_so_in_one_line_and_fails_strict(tmp_path):
    project = copy_project(tmp_path)
    (project / ".cache").unlink()  # nothing fetched yet, as on a fresh machine
    config = project / "mkdocs.yml"
    text = config.read_text().replace(
        "  - live-demo:\n", "  - live-demo:\n      cache_dir: .empty\n"
    )
    config.write_text(text)
    result = strict_build(project, env={"PATH": str(Path(sys.executable).parent)})
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert result.returncode != 0
    assert len(warnings) == 1, result.stderr
    assert "no in-browser demo in this build: npm is not installed" in warnings[0]
