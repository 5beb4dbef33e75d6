"""One server per database file: a running server holds an OS lock on `<file>.lock` beside it.

Two servers on one file would each seed, and `--reset` would delete the file under a server
that has already acknowledged writes into it. The lock is the operating system's (flock on
POSIX, msvcrt.locking on Windows), so it goes with the process however that ends, SIGKILL too:
there is never a stale lock to clear by hand. The file itself stays, and says who holds it.

Not on the database file itself: SQLite's own POSIX locks on that file are dropped when any
descriptor of it is closed in the process, and `--reset` deletes and recreates it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from demo_server.db import make_folder

#: Windows locks byte ranges, and a locked range cannot be read by anyone else: the lock sits
#: far past the text that names the holder, so a refused server can still read that text.
WINDOWS_LOCK_OFFSET = 2**30


class DatabaseInUseError(Exception):
    """Another process holds the lock; `holder` is what it wrote there (pid and address)."""

    def __init__(self, path: Path, holder: str):
        super().__init__(f"{path} is in use by {holder or 'another process'}")
        self.path = path
        self.holder = holder or "another demo-server"


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextmanager
def holding(db: Path, holder: str) -> Iterator[None]:
    """Hold the lock on `db` while the block runs; DatabaseInUseError if another process has it.

    `holder` (say "demo-server, pid 42, http://127.0.0.1:3000") is written into the lock file
    for the message another server shows when it is refused.
    """
    path = lock_path(db)
    make_folder(path.parent)
    # Append mode never truncates: a refused process must not wipe the holder's text.
    with path.open("a+", encoding="utf-8") as fh:
        if not _try_lock(fh):
            fh.seek(0)
            raise DatabaseInUseError(db, fh.read().strip())
        fh.seek(0)
        fh.truncate()
        fh.write(holder + "\n")
        fh.flush()
        try:
            yield
        finally:
            _unlock(fh)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: IO[str]) -> bool:
        fh.seek(WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fh.seek(WINDOWS_LOCK_OFFSET)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
