"""Finding front matter that MkDocs silently ignored, or that says something no page uses.

MkDocs 1.6 treats a page whose front matter is not valid YAML as a page with no front matter:
the `---` block is rendered as text and the title, description or template it set are lost,
with no message at all. A misspelt key (`descripton:`) is kept and never read, just as quietly.
This finds both and says what is wrong, in one line.
"""

from __future__ import annotations

import difflib
import re

import yaml

from site_plugins.problems import Problem

BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.S)
TEXT, LIST, MAPPING = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
KINDS = {TEXT: "text", LIST: "a list", MAPPING: "a mapping"}

#: Every front matter key this site's pages may use (MkDocs' and Material's), and its value.
KEYS = {
    "title": TEXT,
    "description": TEXT,
    "template": TEXT,
    "hide": LIST,
    "search": MAPPING,
}


def front_matter_problem(markdown: str) -> Problem | None:
    """Why the page's leading `---` block is not usable front matter (and on which line of the
    page), or None when it is fine."""
    match = BLOCK.match(markdown)
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 2 if mark is not None else 1
        return Problem(line, f"front matter is not valid YAML: {problem}")
    if data is not None and not isinstance(data, dict):
        return Problem(1, "front matter must be a mapping of keys to values (like `title: ...`)")
    return None


def front_matter_key_problems(source: str) -> list[Problem]:
    """Keys of the page's front matter that are not in `KEYS` or hold the wrong kind of value.

    `source` is the whole page file, so the lines are the file's."""
    match = BLOCK.match(source)
    try:
        node = yaml.compose(match.group(1), Loader=yaml.SafeLoader) if match else None
    except yaml.YAMLError:
        return []  # front_matter_problem says why
    if not isinstance(node, yaml.MappingNode):
        return []
    problems = []
    for key, value in node.value:
        line = key.start_mark.line + 2  # the block starts on the file's second line
        if key.value not in KEYS:
            close = difflib.get_close_matches(key.value, KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(KEYS)}"
            problems.append(Problem(line, f"unknown front matter key {key.value!r} ({hint})"))
        elif value.tag != KEYS[key.value]:
            problems.append(
                Problem(line, f"front matter key {key.value!r} must be {KINDS[KEYS[key.value]]}")
            )
    return problems
