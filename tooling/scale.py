"""`make scale N=3`: the demo scaled out here: N processes, one database server, nginx in front.

Every piece listens on 127.0.0.1 only. The demo processes keep nothing of their own (the to-dos
are in PostgreSQL), so any of them can answer any request, and nginx spreads the requests over
them and routes around one that stops. Crash one (`kill -9 -- -PID`: the process and its workers,
each process being a process group of its own) and watch the others carry on.

The database is a throwaway server of its own unless `--db` names one: PostgreSQL
(tooling/postgres.py), MariaDB with `--server mysql` (tooling/mariadb.py), or SecantusDB
with `--server mongodb` (tooling/secantusdb.py). Options other
than the launcher's own go to every demo-server, so `make scale N=4 SCALE_ARGS="--threads 4"`
works. Ctrl-C stops everything: the balancer first, then the processes, the server last.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from demo_server.cli import OneLineParser, build_parser, database, port_number, positive_int
from demo_server.serving import HEADER_READ_TIMEOUT_MS, PortInUseError, ensure_port_free
from demo_server.settings import DEFAULT_PORT, base_url
from demo_server.storage.database import Database, known_schemes
from tooling.mariadb import MariaDBError, MariaDBServer
from tooling.passwords import without_password
from tooling.postgres import PostgresError, PostgresServer
from tooling.processes import answers, start_session
from tooling.secantusdb import SecantusError, SecantusServer

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = Path(__file__).with_name("scale-nginx.conf")
NGINX_CANDIDATES = ("/usr/sbin/nginx",)
DEFAULT_PROCESSES = 3
DEFAULT_BALANCER_PORT = 8080
#: The processes take the ports after the single demo's own, so `make serve` can run beside.
DEFAULT_FIRST_PORT = DEFAULT_PORT + 1
#: The database `make scale` creates in its own PostgreSQL.
DATABASE = "todos"
#: How long nginx leaves a process alone after it failed a request (see scale-nginx.conf).
FAIL_TIMEOUT = "2s"
#: How long nginx waits for a process's answer before it gives the client a 504 (never a retry).
READ_TIMEOUT = "10s"
READY_TIMEOUT = 60
STOP_TIMEOUT = 10
NO_NGINX = (
    "nginx is not installed (not on PATH, not /usr/sbin/nginx): "
    "on Debian or Ubuntu, apt-get install nginx"
)


#: The throwaway servers `--server` picks from.
SERVERS: dict[str, type[PostgresServer] | type[MariaDBServer] | type[SecantusServer]] = {
    "postgresql": PostgresServer,
    "mysql": MariaDBServer,
    "mongodb": SecantusServer,
}


class ScaleError(RuntimeError):
    """A one-line reason why the setup could not start."""


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if os.access(path, os.X_OK)), None)


def nginx_config(
    folder: Path, port: int, upstream_ports: Sequence[int], read_timeout: str = READ_TIMEOUT
) -> str:
    """scale-nginx.conf with its @NAME@ values filled in (`read_timeout` in nginx's units: a
    test shortens it, to see a slow request time out without waiting 10 s)."""
    # Idle upstream connections close before the demo closes them itself (see the template).
    upstream_idle = max(HEADER_READ_TIMEOUT_MS // 2, HEADER_READ_TIMEOUT_MS - 1000)
    values = {
        "FOLDER": str(folder),
        "PORT": str(port),
        "SERVERS": "\n".join(
            f"    server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_TIMEOUT};"
            for p in upstream_ports
        ),
        "FAIL_TIMEOUT": FAIL_TIMEOUT,
        "READ_TIMEOUT": read_timeout,
        "UPSTREAM_IDLE": f"{upstream_idle}ms",
        "DEMO_IDLE": f"{HEADER_READ_TIMEOUT_MS}ms",
    }
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    unfilled = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if unfilled:
        raise ValueError(f"{NGINX_TEMPLATE.name}: no value for {', '.join(unfilled)}")
    return text


@dataclass
class Piece:
    """One running child: a demo process or the balancer."""

    name: str
    url: str
    process: subprocess.Popen[str]
    _pump: threading.Thread | None = field(default=None, repr=False)


def start_piece(
    name: str, url: str, command: list[str], output: TextIO, env: dict[str, str] | None = None
) -> Piece:
    """Start `command` in a session of its own (so we stop the pieces in order), with each
    line it prints copied to `output` behind its name."""
    process = start_session(command, env=dict(os.environ, PYTHONUNBUFFERED="1", **(env or {})))
    pump = threading.Thread(target=_copy_lines, args=(name, process, output), daemon=True)
    pump.start()
    return Piece(name, url, process, pump)


def _copy_lines(name: str, process: subprocess.Popen[str], output: TextIO) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        with suppress(ValueError):  # the output was closed after the run
            output.write(f"{name:<10} | {line}")
            output.flush()


def start_demo(
    number: int, db_url: str, port: int, demo_args: Sequence[str], output: TextIO
) -> Piece:
    # The password goes in the environment, not on the command line, which `ps` shows anyone.
    db_url, env = without_password(db_url)
    command = [sys.executable, "-m", "demo_server", *demo_args]
    command += ["--host", "127.0.0.1", "--port", str(port), "--db", db_url]
    return start_piece(f"process {number}", base_url("127.0.0.1", port), command, output, env)


def start_balancer(
    folder: Path,
    port: int,
    upstream_ports: Sequence[int],
    output: TextIO,
    read_timeout: str = READ_TIMEOUT,
) -> Piece:
    binary = nginx_binary()
    if binary is None:
        raise ScaleError(NO_NGINX)
    folder.mkdir(parents=True, exist_ok=True)
    # As root, nginx's workers run as nobody, and must get through the folder to its temp paths.
    folder.chmod(0o711)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_config(folder, port, upstream_ports, read_timeout), encoding="utf-8")
    # -e: the errors nginx meets before it has read the config, to stderr, not /var/log/nginx.
    command = [binary, "-e", "stderr", "-c", str(conf), "-g", "daemon off;"]
    return start_piece("balancer", base_url("127.0.0.1", port), command, output)


def wait_until_answering(pieces: Sequence[Piece], timeout: float = READY_TIMEOUT) -> None:
    """Return once each piece answers /healthz with a 2xx-4xx; a ScaleError naming the first
    piece that stopped, or that still does not answer after `timeout` seconds."""
    waiting = list(pieces)
    deadline = time.monotonic() + timeout
    while waiting:
        for piece in waiting:
            code = piece.process.poll()
            if code is not None:
                raise ScaleError(
                    f"{piece.name} ({piece.url}) stopped with exit code {code} before it "
                    "answered; its own message is above"
                )
        waiting = [piece for piece in waiting if not answers(f"{piece.url}/healthz")]
        if waiting and time.monotonic() > deadline:
            raise ScaleError(
                f"{waiting[0].name} ({waiting[0].url}) did not answer /healthz within "
                f"{timeout:g} s; its output is above"
            )
        if waiting:
            time.sleep(0.1)


def stop_pieces(pieces: Sequence[Piece]) -> None:
    """SIGTERM to each (nginx and the demo stop cleanly on it), SIGKILL after STOP_TIMEOUT."""
    for piece in pieces:
        if piece.process.poll() is None:
            # To the main process alone: it stops its workers itself. A worker that also got
            # the signal directly would take two at once, and a demo worker then misses both.
            piece.process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for piece in pieces:
        try:
            piece.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(piece.process.pid, signal.SIGKILL)
            piece.process.wait()
        # Anything left in the group (a worker whose parent was killed) goes too.
        with suppress(ProcessLookupError):
            os.killpg(piece.process.pid, signal.SIGKILL)
        if piece._pump is not None:
            piece._pump.join(timeout=5)
        if piece.process.stdout is not None:
            piece.process.stdout.close()


@dataclass
class Scale:
    """What `scaled_demo` brought up."""

    db_url: str
    #: Ours, when no database was given: tests stop and restart it.
    server: PostgresServer | MariaDBServer | SecantusServer | None
    processes: list[Piece]
    balancer: Piece


def check_ports_free(ports: dict[str, int]) -> None:
    for name, port in ports.items():
        try:
            ensure_port_free("127.0.0.1", port)
        except PortInUseError:
            raise ScaleError(
                f"port {port} on 127.0.0.1 is already in use, so the {name} cannot start; "
                "stop what uses it or pick other ports (--port for the balancer, --first-port "
                "for the processes)"
            ) from None


@contextmanager
def scaled_demo(
    processes: int = DEFAULT_PROCESSES,
    *,
    port: int = DEFAULT_BALANCER_PORT,
    process_ports: Sequence[int] | None = None,
    db_url: str | None = None,
    server: str = "postgresql",
    demo_args: Sequence[str] = (),
    output: TextIO | None = None,
) -> Iterator[Scale]:
    """A database server (ours, of the kind `server` names in SERVERS, unless `db_url` is
    given), `processes` demo processes on
    `process_ports` (default: from DEFAULT_FIRST_PORT on) and nginx on `port`, all answering;
    everything stopped on the way out, also when a piece fails to start (ScaleError)."""
    output = output or sys.stdout
    ports = list(process_ports or range(DEFAULT_FIRST_PORT, DEFAULT_FIRST_PORT + processes))
    if len(ports) != processes:
        raise ValueError(f"{processes} processes need {processes} ports, not {ports}")
    if nginx_binary() is None:  # before anything starts
        raise ScaleError(NO_NGINX)
    check_ports_free({"balancer": port, **{f"process {n}": p for n, p in enumerate(ports, 1)}})
    with ExitStack() as stack:
        ours = None
        if db_url is None:
            try:
                ours = stack.enter_context(SERVERS[server]())
                db_url = ours.create_database(DATABASE)
            except (PostgresError, MariaDBError, SecantusError) as exc:
                raise ScaleError(str(exc)) from None
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="scale-nginx-")))
        pieces: list[Piece] = []
        # Stopped in the reverse of starting: the balancer first, the database server (above) last.
        stack.callback(lambda: stop_pieces(pieces[::-1]))
        demos = [
            start_demo(number, db_url, p, demo_args, output) for number, p in enumerate(ports, 1)
        ]
        pieces += demos
        wait_until_answering(demos)
        balancer = start_balancer(folder, port, ports, output)
        pieces.append(balancer)
        wait_until_answering([balancer])
        yield Scale(db_url, ours, demos, balancer)


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = OneLineParser(
        description=__doc__.splitlines()[0],
        epilog="Any other option goes to each demo-server; see `demo-server --help`.",
        # No abbreviations: `--po` must not be taken for our --port when demo-server has it too.
        allow_abbrev=False,
    )
    parser.add_argument(
        "--processes",
        type=positive_int,
        default=DEFAULT_PROCESSES,
        help=f"how many demo processes (default: {DEFAULT_PROCESSES})",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_BALANCER_PORT,
        help=f"where the balancer listens (default: {DEFAULT_BALANCER_PORT})",
    )
    parser.add_argument(
        "--first-port",
        type=port_number,
        default=DEFAULT_FIRST_PORT,
        help="the first process's port; the others take the ports after it "
        f"(default: {DEFAULT_FIRST_PORT})",
    )
    parser.add_argument(
        "--db",
        type=database,
        metavar="URL",
        help="a database for the processes to share, "
        "postgresql://USER[:PASSWORD]@HOST:PORT/NAME or mysql://... (default: a throwaway "
        "server of its own, with a password of its own: see --server)",
    )
    parser.add_argument(
        "--server",
        choices=sorted(SERVERS),
        default="postgresql",
        help="the throwaway server to start when no --db is given (default: postgresql; "
        "mysql starts MariaDB, mongodb SecantusDB)",
    )
    args, demo_args = parser.parse_known_args(argv)
    demo = build_parser().parse_args(demo_args)  # a bad option: demo-server's own message
    if args.db is not None and not args.db.shared:
        parser.error(
            f"--db {args.db}: give a database server's URL ({known_schemes()}); "
            "processes cannot share a SQLite file"
        )
    for option in ("reset", "where"):
        if getattr(demo, option):
            parser.error(f"--{option} is demo-server's own; run it without make scale")
    if args.first_port + args.processes - 1 > 65535:
        parser.error(f"{args.processes} processes from port {args.first_port} go past 65535")
    return args, demo_args


def main(argv: Sequence[str] | None = None) -> int:
    args, demo_args = parse_args(argv)
    ports = range(args.first_port, args.first_port + args.processes)
    try:
        with scaled_demo(
            args.processes,
            port=args.port,
            process_ports=ports,
            db_url=None if args.db is None else args.db.location,
            server=args.server,
            demo_args=demo_args,
        ) as scale:
            where = "its own: deleted when this stops" if scale.server else "given with --db"
            name = Database.parse(scale.db_url).kind.value
            say(f"{name:<10}  {scale.db_url} ({where})")
            for piece in scale.processes:
                pid = piece.process.pid
                say(f"{piece.name:<10}  {piece.url}/ (pid {pid}: kill -9 -- -{pid} to crash it)")
            say(
                f"balancer    {scale.balancer.url}/ (nginx, round robin over "
                f"{args.processes} process{'es' if args.processes > 1 else ''})"
            )
            say("press Ctrl-C to stop them all")
            return watch(scale)
    except KeyboardInterrupt:
        return 0
    except ScaleError as exc:
        say(str(exc), file=sys.stderr)
        return 1


def watch(scale: Scale) -> int:
    """Until Ctrl-C: say when a process stops (the others carry on); end if the balancer does."""
    reported: set[str] = set()
    while scale.balancer.process.poll() is None:
        for piece in scale.processes:
            if piece.name not in reported and piece.process.poll() is not None:
                reported.add(piece.name)
                # Its workers outlive a main process killed alone, and would go on answering.
                with suppress(ProcessLookupError):
                    os.killpg(piece.process.pid, signal.SIGKILL)
                say(
                    f"{piece.name} stopped (exit code {piece.process.returncode}); the balancer "
                    "sends its requests to the others"
                )
        time.sleep(0.2)
    say(f"the balancer stopped (exit code {scale.balancer.process.returncode}); stopping all")
    return 1


def say(line: str, file: TextIO | None = None) -> None:
    print(f"make scale: {line}", file=file or sys.stdout, flush=True)


def stop_on_signal(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: stop everything, and let no second, impatient Ctrl-C cut that short
    and leave a piece running behind our back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def run() -> None:
    """The command line: Ctrl-C and SIGTERM stop everything, in order."""
    signal.signal(signal.SIGINT, stop_on_signal)
    signal.signal(signal.SIGTERM, stop_on_signal)
    sys.exit(main())
