"""The one zip writer of the site build: same entries in, same bytes out.

The app bundle (bundle.py) and the compiled bundle (the bytecode step) are named by a hash of
their bytes, so a browser keeps its cached copy until the code really changes: every entry gets
the same fixed time, mode and compression, in the order given. The wheel is hatchling's (see
demo_download/wheel.py). Standard library only, so that Python anywhere (Pyodide too) can use it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

#: The earliest time a zip file can state; any fixed time makes the archive reproducible, and
#: the name of the file, not its timestamps, says which build it came from.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: A regular file, rw-r--r--.
FILE_MODE = 0o100644


def entry(name: str, date_time: tuple[int, int, int, int, int, int] = ZIP_DATE) -> zipfile.ZipInfo:
    """The header of one entry: compressed, `date_time`, a plain file on every OS."""
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so that the mode below is read on every OS
    info.external_attr = FILE_MODE << 16
    return info


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) pairs, in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(entry(name), data)
    return buffer.getvalue()
