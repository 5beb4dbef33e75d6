"""A throwaway PostgreSQL on this machine: its own cluster in a temporary folder, on loopback only.

`make scale` runs the demo on one when no `--db postgresql://...` is given, and the tests start
one for themselves (tests/postgres_server.py). Nothing here touches a cluster the machine already
has: the data, the socket and the log all live in the folder, which goes when the server stops.

Only who knows the password gets in: a random one per cluster, checked with scram-sha-256, for
connections over TCP and over the socket alike. A cluster that trusted loopback would let any
user of the machine connect as its superuser, and run commands as the account that started it
(`COPY ... TO PROGRAM`). The URLs it gives out carry the password. A process started with
one on its command line, which every user of the machine can read (`ps`), gets it from
tooling/passwords.py's `without_password` instead.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from site_plugins.page_checks.ports import free_port
from tooling.throwaway import ThrowawayServer, check_stop_mode, system_account

#: The superuser `initdb` creates, whoever runs it: the URLs name it, so they never depend on
#: the login that started the tests.
SUPERUSER = "postgres"
#: PostgreSQL refuses to run as root; as root we run it as the account Debian's package made.
SYSTEM_USER = "postgres"
#: Where Debian and Ubuntu put each major version's server programs (none of them is on PATH).
DEBIAN_BIN_DIRS = "/usr/lib/postgresql/*/bin"
PROGRAMS = ("initdb", "pg_ctl", "createdb")
#: Appended to postgresql.conf. fsync and synchronous_commit keep their defaults (on): the
#: tests crash this server on purpose and check that every acknowledged write survived, which
#: only means something with the durability a real deployment has.
SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
# Small: a test cluster holds a few thousand rows, and several may run side by side.
shared_buffers = 16MB
"""
START_TIMEOUT = 60
#: A line of the server's log that says what went wrong: its level, then the message.
LOG_PROBLEM = re.compile(r"\b(LOG|ERROR|FATAL|PANIC):\s+(.*)")


class PostgresError(RuntimeError):
    """A one-line reason why the local PostgreSQL could not do what it was asked."""


def find_binaries() -> Path | None:
    """The folder with initdb, pg_ctl and createdb: the ones on PATH (a developer's own
    choice), else the newest of Debian's /usr/lib/postgresql/VERSION/bin; None if neither."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    debian = Path("/").glob(DEBIAN_BIN_DIRS.lstrip("/"))
    candidates += sorted(debian, key=_major_version, reverse=True)
    for folder in candidates:
        if all(os.access(folder / program, os.X_OK) for program in PROGRAMS):
            return folder
    return None


def _major_version(bin_dir: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name)) or (0,)


def _write_private(path: Path, text: str) -> None:
    """A new file only its owner may read (libpq ignores a password file others can read)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


class PostgresServer(ThrowawayServer):
    """One PostgreSQL cluster, made on first `start()` and deleted by `close()`.

    Use it as a context manager: `with PostgresServer() as pg: url = pg.url("todos")`.
    """

    def __init__(self, port: int | None = None, bin_dir: Path | None = None) -> None:
        found = bin_dir or find_binaries()
        if found is None:
            raise PostgresError(
                "PostgreSQL is not installed: no initdb and pg_ctl on PATH or in "
                f"{DEBIAN_BIN_DIRS} (on Debian or Ubuntu: apt-get install postgresql)"
            )
        self.bin_dir = found
        self.port = port or free_port()
        self._run_as = system_account(SYSTEM_USER, "PostgreSQL", PostgresError)
        super().__init__(prefix="postgres-")
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        #: The superuser's: letters, digits, - and _, so it goes into a URL as it is.
        self.password = secrets.token_urlsafe(24)
        #: A libpq password file (PGPASSFILE) with it, for clients given a URL without it.
        self.passfile = self.folder / "pgpass"
        if self._run_as is not None:
            os.chown(self.folder, self._run_as.pw_uid, self._run_as.pw_gid)
        _write_private(self.passfile, f"127.0.0.1:{self.port}:*:{SUPERUSER}:{self.password}\n")

    # The server's own programs -------------------------------------------------------------

    def _run(self, program: str, *args: str, what: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self._run_as is not None:
            command = ["runuser", "-u", self._run_as.pw_name, "--", *command]
        # In the folder: the postgres account may not enter the caller's working directory.
        result = subprocess.run(
            command, cwd=self.folder, capture_output=True, text=True, stdin=subprocess.DEVNULL
        )
        if result.returncode != 0:
            raise PostgresError(f"{what} failed: {self._reason(result.stderr + result.stdout)}")

    def _reason(self, output: str) -> str:
        """The last line that says something, from the program's output or else the server's
        log (its "could not ..." and FATAL lines: "could not bind ...; could not create any
        TCP/IP sockets"). No path to the log: a failed start deletes the folder it is in."""
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        useful = [line for line in lines if not line.startswith(("HINT", "Examine the log"))]
        if useful and not useful[-1].startswith(("waiting for", "pg_ctl: could not start")):
            return useful[-1]
        log = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        said = [
            match.group(2)
            for match in map(LOG_PROBLEM.search, log)
            if match and (match.group(1) != "LOG" or match.group(2).startswith("could not"))
        ]
        return "; ".join(said[-2:]) or (useful or ["no output"])[-1]

    def _initdb(self) -> None:
        # initdb reads the password from a file: on its command line, anyone could read it.
        pwfile = self.folder / "initdb-password"
        _write_private(pwfile, self.password + "\n")
        if self._run_as is not None:
            os.chown(pwfile, self._run_as.pw_uid, self._run_as.pw_gid)
        try:
            self._initdb_with(pwfile)
        finally:
            pwfile.unlink(missing_ok=True)
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(SETTINGS.format(port=self.port, socket_dir=self.folder))

    def _initdb_with(self, pwfile: Path) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--pwfile",
            str(pwfile),
            # Every connection, TCP or socket, proves it knows the password; none is trusted.
            "--auth",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            # Only the cluster's creation skips fsync; the running server keeps it on.
            "--no-sync",
            what="initdb",
        )

    # What callers use ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def start(self) -> None:
        """Make the cluster if it is new, then start it and wait until it takes connections."""
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--wait",
            "--timeout",
            str(START_TIMEOUT),
            "start",
            what=f"starting PostgreSQL on port {self.port}",
        )

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends the sessions and shuts down cleanly; `immediate` is a crash: no
        checkpoint, and the next start recovers from the write-ahead log."""
        check_stop_mode(mode)
        if not self.running:
            return
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--mode",
            mode,
            "--wait",
            "stop",
            what=f"stopping PostgreSQL on port {self.port}",
        )

    def url(self, dbname: str) -> str:
        """The database's URL, with the password."""
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (`name`, or a new numbered one) and return its URL, with
        the password."""
        name = self.database_name(name)
        self._run_client("createdb", name, what=f"creating database {name}")
        return self.url(name)

    def _run_client(self, program: str, *args: str, what: str) -> None:
        # A client over TCP, as ourselves, with the password in its environment.
        result = subprocess.run(
            [str(self.bin_dir / program), "--host", "127.0.0.1", "--port", str(self.port)]
            + ["--username", SUPERUSER, "--no-password", *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=dict(os.environ, PGPASSWORD=self.password),
        )
        if result.returncode != 0:
            raise PostgresError(f"{what} failed: {self._reason(result.stderr)}")
