"""`demo-server` / `python -m demo_server`: start the demo the way `node app.js` starts Express."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from demo_server import db
from demo_server.serving import PortInUseError, ensure_port_free, serve
from demo_server.settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DOCS_ORIGINS,
    PORT_ENV,
    Settings,
    default_db,
)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="demo-server",
        description="The Backend Basics demo: the pages' Express hello-world, served by Bottle.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=None,
        help=f"port to listen on (default: ${PORT_ENV} if set, else {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"the SQLite file that keeps the to-dos (default: {default_db()})",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start over: delete the database and seed it with the pages' to-do list",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help=f"also let pages from ORIGIN call the API (always: {', '.join(DOCS_ORIGINS)})",
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


def fail(message: str) -> None:
    print(f"demo-server: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings(
        host=args.host,
        port=resolve_port(parser, args.port),
        db=(args.db or default_db()).expanduser().resolve(),
        allowed_origins=(*DOCS_ORIGINS, *(o.rstrip("/") for o in args.allow_origin)),
    )
    try:
        db.initialise(settings.db, reset=args.reset)
    except db.NotADatabaseError:
        fail(
            f"{settings.db} is not a SQLite database; pass another file with --db "
            "(the file was left untouched)"
        )
        return 2
    except (OSError, db.sqlite3.Error) as exc:
        fail(f"cannot open the database {settings.db}: {exc}")
        return 2
    try:
        ensure_port_free(settings.host, settings.port)
    except PortInUseError:
        suggestion = settings.port + 1 if settings.port < 65535 else DEFAULT_PORT
        fail(
            f"port {settings.port} on {settings.host} is already in use; "
            f"stop the other server or pick another port, e.g. --port {suggestion}"
        )
        return 2
    except OSError as exc:
        fail(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}")
        return 2
    if not settings.is_loopback:
        fail(
            f"WARNING: listening on {settings.host}: anyone who can reach this machine can "
            "read and change the demo's to-dos. Use --host 127.0.0.1 unless you mean it."
        )
    print(f"Database: {settings.db}", flush=True)
    serve(settings, workers=args.workers, threads=args.threads)
    print("Server stopped.", flush=True)
    return 0
