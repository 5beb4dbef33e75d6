"""Where the demo server listens, where it keeps its data, and who may call it.

Every other file (the CLI, `make serve`, the tests) reads the defaults from here, so the port in
the pages, the Makefile and the code cannot drift apart.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

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
#: The pages' origins, whose "Try it" buttons may call the API.
DOCS_ORIGINS = (f"http://127.0.0.1:{DOCS_PORT}", f"http://localhost:{DOCS_PORT}", *SITE_ORIGINS)


def default_db() -> Path:
    """The reader's own data folder (~/.local/share, ~/Library/Application Support,
    %LOCALAPPDATA%): the to-dos survive restarts and upgrades, and never land in a git checkout.

    A function, so that importing the settings needs no platformdirs: the in-browser demo
    (Pyodide) imports this module, keeps its database elsewhere, and has no platformdirs.
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("backend-basics", appauthor=False)) / "todos.sqlite3"


#: Environment variables that carry the settings from the CLI into the server's worker processes.
ENV_PREFIX = "DEMO_SERVER_"

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class Settings:
    """What `create_app` needs to know. Tests build their own."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    db: Path = field(default_factory=default_db)
    allowed_origins: tuple[str, ...] = field(default=DOCS_ORIGINS)

    def to_environ(self) -> dict[str, str]:
        return {
            ENV_PREFIX + "HOST": self.host,
            ENV_PREFIX + "PORT": str(self.port),
            ENV_PREFIX + "DB": str(self.db),
            ENV_PREFIX + "ORIGINS": json.dumps(list(self.allowed_origins)),
        }

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ) if environ is None else environ
        origins = env.get(ENV_PREFIX + "ORIGINS")
        return cls(
            host=env.get(ENV_PREFIX + "HOST", DEFAULT_HOST),
            port=int(env.get(ENV_PREFIX + "PORT", DEFAULT_PORT)),
            db=Path(env[ENV_PREFIX + "DB"]) if ENV_PREFIX + "DB" in env else default_db(),
            allowed_origins=tuple(json.loads(origins)) if origins else DOCS_ORIGINS,
        )

    @property
    def is_loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")


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
