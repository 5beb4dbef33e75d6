"""JSON in and out for the API: bounded, validated, and every failure a clear JSON error."""

from __future__ import annotations

import json
import re
from typing import Any

from bottle import HTTPError, HTTPResponse, request

MAX_BODY = 64 * 1024
JSON_TYPE = "application/json"
#: No to-do needs more than a few levels; the parser recurses once per level, and on Pyodide
#: (the demo in a browser tab) a few thousand levels overflow the stack and kill Python.
MAX_DEPTH = 32
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON `text` (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in BRACKET.findall(STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def json_response(
    data: Any, status: int = 200, media_type: str = JSON_TYPE, **headers: str
) -> HTTPResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return HTTPResponse(
        body.encode("utf-8"), status=status, Content_Type=f"{media_type}; charset=utf-8", **headers
    )


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


def fail(status: int, message: str) -> HTTPError:
    """An error for the error handler to render as JSON; raise it."""
    return HTTPError(status, message)


def parse_json(text: str, what: str, invalid: str) -> Any:
    """`text` as JSON, refused (400) past MAX_DEPTH levels, before the parser recurses into
    them. `what` names it in the messages; `invalid` is the message for text that is not JSON
    (`{error}` in it becomes the parser's reason)."""
    if nesting_depth(text) > MAX_DEPTH:
        raise fail(400, f"{what} is nested too deeply (the limit is {MAX_DEPTH} levels)")
    try:
        return json.loads(text)
    except RecursionError:
        raise fail(400, f"{what} is nested too deeply") from None
    except ValueError as exc:
        raise fail(400, invalid.format(error=exc)) from None


def read_json_object() -> dict[str, Any]:
    """The request body as a JSON object, or a 413/415/400 naming what is wrong."""
    media_type = (request.content_type or "").split(";", 1)[0].strip().lower()
    if media_type != JSON_TYPE:
        raise fail(415, f"send the body as {JSON_TYPE} (got {media_type or 'no Content-Type'})")
    length = request.content_length
    if length > MAX_BODY:
        raise fail(413, f"the body is {length} bytes; the limit is {MAX_BODY}")
    stream = request.environ["wsgi.input"]
    raw = stream.read(min(length, MAX_BODY + 1)) if length >= 0 else stream.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise fail(413, f"the body is over the limit of {MAX_BODY} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(400, f"the body is not valid UTF-8 (byte {exc.start})") from None
    data = parse_json(text, "the JSON", "the body is not valid JSON: {error}")
    if not isinstance(data, dict):
        raise fail(400, 'the body must be a JSON object, like {"title": "..."}')
    return data
