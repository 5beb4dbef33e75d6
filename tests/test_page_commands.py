"""Every `$ curl` in the pages, run against a fresh demo server: no page drifts from the code.

Commands run in page order on one server per page (a fresh database), so an example may build
on the one before it. Only dates are normalised.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, demo_server, in_ci

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)
SHOWN_BASE = "http://localhost:3000"
DATES = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "<timestamp>"),
    (re.compile(r"^(date: ).*$", re.M | re.I), r"\1<date>"),
]


def console_examples(page: Path) -> list[tuple[str, str]]:
    """Each `$ command` in a console block of `page`, with the output shown under it."""
    examples = []
    for block in CONSOLE_BLOCK.findall(page.read_text(encoding="utf-8")):
        command, _, output = block.partition("\n")
        assert command.startswith("$ "), f"{page.name}: a console block starts with '$ '"
        examples.append((command[2:], output))
    return examples


def pages_with_commands():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        if any(cmd.startswith("curl ") for cmd, _ in console_examples(page)):
            yield pytest.param(page, id=str(page.relative_to(ROOT / "docs")))


def normalise(text: str) -> str:
    # A terminal shows no difference for a final newline; a page cannot show one.
    text = text.replace("\r\n", "\n").rstrip("\n")
    for pattern, replacement in DATES:
        text = pattern.sub(replacement, text)
    return text


def split_response(text: str) -> tuple[str, dict[str, str], str]:
    head, _, body = text.partition("\n\n")
    status, *lines = head.split("\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def assert_same_output(command: str, shown: str, actual: str) -> None:
    shown, actual = normalise(shown), normalise(actual)
    if " -i" not in f" {command}":
        assert actual == shown, f"$ {command}"
        return
    shown_status, shown_headers, shown_body = split_response(shown)
    status, headers, body = split_response(actual)
    assert status == shown_status, f"$ {command}"
    for name, value in shown_headers.items():
        assert headers.get(name) == value, f"$ {command}: header {name}"
    assert body == shown_body, f"$ {command}"


@pytest.fixture(scope="module")
def curl() -> str:
    path = shutil.which("curl")
    if path is None:
        if in_ci():
            pytest.fail("CI=true but curl is missing: .ci/run must install it")
        pytest.skip("curl is not installed")
    return path


@pytest.mark.parametrize("page", list(pages_with_commands()))
def test_page_commands_print_what_the_page_shows(page, curl, tmp_path):
    examples = [(c, o) for c, o in console_examples(page) if c.startswith("curl ")]
    with demo_server(db=tmp_path / "todos.sqlite3") as (_, base):
        for command, shown in examples:
            assert SHOWN_BASE in command, f"examples call {SHOWN_BASE}: {command}"
            args = shlex.split(command.replace(SHOWN_BASE, base))
            result = subprocess.run([curl, *args[1:]], capture_output=True, text=True, timeout=30)
            assert result.returncode == 0, f"$ {command}\n{result.stderr}"
            assert_same_output(command, shown, result.stdout)


def test_every_api_route_has_a_runnable_example():
    from demo_server.openapi import openapi_document

    pages = [ROOT / "docs" / name for name in ("api.md", "api-styles.md")]
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    tried = {
        (method, path.partition("?")[0])
        for method, path in re.findall(r"^```http try\n([A-Z]+) (\S+)", text, re.M)
    }
    for path, item in openapi_document("http://127.0.0.1:3000")["paths"].items():
        for method in item:
            if method == "parameters" or path == "/":
                continue
            # `{id}` in a Try it: the to-do the page's add example made (live-demo.js).
            concrete = re.compile("^" + re.sub(r"\{[^}]+\}", r"(\\d+|\\{id\\})", path) + "$")
            assert any(m == method.upper() and concrete.match(p) for m, p in tried), (method, path)


def test_a_drifted_example_fails():
    shown = '{\n  "status": "ok"\n}\n'
    with pytest.raises(AssertionError):
        assert_same_output(
            "curl -s http://localhost:3000/healthz", shown, '{\n  "status": "down"\n}'
        )
    with pytest.raises(AssertionError):
        assert_same_output(
            "curl -i http://localhost:3000/",
            "HTTP/1.1 200 OK\nContent-Length: 13\n\nHello, World!",
            "HTTP/1.1 200 OK\r\ncontent-length: 14\r\n\r\nHello, World!!",
        )
    # Dates differ between runs and are the one thing allowed to.
    assert_same_output(
        "curl -i http://localhost:3000/",
        'HTTP/1.1 200 OK\ndate: Tue, 24 Nov 2026 18:49:02 GMT\n\n{"t": "2026-11-24T18:49:02Z"}',
        'HTTP/1.1 200 OK\r\ndate: Wed, 25 Nov 2026 10:00:00 GMT\r\n\r\n{"t": "2027-01-01T00:00:00Z"}',  # noqa: E501
    )
