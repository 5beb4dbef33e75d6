"""Commands printed in the pages, run against a live demo server: no page drifts from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import ROOT, demo_server
from tests.test_cli import request

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


def console_examples(page: Path) -> list[tuple[str, list[str]]]:
    """Each `$ command` in a console block of `page`, with the output lines shown under it."""
    examples = []
    for block in CONSOLE_BLOCK.findall(page.read_text(encoding="utf-8")):
        command, *output = block.rstrip("\n").split("\n")
        assert command.startswith("$ "), f"{page.name}: console block must start with '$ '"
        examples.append((command[2:], output))
    return examples


def curl_examples():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for command, output in console_examples(page):
            if command.startswith("curl "):
                yield pytest.param(command, output, id=f"{page.name}: {command}")


@pytest.mark.parametrize(("command", "output"), list(curl_examples()))
def test_curl_example_matches_the_live_server(command, output):
    match = re.fullmatch(r"curl -i (http://localhost:3000)(/\S*)", command)
    assert match, f"only `curl -i http://localhost:3000/...` examples are checked: {command}"
    status_line, *rest = output
    blank = rest.index("")
    shown_headers = dict(line.split(": ", 1) for line in rest[:blank])
    shown_body = "\n".join(rest[blank + 1 :])

    with demo_server() as (_, base):
        status, headers, body = request(base, "GET", match.group(2))

    assert status_line.split(" ", 2)[1] == str(status)
    for name, value in shown_headers.items():
        assert headers.get(name.lower()) == value, name
    assert body.decode() == shown_body
