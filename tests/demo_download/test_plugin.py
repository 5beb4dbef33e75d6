"""The demo-download plugin in MkDocs builds: the project's own, and throwaway ones."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from packaging.requirements import Requirement

from site_plugins.demo_download.pins import pinned, read_locks
from site_plugins.demo_download.plugin import SCRIPT, DemoDownloadPlugin
from site_plugins.demo_download.wheel import build_wheel, dependencies, read_pyproject
from site_plugins.page_checks.ports import free_port
from tests.demo_download import wheel_files
from tests.demo_download.projects import make_project, serve_command, the_wheel
from tests.helpers import ROOT
from tests.site_builds import refused_build, replace_in, strict_build
from tests.site_pages import html_pages, local_target
from tooling.processes import running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

WHEEL = "backend_basics-0.1.0-py3-none-any.whl"
PAGE = "demo-server/index.html"


@pytest.fixture(scope="module")
def pages(built_site: Path):
    return html_pages(built_site)


def get_the_demo(soup: BeautifulSoup) -> list:
    """The elements of the "Get the demo" section, up to the next section of the same level."""
    heading = soup.find("h2", id="get-the-demo")
    assert heading is not None, "no 'Get the demo' section"
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling)
    return section


def command_blocks(elements: list) -> list:
    return [block for el in elements for block in el.select("[data-demo-download]")]


def test_get_the_demo_commands_point_at_the_wheel_in_the_site(built_site, pages):
    blocks = command_blocks(get_the_demo(pages[PAGE]))
    commands = [block.pre.code.get_text() for block in blocks]
    urls = {url.get_text() for block in blocks for url in block.select("[data-demo-download-url]")}
    # No site_url in mkdocs.yml: relative, made whole by the page script; the wheel's SHA-256
    # after it, so pip refuses any other file at that address.
    digest = hashlib.sha256((built_site / "downloads" / WHEEL).read_bytes()).hexdigest()
    assert urls == {f"../downloads/{WHEEL}#sha256={digest}"}
    (url,) = urls
    assert commands == [
        f"pipx run --spec {url} demo-server\n",
        f"uvx --from {url} demo-server\n",
        f"pip install {url}\ndemo-server\n",
    ]
    for block in blocks:
        assert block.select("[data-demo-download-origin]"), "no place for --allow-origin"
        # No site_url: the wheel trusts no origin, so every reader's page adds its own.
        assert json.loads(block["data-demo-download"]) == []
    target = local_target(built_site, PAGE, url)
    assert target == built_site / "downloads" / WHEEL and target.is_file()


def test_the_sites_wheel_is_the_one_the_sources_give(built_site):
    project = read_pyproject(ROOT / "pyproject.toml")
    pins = pinned(dependencies(project), read_locks(ROOT / "constraints"))
    wheel = build_wheel(ROOT / "pyproject.toml", ROOT / "demo_server", None, pins)
    assert (built_site / "downloads" / WHEEL).read_bytes() == wheel.content


def test_a_checkout_is_still_the_second_way(pages):
    text = re.sub(r"\s+", " ", " ".join(el.get_text() for el in get_the_demo(pages[PAGE])))
    assert "From a checkout of the repository" in text and "make serve" in text
    assert "--db" in text
    # No repo_url in mkdocs.yml: the sentence that links to it is left out, placeholder and all.
    assert "{{" not in text and "source, the demo" not in text


def test_the_script_ships_only_with_the_pages_that_need_it(built_site, pages):
    assert (built_site / SCRIPT).is_file()
    for page, soup in pages.items():
        scripts = [
            s["src"] for s in soup.find_all("script", src=True) if "demo-download" in s["src"]
        ]
        if page == PAGE:
            assert scripts == ["../assets/demo-download/demo-download.js"]
        else:
            assert scripts == [], page


def test_the_wheel_is_in_no_nav(pages):
    for page, soup in pages.items():
        assert not soup.select(f'nav a[href$="{WHEEL}"]'), page


def test_with_site_url_the_commands_are_absolute_and_the_wheel_trusts_the_site(tmp_path):
    project = make_project(
        tmp_path,
        config="site_url: https://docs.example.test/sub/\nrepo_url: https://github.com/o/r\n",
    )
    result = strict_build(project)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(
        (project / "out" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    digest = hashlib.sha256(the_wheel(project / "out").read_bytes()).hexdigest()
    url = f"https://docs.example.test/sub/downloads/{WHEEL}#sha256={digest}"
    assert [b.pre.code.get_text() for b in soup.select("[data-demo-download]")] == [
        f"pipx run --spec {url} demo-server\n",
        f"pip install {url}\ndemo-server\n",
    ]
    assert "https://docs.example.test" in json.loads(
        soup.select_one("[data-demo-download]")["data-demo-download"]
    )
    files = wheel_files.entries(the_wheel(project / "out").read_bytes())
    assert wheel_files.site_origins(files) == ("https://docs.example.test",)
    link = soup.select_one('article a[href="https://github.com/o/r"]')
    assert link is not None and "The source is at" in link.parent.get_text()


def test_without_repo_url_the_repository_line_is_left_out(tmp_path):
    project = make_project(tmp_path)
    result = strict_build(project)
    assert result.returncode == 0, result.stderr
    text = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert "The source is at" not in text and "{{" not in text
    assert "From a checkout" in text


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        (
            "```demo-download\npip install {{ wheel_ulr }}\n```\n",
            "index.md: unknown placeholder {{ wheel_ulr }}; the demo-download plugin knows",
        ),
        (
            "```bash\npip install {{ wheel_url }}\n```\n",
            "index.md: {{ wheel_url }} and {{ allow_origin }} only work inside a ```demo-download",
        ),
        (
            "```demo-downlaod\npip install {{ wheel_url }}\n```\n",
            "only work inside a ```demo-download block",
        ),
    ],
    ids=["misspelt", "outside-the-fence", "misspelt-fence"],
)
def test_author_mistakes_are_one_line_that_names_the_page(tmp_path, mistake, message):
    project = make_project(tmp_path, page="# Demo\n\n" + mistake)
    result = strict_build(project)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("WARNING")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("config", "plugin", "message"),
    [
        ("", "      dir: ../outside\n", "demo-download: 'dir' must be a folder inside the site"),
        ("", "      pyproject: nowhere.toml\n", "nowhere.toml not found"),
        ("", "      package: docs\n", "'package' must be a Python package folder"),
        ("site_url: ftp://example.test/\n", "", "must be an http:// or https:// address"),
    ],
)
def test_broken_configuration_is_one_clear_error(tmp_path, config, plugin, message):
    refused_build(make_project(tmp_path, config=config, plugin=plugin), message)


def test_superfences_is_required(tmp_path):
    project = make_project(tmp_path)
    replace_in(project / "mkdocs.yml", "  - pymdownx.superfences\n", "")
    refused_build(project, "demo-download: add pymdownx.superfences to markdown_extensions")


@pytest.mark.parametrize(
    ("options", "field"), [({"dir": 3}, "dir"), ({"enabled": "yes"}, "enabled")]
)
def test_options_of_the_wrong_type_are_config_errors(options, field):
    errors, _ = DemoDownloadPlugin().load_config(options)
    assert [name for name, _ in errors] == [field]


def test_under_serve_a_changed_demo_gives_a_new_wheel_on_the_next_rebuild(tmp_path):
    project = make_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(serve_command(port), cwd=project) as serve:
        serve.wait_for_line("Serving on", timeout=60)
        page = requests.get(f"{base}/", timeout=10).text
        # `mkdocs serve` sets site_url to its own address: the commands are absolute already.
        assert f"{base}/downloads/{WHEEL}" in page
        first = requests.get(f"{base}/downloads/{WHEEL}", timeout=10)
        assert first.status_code == 200
        files = wheel_files.entries(first.content)
        assert wheel_files.site_origins(files) == (base,)

        hello = project / "demo_server" / "hello.py"
        hello.write_text(hello.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while True:
            again = requests.get(f"{base}/downloads/{WHEEL}", timeout=10).content
            if again != first.content or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert again != first.content, "no new wheel within 30 s:\n" + serve.output()
        assert wheel_files.entries(again)["demo_server/hello.py"].endswith(b"# edited\n")
        assert wheel_files.record_problems(wheel_files.entries(again)) == []
        assert not re.search(r"WARNING|ERROR|Traceback", serve.output()), serve.output()


def test_the_wheel_requires_the_versions_we_test_on_each_python(built_site):
    """Each dependency pinned to the version of our lock for each Python (constraints/), not
    a range pip fills with whatever came out since; the range only beyond the newest lock."""
    metadata = wheel_files.entries(the_wheel(built_site).read_bytes())[
        "backend_basics-0.1.0.dist-info/METADATA"
    ].decode()
    # As core metadata writes a requirement (normalised: `granian<3,>=2.5`, single quotes).
    requires = [
        str(Requirement(line.split(": ", 1)[1]))
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist")
    ]
    locks = read_locks(ROOT / "constraints")
    assert locks, "no locks found"
    for minor, pins in locks.items():
        for name in ("granian", "bottle"):
            pin = Requirement(f'{name}=={pins[name]}; python_version == "3.{minor}"')
            assert str(pin) in requires
    newest = max(locks)
    beyond = str(Requirement(f'granian>=2.5,<3; python_version > "3.{newest}"'))
    assert beyond in requires
    # This Python has a lock: every requirement that applies to it is one exact version.
    assert sys.version_info.minor in locks
    applies = [Requirement(r) for r in requires if Requirement(r).marker.evaluate()]
    assert len(applies) == 4 and all(str(r.specifier).startswith("==") for r in applies)


def test_pip_refuses_a_wheel_that_is_not_the_one_the_page_names(built_site, tmp_path):
    """The printed URL carries the wheel's SHA-256: pip installs that wheel and refuses any
    other file at the same address (a changed wheel, a mirror that serves another)."""
    wheel = the_wheel(built_site)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    changed = tmp_path / "served" / wheel.name
    changed.parent.mkdir()
    changed.write_bytes(wheel.read_bytes() + b"\0")

    def pip_install(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-index",
                "--quiet",
                "--target",
                str(tmp_path / f"into-{path.parent.name}"),
                f"{path.as_uri()}#sha256={digest}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert pip_install(wheel).returncode == 0
    refused = pip_install(changed)
    assert refused.returncode != 0 and "Expected sha256" in refused.stderr


def test_a_plain_http_site_url_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path, config="site_url: http://docs.example.test/\n")
    result = strict_build(project)
    assert result.returncode != 0
    assert "site_url http://docs.example.test/ is plain http" in result.stderr


def test_a_site_under_a_path_says_the_trust_covers_its_whole_origin(tmp_path):
    project = make_project(tmp_path, config="site_url: https://someone.example.test/project/\n")
    assert strict_build(project).returncode == 0
    page = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert "every page of <code>https://someone.example.test</code>" in page
    alone = make_project(tmp_path / "own", config="site_url: https://docs.example.test/\n")
    assert strict_build(alone).returncode == 0
    assert "every page of" not in (alone / "out" / "index.html").read_text(encoding="utf-8")
