"""The ```` ```http try ```` fence: a runnable example, as a pymdownx.superfences custom fence.

Superfences finds the fence wherever Markdown allows one (list items, admonitions, content tabs,
blockquotes) and parses its options; this module says which `http` fences are runnable and what
they become. The code is highlighted by superfences' own highlighter, so a runnable example looks
exactly like an ordinary ```` ```http ```` block, which a page without the script (or a reader
without JavaScript) still shows. The empty slot after it is where `controls` puts the Try it bar.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pymdownx.superfences import highlight_validator

from site_plugins.live_demo.controls import BAR_SLOT

LANGUAGE = "http"
OPTION = "try"
WIDGET_CLASS = "live-demo"


def custom_fence() -> dict[str, Any]:
    """The entry for superfences' `custom_fences`."""
    return {
        "name": LANGUAGE,
        "class": WIDGET_CLASS,
        "validator": validate,
        "format": render,
    }


def validate(
    language: str, inputs: dict[str, str], options: dict, attrs: dict, md: Markdown
) -> bool:
    """Claim the fences that carry `try`; any other `http` fence falls through to superfences'
    default fence, so it renders exactly as before."""
    if OPTION not in inputs:
        return False
    rest = {key: value for key, value in inputs.items() if key != OPTION}
    # Options an ordinary fence takes (title, hl_lines, linenums) work here too.
    return highlight_validator(language, rest, options, attrs, md)


def render(
    source: str, language: str, class_name: str, options: dict, md: Markdown, **kwargs: Any
) -> str:
    code = md.preprocessors["fenced_code_block"].highlight(
        src=source, language=language, options=options, md=md, **kwargs
    )
    return f'<div class="{class_name}">{code}{BAR_SLOT}</div>'
