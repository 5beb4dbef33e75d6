"""The site build's one zip writer: the same entries give the same bytes, whenever and wherever."""

from __future__ import annotations

import io
import time
import zipfile

from site_plugins.live_demo.zips import FILE_MODE, ZIP_DATE, zip_bytes

ENTRIES = [("b.py", b"print('b')\n"), ("a/__init__.py", b""), ("a/c.txt", b"x" * 5000)]


def test_the_same_entries_give_the_same_bytes_at_another_time(monkeypatch):
    first = zip_bytes(ENTRIES)
    # What a writer that took the clock would change: zipfile stamps nothing itself here.
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(2_000_000_000))
    assert zip_bytes(iter(ENTRIES)) == first


def test_entries_keep_their_order_content_time_and_mode():
    with zipfile.ZipFile(io.BytesIO(zip_bytes(ENTRIES))) as archive:
        infos = archive.infolist()
        assert [(i.filename, archive.read(i)) for i in infos] == ENTRIES
    for info in infos:
        assert info.date_time == ZIP_DATE
        assert info.external_attr >> 16 == FILE_MODE
        assert info.create_system == 3
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_another_content_gives_other_bytes():
    changed = [*ENTRIES[:2], ("a/c.txt", b"y" * 5000)]
    assert zip_bytes(changed) != zip_bytes(ENTRIES)
