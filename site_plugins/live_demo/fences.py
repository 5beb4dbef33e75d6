"""The ```` ```http try ```` fence: a runnable example, as a pymdownx.superfences custom fence;
and the ```` ```python exercise="NN-name" ```` fence: an exercise's starting code, with Check.

Superfences finds the fence wherever Markdown allows one (list items, admonitions, content tabs,
blockquotes) and parses its options; this module says which `http` fences are runnable and what
they become. The code is highlighted by superfences' own highlighter, so a runnable example looks
exactly like an ordinary ```` ```http ```` block, which a page without the script (or a reader
without JavaScript) still shows. The empty slot after it is where `controls` puts the Try it bar.
"""

from __future__ import annotations

import html
from typing import Any

from markdown import Markdown
from pymdownx.superfences import highlight_validator

from site_plugins.live_demo.controls import BAR_SLOT, EDIT_SLOT, EXERCISE_BAR_SLOT

LANGUAGE = "http"
OPTION = "try"
WIDGET_CLASS = "live-demo"
EXERCISE_LANGUAGE = "python"
EXERCISE_OPTION = "exercise"
EXERCISE_CLASS = "exercise"
#: ```python edit="hello.py": the demo's own module, editable on the page (Edit, Run).
EDIT_LANGUAGE = "python"
EDIT_OPTION = "edit"
EDIT_CLASS = "live-edit"


def custom_fence() -> dict[str, Any]:
    """The entry for superfences' `custom_fences`."""
    return {
        "name": LANGUAGE,
        "class": WIDGET_CLASS,
        "validator": validate,
        "format": render,
    }


def edit_fence() -> dict[str, Any]:
    """The entry for superfences' `custom_fences` that makes ```python edit="FILE" editable."""
    return {
        "name": EDIT_LANGUAGE,
        "class": EDIT_CLASS,
        "validator": validate_edit,
        "format": render_edit,
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


def exercise_fence() -> dict[str, Any]:
    """The entry for superfences' `custom_fences`: a python fence that names an exercise."""
    return {
        "name": EXERCISE_LANGUAGE,
        "class": EXERCISE_CLASS,
        "validator": validate_exercise,
        "format": render_exercise,
    }


def validate_exercise(
    language: str, inputs: dict[str, str], options: dict, attrs: dict, md: Markdown
) -> bool:
    """Claim the python fences with `exercise="NN-name"`; the name is checked by page_checks
    (a warning with the line), so here any value is kept as it is."""
    if EXERCISE_OPTION not in inputs:
        return False
    options[EXERCISE_OPTION] = inputs[EXERCISE_OPTION]
    rest = {key: value for key, value in inputs.items() if key != EXERCISE_OPTION}
    return highlight_validator(language, rest, options, attrs, md)


def render_exercise(
    source: str, language: str, class_name: str, options: dict, md: Markdown, **kwargs: Any
) -> str:
    """The starting code as an ordinary highlighted block (what a page without the script
    shows), the exercise's name for the script, and the slot for its bar."""
    name = html.escape(options.pop(EXERCISE_OPTION), quote=True)
    code = md.preprocessors["fenced_code_block"].highlight(
        src=source, language=language, options=options, md=md, **kwargs
    )
    return f'<div class="{class_name}" data-exercise="{name}">{code}{EXERCISE_BAR_SLOT}</div>'


def validate_edit(
    language: str, inputs: dict[str, str], options: dict, attrs: dict, md: Markdown
) -> bool:
    """Claim the python fences that carry `edit="FILE"`; the plugin checks FILE on the page."""
    if EDIT_OPTION not in inputs:
        return False
    rest = {key: value for key, value in inputs.items() if key != EDIT_OPTION}
    if not highlight_validator(language, rest, options, attrs, md):
        return False
    options[EDIT_OPTION] = inputs[EDIT_OPTION]
    return True


def render_edit(
    source: str, language: str, class_name: str, options: dict, md: Markdown, **kwargs: Any
) -> str:
    file = html.escape(options.pop(EDIT_OPTION), quote=True)
    code = md.preprocessors["fenced_code_block"].highlight(
        src=source, language=language, options=options, md=md, **kwargs
    )
    return f'<div class="{class_name}" data-edit="{file}">{code}{EDIT_SLOT}</div>'
