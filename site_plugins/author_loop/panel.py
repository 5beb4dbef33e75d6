"""The panel that shows the last build's problems on every page `mkdocs serve` sends.

An aside with a heading (a landmark a screen reader lists), a close button that the keyboard
reaches and Escape also works, colours taken from Material's scheme variables so it reads in
light and dark. It is inlined (style and script) so it needs no file in the site and leaves no
trace in `mkdocs build`, which never calls this.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
PANEL_ID = "author-loop-problems"


@cache
def _assets() -> tuple[str, str]:
    return (
        (ASSETS / "panel.css").read_text(encoding="utf-8"),
        (ASSETS / "panel.js").read_text(encoding="utf-8"),
    )


def panel_html(problems_url: str) -> str:
    css, js = _assets()
    url = html.escape(problems_url, quote=True)
    return (
        f"<style>{css}</style>"
        f'<aside id="{PANEL_ID}" class="author-loop-problems" data-problems="{url}" '
        f'aria-labelledby="{PANEL_ID}-title" aria-live="polite" hidden>'
        f'<h2 id="{PANEL_ID}-title">Build problems</h2>'
        f'<button type="button" aria-label="Dismiss build problems" title="Dismiss (Esc)">'
        f"&#x2715;</button><ul></ul></aside>"
        f"<script>{js}</script>"
    )


def add_panel(page_html: str, problems_url: str) -> str:
    """`page_html` with the panel just before `</body>` (at the end if there is none)."""
    end = page_html.rfind("</body>")
    if end < 0:
        return page_html + panel_html(problems_url)
    return page_html[:end] + panel_html(problems_url) + page_html[end:]
