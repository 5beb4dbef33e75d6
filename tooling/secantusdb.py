"""A throwaway MongoDB-protocol server (for `--db mongodb://...`): SecantusDB, in a temporary
folder, on loopback only, like tooling/postgres.py's PostgreSQL and tooling/mariadb.py's MariaDB.

SecantusDB is not MongoDB: it is a server written in Python that speaks MongoDB's wire
protocol, with WiredTiger (MongoDB's own storage engine) underneath, from PyPI
(`secantusdb`, a beta, GPL-2.0). It is a development tool here, installed by the dev extra and
run as a separate program, never imported and never in the demo's wheel. Measured against
FerretDB 1.24 on SQLite (docs/databases.md): FerretDB started faster, but lost concurrent
`findAndModify` updates, which the demo's store is built on.

It takes no password, like a new `mongod`: any user of this machine can reach it on its port
while it runs. It holds only test to-dos, and a MongoDB client cannot run programs on the
machine (PostgreSQL's superuser can, which is why tooling/postgres.py has a password). Test
commands (`configureFailPoint`) stay off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_plugins.page_checks.ports import free_port
from tooling.processes import port_open
from tooling.throwaway import ThrowawayServer, check_stop_mode, stop_group

PROGRAM = "secantusd-py"
START_TIMEOUT = 60
#: WiredTiger's cache: its default is 1 GB, and a test server holds a few thousand documents.
CACHE_SIZE = "64M"


class SecantusError(RuntimeError):
    """A one-line reason why the local SecantusDB could not do what it was asked."""


def find_server() -> Path | None:
    """secantusd-py beside this Python (the dev extra installs it), else on PATH."""
    beside = Path(sys.executable).with_name(PROGRAM)
    if os.access(beside, os.X_OK):
        return beside
    found = shutil.which(PROGRAM)
    return Path(found) if found else None


class SecantusServer(ThrowawayServer):
    """One SecantusDB server, made on first `start()` and deleted by `close()`.

    `with SecantusServer() as db: url = db.create_database()`.
    """

    def __init__(self, port: int | None = None, program: Path | None = None) -> None:
        found = program or find_server()
        if found is None:
            raise SecantusError(
                "SecantusDB is not installed: no secantusd-py beside this Python or on PATH "
                "(make install puts it in the venv: pip install secantusdb)"
            )
        self.program = found
        self.port = port or free_port()
        super().__init__(prefix="secantusdb-")
        self.data = self.folder / "data"
        self.log = self.folder / "secantusdb.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start the server (its data survives from an earlier start) and wait until it
        answers."""
        command = [str(self.program), "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--storage-path", str(self.data), "--cache-size", CACHE_SIZE]
        # A standalone server, as `mongodb://HOST:PORT/NAME` names one (not a replica set).
        command += ["--standalone", "--log-level", "WARNING"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.folder,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_until_answering(self.process, "SecantusDB", START_TIMEOUT, SecantusError)

    def answers(self) -> bool:
        if not port_open(self.port):
            return False
        import pymongo

        client = pymongo.MongoClient(self.url("admin"), serverSelectionTimeoutMS=2000)
        try:
            client.admin.command("ping")
        except pymongo.errors.PyMongoError:
            return False
        finally:
            client.close()
        return True

    def reason(self) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[-1] if lines else "no output"

    def stop(self, mode: str = "fast") -> None:
        """`fast` shuts down cleanly (SIGTERM); `immediate` is a crash (SIGKILL)."""
        check_stop_mode(mode)
        if self.running:
            assert self.process is not None
            stop_group(self.process, mode, timeout=30)

    def url(self, name: str) -> str:
        return f"mongodb://127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str | None = None) -> str:
        """The URL of a database of its own (`name`, or a new numbered one): MongoDB makes a
        database when something is first written to it."""
        return self.url(self.database_name(name))
