"""The grammar of a ```` ```http try ```` example, defined once.

Two readers of it: page_checks (http_examples.py) checks every example at build time and says
what is wrong with its line; the page script (assets/http-example.js) parses the example the
reader sends, which since examples are editable may be the reader's own. The script gets this
as data in the page's config (`as_data`), so the two cannot drift apart.
"""

from __future__ import annotations

#: The methods an example may use.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
#: The methods whose example may not have a body.
NO_BODY = ("GET", "HEAD", "DELETE")
#: The version every request line ends with.
VERSION = "HTTP/1.1"
#: A header's name: an HTTP token (RFC 9110, section 5.6.2), written right before its colon.
HEADER_NAME = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
#: How a body starts when it was written where a header should be (no blank line before it).
BODY_STARTS = ("{", "[", "<")


def as_data() -> dict:
    """The grammar for the page script (JSON, with a regular expression both languages read
    alike)."""
    return {
        "methods": list(METHODS),
        "noBody": list(NO_BODY),
        "version": VERSION,
        "headerName": HEADER_NAME,
        "bodyStarts": list(BODY_STARTS),
    }
