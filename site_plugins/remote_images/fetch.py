"""Downloading one image with hard limits: the build must never hang or swallow a huge file."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "backend-basics-remote-images/1"


class FetchError(Exception):
    """Why a download was refused, in words fit for a one-line warning."""


@dataclass(frozen=True)
class Fetched:
    body: bytes
    content_type: str


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def _opener() -> urllib.request.OpenerDirector:
    # No ProxyHandler from the environment surprises, no cookies: a plain, bounded GET.
    return urllib.request.build_opener(_LimitedRedirects())


def download(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET `url`; refuse non-images, bodies over `max_bytes`, and anything slower than `timeout`.

    `timeout` bounds the whole download, not each read: a server that trickles one byte a
    second would otherwise keep a build waiting for ever.
    """
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if not content_type.startswith("image/"):
                raise FetchError(f"not an image (Content-Type: {content_type})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"too large ({int(declared)} bytes, limit {max_bytes})")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"too slow (over {timeout:g} s)")
                chunk = (
                    response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
                )
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"too large (over {max_bytes} bytes)")
                chunks.append(chunk)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"too slow (over {timeout:g} s)") from None
        raise FetchError(f"unreachable ({reason})") from None
    except TimeoutError:
        raise FetchError(f"too slow (over {timeout:g} s)") from None
    except OSError as exc:
        raise FetchError(f"download failed ({exc.strerror or exc.__class__.__name__})") from None
    if not chunks:
        raise FetchError("empty response")
    return Fetched(b"".join(chunks), content_type)
