"""The code editor the pages load on Edit: CodeMirror 6, bundled at build time, self-hosted.

The sources are `editor/` beside this file: `editor.js` (the small API the pages use) and a
`package.json` whose `package-lock.json` pins every package by version and integrity. The
build installs exactly that lock with `npm ci` and bundles it with esbuild (both from the npm
registry) into one ES module, kept in the cache folder under a key made of those three files:
a build after the first copies it, and a changed lock or entry makes a new one.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

SOURCES = Path(__file__).parent / "editor"
#: What decides the bundle's bytes: the entry and the pinned packages.
INPUTS = ("editor.js", "package.json", "package-lock.json")
BUNDLE = "editor.js"
#: Beside the bundle: the name, version and licence of every package in it, and the licence
#: texts (the minified bundle keeps no licence comment), for THIRD-PARTY-NOTICES.txt.
LICENCES = "LICENCES.txt"
#: Build tools, not in the bundle.
TOOLS = ("esbuild", "@esbuild/")
NPM_TIMEOUT = 300


class EditorUnavailable(Exception):
    """The editor cannot be built here; the message is one line for the log."""


def sources_key() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update(name.encode() + b"\0" + (SOURCES / name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def ensure_editor(cache_dir: Path) -> Path:
    """The bundled editor (one minified ES module), built on first use, then from the cache."""
    folder = cache_dir / f"editor-{sources_key()}"
    bundle = folder / BUNDLE
    if bundle.is_file() and (folder / LICENCES).is_file():
        return bundle
    npm = shutil.which("npm")
    if npm is None:
        raise EditorUnavailable(
            "npm is not installed: install Node.js with npm (https://nodejs.org/) and build "
            "again; until then the pages show their code without Edit"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".editor-") as tmp:
        work = Path(tmp)
        for name in INPUTS:
            shutil.copy2(SOURCES / name, work / name)
        # --ignore-scripts: no package runs code at install; esbuild's binary comes in its
        # platform package (an optional dependency), which the wrapper finds without one.
        _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], work)
        esbuild = work / "node_modules" / ".bin" / "esbuild"
        _run(
            [
                str(esbuild),
                BUNDLE,
                "--bundle",
                "--format=esm",
                "--minify",
                "--legal-comments=none",
                "--log-level=error",
                f"--outfile=out/{BUNDLE}",
            ],
            work,
        )
        staging = work / "out"
        (staging / LICENCES).write_text(licences(work / "node_modules"), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return bundle


def licences(modules: Path) -> str:
    """What the bundle is made of, package by package, and each distinct licence text once."""
    lines, texts = [], {}
    for manifest in sorted(modules.glob("**/package.json")):
        package = manifest.parent
        name = package.relative_to(modules).as_posix()
        if "node_modules" in name or "/dist" in name or name.startswith(TOOLS):
            continue
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("name") != name:
            continue  # a nested package.json inside a package, not a package of its own
        lines.append(f"{name} {data.get('version', '')} ({data.get('license', 'see its package')})")
        for found in sorted(package.glob("LICEN[CS]E*")):
            texts.setdefault(found.read_text(encoding="utf-8").strip(), []).append(name)
    parts = ["\n".join(lines)]
    for text, names in texts.items():
        parts += ["", f"Licence of {', '.join(names)}:", "", text]
    return "\n".join(parts) + "\n"


def _run(command: list[str], cwd: Path) -> None:
    shown = f"{Path(command[0]).name} {command[1]}"
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise EditorUnavailable(f"`{shown}` took over {NPM_TIMEOUT} s; check the network") from None
    except OSError as error:
        raise EditorUnavailable(f"`{shown}` could not start: {error.strerror}") from None
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise EditorUnavailable(f"`{shown}` failed in {SOURCES}: {last}")
