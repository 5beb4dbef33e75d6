"""Where the vendored copy of a remote file lives, and writing it there safely.

Copies are named `<16 hex of SHA-256 of the identity>-<file name>`: flat, stable across exports
(the identity has no signature), and still recognisable to a person browsing the folder.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_plugins.remote_images.signed_urls import identity

EXTENSIONS = {"image/jpeg": ".jpg", "image/svg+xml": ".svg", "image/x-icon": ".ico"}


def file_name(url: str) -> str:
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or "image"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]


def key(url: str) -> str:
    return hashlib.sha256(identity(url).encode("utf-8")).hexdigest()[:16]


def expected_path(folder: Path, url: str) -> Path:
    """Where a copy of `url` is looked for first (and where an author should put one)."""
    return folder / f"{key(url)}-{file_name(url)}"


def find(folder: Path, url: str) -> Path | None:
    """An existing copy of `url`: its expected name, or the same key with another extension."""
    exact = expected_path(folder, url)
    if exact.is_file():
        return exact
    if folder.is_dir():
        for candidate in sorted(folder.glob(f"{key(url)}-*")):
            if candidate.is_file():
                return candidate
    return None


def write(folder: Path, url: str, body: bytes, content_type: str) -> Path:
    """Store `body` as the copy of `url`, atomically: a crash never leaves half an image."""
    target = expected_path(folder, url)
    if not Path(target.name).suffix:
        suffix = EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ""
        target = target.with_name(target.name + suffix)
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
