"""The one reader of a page's Markdown source for what the checks need a line number for.

Superfences renders the fences and pymdownx.snippets includes the files; this module only finds
them, with their lines, for the page checks (unclosed fences, `http try` examples, snippet
references), the console-command runner and the author loop (which files a page includes).
One reading, so that the three never disagree about where a fence ends or what a marker is.

Fences count wherever they are: indented in a list item, an admonition or a content tab, or
behind `>` in a blockquote. A fence inside a longer one (a page that *shows* the syntax) is
content, as Markdown treats it. A fence left open does not fail the build: Markdown ends it at
the next bare fence line, so it swallows the prose after it and the next block's opening line,
and the pairs shift from there on. So an opening line (with a language) inside a fence of the
same kind is taken as the sign that the fence before it was meant to close.

Snippet markers are read as pymdownx.snippets reads them (its `RE_ALL_SNIPPETS`; a test holds
the two equal): `--8<-- "file"` on a line of its own, or a block of file names between two bare
`--8<--` lines; nothing may follow a marker, not even a space; a leading `;` escapes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
PREFIX = " \t>"
#: A snippet marker line: `--8<-- "file"` (inline) or a bare `--8<--` (a block's start or end).
SNIPPET_MARKER = re.compile(
    r"""^[ \t]*(?P<escape>;*)(?:-+8<-+[ \t]+"""
    r"""(?P<quoted>"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')(?![ \t])"""
    r"""|(?P<block>-+8<-+)(?![ \t]))\r?$"""
)


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based, the opening line
    marker: str  # the fence characters, e.g. "```"
    info: str  # what follows the fence characters, e.g. "http try"
    body: tuple[str, ...]  # the lines inside, without the fence's own indentation or `>`
    closed: bool

    @property
    def language(self) -> str:
        """`console` from `console`, `console title="x"`, `{.console title="x"}`, `{ .console }`."""
        info = self.info.lstrip("{").strip().lstrip(".")
        return re.split(r"[\s{}]", info, maxsplit=1)[0] if info else ""

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


@dataclass(frozen=True)
class SnippetReference:
    line: int  # 1-based
    spec: str  # as written: "path", "path:section" or "path:3:9"
    in_block: bool  # a name between two `--8<--` lines, not a `--8<-- "path"` line


@dataclass(frozen=True)
class Snippets:
    references: list[SnippetReference] = field(default_factory=list)
    #: The line of a block marker never closed (pymdownx then reads every line after it as a
    #: file name), or None.
    unclosed_block: int | None = None


def find_snippets(markdown: str) -> Snippets:
    """Every file `markdown` includes, in order, as pymdownx.snippets would read them."""
    references: list[SnippetReference] = []
    block_start: int | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        marker = SNIPPET_MARKER.match(line)
        if marker and marker["escape"]:
            continue  # shown as typed, without its first `;`
        if marker and marker["block"]:
            block_start = None if block_start else number
            continue
        if block_start:
            # pymdownx ignores a `--8<-- "file"` line in a block, and a name behind `;`.
            name = line.strip()
            if not marker and name and not name.startswith(";"):
                references.append(SnippetReference(number, name, True))
        elif marker:
            name = marker["quoted"][1:-1].strip()
            if name and not name.startswith(";"):
                references.append(SnippetReference(number, name, False))
    return Snippets(references, block_start)


def lines_before(source: str, markdown: str) -> int:
    """How many lines of the file `source` come before `markdown`, the part of it MkDocs kept
    (it takes the front matter off and leaves the rest as read)."""
    if not source.endswith(markdown):
        return 0
    return source.count("\n", 0, len(source) - len(markdown))


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
