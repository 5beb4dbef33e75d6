"""Which `Host` names the demo answers: the defence against DNS rebinding.

A page on a name its owner controls can point that name at 127.0.0.1 after it loaded. Its
requests then go to the demo on the reader's machine, yet to the browser they are same-origin,
so CORS never runs: without this check, that page could read and change the to-dos. It cannot
choose the Host its requests carry, though: they name the page's own site. So the demo answers
only names that cannot be pointed elsewhere (IP addresses, `localhost` and its subdomains,
which browsers resolve to loopback themselves) and the names its user allows by hand
(`--allowed-host`), the check webpack-dev-server, Vite, Jupyter and Django's ALLOWED_HOSTS make.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection
from functools import lru_cache

from bottle import HTTPError, request


def host_name(header: str) -> str:
    """The name in a Host header, lowercased, without port or brackets: "[::1]:3000" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        inside, bracket, _port = header[1:].partition("]")
        return inside if bracket else header  # "[::1" is no address, and passes nothing
    name, _, _port = header.partition(":")
    return name.rstrip(".")  # "localhost." is localhost


def cannot_be_rebound(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def allowed_host(header: str | None, extra: Collection[str] = ()) -> bool:
    """Whether a request with this Host header may reach the app. No header, or an empty one,
    passes: HTTP/1.0 does not require one (a script's request may have none), and a rebinding
    attack needs a browser, which always sends the page's own name. (Granian hands over a
    missing Host as an empty HTTP_HOST, so the two cannot be told apart, nor need to be.)"""
    if not header:
        return True
    return _loopback_name(header) or host_name(header) in extra


@lru_cache(maxsize=256)
def _loopback_name(header: str) -> bool:
    """Remembered: a demo sees the same one or two Host headers on every request, and parsing
    an address costs more than the rest of a hello-world request's checks together."""
    return cannot_be_rebound(host_name(header))


def refuse_unknown_hosts(extra: Collection[str] = ()) -> Callable[[], None]:
    """A `before_request` hook, the first: 403 for a Host that could have been rebound."""
    allowed = frozenset(name.lower() for name in extra)

    def check() -> None:
        header = request.environ.get("HTTP_HOST")
        if not allowed_host(header, allowed):
            name = host_name(header or "")
            raise HTTPError(
                403,
                f"this demo answers to IP addresses and localhost, not to the name {name!r} "
                "(to serve it under a name on purpose, start it with --allowed-host NAME)",
            )

    return check
