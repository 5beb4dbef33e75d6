"""A throwaway MariaDB (for `--db mysql://...`): its own data folder in a temporary folder, on
loopback only, like tooling/postgres.py's PostgreSQL.

Debian's `mariadb-server` gives the programs; its own service is never used. The server runs
as the `mysql` account when we are root (MariaDB refuses root unless told otherwise), and as
ourselves otherwise.

Only who knows the password gets in over TCP: `root@127.0.0.1` gets a random one per server,
set by an init file (0600, read at the first start and then deleted, so the password is on no
command line). The accounts `mariadb-install-db` makes (`root@localhost` and the server's
own) take no password: only the operating system's account of that name gets in, through the
socket in the folder (unix_socket authentication). A
process given a URL without a password gets it from MYSQL_PWD (`without_password`), the
variable MySQL's own clients read, which only its owner can see.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

from site_plugins.page_checks.ports import free_port
from tooling.processes import port_open
from tooling.throwaway import ThrowawayServer, check_stop_mode, stop_group, system_account

USER = "root"
#: MariaDB refuses to run as root; as root we run it as the account Debian's package made.
SYSTEM_USER = "mysql"
SERVER_CANDIDATES = ("/usr/sbin/mariadbd", "/usr/sbin/mysqld")
START_TIMEOUT = 90
#: Settings for a small test server. Durability stays MariaDB's default
#: (innodb_flush_log_at_trx_commit=1): the tests kill it and count acknowledged writes.
SETTINGS = (
    "--skip-name-resolve",
    "--innodb-buffer-pool-size=32M",
    "--max-connections=200",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_bin",
)
PASSWORD_VARIABLE = "MYSQL_PWD"


class MariaDBError(RuntimeError):
    """A one-line reason why the local MariaDB could not do what it was asked."""


def find_server() -> Path | None:
    """mariadbd on PATH, else Debian's /usr/sbin/mariadbd; None if neither."""
    for candidate in (shutil.which("mariadbd"), *SERVER_CANDIDATES):
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def _install_db() -> str | None:
    return shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")


class MariaDBServer(ThrowawayServer):
    """One MariaDB server, made on first `start()` and deleted by `close()`.

    `with MariaDBServer() as db: url = db.create_database()`.
    """

    def __init__(self, port: int | None = None, server: Path | None = None) -> None:
        found = server or find_server()
        if found is None or _install_db() is None:
            raise MariaDBError(
                "MariaDB is not installed: no mariadbd and mariadb-install-db "
                "(on Debian or Ubuntu: apt-get install mariadb-server)"
            )
        self.server = found
        self.port = port or free_port()
        self._run_as = system_account(SYSTEM_USER, "MariaDB", MariaDBError)
        super().__init__(prefix="mariadb-")
        self.data = self.folder / "data"
        self.socket = self.folder / "sock"
        self.log = self.folder / "mariadb.log"
        #: Its own folder for temporary tables: a MariaDB that starts deletes every `#sql*` file
        #: in its tmpdir as a crashed server's leftovers, so servers sharing /tmp (the suite's
        #: workers, started at once) deleted each other's and aborted ("Error on delete of
        #: '/tmp/#sql-temptable-...'": 4 of 12 starts, 4 at a time).
        self.tmpdir = self.folder / "tmp"
        #: root@127.0.0.1's: letters, digits, - and _, so it goes into a URL as it is.
        self.password = secrets.token_urlsafe(24)
        self.process: subprocess.Popen[bytes] | None = None
        os.chmod(self.folder, 0o755)  # the mysql account must reach its data and socket
        self.tmpdir.mkdir()
        if self._run_as is not None:
            for folder in (self.folder, self.tmpdir):
                os.chown(folder, self._run_as.pw_uid, self._run_as.pw_gid)

    def _as_owner(self, command: list[str]) -> list[str]:
        if self._run_as is None:
            return command
        return ["runuser", "-u", self._run_as.pw_name, "--", *command]

    def _install(self) -> Path:
        """The data folder, and an init file that gives root@127.0.0.1 its password."""
        user = self._run_as.pw_name if self._run_as is not None else None
        command = [str(_install_db()), "--no-defaults", f"--datadir={self.data}"]
        command += [f"--tmpdir={self.tmpdir}"]  # passed on to the server it bootstraps
        command += ["--skip-test-db", "--skip-name-resolve"]
        command += [f"--user={user}"] if user else []
        result = subprocess.run(
            self._as_owner(command),
            cwd=self.folder,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise MariaDBError(f"mariadb-install-db failed: {_first_error(result.stderr)}")
        init = self.folder / "init.sql"
        fd = os.open(init, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(
                f"CREATE OR REPLACE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{self.password}';\n"
                f"GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'127.0.0.1' WITH GRANT OPTION;\n"
            )
        if self._run_as is not None:
            os.chown(init, self._run_as.pw_uid, self._run_as.pw_gid)
        return init

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Make the data folder if it is new, start the server, wait until it answers."""
        init = None if (self.data / "mysql").is_dir() else self._install()
        command = [str(self.server), "--no-defaults", f"--datadir={self.data}"]
        command += [f"--tmpdir={self.tmpdir}"]
        command += [f"--socket={self.socket}", f"--port={self.port}", "--bind-address=127.0.0.1"]
        command += [f"--pid-file={self.folder / 'pid'}", f"--log-error={self.log}", *SETTINGS]
        command += [f"--init-file={init}"] if init else []
        self.process = subprocess.Popen(
            self._as_owner(command),
            cwd=self.folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            assert self.process is not None
            self.wait_until_answering(self.process, "MariaDB", START_TIMEOUT, MariaDBError)
        finally:
            if init is not None:
                init.unlink(missing_ok=True)

    def answers(self) -> bool:
        if not port_open(self.port):
            return False
        try:
            self.connect().close()
        except Exception:  # noqa: BLE001 (not yet: the init file may still be running)
            return False
        return True

    def reason(self) -> str:
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        return _first_error("\n".join(lines))

    def connect(self, database: str | None = None) -> Any:
        import pymysql

        return pymysql.connect(
            host="127.0.0.1",
            port=self.port,
            user=USER,
            password=self.password,
            database=database,
            connect_timeout=3,
            autocommit=True,
        )

    def stop(self, mode: str = "fast") -> None:
        """`fast` shuts down cleanly (SIGTERM); `immediate` is a crash (SIGKILL): InnoDB
        recovers from its redo log at the next start."""
        check_stop_mode(mode)
        if self.running:
            assert self.process is not None
            # Free once the process is gone: a restart binds the same port at once.
            stop_group(self.process, mode, timeout=60)

    def url(self, name: str) -> str:
        """The database's URL, with the password."""
        return f"mysql://{USER}:{quote(self.password, safe='')}@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (`name`, or a new numbered one); its URL, with the password."""
        name = self.database_name(name)
        conn = self.connect()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
        finally:
            conn.close()
        return self.url(name)


def _first_error(text: str) -> str:
    """The line that says what went wrong: MariaDB's last error line is "[ERROR] Aborting",
    which says only that something did; the first error before it says what."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line and not line.endswith("Aborting")]
    return errors[0] if errors else _last_line(text)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
