"""The versions the downloaded demo installs: the ones our suite tests, per Python.

A wheel that said only `granian>=2.5,<3` let pip take whatever release came out after our last
test run. Each Python we support has its own lock (constraints/py3.X.txt, made by `make lock`),
since no one set of versions has builds for every Python, so each requirement becomes one line
per locked Python, with an environment marker, and the range as written in pyproject.toml for
any newer Python we have no lock for yet (its reader gets what pip finds, as before).
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

LOCK = re.compile(r"^py3\.(\d+)\.txt$")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def read_locks(folder: Path) -> dict[int, dict[str, str]]:
    """{minor: {canonical name: version}} for each constraints/py3.MINOR.txt."""
    locks: dict[int, dict[str, str]] = {}
    for path in sorted(folder.glob("py3.*.txt")):
        found = LOCK.match(path.name)
        if not found:
            continue
        pins = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            pin = PIN.match(line.strip())
            if pin:
                pins[canonicalize_name(pin[1])] = pin[2]
        locks[int(found[1])] = pins
    return locks


def pinned(requirements: tuple[str, ...], locks: dict[int, dict[str, str]]) -> list[str]:
    """`requirements` as the locks pin them, one line per locked Python; the range beyond.

    A requirement a lock does not list (or one with a marker of its own) is kept as written
    for that Python: nothing we test says otherwise. So is one that does not parse, for the
    build to refuse with its own message.
    """
    if not locks:
        return list(requirements)
    newest = max(locks)
    lines = []
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            lines.append(text)  # as written: hatchling refuses it, naming the field
            continue
        name = canonicalize_name(requirement.name)
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        if requirement.marker is not None:
            lines.append(text)
            continue
        for minor, pins in sorted(locks.items()):
            version = pins.get(name)
            spec = f"=={version}" if version else str(requirement.specifier)
            lines.append(f'{requirement.name}{extras}{spec}; python_version == "3.{minor}"')
        lines.append(
            f'{requirement.name}{extras}{requirement.specifier}; python_version > "3.{newest}"'
        )
    return lines
