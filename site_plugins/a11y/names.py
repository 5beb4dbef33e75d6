"""Giving unnamed controls a name, in rendered HTML.

Lighthouse (axe) flags two gaps in a stock Material page: the search dialog has no accessible
name, and pymdownx.tasklist's checkboxes have none either (their text sits outside the label).
A screen reader then announces "dialog" and "checkbox, not checked" with nothing after it.
"""

from __future__ import annotations

import html
import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
TASK_ITEM = re.compile(
    r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox")'
    r"([^>]*>.*?</label>)([^<]*)",
    re.S,
)


def name_search_dialog(page_html: str, label: str = "Search") -> str:
    named = SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(label, quote=True)}">'
    return page_html.replace(SEARCH_DIALOG, named)


def name_task_checkboxes(page_html: str) -> str:
    """`aria-label` on each task-list checkbox: the item's own text, up to its first tag."""

    def one(match: re.Match[str]) -> str:
        text = " ".join(html.unescape(match.group(3)).split())
        if not text or "aria-label" in match.group(2):
            return match.group(0)
        label = html.escape(text, quote=True)
        return f'{match.group(1)} aria-label="{label}"{match.group(2)}{match.group(3)}'

    return TASK_ITEM.sub(one, page_html)
