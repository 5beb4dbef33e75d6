"""The facts a wheel states about itself, read from pyproject.toml's `[project]` table.

One fact, one place: the name, version, dependencies and commands of the wheel the site carries
are the ones `pip install .` would use, never retyped in the plugin or in mkdocs.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

#: PEP 508's rule for a distribution name.
NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.I)
#: What the wheel states; a project that computes any of them at build time cannot be read here.
STATED = ("name", "version", "description", "requires-python", "license", "dependencies")


class ProjectError(Exception):
    """What is wrong with pyproject.toml, in one line that names the field."""


@dataclass(frozen=True)
class Project:
    name: str  #: as written in pyproject.toml, e.g. backend-basics
    version: str  #: normalised (PEP 440)
    summary: str
    requires_python: str | None
    license: str | None
    dependencies: tuple[str, ...]
    console_scripts: tuple[tuple[str, str], ...]
    gui_scripts: tuple[tuple[str, str], ...]

    @property
    def distribution(self) -> str:
        """The name as wheel file names and .dist-info folders spell it: backend_basics."""
        return canonicalize_name(self.name).replace("-", "_")


def read_project(path: Path) -> Project:
    """The `[project]` table of `path`, checked as far as the wheel depends on it."""
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"{path} not found; set the plugin's 'pyproject' option") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProjectError(f"{where} is not valid TOML: {exc}") from None
    project = data.get("project")
    if not isinstance(project, dict):
        raise ProjectError(f"{where} has no [project] table")
    dynamic = [field for field in project.get("dynamic", []) if field in STATED]
    if dynamic:
        raise ProjectError(
            f"{where}: [project].dynamic lists {', '.join(dynamic)}; "
            "the site's wheel needs them written out in [project]"
        )
    name = _string(project, "name", where)
    if not NAME.match(name):
        raise ProjectError(f"{where}: [project].name {name!r} is not a valid distribution name")
    try:
        version = str(Version(_string(project, "version", where)))
    except InvalidVersion:
        raise ProjectError(
            f"{where}: [project].version {project['version']!r} is not a PEP 440 version"
        ) from None
    return Project(
        name=name,
        version=version,
        summary=_optional_string(project, "description", where) or "",
        requires_python=_optional_string(project, "requires-python", where),
        license=_license(project.get("license"), where),
        dependencies=_requirements(project.get("dependencies", []), where),
        console_scripts=_entry_points(project.get("scripts", {}), "scripts", where),
        gui_scripts=_entry_points(project.get("gui-scripts", {}), "gui-scripts", where),
    )


def _string(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProjectError(f"{where}: [project].{key} must be a non-empty string")
    return value


def _optional_string(table: dict, key: str, where: str) -> str | None:
    return _string(table, key, where) if key in table else None


def _license(value: object, where: str) -> str | None:
    # A PEP 639 expression ("MIT"), or the older {text = "..."} table.
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    raise ProjectError(f'{where}: [project].license must be a string like "MIT" or {{text = ...}}')


def _requirements(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProjectError(f"{where}: [project].dependencies must be a list of strings")
    for item in value:
        try:
            Requirement(item)
        except InvalidRequirement as exc:
            reason = str(exc).splitlines()[0]  # packaging adds lines that point at the fault
            raise ProjectError(f"{where}: dependency {item!r} is not valid: {reason}") from None
    return tuple(value)


def _entry_points(value: object, table: str, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ProjectError(
            f"{where}: [project.{table}] must map command names to 'module:function'"
        )
    for command, target in value.items():
        module, colon, function = target.partition(":")
        if not (colon and module.strip() and function.strip()):
            raise ProjectError(
                f"{where}: [project.{table}] {command} = {target!r} must be 'module:function'"
            )
    return tuple(sorted(value.items()))
