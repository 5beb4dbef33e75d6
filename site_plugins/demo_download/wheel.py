"""A PEP 427 wheel of the demo package, built in memory from the source folder.

No build backend, no pip, no network: the site build must work offline and fast, and the wheel
holds nothing but pure-Python modules and four small text files. Same sources, same bytes:
entries are sorted, every timestamp and permission is fixed, so `mkdocs serve` rebuilds do not
churn and hosts may cache the file.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from demo_server.cors import parse_origin
from site_plugins.demo_download.project import Project, ProjectError

TAG = "py3-none-any"
#: The module the wheel adds to the package: the origin of the site it was built for, which
#: demo_server/settings.py trusts. Generated, never read from (or written to) the source tree.
SITE_MODULE = "_built_for_site.py"
#: The earliest time a zip file can state; any fixed time makes the archive reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
GENERATOR = "backend-basics site_plugins.demo_download"


@dataclass(frozen=True)
class Wheel:
    filename: str
    content: bytes


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
    origins = f"({json.dumps(origin)},)" if origin else "()"
    return (
        '"""Written by the site build (site_plugins/demo_download): where the wheel came from."""\n'
        "\n"
        f"SITE_ORIGINS = {origins}\n"
    ).encode()


def package_sources(package_dir: Path) -> list[tuple[str, bytes]]:
    """Every .py file of the package as (path in the wheel, bytes), sorted by path."""
    package = package_dir.name
    found = []
    for path in package_dir.rglob("*.py"):
        relative = path.relative_to(package_dir)
        if "__pycache__" in relative.parts or relative.as_posix() == SITE_MODULE:
            continue
        found.append((f"{package}/{relative.as_posix()}", path.read_bytes()))
    return sorted(found)


def build_wheel(
    project: Project, package_dir: Path, site_url: str | None, requirements: list[str] | None = None
) -> Wheel:
    """The wheel of `package_dir` for a site published at `site_url` (None: unknown), stating
    `requirements` (demo_download.pins: the versions we test) or else the project's own."""
    if not (package_dir / "__init__.py").is_file():
        raise ProjectError(f"{package_dir} is not a Python package (no __init__.py)")
    sources = package_sources(package_dir)
    sources.append((f"{package_dir.name}/{SITE_MODULE}", site_module(site_origin(site_url))))
    sources.sort()
    _check_commands(project, {path for path, _ in sources})
    dist_info = f"{project.distribution}-{project.version}.dist-info"
    entries = [
        *sources,
        (f"{dist_info}/METADATA", metadata(project, requirements).encode()),
        (f"{dist_info}/WHEEL", wheel_info().encode()),
    ]
    points = entry_points(project)
    if points:
        entries.append((f"{dist_info}/entry_points.txt", points.encode()))
    entries.append((f"{dist_info}/RECORD", record(entries, f"{dist_info}/RECORD").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in entries:
            archive.writestr(_entry(path), data)
    return Wheel(f"{project.distribution}-{project.version}-{TAG}.whl", buffer.getvalue())


def metadata(project: Project, requirements: list[str] | None = None) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project.name}",
        f"Version: {project.version}",
        f"Summary: {project.summary}",
    ]
    if project.license:
        lines.append(f"License: {project.license}")
    if project.requires_python:
        lines.append(f"Requires-Python: {project.requires_python}")
    stated = project.dependencies if requirements is None else requirements
    lines += [f"Requires-Dist: {requirement}" for requirement in stated]
    return "\n".join(lines) + "\n"


def wheel_info() -> str:
    return f"Wheel-Version: 1.0\nGenerator: {GENERATOR}\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def entry_points(project: Project) -> str:
    sections = []
    for name, points in (
        ("console_scripts", project.console_scripts),
        ("gui_scripts", project.gui_scripts),
    ):
        if points:
            sections.append(
                f"[{name}]\n" + "".join(f"{cmd} = {target}\n" for cmd, target in points)
            )
    return "\n".join(sections)


def record(entries: list[tuple[str, bytes]], record_path: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for path, data in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([path, f"sha256={digest}", len(data)])
    writer.writerow([record_path, "", ""])
    return out.getvalue()


def _entry(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so that the permissions below are read on every OS
    info.external_attr = FILE_MODE << 16
    return info


def _check_commands(project: Project, paths: set[str]) -> None:
    """Refuse a wheel whose commands would fail with ModuleNotFoundError once installed."""
    for command, target in (*project.console_scripts, *project.gui_scripts):
        module = target.partition(":")[0].strip().replace(".", "/")
        if f"{module}.py" not in paths and f"{module}/__init__.py" not in paths:
            raise ProjectError(
                f"pyproject.toml: command {command} runs {target}, which is not in the wheel "
                f"(it carries only {sorted(paths)[0].split('/')[0]}/)"
            )
