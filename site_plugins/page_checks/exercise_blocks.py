"""The ```` ```python exercise="NN-name" ```` blocks: each names an exercise there is, and
includes its starting code from the file rather than holding a copy of it.

A wrong name builds fine and then fails in the reader's browser when they press Check; a pasted
copy drifts from the `start.py` the checks and `demo-server check` use. Both are warnings with
the block's line.
"""

from __future__ import annotations

import re

from demo_server import exercises
from site_plugins.live_demo.fences import EXERCISE_LANGUAGE, EXERCISE_OPTION
from site_plugins.markdown_scan import Fence
from site_plugins.problems import Problem

NAME = re.compile(rf'\b{EXERCISE_OPTION}="([^"]*)"')
WHAT = "exercise block"


def starting_code(name: str) -> str:
    """The snippet line that includes exercise `name`'s starting code."""
    return f'--8<-- "demo_server/exercises/{name}/start.py"'


def exercise_block_problems(fences: list[Fence]) -> list[Problem]:
    """One problem per exercise block that names no exercise, or does not include its code."""
    problems = []
    known = exercises.names()
    for fence in fences:
        if fence.language != EXERCISE_LANGUAGE or EXERCISE_OPTION not in fence.options:
            continue
        found = NAME.search(fence.info)
        name = found[1] if found else ""
        if name not in known:
            problems.append(
                Problem(
                    fence.line,
                    f'{WHAT}: no exercise {name!r}; write {EXERCISE_OPTION}="NAME" with one '
                    f"of {', '.join(known)}",
                )
            )
        elif [line.strip() for line in fence.body if line.strip()] != [starting_code(name)]:
            problems.append(
                Problem(
                    fence.line,
                    f"{WHAT}: include the starting code with {starting_code(name)} as the "
                    "block's only line, not a copy of it",
                )
            )
    return problems
