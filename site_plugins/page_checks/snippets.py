"""Snippet references checked before pymdownx.snippets sees them.

With `check_paths`, a missing snippet makes pymdownx raise from deep inside Markdown: the build
dies with a forty-line traceback (and `mkdocs serve` hangs). Checked first, it is one warning
naming the line and the file, and the reference is escaped with `;` so the rest of the page still
builds. Both forms are checked: a line `--8<-- "file"`, and a block of file names between two
`--8<--` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_plugins.page_checks.problems import Problem

INLINE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<spec>[^"']+)(?P=q)[ \t]*$""")
# As pymdownx reads it: nothing after the marker, not even spaces.
BLOCK_MARKER = re.compile(r"^[ \t]*-{1,}8<-{1,}$")
LINE_RANGE = re.compile(r"^\d*(:\d*)?$")


def snippet_problem(spec: str, base_paths: list[Path]) -> str | None:
    """Why `spec` ("path", "path:section" or "path:start:end") cannot be included, or None."""
    if spec.startswith(("http://", "https://")):
        return None
    path, _, selector = spec.partition(":")
    found = next((base / path for base in base_paths if (base / path).is_file()), None)
    if found is None:
        return f"snippet file {path} not found (looked in {', '.join(map(str, base_paths))})"
    if selector and not LINE_RANGE.match(selector):
        text = found.read_text(encoding="utf-8")
        if f"[start:{selector}]" not in text or f"[end:{selector}]" not in text:
            return f"snippet section '{selector}' not found in {path}"
    return None


def snippet_problems(markdown: str, base_paths: list[Path]) -> tuple[str, list[Problem]]:
    """The page with every broken reference escaped, and one problem per broken reference."""
    lines = markdown.split("\n")
    markers = [index for index, line in enumerate(lines) if BLOCK_MARKER.match(line)]
    problems: list[Problem] = []
    if len(markers) % 2:
        # Left open, it would read every line to the end of the page as a file name.
        opened = markers.pop()
        problems.append(Problem(opened + 1, "snippet block is never closed: end it with --8<--"))
        lines[opened] = _escaped(lines[opened])
    pairs = zip(markers[::2], markers[1::2], strict=True)
    in_block = {index for start, end in pairs for index in range(start + 1, end)}
    for index, line in enumerate(lines):
        spec = _spec(line, index in in_block)
        problem = snippet_problem(spec, base_paths) if spec else None
        if problem:
            problems.append(Problem(index + 1, problem))
            lines[index] = _escaped(line)
    return "\n".join(lines), sorted(problems)


def _spec(line: str, in_block: bool) -> str:
    """The file `line` includes, or "" (pymdownx ignores a `--8<-- "file"` line in a block)."""
    match = INLINE.match(line)
    if in_block:
        return "" if match or line.strip().startswith(";") else line.strip()
    return match["spec"] if match else ""


def _escaped(line: str) -> str:
    """`line` as pymdownx leaves alone: a marker shown as typed, a block's file name skipped."""
    text = line.lstrip()
    return f"{line[: len(line) - len(text)]};{text}"
