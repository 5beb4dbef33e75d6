"""The widgets' controls, written into the page at build time.

Why not by the page script: a script that adds controls after the first layout makes the
browser lay out the whole page again, and Material's code-block observers measure every block
once more. On the API page that was most of the script's cost at load (Lighthouse's blocking
time). Written here, the controls are there at the first paint, and the script only wires one
listener per kind of event and corrects a control whose stored choice differs from the default.
"""

from __future__ import annotations

import re
from html import escape

TAB_LABEL = "this tab (Python in your browser)"
SERVER_LABEL = "my own server"

#: What `fences` leaves in each runnable example for the bar to go in.
BAR_SLOT = '<div class="live-demo__bar"></div>'
#: What `fences` leaves in each exercise's starting code for its bar to go in.
EXERCISE_BAR_SLOT = '<div class="exercise__bar"></div>'
#: Said in place of Check by a build without the tab's runtime (no npm at build time).
NO_TAB_CHECK = (
    "Check runs in your browser, and this copy of the site was built without it: "
    "run the checks on your computer instead (below)."
)
#: What `fences` leaves in each editable code block for the Edit bar to go in.
EDIT_SLOT = '<div class="live-edit__bar"></div>'
#: The Edit bar, when the build has the editor.
EDIT_BAR = (
    '<div class="live-edit__bar" data-search-exclude><button type="button" '
    'class="md-button live-edit__edit">Edit</button> '
    '<span class="live-edit__note" aria-live="polite"></span></div>'
)
TODOS_OPEN = '<div class="live-todos">'
_DIV = re.compile(r"<(/?)div\b")


def where(*, tab: bool, default: str, server: str) -> str:
    """The "Runs in [this tab / my own server] at [address]" controls, the same on every widget.

    `default` is the mode a reader who never chose one gets: "tab" on a published page,
    "server" under `mkdocs serve` (the script corrects it if the reader chose otherwise).
    """
    server_default = not tab or default == "server"
    options = [
        f'<option value="tab"{"" if server_default else " selected"}>{TAB_LABEL}</option>'
        if tab
        else "",
        f'<option value="server"{" selected" if server_default else ""}>{SERVER_LABEL}</option>',
    ]
    hidden = "" if server_default else " hidden"
    return (
        '<span class="live-demo__where">'
        f'<label>Runs in <select class="live-demo__mode" aria-label="Where the demo runs">'
        f"{''.join(options)}</select></label> "
        f'<label class="live-demo__address"{hidden}>at <input type="url" '
        f'class="live-demo__server" aria-label="Demo server address" spellcheck="false" '
        f'value="{escape(server, quote=True)}"></label></span>'
    )


def exercise_bar(*, tab: bool) -> str:
    """Edit and Check under an exercise's starting code; without the tab's runtime, why not."""
    if not tab:
        return f'<p class="exercise__note" data-search-exclude>{NO_TAB_CHECK}</p>'
    return (
        '<div class="exercise__bar" data-search-exclude>'
        '<button type="button" class="md-button exercise__edit">Edit</button> '
        '<button type="button" class="md-button md-button--primary exercise__check">'
        "Check</button></div>"
        '<div class="exercise__result" aria-live="polite"></div>'
    )


def add_controls(
    html_text: str, where_html: str, exercise_html: str = "", editable: bool = False
) -> str:
    """The page with a Try it bar in every runnable example, an Edit and Check bar under every
    exercise, the controls at the end of every live to-do list, and (`editable`: the build has
    the editor) an Edit bar under every editable code block of the demo's own code."""
    html_text = html_text.replace(EDIT_SLOT, EDIT_BAR if editable else "")
    # data-search-exclude: Material's search indexes the page's HTML, and the controls' words
    # ("Try it Runs in this tab ...") came up in every result for an example.
    bar = (
        '<div class="live-demo__bar" data-search-exclude><button type="button" '
        'class="md-button md-button--primary live-demo__run">Try it</button> '
        '<button type="button" class="md-button live-demo__edit-request">Edit request</button> '
        f'{where_html}</div><div class="live-demo__result" aria-live="polite"></div>'
    )
    html_text = html_text.replace(BAR_SLOT, bar).replace(EXERCISE_BAR_SLOT, exercise_html)
    controls = f'<div class="live-todos__controls" data-search-exclude>{where_html}</div>'
    start = html_text.find(TODOS_OPEN)
    while start != -1:
        end = _end_of_div(html_text, start)
        html_text = html_text[:end] + controls + html_text[end:]
        start = html_text.find(TODOS_OPEN, end + len(controls))
    return html_text


def _end_of_div(html_text: str, start: int) -> int:
    """Where the `</div>` closing the div opened at `start` begins."""
    depth = 0
    for match in _DIV.finditer(html_text, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.start()
    return len(html_text)
