"""CSRF prevention for GraphQL over GET, as Apollo Server does it.

A page on any other origin can make a browser send a "simple" request (GET, or POST with a
form's or text/plain's Content-Type) without asking first, with the reader's cookies and to
the reader's own 127.0.0.1. It cannot read the answer, but the server has already done the
work: enough for a query that costs a second to stall the demo for everyone. A header of
these, or a Content-Type that is not a simple one, makes the browser ask first (a CORS
preflight), which demo_server.cors answers only for the allowed origins. POST to /graphql
already takes only application/json (jsonio), which is not simple: the rule is for GET.
"""

from __future__ import annotations

from collections.abc import Callable

#: Any of these, non-empty, marks a request a page could not send without a preflight.
#: Apollo's names, so Apollo's clients (and anyone who read Apollo's docs) need no change.
PREFLIGHT_HEADERS = ("Apollo-Require-Preflight", "X-Apollo-Operation-Name")
#: The Content-Types a browser sends cross-origin without a preflight (the Fetch standard).
SIMPLE_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}


def csrf_refusal(get_header: Callable[[str], str | None]) -> str | None:
    """Why this request could have come from another site's page unasked, or None."""
    if any((get_header(name) or "").strip() for name in PREFLIGHT_HEADERS):
        return None
    content_type = (get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in SIMPLE_TYPES:
        return None
    return (
        f"add the header '{PREFLIGHT_HEADERS[0]}: true' to a GET of /graphql "
        "(so that another site's page cannot send it without asking: CSRF prevention)"
    )
