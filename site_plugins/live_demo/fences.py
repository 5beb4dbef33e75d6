"""Turning runnable examples in Markdown into widgets the page script finds.

The syntax is one word on the fence: ```` ```http try ````. The block stays an ordinary
highlighted `http` code block, wrapped in `<div class="live-demo" markdown>`, so a page without
the script (or a reader without JavaScript) still shows the example as code. An empty slot
after it is where `controls` puts the Try it bar.
"""

from __future__ import annotations

import re

from site_plugins.live_demo.controls import BAR_SLOT

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
TRY = re.compile(r"^\s*http\s+try\s*$")


def mark_runnable_examples(markdown: str) -> tuple[str, int]:
    """The page with every ```` ```http try ```` block wrapped, and how many there were.

    Fences inside other fences (a page that *shows* the syntax) are left alone.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    count = 0
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"]
        end = _closing(lines, i + 1, fence)
        block = lines[i : end + 1]
        if TRY.match(info):
            count += 1
            out += [
                f'{indent}<div class="live-demo" markdown>',
                "",
                f"{indent}{fence}http",
                *block[1:],
                "",
                f"{indent}{BAR_SLOT}",
                "",
                f"{indent}</div>",
            ]
        else:
            out += block
        i = end + 1
    return "\n".join(out), count


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing `fence` (or the last line, as Markdown treats an open fence)."""
    pattern = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index
    return len(lines) - 1
