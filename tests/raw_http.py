"""A deliberately raw HTTP client, for hostile-input tests only: bytes go out exactly as written.

Every other test talks to a real server with `requests`. Hostile requests cannot: requests and
urllib3 normalise or refuse what these tests must send as it is (`/../` and `%2e%2e` in a path,
malformed request lines and headers, broken framing, half-sent requests).
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit


def address(base: str) -> tuple[str, int]:
    """The host and port of a base URL such as "http://127.0.0.1:3000"."""
    parts = urlsplit(base)
    assert parts.hostname and parts.port, f"{base!r} names no host and port"
    return parts.hostname, parts.port


def send_raw(base: str, payload: bytes, timeout: float = 5.0, half_close: bool = False) -> bytes:
    """Send bytes as they are; return whatever comes back before the server closes or goes quiet."""
    with socket.create_connection(address(base), timeout=timeout) as sock:
        try:
            sock.sendall(payload)
            if half_close:  # "that was all": a partial request must not keep us waiting
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may close early on garbage; what it sent is still readable
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
    return b"".join(chunks)
