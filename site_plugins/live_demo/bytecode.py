"""Bytecode, made at build time, for the Python a tab runs on the reader's first click.

Pyodide 314 ships its standard library as source only, so a cold start in a tab spent about
two of its four seconds compiling the modules Python, Pyodide and the app import (measured in
Node: start 2.7 s and app import 0.6 s from source; 1.0 s and 0.1 s with bytecode). Bytecode
must come from the same Python as the runtime's, so the runtime itself makes it: `bytecode.mjs`
starts it in Node and runs `tab_bytecode.py` there, which imports the app, serves a few
requests, and compiles what was imported; the zips are then made here, by zips.py.

Only what runs is compiled: the standard library zip grows 0.8 MB instead of 2 MB. The result
is kept in the cache folder by a hash of its inputs, so a rebuild with the same app is free.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from site_plugins.live_demo.runtime import Runtime
from site_plugins.live_demo.zips import zip_bytes

SCRIPT = Path(__file__).with_name("bytecode.mjs")
#: The Python the runtime runs in Node (what gets compiled, and how).
STEP = Path(__file__).with_name("tab_bytecode.py")
NODE_TIMEOUT = 180
FOLDER = "bytecode"


class BytecodeUnavailable(Exception):
    """The bytecode could not be made; the message is one line for the log."""


@dataclass(frozen=True)
class Compiled:
    #: The standard library with bytecode for what runs, in place of its source.
    stdlib: Path
    #: The app bundle with bytecode beside its source.
    app: bytes
    #: How many modules of each got bytecode, for the log.
    counts: dict


def compiled(
    runtime: Runtime, app: bytes, cache_dir: Path, *, make: bool = True
) -> Compiled | None:
    """The runtime's standard library and the app, compiled; from cache when the inputs match.
    With `make` false, only from cache (None on a miss)."""
    key = hashlib.sha256(
        # The runtime's checked integrity names its standard library: no need to hash the zip.
        b"\0".join([runtime.integrity.encode(), app, SCRIPT.read_bytes(), STEP.read_bytes()])
    ).hexdigest()[:16]
    folder = cache_dir / FOLDER / key
    done = folder / "counts.json"
    if not done.is_file():
        if not make:
            return None
        _compile(runtime, app, folder)
    return Compiled(
        folder / "python_stdlib.zip",
        (folder / "app.zip").read_bytes(),
        json.loads(done.read_text(encoding="utf-8")),
    )


def _compile(runtime: Runtime, app: bytes, folder: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise BytecodeUnavailable("node is not installed (it comes with npm)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".compile-"))
    try:
        (staging / "input-app.zip").write_bytes(app)
        request = {
            "runtime": str(runtime.folder),
            "app": str(staging / "input-app.zip"),
            "lock": runtime.lock_info,
            "out": str(staging),
            "script": str(STEP),
        }
        try:
            result = subprocess.run(
                [node, str(SCRIPT)],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                timeout=NODE_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise BytecodeUnavailable(f"compiling took over {NODE_TIMEOUT} s") from None
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise BytecodeUnavailable(f"the app did not run on the runtime in Node: {last}")
        listing = json.loads((staging / "compiled.json").read_text(encoding="utf-8"))
        (staging / "python_stdlib.zip").write_bytes(
            with_bytecode(runtime.stdlib.read_bytes(), staging / "stdlib", listing["stdlib"])
        )
        (staging / "app.zip").write_bytes(with_bytecode(app, staging / "app", listing["app"]))
        for leftover in ("input-app.zip", "compiled.json"):
            (staging / leftover).unlink()
        for part in ("stdlib", "app"):
            shutil.rmtree(staging / part)
        (staging / "counts.json").write_text(result.stdout, encoding="utf-8")
        # Older results are for an app that is gone: keep the cache to one.
        for old in folder.parent.iterdir():
            if old.name != folder.name and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        try:
            staging.rename(folder)
        except OSError:
            if not (folder / "counts.json").is_file():  # else a parallel build made it first
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def with_bytecode(archive: bytes, compiled_dir: Path, listing: list[list]) -> bytes:
    """The zip `archive` again, in its order, with each compiled module's bytecode (from
    `compiled_dir`, as tab_bytecode.py listed it: source, bytecode name, keep source) after its
    source, and the source left out where it is not kept."""
    compiled = {source: (target, keep) for source, target, keep in listing}
    entries = []
    with zipfile.ZipFile(io.BytesIO(archive)) as old:
        for info in old.infolist():
            if info.is_dir():
                continue
            target, keep = compiled.get(info.filename, (None, True))
            if keep:
                entries.append((info.filename, old.read(info)))
            if target is not None:
                entries.append((target, (compiled_dir / target).read_bytes()))
    return zip_bytes(entries)
