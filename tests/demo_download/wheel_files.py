"""Reading a wheel the way an installer does: its entries, its metadata, its RECORD."""

from __future__ import annotations

import base64
import configparser
import csv
import hashlib
import io
import zipfile
from email.message import Message
from email.parser import Parser


def entries(content: bytes) -> dict[str, bytes]:
    """Every entry of the wheel, by path, in archive order."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def infos(content: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.infolist()


def dist_info(files: dict[str, bytes]) -> str:
    (folder,) = {path.split("/")[0] for path in files if path.split("/")[0].endswith(".dist-info")}
    return folder


def metadata(files: dict[str, bytes]) -> Message:
    return Parser().parsestr(files[f"{dist_info(files)}/METADATA"].decode())


def entry_points(files: dict[str, bytes]) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(files[f"{dist_info(files)}/entry_points.txt"].decode())
    return {section: dict(parser[section]) for section in parser.sections()}


def record_problems(files: dict[str, bytes]) -> list[str]:
    """What an installer would reject: a file missing from RECORD, a wrong hash or size."""
    record_path = f"{dist_info(files)}/RECORD"
    rows = list(csv.reader(io.StringIO(files[record_path].decode())))
    listed = {row[0]: row for row in rows}
    problems = [f"{path}: not in RECORD" for path in files if path not in listed]
    problems += [f"{path}: in RECORD, not in the wheel" for path in listed if path not in files]
    for path, row in listed.items():
        if path == record_path:
            if row[1:] != ["", ""]:
                problems.append(f"{path}: RECORD lists its own hash")
            continue
        data = files.get(path, b"")
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if row[1] != f"sha256={digest}":
            problems.append(f"{path}: hash {row[1]} != sha256={digest}")
        if row[2] != str(len(data)):
            problems.append(f"{path}: size {row[2]} != {len(data)}")
    return problems


def site_origins(files: dict[str, bytes]) -> tuple[str, ...]:
    """SITE_ORIGINS from the generated module, by running it as Python would."""
    namespace: dict[str, object] = {}
    exec(files["demo_server/_built_for_site.py"].decode(), namespace)  # noqa: S102
    origins = namespace["SITE_ORIGINS"]
    assert isinstance(origins, tuple)
    return origins
