"""The wheel the site carries, built by hatchling from pyproject.toml and demo_server/."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from site_plugins.demo_download.wheel import ProjectError, build_wheel, site_origin
from tests.demo_download import wheel_files
from tests.helpers import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DIST_INFO = "backend_basics-0.1.0.dist-info"
PYPROJECT_PATH = ROOT / "pyproject.toml"
#: Hatchling's time for a reproducible build with no SOURCE_DATE_EPOCH: 2020-02-02.
DEFAULT_TIME = (2020, 2, 2, 0, 0, 0)


def normalised(requirements: list[str]) -> list[str]:
    """In one spelling and order (hatchling sorts them, and writes `granian<3,>=2.5`)."""
    return sorted(str(Requirement(text)) for text in requirements)


def build(package=ROOT / "demo_server", site_url=None, pyproject=PYPROJECT_PATH, **kwargs):
    return build_wheel(pyproject, package, site_url, **kwargs)


@pytest.fixture(scope="module")
def wheel():
    return build()


@pytest.fixture(scope="module")
def files(wheel) -> dict[str, bytes]:
    return wheel_files.entries(wheel.content)


def test_the_file_name_is_the_standard_one(wheel):
    assert wheel.filename == "backend_basics-0.1.0-py3-none-any.whl"


def test_it_carries_the_demo_package_and_nothing_else(files):
    # The package's sub-folders too: the exercises `demo-server check` runs.
    sources = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "demo_server").rglob("*.py")
        if path.name != "_built_for_site.py" and "__pycache__" not in path.parts
    )
    assert "demo_server/exercises/01-answer/checks.py" in sources
    names = list(files)
    # The package first, then the metadata, RECORD last (as installers expect).
    assert sorted(names[: len(sources) + 1]) == sorted([*sources, "demo_server/_built_for_site.py"])
    assert names[len(sources) + 1 :] == [
        f"{DIST_INFO}/METADATA",
        f"{DIST_INFO}/WHEEL",
        f"{DIST_INFO}/entry_points.txt",
        f"{DIST_INFO}/RECORD",
    ]
    for path in sources:
        assert files[path] == (ROOT / path).read_bytes(), path


def test_metadata_states_the_main_dependencies_exactly(files):
    meta = wheel_files.metadata(files)
    # Hatchling writes the newest core metadata; an installer of the last five years reads it.
    assert meta["Metadata-Version"] in ("2.4", "2.5")
    assert meta["Name"] == PYPROJECT["name"]
    assert meta["Version"] == PYPROJECT["version"]
    assert meta["Summary"] == PYPROJECT["description"]
    assert meta["Requires-Python"] == PYPROJECT["requires-python"]
    assert meta["License-Expression"] == PYPROJECT["license"]
    assert normalised(meta.get_all("Requires-Dist")) == normalised(PYPROJECT["dependencies"])
    # The site's tools stay out of the reader's environment, and so does the README (it is
    # about the checkout).
    assert not any("mkdocs" in dep for dep in meta.get_all("Requires-Dist"))
    assert meta.get_all("Provides-Extra") is None
    assert "make serve" not in meta.get_payload()


def test_the_requirements_given_are_the_ones_stated():
    pins = ['bottle==0.13.4; python_version == "3.10"', "granian>=2.5,<3"]
    meta = wheel_files.metadata(wheel_files.entries(build(requirements=pins).content))
    assert normalised(meta.get_all("Requires-Dist")) == normalised(pins)


def test_wheel_file_says_pure_python_for_any_platform(files):
    wheel_info = files[f"{DIST_INFO}/WHEEL"].decode().splitlines()
    assert "Wheel-Version: 1.0" in wheel_info
    assert "Root-Is-Purelib: true" in wheel_info
    assert "Tag: py3-none-any" in wheel_info
    assert any(line.startswith("Generator: hatchling ") for line in wheel_info)


def test_the_command_comes_from_project_scripts(files):
    assert wheel_files.entry_points(files) == {"console_scripts": PYPROJECT["scripts"]}
    assert PYPROJECT["scripts"] == {"demo-server": "demo_server.cli:main"}


def test_record_lists_every_file_with_its_hash_and_size(files):
    assert wheel_files.record_problems(files) == []


def test_same_sources_give_the_same_bytes(wheel, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build()
    assert again.content == wheel.content
    for info in wheel_files.infos(wheel.content):
        assert info.date_time == DEFAULT_TIME, info.filename
        assert info.external_attr >> 16 & 0o777 == 0o644, info.filename


def test_source_date_epoch_sets_every_timestamp(wheel, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    stamped = build()
    assert stamped.content != wheel.content
    assert {info.date_time for info in wheel_files.infos(stamped.content)} == {
        (2023, 11, 14, 22, 13, 20)
    }
    assert build().content == stamped.content


def test_a_changed_source_gives_a_new_wheel(tmp_path, wheel):
    package = tmp_path / "demo_server"
    shutil.copytree(ROOT / "demo_server", package, ignore=shutil.ignore_patterns("__pycache__"))
    hello = package / "hello.py"
    hello.write_text(hello.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = build(package)
    assert changed.content != wheel.content
    assert wheel_files.entries(changed.content)["demo_server/hello.py"].endswith(b"# changed\n")


def test_only_python_sources_are_taken(tmp_path):
    package = tmp_path / "demo_server"
    shutil.copytree(ROOT / "demo_server", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "stale.py").write_text("x = 1\n")
    (package / "notes.txt").write_text("not Python\n")
    # A stray copy in the source tree must not decide which site the wheel trusts.
    (package / "_built_for_site.py").write_text('SITE_ORIGINS = ("https://evil.example",)\n')
    built = build(package)
    files = wheel_files.entries(built.content)
    assert not any("__pycache__" in path or path.endswith("notes.txt") for path in files)
    assert wheel_files.site_origins(files) == ()


@pytest.mark.parametrize(
    ("site_url", "origin"),
    [
        ("https://docs.example.test/sub/", "https://docs.example.test"),
        ("https://docs.example.test:8443/", "https://docs.example.test:8443"),
        ("https://docs.example.test:443/a/b/", "https://docs.example.test"),
        ("http://docs.example.test:80/", "http://docs.example.test"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("HTTPS://Docs.Example.TEST/Path/", "https://docs.example.test"),
        ("https://user:secret@docs.example.test/", "https://docs.example.test"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
        (None, None),
        ("", None),
    ],
)
def test_the_site_origin_is_what_a_browser_sends(site_url, origin):
    assert site_origin(site_url) == origin


@pytest.mark.parametrize("site_url", ["ftp://docs.example.test/", "https:///nohost", "http://h:x/"])
def test_a_site_url_without_an_origin_is_refused(site_url):
    with pytest.raises(ValueError, match="site_url"):
        site_origin(site_url)


@pytest.mark.parametrize(
    ("site_url", "origins"),
    [("https://Docs.Example.test:443/sub/", ("https://docs.example.test",)), (None, ())],
)
def test_the_wheel_trusts_the_origin_of_its_site(site_url, origins):
    built = build(site_url=site_url)
    assert wheel_files.site_origins(wheel_files.entries(built.content)) == origins


def write_pyproject(folder: Path, project: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(project, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("project", "message"),
    [
        ('name = "x"\ndynamic = ["version"]\n', "version"),
        ('name = "x"\n', "project.version"),
        ('name = "-x"\nversion = "1"\n', "project.name"),
        ('name = "x"\nversion = "one"\n', "project.version"),
        ('name = "x"\nversion = "1"\ndependencies = ["bottle>>1"]\n', "project.dependencies"),
        ('name = "x"\nversion = "1"\nscripts = {a = "nocolon"}\n', "must be 'module:function'"),
    ],
)
def test_a_pyproject_the_wheel_cannot_state_is_one_clear_error(tmp_path, project, message):
    path = write_pyproject(tmp_path, "[project]\n" + project)
    with pytest.raises(ProjectError, match="pyproject.toml") as caught:
        build(pyproject=path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_command_outside_the_package_is_refused(tmp_path):
    path = write_pyproject(
        tmp_path, '[project]\nname = "x"\nversion = "1"\nscripts = {go = "elsewhere.cli:main"}\n'
    )
    with pytest.raises(ProjectError, match="go runs elsewhere.cli:main, which is not in the wheel"):
        build(pyproject=path)


def test_a_missing_pyproject_names_the_file(tmp_path):
    with pytest.raises(ProjectError, match="pyproject.toml not found"):
        build(pyproject=tmp_path / "pyproject.toml")


def test_a_missing_hatchling_is_one_line_naming_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "hatchling.builders.wheel", None)
    with pytest.raises(ProjectError, match=r"hatchling is not installed .*make install") as caught:
        build_wheel(ROOT / "pyproject.toml", ROOT / "demo_server", None)
    assert "\n" not in str(caught.value)
