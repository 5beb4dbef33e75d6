"""One server per database file: a running server holds an OS lock on `<file>.lock` beside it.

Two servers on one file would each seed, and `--reset` would delete the file under a server
that has already acknowledged writes into it. The lock is the operating system's (flock on
POSIX, msvcrt.locking on Windows), so it goes with the process however that ends, SIGKILL too:
there is never a stale lock to clear by hand. The file itself stays, and names who holds it, or
no one: a clean stop empties it, and a server that finds the name of a process that is gone
(one that was killed) takes the lock over and says so in one line.

flock belongs to the open file, and a worker forked by Granian inherits the descriptor: a worker
left running after its parent was killed kept the lock under the dead parent's pid. Workers
close their copy (`close_inherited`, which never unlocks) and die with their parent
(demo_server.parent_watch), so only the process named in the file holds the lock.

Not on the database file itself: SQLite's own POSIX locks on that file are dropped when any
descriptor of it is closed in the process, and `--reset` deletes and recreates it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from demo_server.storage.sqlite import make_folder

#: Windows locks byte ranges, and a locked range cannot be read by anyone else: the lock sits
#: far past the text that names the holder, so a refused server can still read that text.
WINDOWS_LOCK_OFFSET = 2**30
#: The pid in a holder's text, as `cli.py` writes it: "demo-server (pid 42, http://...)".
HOLDER_PID = re.compile(r"\(pid (\d+)[,)]")

#: The lock files this process holds open: a forked worker closes its copies of them.
_held: list[IO[str]] = []


class DatabaseInUseError(Exception):
    """Another process holds the lock; `holder` is what it wrote there (pid and address)."""

    def __init__(self, path: Path, holder: str):
        super().__init__(f"{path} is in use by {holder or 'another process'}")
        self.path = path
        self.holder = holder or "another demo-server"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextmanager
def holding(database: Path, holder: str) -> Iterator[None]:
    """Hold the lock on the `database` file while the block runs; DatabaseInUseError if
    another process has it.

    `holder` (say "demo-server, pid 42, http://127.0.0.1:3000") is written into the lock file
    for the message another server shows when it is refused.
    """
    path = lock_path(database)
    make_folder(path.parent)
    # Append mode never truncates: a refused process must not wipe the holder's text.
    with path.open("a+", encoding="utf-8") as fh:
        if not _try_lock(fh):
            fh.seek(0)
            raise DatabaseInUseError(database, fh.read().strip())
        fh.seek(0)
        before = fh.read().strip()
        if before and not holder_is_running(before):
            print(
                f"demo-server: took over the lock on {database} from {before}, which is no longer "
                "running",
                file=sys.stderr,
                flush=True,
            )
        _write(fh, holder + "\n")
        _held.append(fh)
        try:
            yield
        finally:
            _held.remove(fh)
            _write(fh, "")  # names no one once we are gone
            _unlock(fh)


def _write(fh: IO[str], text: str) -> None:
    fh.seek(0)
    fh.truncate()
    fh.write(text)
    fh.flush()


def holder_is_running(holder: str) -> bool:
    """Whether the pid named in a lock file's text is a running process (True when the text
    names no pid: it is not ours to judge)."""
    found = HOLDER_PID.search(holder)
    return found is None or pid_is_running(int(found.group(1)))


def pid_is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        # OpenProcess fails for a pid no process has (PROCESS_QUERY_LIMITED_INFORMATION).
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def close_inherited() -> None:
    """In a forked worker: close this process's copies of the held lock files, without
    unlocking (an unlock here would free the parent's lock too: flock is per open file)."""
    while _held:
        _held.pop().close()


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
