"""Real `mkdocs build` runs for the tests: of this project, a copy of it, or a throwaway one."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

BUILD_TIMEOUT = 600


def copy_project(tmp_path: Path) -> Path:
    """This project's site sources in `tmp_path/project`, for a test to break and build."""
    project = tmp_path / "project"
    for name in ("docs", "overrides", "examples", "demo_server", "bench/results"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("node_modules"))
    # pyproject.toml: the demo-download plugin reads the wheel's name, version and dependencies.
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    if (ROOT / ".cache").is_dir():  # the in-browser runtime, fetched once per checkout
        (project / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    return project


def mkdocs_build(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build args` in `project`, as an author runs it; the output is kept for asserts."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})),
        capture_output=True,
        text=True,
        # A first build in a fresh clone fetches the runtime and the editor from npm and
        # compiles the bytecode: over 2 minutes on a loaded machine.
        timeout=BUILD_TIMEOUT,
    )


def strict_build(
    project: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The build CI runs: `--strict`, never `-q`, into `project/out`."""
    return mkdocs_build(project, "--strict", "--site-dir", str(project / "out"), env=env)


def refused_build(project: Path, message: str) -> str:
    """A strict build of `project` that must fail, saying `message`, with no traceback: the way
    every author mistake and broken option must end. Its stderr, for more asserts."""
    result = strict_build(project)
    assert result.returncode != 0, f"the build passed:\n{result.stderr}"
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def replace_in(path: Path, old: str, new: str) -> None:
    """`path` with `old` (which it must contain) replaced by `new`: a test's one edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r} to replace"
    path.write_text(text.replace(old, new), encoding="utf-8")


def tab_files(site: Path) -> dict:
    """The runtime folder, standard library, app bundle and lock info the built site's worker
    loads."""
    assets = site / "assets" / "live-demo"
    workers = list(assets.glob("tab-worker.*.js"))
    assert len(workers) == 1, "the build put no (or several) tab workers into the site"
    worker = workers[0].read_text(encoding="utf-8")
    runtime = re.search(r'from "\./([^"]+)/pyodide\.mjs"', worker)[1]
    app = re.search(r'new URL\("\./(app\.[0-9a-f]+\.zip)"', worker)[1]
    stdlib = re.search(r'new URL\("\./([^"]+/python_stdlib\.[0-9a-f]+\.zip)"', worker)[1]
    lock = json.loads(re.search(r"const LOCK = \{ info: (\{.*?\}), packages", worker)[1])
    return {
        "runtime": str(assets / runtime),
        "stdlib": str(assets / stdlib),
        "app": str(assets / app),
        "lock": lock,
    }


def fill_build_cache() -> None:
    """One build of the project, so that .cache holds what every later build takes from it
    (the runtime and the editor from npm, the bytecode): run by `make test`'s first process
    before its workers start, since three first builds at once each fetched and compiled it
    all and took over the builds' time limit (a fresh clone, load 18)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="backend-basics-cache-build-") as out:
        result = mkdocs_build(ROOT, "--site-dir", out)
    if result.returncode != 0:  # the tests that build say why, each with its own output
        print(f"tests: the build that fills .cache failed:\n{result.stderr[-2000:]}")
