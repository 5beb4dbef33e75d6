"""The Python runtime the in-browser demo runs on: Pyodide, from the npm registry, checked.

Fetched once by exact version with npm (which knows the reader's registry and proxy settings),
checked against the pinned Subresource-Integrity hash before anything is unpacked, and kept in
a cache folder outside git. Only the four files a page needs are unpacked: the tarball also
carries type definitions, source maps and a 119 KB package list the demo never loads.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "pyodide"
#: What a page loads: the loader, the Emscripten glue, the interpreter, the standard library.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"
#: What was unpacked, with the SHA-256 of each file, checked on every build.
MANIFEST = ".unpacked.json"
NPM_TIMEOUT = 300


class RuntimeUnavailable(Exception):
    """The runtime cannot be had or does not check out; the message is one line for the log."""


@dataclass(frozen=True)
class Runtime:
    folder: Path
    version: str
    #: The `info` part of Pyodide's lock file: the page passes it instead of fetching the file.
    lock_info: dict
    #: The checked npm integrity of the tarball these files came from: it names their content.
    integrity: str

    def files(self) -> list[Path]:
        return [self.folder / name for name in FILES]

    @property
    def stdlib(self) -> Path:
        return self.folder / "python_stdlib.zip"


def sri_sha512(path: Path) -> str:
    """The file's Subresource-Integrity string, the form npm records: `sha512-<base64>`."""
    digest = hashlib.sha512()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_runtime(
    cache_dir: Path, version: str, integrity: str, warn: Callable[[str], None] | None = None
) -> Runtime:
    """The unpacked runtime for `version`, fetched and checked on first use, then from cache.

    Every call checks each cached file against the SHA-256 recorded when it was unpacked from
    the checked tarball, not a stamp: a stamp only said that a check had once passed, so a file
    changed in the cache afterwards shipped with no warning. A file that does not match is
    reported through `warn` (a strict build fails on it) and unpacked again from the tarball,
    which is checked against the pinned integrity first. Hashing the 13 MB takes tens of ms.
    """
    folder = cache_dir / f"{PACKAGE}-{version}"
    manifest = folder / MANIFEST
    recorded = _recorded_hashes(manifest, integrity)
    if recorded is not None:
        changed = [
            name
            for name in (*FILES, LOCK_FILE)
            if not (folder / name).is_file() or file_sha256(folder / name) != recorded.get(name)
        ]
        if not changed:
            return _runtime(folder, version, integrity)
        if warn is not None:
            warn(
                f"{folder}: {', '.join(changed)} no longer match the hashes they were unpacked "
                "with; unpacked again from the checked npm tarball"
            )
    tarball = cache_dir / f"{PACKAGE}-{version}.tgz"
    if not tarball.is_file() or sri_sha512(tarball) != integrity:
        _download(tarball, version)
    found = sri_sha512(tarball)
    if found != integrity:
        tarball.unlink()
        raise RuntimeUnavailable(
            f"{PACKAGE}@{version} from npm has integrity {found[:20]}…, not the pinned "
            f"{integrity[:20]}…; if you changed the version, pin its hash from "
            f"`npm view {PACKAGE}@{version} dist.integrity`"
        )
    _unpack(tarball, folder)
    hashes = {name: file_sha256(folder / name) for name in (*FILES, LOCK_FILE)}
    manifest.write_text(json.dumps({"integrity": integrity, "sha256": hashes}, indent=1))
    return _runtime(folder, version, integrity)


def _recorded_hashes(manifest: Path, integrity: str) -> dict[str, str] | None:
    """The files' hashes recorded at unpacking, if the manifest is there and for this tarball."""
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("integrity") != integrity:
        return None
    hashes = recorded.get("sha256")
    return hashes if isinstance(hashes, dict) else None


def _runtime(folder: Path, version: str, integrity: str) -> Runtime:
    lock = json.loads((folder / LOCK_FILE).read_text(encoding="utf-8"))
    return Runtime(folder, version, lock["info"], integrity)


def _download(tarball: Path, version: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeUnavailable(
            "npm is not installed: install Node.js with npm (https://nodejs.org/) and build "
            "again; until then the pages offer only the reader's own demo server"
        )
    tarball.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=tarball.parent) as tmp:
        try:
            result = subprocess.run(
                [npm, "pack", f"{PACKAGE}@{version}", "--pack-destination", tmp, "--silent"],
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise RuntimeUnavailable(
                f"`npm pack {PACKAGE}@{version}` took over {NPM_TIMEOUT} s; check the network"
            ) from None
        packed = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or len(packed) != 1:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeUnavailable(f"`npm pack {PACKAGE}@{version}` failed: {last}")
        packed[0].replace(tarball)


def _unpack(tarball: Path, folder: Path) -> None:
    """Unpack just the files a page loads, into a fresh folder swapped in whole."""
    wanted = {f"package/{name}": name for name in (*FILES, LOCK_FILE)}
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".unpack-"))
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive.getmembers():
                name = wanted.pop(member.name, None)
                if name is None or not member.isfile():
                    continue
                source = archive.extractfile(member)
                assert source is not None
                with source, (staging / name).open("wb") as target:
                    shutil.copyfileobj(source, target)
        if wanted:
            raise RuntimeUnavailable(f"{tarball.name} lacks {', '.join(sorted(wanted))}")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
