"""A page's fenced code blocks, with their line numbers, and the ones never closed.

Superfences renders the fences; this only finds them, for the checks that need a line number.
Fences count wherever they are: indented in a list item, an admonition or a content tab, or
behind `>` in a blockquote. A fence inside a longer one (a page that *shows* the syntax) is
content, as Markdown treats it.

A fence left open does not fail the build: Markdown ends it at the next bare fence line, so it
swallows the prose after it and the next block's opening line, and the pairs shift from there
on. So an opening line (with a language) inside a fence of the same kind is taken as the sign
that the fence before it was meant to close, and the warning names the line that was left open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_plugins.page_checks.problems import Problem

OPENING = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
PREFIX = " \t>"


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based, the opening line
    marker: str  # the fence characters, e.g. "```"
    info: str  # what follows the fence characters, e.g. "http try"
    body: tuple[str, ...]  # the lines inside, without the fence's own indentation or `>`
    closed: bool

    @property
    def language(self) -> str:
        words = self.info.split()
        return words[0].lstrip(".") if words else ""

    @property
    def options(self) -> set[str]:
        """The words after the language, without values: `http try` gives {"try"}."""
        return {word.partition("=")[0] for word in self.info.split()[1:]}


def find_fences(markdown: str) -> list[Fence]:
    """Every fenced block of the page, in order (not the fences shown inside them)."""
    lines = markdown.split("\n")
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        match = _opening(lines[index])
        if match is None:
            index += 1
            continue
        fence, prefix = match["fence"], len(match["prefix"])
        end, closed = _end(lines, index + 1, fence)
        body = tuple(_unprefixed(line, prefix) for line in lines[index + 1 : end])
        fences.append(Fence(index + 1, fence, match["info"].strip(), body, closed))
        index = end + 1 if closed else end
    return fences


def unclosed_fences(fences: list[Fence]) -> list[Problem]:
    return [
        Problem(f.line, f"code fence {f.marker}{f.info} is never closed: end it with {f.marker}")
        for f in fences
        if not f.closed
    ]


def _opening(line: str) -> re.Match[str] | None:
    match = OPENING.match(line)
    # A backtick fence's info has no backticks: "```a``` b" is inline code, not a fence.
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    return match


def _end(lines: list[str], start: int, fence: str) -> tuple[int, bool]:
    """Where the fence opened before `start` ends, and whether a closing line ends it."""
    closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for index in range(start, len(lines)):
        if closing.match(lines[index]):
            return index, True
        match = _opening(lines[index])
        if (
            match
            and match["info"].strip()
            and match["fence"][0] == fence[0]
            and len(match["fence"]) >= len(fence)
        ):
            return index, False
    return len(lines), False


def _unprefixed(line: str, width: int) -> str:
    """`line` without the first `width` characters of indentation or blockquote markers."""
    cut = 0
    while cut < width and cut < len(line) and line[cut] in PREFIX:
        cut += 1
    return line[cut:]
