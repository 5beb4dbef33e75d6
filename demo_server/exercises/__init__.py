"""The "Build it yourself" exercises: starting code the reader changes, and checks that say
whether the change does what the exercise asks.

Each exercise is a folder here, `NN-name/`, holding `start.py` (the module the reader edits: it
defines `create_app()`, returning a Bottle app) and `checks.py` (plain functions with asserts,
run by `runner` against the reader's app, through `client`). The same files are shown in the
pages, run in the reader's tab by Check, and run by `demo-server check NN-name FILE` on the
reader's own machine. The reference solutions are not here: they live in the repository's
`solutions/` folder, which neither the wheel nor the site ships.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def names() -> list[str]:
    """Every exercise's name (its folder's), in the order the pages teach them."""
    return sorted(p.name for p in HERE.iterdir() if (p / "checks.py").is_file())


def find(name: str) -> str:
    """The exercise called `name`, or numbered so (`03` for `03-json`); ValueError naming the
    exercises there are for anything else (a reader's typo on the command line)."""
    known = names()
    found = [n for n in known if name in (n, n.split("-", 1)[0])]
    if not found:
        raise ValueError(f"no exercise {name!r}; the exercises are: {', '.join(known)}")
    return found[0]


def folder(name: str) -> Path:
    return HERE / find(name)
