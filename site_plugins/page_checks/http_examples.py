"""The request in each ```` ```http try ```` block, checked as the page script will send it.

A block the script cannot parse builds fine and then fails in the reader's browser with a
misleading "the demo server is not answering"; checked here, it is a warning with its line.
The page script parses the same grammar (assets/http-example.js, `parseRequest`), given to it
as data from site_plugins/live_demo/http_grammar.py, where it is defined once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from site_plugins.live_demo.fences import LANGUAGE, OPTION
from site_plugins.live_demo.http_grammar import BODY_STARTS, HEADER_NAME, METHODS, NO_BODY, VERSION
from site_plugins.markdown_scan import Fence
from site_plugins.problems import Problem

REQUEST_LINE = f"METHOD /path {VERSION}"
HEADER = re.compile(f"^{HEADER_NAME}:")
GLUED = re.compile(r"^(?P<method>[A-Za-z]+)(?P<path>/\S*)$")
WHAT = "http try example"


def http_example_problems(fences: list[Fence]) -> list[Problem]:
    """One problem per wrong line of every runnable example, at its line in the page."""
    return [
        Problem(fence.line + problem.line, f"{WHAT}: {problem.message}")
        for fence in fences
        if fence.language == LANGUAGE and OPTION in fence.options
        for problem in request_problems(fence.body)
    ]


def request_problems(lines: Sequence[str]) -> list[Problem]:
    """What is wrong with the request in `lines`; line 1 is the request line."""
    if not "".join(lines).strip():
        return [Problem(1, f"the block is empty; write {REQUEST_LINE} on its first line")]
    method, problem = _request_line(lines[0])
    problems = [Problem(1, problem)] if problem else []
    body_at = None
    for index, line in enumerate(lines[1:], start=2):
        if not line.strip():
            body_at = next((i for i in range(index, len(lines)) if lines[i].strip()), None)
            break
        if line.lstrip().startswith(BODY_STARTS):
            problems.append(Problem(index, "put a blank line between the headers and the body"))
            break
        if not HEADER.match(line):
            problems.append(Problem(index, f"{line.strip()!r} is not a header: write Name: value"))
    if body_at is not None and method in NO_BODY:
        problems.append(
            Problem(body_at + 1, f"a {method} request has no body: remove it, or use POST or PUT")
        )
    return problems


def _request_line(line: str) -> tuple[str, str | None]:
    """The request's method, and what is wrong with its first line (None when nothing is)."""
    parts = line.split()
    glued = GLUED.match(parts[0]) if parts else None
    if glued:
        return glued["method"], (
            f"put a space between the method and the path: {glued['method']} {glued['path']}"
        )
    if len(parts) != 3:
        return (parts[0] if parts else ""), f"the first line must be {REQUEST_LINE}, not {line!r}"
    method, path, version = parts
    if method not in METHODS:
        close = difflib.get_close_matches(method.upper(), METHODS, n=1)
        hint = f"did you mean {close[0]}?" if close else f"use one of {', '.join(METHODS)}"
        return method, f"{method!r} is not an HTTP method ({hint})"
    url = urlsplit(path)
    if url.scheme or url.netloc:
        local = url._replace(scheme="", netloc="").geturl() or "/"
        return method, (
            f"write the path ({local}), not a full URL: the reader chooses where the demo runs"
        )
    if not path.startswith("/"):
        return method, f"the path must start with /, like /{path}"
    if version != VERSION:
        return method, f"the first line must end with {VERSION}, not {version}"
    return method, None
