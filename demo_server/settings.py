"""Where the demo server listens, and the settings the app factory takes.

Every other file (the CLI, `make serve`, the tests) reads the defaults from here, so the port in
the pages, the Makefile and the code cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
#: Express's hello-world listens on 3000; the demo stands in for it, so it does too.
DEFAULT_PORT = 3000
#: Express apps read their port from this variable; so does the demo.
PORT_ENV = "PORT"

#: Environment variables that carry the settings from the CLI into the server's worker processes.
ENV_PREFIX = "DEMO_SERVER_"


@dataclass(frozen=True)
class Settings:
    """What `create_app` needs to know. Tests build their own."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT

    def to_environ(self) -> dict[str, str]:
        return {ENV_PREFIX + "HOST": self.host, ENV_PREFIX + "PORT": str(self.port)}

    @classmethod
    def from_environ(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            host=env.get(ENV_PREFIX + "HOST", DEFAULT_HOST),
            port=int(env.get(ENV_PREFIX + "PORT", DEFAULT_PORT)),
        )


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
