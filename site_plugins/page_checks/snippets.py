"""Snippet references checked before pymdownx.snippets sees them.

With `check_paths`, a missing snippet makes pymdownx raise from deep inside Markdown: the build
dies with a forty-line traceback (and `mkdocs serve` hangs). Checked first, it is one warning
naming the line and the file, and the reference is escaped with `;` so the rest of the page still
builds. Both forms are checked: a line `--8<-- "file"`, and a block of file names between two
`--8<--` lines (site_plugins/markdown_scan reads them as pymdownx does).
"""

from __future__ import annotations

import re
from pathlib import Path

from site_plugins.markdown_scan import find_snippets
from site_plugins.problems import Problem

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
    found = find_snippets(markdown)
    problems: list[Problem] = []
    if found.unclosed_block:
        # Left open, it would read every line to the end of the page as a file name.
        opened = found.unclosed_block
        problems.append(Problem(opened, "snippet block is never closed: end it with --8<--"))
        lines[opened - 1] = _escaped(lines[opened - 1])
        # Escaped, the marker opens nothing: what follows it is read as the page's own lines.
        found = find_snippets("\n".join(lines))
    for reference in found.references:
        problem = snippet_problem(reference.spec, base_paths)
        if problem:
            problems.append(Problem(reference.line, problem))
            lines[reference.line - 1] = _escaped(lines[reference.line - 1])
    return "\n".join(lines), sorted(problems)


def _escaped(line: str) -> str:
    """`line` as pymdownx leaves alone: a marker shown as typed, a block's file name skipped."""
    text = line.lstrip()
    return f"{line[: len(line) - len(text)]};{text}"
