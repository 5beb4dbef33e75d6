"""The wheel of the demo package, built by hatchling (our build backend) from pyproject.toml.

Hatchling is what `pip install .` runs, so the site's wheel states what an installed checkout
states: the name, version, licence, Python range and commands are read by hatchling from
`[project]`, never re-parsed here. Only three things differ from `pip install .`, and this module
hands them to hatchling's documented builder API (`WheelBuilder(root, config=...)`) as data:
the wheel carries one package (the demo, without the site's plugins), its requirements are the
versions we test (demo_download.pins), and it gains a generated module naming the site it came
from. No pip, no subprocess, no network: the site build works offline and adds about 0.1 s.

Same sources, same bytes: hatchling builds reproducibly (fixed timestamps and permissions,
sorted entries), from `SOURCE_DATE_EPOCH` when it is set, so `mkdocs serve` rebuilds do not
churn and hosts may cache the file.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from demo_server.cors import parse_origin

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

#: The module the wheel adds to the package: the origin of the site it was built for, which
#: demo_server/settings.py trusts. Generated, never read from (or written to) the source tree.
SITE_MODULE = "_built_for_site.py"
#: What `pip install .` takes from `[project]` and the site's wheel leaves out: the long
#: description (the README is about the checkout, not the download), the extras (the site's
#: own tools) and the MkDocs plugins, which live in site_plugins/, not in the demo's package.
LEFT_OUT = ("readme", "optional-dependencies", "entry-points")


class ProjectError(Exception):
    """What is wrong with pyproject.toml, in one line that names the file."""


@dataclass(frozen=True)
class Wheel:
    filename: str
    content: bytes


def read_pyproject(path: Path) -> dict[str, Any]:
    """The parsed pyproject.toml, which must have a `[project]` table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"{path} not found; set the plugin's 'pyproject' option") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProjectError(f"{path.name} is not valid TOML: {exc}") from None
    if not isinstance(data.get("project"), dict):
        raise ProjectError(f"{path.name} has no [project] table")
    return data


def dependencies(pyproject: dict[str, Any]) -> tuple[str, ...]:
    """`[project].dependencies` as written (hatchling checks them when it builds)."""
    value = pyproject["project"].get("dependencies", [])
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return ()


def site_origin(site_url: str | None) -> str | None:
    """The origin (scheme://host[:port]) a browser reports for pages under `site_url`.

    That is what the demo compares a request's `Origin` header with: lowercase host, no path,
    no port when it is the scheme's default.
    """
    if not site_url:
        return None
    parts = urlsplit(site_url.strip())
    scheme = parts.scheme.lower()
    try:
        host, _ = parts.hostname, parts.port
    except ValueError:
        raise ValueError(f"site_url {site_url!r} has an invalid port") from None
    if scheme not in ("http", "https") or not host:
        raise ValueError(f"site_url {site_url!r} must be an http:// or https:// address")
    # The rest (lowercase, brackets, no default port) as the demo itself writes origins.
    return parse_origin(f"{scheme}://{parts.netloc.rpartition('@')[2]}")


def site_module(origin: str | None) -> bytes:
    # A literal Python reads back as written: json.dumps of a str is a valid Python string.
    origins = f"({json.dumps(origin)},)" if origin else "()"
    return (
        '"""Written by the site build (site_plugins/demo_download): where the wheel came from."""\n'
        "\n"
        f"SITE_ORIGINS = {origins}\n"
    ).encode()


def build_wheel(
    pyproject_path: Path,
    package_dir: Path,
    site_url: str | None,
    requirements: list[str] | None = None,
) -> Wheel:
    """The wheel of `package_dir` for a site published at `site_url` (None: unknown), stating
    `requirements` (demo_download.pins: the versions we test) or else the project's own."""
    if not (package_dir / "__init__.py").is_file():
        raise ProjectError(f"{package_dir} is not a Python package (no __init__.py)")
    pyproject = read_pyproject(pyproject_path)
    package = package_dir.name
    config = copy.deepcopy(pyproject)
    project = config["project"]
    for key in LEFT_OUT:
        project.pop(key, None)
    if requirements is not None:
        project["dependencies"] = list(requirements)
    with tempfile.TemporaryDirectory(prefix="demo-wheel-") as folder:
        generated = Path(folder) / SITE_MODULE
        generated.write_bytes(site_module(site_origin(site_url)))
        config["tool"] = {
            "hatch": {
                "build": {
                    "targets": {
                        "wheel": {
                            "packages": [package],
                            # Python sources only (gitignore rules: the last that matches
                            # wins); a stray copy of the generated module in the source tree
                            # must not decide which site the wheel trusts.
                            "exclude": [
                                f"/{package}/**/*",
                                f"!/{package}/**/*.py",
                                f"/{package}/{SITE_MODULE}",
                                "__pycache__",
                            ],
                            "force-include": {str(generated): f"{package}/{SITE_MODULE}"},
                        }
                    }
                }
            }
        }
        # The package's parent is the root hatchling selects files from; with the readme left
        # out, nothing else is read from the root.
        builder = _wheel_builder()(str(package_dir.parent), config=config)
        try:
            (built,) = builder.build(directory=str(Path(folder) / "dist"), versions=["standard"])
        except (ValueError, TypeError) as exc:
            # Hatchling's messages name the field (`project.version`); some add lines after it.
            reason = str(exc).strip().splitlines()[0]
            raise ProjectError(f"{pyproject_path.name}: {reason}") from None
        path = Path(built)
        wheel = Wheel(path.name, path.read_bytes())
    _check_commands(pyproject_path.name, project, wheel)
    return wheel


def _wheel_builder() -> type:
    """Hatchling's wheel builder, imported when a wheel is built: a build environment made
    before hatchling joined the `docs` extra gets one line saying what to install, not an
    import traceback from the plugin's module."""
    try:
        from hatchling.builders.wheel import WheelBuilder
    except ImportError:
        raise ProjectError(
            "hatchling is not installed (the demo's wheel is built with it): "
            "run make install, or pip install -e '.[docs]'"
        ) from None
    return WheelBuilder


def _check_commands(where: str, project: dict[str, Any], wheel: Wheel) -> None:
    """Refuse a wheel whose commands would fail once installed: hatchling writes any target."""
    with zipfile.ZipFile(io.BytesIO(wheel.content)) as archive:
        paths = set(archive.namelist())
    carried = sorted({path.split("/")[0] for path in paths if "." not in path.split("/")[0]})
    for table in ("scripts", "gui-scripts"):
        for command, target in project.get(table, {}).items():
            module, colon, function = target.partition(":")
            if not (colon and module.strip() and function.strip()):
                raise ProjectError(
                    f"{where}: [project.{table}] {command} = {target!r} must be 'module:function'"
                )
            module_path = module.strip().replace(".", "/")
            if f"{module_path}.py" not in paths and f"{module_path}/__init__.py" not in paths:
                raise ProjectError(
                    f"{where}: command {command} runs {target}, which is not in the wheel "
                    f"(it carries only {', '.join(f'{name}/' for name in carried)})"
                )
