"""Where the demo server listens, where it keeps its data, and who may call it.

Every other file (the CLI, `make serve`, the tests) reads the defaults from here, so the port in
the pages, the Makefile and the code cannot drift apart.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from demo_server.storage.database import Database
from demo_server.storage.interface import MAX_TODOS

DEFAULT_HOST = "127.0.0.1"
#: Express's hello-world listens on 3000; the demo stands in for it, so it does too.
DEFAULT_PORT = 3000
#: Express apps read their port from this variable; so does the demo.
PORT_ENV = "PORT"
#: Where `mkdocs serve` shows the pages (mkdocs.yml's dev_addr; a test keeps the two equal).
DOCS_PORT = 8000
try:
    # Written into the wheel that a built site carries (site_plugins/demo_download): the origin
    # of that site's `site_url`, so a reader who installs the demo from it needs no flag.
    from demo_server._built_for_site import SITE_ORIGINS
except ImportError:  # a checkout, or a wheel built for a site without site_url
    SITE_ORIGINS: tuple[str, ...] = ()
#: The pages whose "Try it" buttons may call the API with no flag: the published site that
#: carried this wheel, if any. Not "anything on port 8000": that is every `python -m
#: http.server` and Django project too; `make serve` allows its own docs address by flag.
DOCS_ORIGINS = SITE_ORIGINS


def default_sqlite_file() -> Path:
    """The reader's own data folder (~/.local/share, ~/Library/Application Support,
    %LOCALAPPDATA%): the to-dos survive restarts and upgrades, and never land in a git checkout.

    A function, so that importing the settings needs no platformdirs: the in-browser demo
    (Pyodide) imports this module, keeps its database elsewhere, and has no platformdirs.
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("backend-basics", appauthor=False)) / "todos.sqlite3"


#: The one environment variable that carries the settings, whole, into the server's workers.
SETTINGS_ENV = "DEMO_SERVER_SETTINGS"


@dataclass(frozen=True)
class Settings:
    """What `create_app` needs to know. Tests build their own."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    #: Where the to-dos are kept (`--db`): a SQLite file, by default the reader's own.
    database: Database = field(default_factory=lambda: Database.sqlite_file(default_sqlite_file()))
    allowed_origins: tuple[str, ...] = field(default=DOCS_ORIGINS)
    #: Host names served besides IP addresses and localhost (see demo_server.hosts).
    allowed_hosts: tuple[str, ...] = ()
    #: The most to-dos the list holds (see demo_server.storage.interface.MAX_TODOS).
    max_todos: int = MAX_TODOS
    #: Connections each worker keeps to a database server: one per thread.
    pool_size: int = 1
    #: The reader's own code to serve (`--app FILE`, demo_server.app_file); None: the demo's.
    app_file: str | None = None

    def to_json(self) -> str:
        """Every field, by `dataclasses.fields`: a field added later travels with no change here."""
        return json.dumps({f.name: _plain(getattr(self, f.name)) for f in fields(self)})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        types = get_type_hints(cls)
        unknown = sorted(set(data) - set(types))
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(unknown)}")
        return cls(**{name: _typed(types[name], value) for name, value in data.items()})

    def to_environ(self) -> dict[str, str]:
        return {SETTINGS_ENV: self.to_json()}

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the CLI handed over; the defaults when started without it."""
        text = (os.environ if environ is None else environ).get(SETTINGS_ENV)
        return cls.from_json(text) if text else cls()


def _plain(value: Any) -> Any:
    """`value` as JSON can carry it."""
    if isinstance(value, Database):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _typed(hint: Any, value: Any) -> Any:
    """The JSON `value` back as the field's type says."""
    if hint is Database:
        return Database.parse(value)
    if get_origin(hint) is tuple:
        return tuple(value)
    return value


def base_url(host: str, port: int) -> str:
    """The URL a person on this machine types to reach a server bound to `host`.

    A wildcard bind (0.0.0.0, ::) is reachable on loopback, which is the address worth printing.
    """
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"
