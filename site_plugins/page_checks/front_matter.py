"""Finding front matter that MkDocs silently ignored.

MkDocs 1.6 treats a page whose front matter is not valid YAML as a page with no front matter:
the `---` block is rendered as text and the title, description or template it set are lost,
with no message at all. This finds such blocks and says what is wrong, in one line.
"""

from __future__ import annotations

import re

import yaml

BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.S)


def front_matter_problem(markdown: str) -> str | None:
    """Why the page's leading `---` block is not usable front matter, or None when it is fine."""
    match = BLOCK.match(markdown)
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return f"front matter is not valid YAML{where}: {problem}"
    if data is not None and not isinstance(data, dict):
        return "front matter must be a mapping of keys to values (like `title: ...`)"
    return None
