"""The exercises' reference solutions, each a unified diff against its starting code
(`solutions/NN-name.diff`): the change a reader makes, and nothing else twice. The tests run
the checks on them, and `make bench` times Check on one; neither the wheel nor the site has
them (solutions/ is outside demo_server/)."""

from __future__ import annotations

import re
from pathlib import Path

from demo_server import exercises

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


class DoesNotApply(Exception):
    """The diff's context or removed lines are not in the starting code where it says."""


def apply_diff(text: str, diff: str) -> str:
    """`text` with the unified `diff` applied, exactly: every context and removed line must be
    where the hunk says (no fuzz), so a starting code that moved on fails loudly."""
    lines = text.splitlines(keepends=True)
    result: list[str] = []
    at = 0  # the next line of `lines` not yet copied
    body = diff.splitlines(keepends=True)
    i = next(n for n, line in enumerate(body) if line.startswith("@@"))
    while i < len(body):
        hunk = HUNK.match(body[i])
        if not hunk:
            raise DoesNotApply(f"not a hunk header: {body[i]!r}")
        start = int(hunk[1]) - (0 if hunk[2] == "0" else 1)
        result += lines[at:start]
        at = start
        i += 1
        while i < len(body) and not body[i].startswith("@@"):
            kind, line = body[i][:1], body[i][1:]
            if kind in " -":
                if at >= len(lines) or lines[at] != line:
                    raise DoesNotApply(f"line {at + 1} is not {line!r}")
                at += 1
            if kind in " +":
                result.append(line)
            i += 1
    return "".join(result + lines[at:])


def solution_diffs() -> list[Path]:
    return sorted(SOLUTIONS.glob("*.diff"))


def solution(name: str) -> str:
    """The reference solution of exercise `name`: its starting code with its diff applied."""
    start = (exercises.folder(name) / "start.py").read_text(encoding="utf-8")
    return apply_diff(
        start, (SOLUTIONS / f"{exercises.find(name)}.diff").read_text(encoding="utf-8")
    )
