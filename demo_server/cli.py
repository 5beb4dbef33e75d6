"""`demo-server` / `python -m demo_server`: start the demo the way `node app.js` starts Express."""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import NoReturn

from demo_server.app_file import ReaderCodeError, read_file
from demo_server.cors import parse_origin
from demo_server.serving import (
    PortInUseError,
    canonical_host,
    ensure_port_free,
    is_loopback,
    listen_address,
    reload_available,
    serve,
)
from demo_server.settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DOCS_ORIGINS,
    PORT_ENV,
    Settings,
    base_url,
    default_sqlite_file,
)
from demo_server.storage import file_lock
from demo_server.storage.database import Database, initialise, known_schemes
from demo_server.storage.interface import MAX_TODOS, Unavailable
from demo_server.storage.sqlite import NotADatabaseError, check_is_sqlite

HOST_NAME = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (no usage block above it): the line says it all."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def host_address(text: str) -> str:
    try:
        return canonical_host(text)
    except (ValueError, OSError, UnicodeError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an IP address or a name this machine can resolve "
            "(e.g. 127.0.0.1, ::1, localhost, 0.0.0.0)"
        ) from None


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


def origin(text: str) -> str:
    try:
        return parse_origin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def host_name(text: str) -> str:
    name = text.strip().lower().rstrip(".")
    if not HOST_NAME.fullmatch(name):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a host name: letters, digits, dots and hyphens only, with no "
            "scheme or port, e.g. demo.example.test"
        )
    return name


def database(text: str) -> Database:
    try:
        return Database.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="demo-server",
        description="The Backend Basics demo: the pages' Express hello-world, served by Bottle.",
        epilog="demo-server check EXERCISE FILE runs the checks of a Build it yourself "
        "exercise against your FILE (demo-server check 01 start.py).",
    )
    parser.add_argument(
        "--host",
        type=host_address,
        default=DEFAULT_HOST,
        help=f"address or name to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=None,
        help=f"port to listen on (default: ${PORT_ENV} if set, else {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--db",
        type=database,
        default=None,
        help=f"the SQLite file that keeps the to-dos (default: {default_sqlite_file()}), or a "
        f"database server's URL: {known_schemes()}, e.g. postgresql://USER@HOST:PORT/NAME",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start over: delete the database and seed it with the pages' to-do list "
        "(refused while a server uses it)",
    )
    parser.add_argument(
        "--where",
        action="store_true",
        help="print where the database is (for the given --db) and exit",
    )
    parser.add_argument(
        "--allow-origin",
        type=origin,
        action="append",
        default=[],
        metavar="ORIGIN",
        help="also let pages from ORIGIN call the API, e.g. http://localhost:8000"
        + (
            f" (always: {', '.join(DOCS_ORIGINS)}, the site this copy came from: every page of"
            " that origin, whatever its path)"
            if DOCS_ORIGINS
            else ""
        ),
    )
    parser.add_argument(
        "--allowed-host",
        type=host_name,
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests made to NAME (by default only to IP addresses and "
        "localhost, which no web page can point at this machine)",
    )
    parser.add_argument(
        "--max-todos",
        type=positive_int,
        default=MAX_TODOS,
        metavar="N",
        help=f"the most to-dos the list holds (default: {MAX_TODOS}); a full list answers "
        "409 until some are deleted",
    )
    parser.add_argument(
        "--app",
        type=Path,
        default=None,
        metavar="FILE",
        help="serve your own code: a demo module you edited on a page and downloaded (hello.py, "
        "todos.py) in place of the shipped one, or a Build it yourself exercise's file "
        "(its create_app())",
    )
    parser.add_argument(
        "--reload",
        action="store_true",
        help="restart the demo's workers when its code changes (needs the watchfiles package)",
    )
    parser.add_argument(
        "--workers", type=positive_int, default=1, help="worker processes (default: 1)"
    )
    parser.add_argument(
        "--threads", type=positive_int, default=1, help="threads per worker (default: 1)"
    )
    return parser


def resolve_port(parser: argparse.ArgumentParser, given: int | None) -> int:
    if given is not None:
        return given
    from_env = os.environ.get(PORT_ENV)
    if not from_env:
        return DEFAULT_PORT
    try:
        return port_number(from_env)
    except argparse.ArgumentTypeError as exc:
        parser.error(f"${PORT_ENV}: {exc}")
        raise  # unreachable: parser.error exits


def fail(message: str) -> int:
    print(f"demo-server: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        # `demo-server check EXERCISE FILE`: the "Build it yourself" checks, not a server.
        from demo_server.exercises.runner import main as check

        return check(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    reader = None
    if args.app is not None:
        # Loaded here once to refuse a file that cannot serve, before any port or database is
        # touched; each worker process loads it again (a fresh interpreter, or --reload).
        try:
            reader = read_file(args.app)
        except ReaderCodeError as exc:
            return fail(str(exc))
    whole_app = reader is not None and reader.create_app is not None
    if whole_app and args.reset:
        return fail(
            f"--reset starts the demo's own to-do list over; {args.app} is an app of its own "
            "(create_app): delete its database file to start it over"
        )
    args.whole_app = whole_app
    # An exercise keeps its data beside its file, never in the demo's own list.
    default_file = args.app.with_suffix(".sqlite3") if whole_app else default_sqlite_file()
    database = args.db or Database.sqlite_file(default_file)
    missing = database.missing_driver()
    if missing:
        return fail(missing)
    if args.where:
        print(database.printable())
        return 0
    if whole_app and database.shared:
        return fail(
            f"{args.app} is an app of its own (create_app) that keeps its data in a SQLite "
            "file; pass one with --db FILE, not a database server's URL"
        )
    settings = Settings(
        host=args.host,
        port=resolve_port(parser, args.port),
        database=database,
        pool_size=args.threads,
        allowed_origins=tuple(dict.fromkeys((*DOCS_ORIGINS, *args.allow_origin))),
        allowed_hosts=tuple(args.allowed_host),
        max_todos=args.max_todos,
        app_file=str(args.app.resolve()) if args.app is not None else None,
    )
    if database.shared:  # several demo processes may share it: no lock file, no file checks
        return run(settings, args)
    return run_on_file(settings, args)


def run_on_file(settings: Settings, args: argparse.Namespace) -> int:
    """A SQLite file is one server's: refuse a file that is not SQLite, and hold its lock
    (file_lock) while serving it."""
    path = settings.database.path
    url = base_url(settings.host, settings.port)
    with ExitStack() as held:
        try:
            check_is_sqlite(path)
            held.enter_context(file_lock.holding(path, f"demo-server (pid {os.getpid()}, {url})"))
        except NotADatabaseError:
            return fail(
                f"{path} is not a SQLite database; pass another file with --db "
                "(the file was left untouched)"
            )
        except file_lock.DatabaseInUseError as exc:
            if args.reset:
                return fail(
                    f"cannot reset {path}: {exc.holder} is serving it; stop that server "
                    "first (Ctrl-C where it runs), then run demo-server --reset again"
                )
            return fail(
                f"{path} is in use by {exc.holder}; stop that server first, "
                "or pass another file with --db"
            )
        except IsADirectoryError:
            return fail(
                f"{path} is a folder; pass a file with --db, e.g. --db {path / 'todos.sqlite3'}"
            )
        except OSError as exc:
            return fail(f"cannot open the database {path}: {exc}")
        return run(settings, args)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Serve `settings` until stopped; the caller holds a SQLite file's lock throughout."""
    if args.reload and not reload_available():
        return fail("--reload needs the watchfiles package: pip install watchfiles")
    try:
        ensure_port_free(settings.host, settings.port)
    except PortInUseError:
        suggestion = settings.port + 1 if settings.port < 65535 else DEFAULT_PORT
        return fail(
            f"port {settings.port} on {settings.host} is already in use; "
            f"stop the other server or pick another port, e.g. --port {suggestion}"
        )
    except OSError as exc:
        return fail(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}")
    where = settings.database.printable()
    try:
        # After the port check: a reset never deletes the list for a server that cannot start.
        # An app of the reader's own (an exercise) makes its own tables.
        if not args.whole_app:
            initialise(settings.database, reset=args.reset)
    except (OSError, sqlite3.Error, Unavailable) as exc:
        return fail(f"cannot open the database {where}: {exc}")
    if not is_loopback(listen_address(settings.host)):
        fail(
            f"WARNING: listening on {settings.host}: anyone who can reach this machine can "
            "read and change the demo's to-dos. Use --host 127.0.0.1 unless you mean it."
        )
    print(f"Database: {where}", flush=True)
    serve(settings, workers=args.workers, threads=args.threads, reload=args.reload)
    print("Server stopped.", flush=True)
    return 0
