"""Snippet references checked before pymdownx.snippets sees them.

With `check_paths`, a missing snippet makes pymdownx raise from deep inside Markdown: the build
dies with a forty-line traceback. Checked first, it is one warning naming the page and the file,
and the marker is escaped so the rest of the page still builds.
"""

from __future__ import annotations

import re
from pathlib import Path

MARKER = re.compile(
    r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<spec>[^"']+)(?P=q)[ \t]*$""", re.M
)
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


def check_snippets(markdown: str, base_paths: list[Path]) -> tuple[str, list[str]]:
    """The page with every broken snippet marker escaped, and one problem per broken marker."""
    problems: list[str] = []

    def one(match: re.Match[str]) -> str:
        problem = snippet_problem(match["spec"], base_paths)
        if problem is None:
            return match.group(0)
        problems.append(problem)
        return f"{match['indent']};{match.group(0).lstrip()}"  # ';' escapes the marker

    return MARKER.sub(one, markdown), problems
