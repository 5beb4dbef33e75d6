"""A free local port for a server this process is about to start.

A port the kernel picks (bind to 0) comes from the range it also gives outgoing connections,
so between the pick and the server's own bind, any outgoing connection (a demo's to
PostgreSQL, say) may take it: seen once in a fresh-clone test run. Ports are picked below that
range instead, at random, never the same one twice in a process. The tests, the benchmarks and
`make check-pages` all start servers this way.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

#: Ports handed out by this process: never twice, though a server may not have bound one yet.
_GIVEN: set[int] = set()


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default; macOS and Windows start theirs at 49152


def free_port() -> int:
    """A port nothing listens on, below the range the kernel gives outgoing connections."""
    low = min(_ephemeral_low(), 32768)
    for _ in range(200):
        port = random.randrange(10_000, low)
        if port in _GIVEN:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _GIVEN.add(port)
        return port
    raise RuntimeError(f"no free port found between 10000 and {low}")
