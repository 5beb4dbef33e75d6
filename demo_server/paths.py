"""A path whose bytes are not UTF-8 is refused, not answered as some other path.

WSGI hands the app the percent-decoded path as bytes in a Latin-1 str. Bottle decodes it as
UTF-8 and drops every byte that is not (`errors="ignore"`), so `/api/todo%ffs/1000` was
routed as `/api/todos/1000` and answered as to-do 1000. (Granian passes the byte through;
a raw, unescaped byte of that kind it refuses itself with a 400.) Behind Granian's RSGI
interface (demo_server.gateway) the path arrives already decoded, each such byte replaced by
U+FFFD, the replacement character: that is refused too (no route has one).
"""

from __future__ import annotations

from collections.abc import Callable

from bottle import HTTPError, request

#: Where Bottle keeps PATH_INFO as the server gave it, before its own decoding replaced it.
#: Not in Bottle's documentation: test_paths fails if it ever moves.
RAW_PATH_KEY = "bottle.raw_path"
#: What a decoder writes for a byte that is not UTF-8.
REPLACEMENT = "\ufffd"


def is_utf8_path(path: str) -> bool:
    """Whether a WSGI path (bytes as Latin-1 characters) is UTF-8 text once decoded."""
    if path.isascii():
        return True  # almost every request
    try:
        text = path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return REPLACEMENT not in text


def refuse_undecodable_paths() -> Callable[[], None]:
    """A `before_request` hook, the first: 400 for a path that is not UTF-8."""

    def check() -> None:
        environ = request.environ
        if not is_utf8_path(environ.get(RAW_PATH_KEY, environ.get("PATH_INFO", ""))):
            raise HTTPError(
                400,
                "the path is not UTF-8 text: a percent-escape in it (such as %FF) stands for a "
                "byte that UTF-8 does not allow there",
            )

    return check
