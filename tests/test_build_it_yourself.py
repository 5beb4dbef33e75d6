"""The "Build it yourself" pages: one per exercise, in the nav, each with its starting code
included from `start.py` (never pasted), Edit and Check, and the local command, which prints
what the page shows; the exercises' files in the tab's app bundle once each; and no reference
solution anywhere in the built site."""

from __future__ import annotations

import io
import re
import shlex
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from demo_server import exercises
from demo_server.cli import main
from site_plugins.live_demo.bundle import app_bundle
from site_plugins.markdown_scan import find_fences
from site_plugins.page_checks.exercise_blocks import exercise_block_problems
from tests.helpers import ROOT
from tests.site_builds import tab_files
from tooling.solutions import SOLUTIONS, solution

NAMES = exercises.names()
PAGES = ROOT / "docs" / "build-it-yourself"
COMMAND = re.compile(r"```bash\n(demo-server check .+)\n```")


def page_text(name: str) -> str:
    return (PAGES / f"{name}.md").read_text(encoding="utf-8")


def start_code(name: str) -> str:
    return (exercises.folder(name) / "start.py").read_text(encoding="utf-8")


def run_as_printed(command: str, code: str, folder: Path, capsys) -> tuple[int, str]:
    """`command` as a reader types it, in `folder` where they saved `code` under the name the
    command gives: what `demo-server` returns and prints (the console script is `cli.main`)."""
    words = shlex.split(command)
    assert words[:2] == ["demo-server", "check"], command
    (folder / words[-1]).write_text(code, encoding="utf-8")
    status = main(words[1:])
    captured = capsys.readouterr()
    assert captured.err == ""
    return status, captured.out.rstrip("\n")


def test_every_exercise_has_a_page_in_the_nav():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    listed = re.findall(r"build-it-yourself/([\w-]+)\.md", nav.split("\n\n", 1)[0])
    assert listed == ["index", *NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_each_page_includes_its_starting_code_and_gives_its_command(name):
    text = page_text(name)
    fences = find_fences(text)
    blocks = [f for f in fences if f.language == "python" and "exercise" in f.options]
    assert [f'exercise="{name}"' in f.info for f in blocks] == [True]
    assert exercise_block_problems(fences) == []
    assert COMMAND.findall(text) == [f"demo-server check {name.split('-')[0]} start.py"]


@pytest.mark.parametrize("name", NAMES)
def test_each_page_command_fails_the_start_and_passes_the_solution(
    name, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    command = COMMAND.search(page_text(name))[1]
    status, out = run_as_printed(command, start_code(name), tmp_path, capsys)
    assert status == 1 and out.startswith(f"exercise {name}: "), out
    status, out = run_as_printed(command, solution(name), tmp_path, capsys)
    first = out.split("\n", 1)[0]
    assert status == 0 and re.fullmatch(rf"exercise {name}: (\d+) of \1 checks pass", first), out


def test_the_index_shows_what_its_command_prints(tmp_path, monkeypatch, capsys):
    """The command of "On your own computer", run as printed on the first exercise's starting
    code, prints exactly what the page shows under it."""
    monkeypatch.chdir(tmp_path)
    text = page_text("index")
    command = COMMAND.search(text)[1]
    shown = re.search(r"```text\n(exercise .*?)\n```", text, re.S)[1]
    name = exercises.find(shlex.split(command)[2])
    assert run_as_printed(command, start_code(name), tmp_path, capsys) == (1, shown)


def test_the_app_bundle_holds_each_exercise_file_once_and_no_solution():
    names = zipfile.ZipFile(io.BytesIO(app_bundle())).namelist()
    assert len(names) == len(set(names))
    for name in NAMES:
        for file in ("start.py", "checks.py"):
            assert names.count(f"demo_server/exercises/{name}/{file}") == 1, (name, file)
    assert [n for n in names if "solution" in n or n.endswith(".diff")] == []


def solution_lines() -> dict[str, list[str]]:
    """Per solution, the lines it adds that no starting code or checks file holds, even as part
    of a line: what would show that a solution reached the site."""
    shipped = "\n".join(
        (exercises.folder(name) / file).read_text(encoding="utf-8")
        for name in NAMES
        for file in ("start.py", "checks.py")
    )
    found = {}
    for diff in sorted(SOLUTIONS.glob("*.diff")):
        raw = diff.read_text(encoding="utf-8").splitlines()
        added = [line[1:].strip() for line in raw if line[:1] == "+" and line[:3] != "+++"]
        found[diff.stem] = [line for line in added if len(line) >= 12 and line not in shipped]
    return found


def leaked(site: Path) -> list[tuple[str, str]]:
    """(file, solution) for every file of `site`, or member of a zip in it, holding most of the
    lines only that reference solution has (one alone may be a line the demo's own code has
    too: `response.content_type = "text/plain; charset=utf-8"`)."""
    lines = solution_lines()
    hits = []

    def look(where: str, data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        for name, added in lines.items():
            if sum(line in text for line in added) >= max(2, len(added) * 0.6):
                hits.append((where, name))

    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        look(str(path.relative_to(site)), data)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    look(f"{path.relative_to(site)}:{member}", archive.read(member))
    return hits


def test_every_solution_has_lines_of_its_own_to_look_for(tmp_path):
    assert all(solution_lines().values()), solution_lines()
    # And the look finds one: a solution copied into a site, or into a zip in it.
    (tmp_path / "page.html").write_text(solution("03-json-in"), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "app.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("demo_server/x.py", solution("07-etag"))
    assert leaked(tmp_path) == [
        ("app.zip:demo_server/x.py", "07-etag"),
        ("page.html", "03-json-in"),
    ]


def test_no_solution_reaches_the_built_site(built_site):
    assert leaked(built_site) == []


def test_each_exercise_page_shows_its_code_with_edit_and_check(built_site):
    for name in NAMES:
        html = (built_site / "build-it-yourself" / name / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        [block] = soup.select(".exercise")
        assert block["data-exercise"] == name
        assert block.select_one("code").get_text() == start_code(name)
        buttons = [b.get_text() for b in block.select(".exercise__bar button")]
        assert buttons == ["Edit", "Check"], name
        assert soup.select_one("[data-live-demo-config]")["data-tab-worker"]


def test_the_sites_app_bundle_holds_each_exercise_file_once(built_site):
    """The bundle the tab loads is the compiled one (bytecode beside the source)."""
    names = zipfile.ZipFile(tab_files(built_site)["app"]).namelist()
    assert len(names) == len(set(names))
    for name in NAMES:
        assert names.count(f"demo_server/exercises/{name}/checks.py") == 1, name
