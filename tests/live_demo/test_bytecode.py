"""Bytecode for what the tab runs: made by the runtime itself at build time, cached, and never
in the way (a build whose app cannot run ships source and says why in one line)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from site_plugins.live_demo import bundle, bytecode
from site_plugins.live_demo.config import LiveDemoConfig
from site_plugins.live_demo.runtime import ensure_runtime
from tests.helpers import ROOT
from tests.site_builds import tab_files
from tooling.processes import in_ci

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

CACHE = ROOT / ".cache" / "live-demo"


@pytest.fixture(scope="module")
def runtime():
    if shutil.which("node") is None:
        if in_ci():
            pytest.fail("CI=true but no node: .ci/run must install Node.js")
        pytest.skip("node is not installed")
    defaults = LiveDemoConfig()
    defaults.load_dict({})
    defaults.validate()
    return ensure_runtime(CACHE, defaults.pyodide_version, defaults.pyodide_integrity)


def test_the_site_ships_bytecode_for_what_the_demo_imports(built_site):
    files = tab_files(built_site)
    stdlib = zipfile.ZipFile(files["stdlib"]).namelist()
    # Imported on every start (by Python, Pyodide, Bottle and the demo): bytecode, no source.
    for module in ("encodings/__init__", "json/decoder", "sqlite3/dbapi2", "http/cookies"):
        assert f"{module}.pyc" in stdlib and f"{module}.py" not in stdlib
    # Never imported: source only, as the runtime ships it.
    assert "http/server.py" in stdlib and "http/server.pyc" not in stdlib
    app = zipfile.ZipFile(files["app"]).namelist()
    for module in ("bottle", "demo_server/app", "demo_server/in_browser", "demo_server/todos"):
        folder, _, name = module.rpartition("/")
        cached = f"{folder}/__pycache__/{name}.cpython-314.pyc".lstrip("/")
        assert f"{module}.py" in app and cached in app  # the source stays, for tracebacks


def test_a_build_with_the_same_app_takes_the_bytecode_from_the_cache(built_site, runtime):
    found = bytecode.compiled(runtime, bundle.app_bundle(), CACHE, make=False)
    assert found is not None, "the build's bytecode is not where a second build looks for it"
    shipped = tab_files(built_site)
    assert found.app == Path(shipped["app"]).read_bytes()
    assert found.stdlib.read_bytes() == Path(shipped["stdlib"]).read_bytes()
    assert found.counts["app"] >= 10 and found.counts["stdlib"] > 100


def test_an_app_that_cannot_start_gets_a_one_line_reason(runtime, tmp_path):
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("demo_server/__init__.py", "")
        archive.writestr("demo_server/in_browser.py", "raise RuntimeError('half-saved file')\n")
    with pytest.raises(bytecode.BytecodeUnavailable) as caught:
        bytecode.compiled(runtime, broken.getvalue(), tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert re.search(r"did not run .*RuntimeError: half-saved file", message), message
    assert not any((tmp_path / bytecode.FOLDER).iterdir())  # nothing half-made left behind
