"""What the tools' throwaway database servers share (tooling/postgres.py, mariadb.py,
secantusdb.py): a folder of their own, deleted with everything in it at the end; a `with`
block that starts the server and cleans up even when the start fails; numbered databases;
a restart; and, when we are root, the system account the server must run as instead.

Each server says how it starts, stops, answers and names a database's URL.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

#: A database name that needs no quoting in any of the servers' languages.
DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
#: `fast` shuts down cleanly; `immediate` is a crash, which the next start recovers from.
STOP_MODES = ("fast", "immediate")

Server = TypeVar("Server", bound="ThrowawayServer")


class ThrowawayServer:
    """A database server in a temporary folder of its own, for one run of the tools."""

    port: int

    def __init__(self, prefix: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self._numbers = itertools.count(1)

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self, mode: str = "fast") -> None:
        raise NotImplementedError

    def restart(self) -> None:
        self.stop("fast")
        self.start()

    def wait_until_answering(
        self, process: subprocess.Popen[bytes], what: str, seconds: float, error: type[Exception]
    ) -> None:
        """Poll `self.answers()` until it is true; `error` naming `what` and the server's own
        reason (`self.reason()`) if `process` ends first or `seconds` pass."""
        deadline = time.monotonic() + seconds
        while not self.answers():
            if process.poll() is not None:
                raise error(f"{what} on port {self.port} stopped at start: {self.reason()}")
            if time.monotonic() > deadline:
                raise error(
                    f"{what} on port {self.port} did not answer within {seconds} s: {self.reason()}"
                )
            time.sleep(0.1)

    def answers(self) -> bool:
        """Whether the server takes connections and answers a first request."""
        raise NotImplementedError

    def reason(self) -> str:
        """What the server's log says went wrong, in a line."""
        raise NotImplementedError

    def database_name(self, name: str | None) -> str:
        """`name` if it is a plain database name, or the next numbered one (db_1, db_2, ...)."""
        name = name or f"db_{next(self._numbers)}"
        if not DATABASE_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a plain database name (a-z, 0-9 and _)")
        return name

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database; its URL, with the password if there is one."""
        raise NotImplementedError

    def fresh_database_url(self) -> str:
        """A new, empty database's URL without its password (the environment gives that to
        whoever connects: tooling/passwords.py), for one test alone; the server is started
        again first if an earlier test stopped it and failed before it could restart it."""
        from tooling.passwords import without_password

        if not self.running:
            self.start()
        url, _ = without_password(self.create_database())
        return url

    def close(self) -> None:
        """Stop the server if it runs, and delete the folder with everything in it."""
        try:
            # Immediate: the data is about to be deleted, so a clean shutdown saves nothing.
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self: Server) -> Server:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def check_stop_mode(mode: str) -> None:
    if mode not in STOP_MODES:
        raise ValueError(f"stop mode must be 'fast' or 'immediate', not {mode!r}")


def stop_group(process: subprocess.Popen[bytes], mode: str, timeout: float) -> None:
    """Stop a server started in a session of its own: SIGTERM (`fast`) or SIGKILL (a crash,
    `immediate`) to its whole group, then SIGKILL if it has not left within `timeout`."""
    check_stop_mode(mode)
    os.killpg(process.pid, signal.SIGTERM if mode == "fast" else signal.SIGKILL)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def system_account(name: str, program: str, error: type[Exception]) -> Any:
    """The account to run `program` as (a `pwd` entry): None for ourselves, `name` when we are
    root, since these servers refuse to run as root; `error` saying so where it is missing."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd  # POSIX only, like root

    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise error(
            f"running as root, and {program} refuses root: create a {name!r} account to run it "
            f"as (useradd --system {name}) or run as another user"
        ) from None
