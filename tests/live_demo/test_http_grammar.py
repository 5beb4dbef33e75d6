"""The HTTP-example grammar, defined once (site_plugins/live_demo/http_grammar.py), read alike
by the build's check (page_checks/http_examples.py) and by the page script that sends an
example, or the reader's edit of one (assets/http-example.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_plugins.live_demo import http_grammar
from site_plugins.live_demo.fences import LANGUAGE, OPTION
from site_plugins.markdown_scan import find_fences
from site_plugins.page_checks.http_examples import request_problems
from tests.helpers import ROOT

SCRIPT = ROOT / "site_plugins" / "live_demo" / "assets" / "http-example.js"
RUNNER = Path(__file__).with_name("http_examples.mjs")

#: Requests that are wrong in each way the grammar knows, and some that are right.
CASES = [
    "GET / HTTP/1.1",
    "  GET   /api/todos?limit=2   HTTP/1.1  ",
    'POST /api/todos HTTP/1.1\nContent-Type: application/json\n\n{"title": "x"}',
    'PATCH /api/todos/1 HTTP/1.1\nContent-Type: application/json\nIf-Match: "abc"\n\n{}',
    "OPTIONS /api/todos HTTP/1.1\nOrigin: https://example.com\nAccess-Control-Request-Method: POST",
    "DELETE /api/todos/1 HTTP/1.1\n\n",
    "GET / HTTP/1.1\nX-Weird_Name.1~: ok",
    "",
    "GET",
    "GET/api/todos HTTP/1.1",
    "GET /api/todos",
    "FETCH /api/todos HTTP/1.1",
    "get /api/todos HTTP/1.1",
    "GET api/todos HTTP/1.1",
    "GET //evil.example/x HTTP/1.1",
    "GET http://127.0.0.1:3000/ HTTP/1.1",
    "GET / HTTP/2",
    "GET / HTTP/1.1\nContent-Type application/json",
    "GET / HTTP/1.1\nBad Name: x",
    "GET / HTTP/1.1\n Indented: x",
    'POST /api/todos HTTP/1.1\nContent-Type: application/json\n{"title": "x"}',
    'GET /api/todos HTTP/1.1\n\n{"title": "x"}',
    "HEAD / HTTP/1.1\n\nbody",
    "PUT /api/todos/1 HTTP/1.1\n\n[1, 2]",
]


def every_example_in_the_pages() -> list[str]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for fence in find_fences(page.read_text(encoding="utf-8")):
            if fence.language == LANGUAGE and OPTION in fence.options:
                found.append("\n".join(fence.body))
    return found


def parsed_by_the_page_script(cases: list[str]) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    answer = subprocess.run(
        [node, str(RUNNER), SCRIPT.as_uri()],
        input=json.dumps({"grammar": http_grammar.as_data(), "cases": cases}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(answer.stdout)


@pytest.mark.processes
def test_the_page_script_and_the_build_accept_and_refuse_the_same_requests():
    pages = every_example_in_the_pages()
    assert len(pages) >= 15, "the pages' examples were not found"
    cases = CASES + pages
    answers = parsed_by_the_page_script(cases)
    for text, answer in zip(cases, answers, strict=True):
        build_ok = not request_problems(text.split("\n"))
        script_ok = isinstance(answer, dict)
        assert build_ok == script_ok, (text, request_problems(text.split("\n")), answer)
        if script_ok:
            method, path, _ = text.split("\n")[0].split()
            assert (answer["method"], answer["path"]) == (method, path)
    assert sum(isinstance(a, dict) for a in answers[: len(CASES)]) == 8  # not all one way


@pytest.mark.processes
def test_the_page_script_reads_headers_and_body_as_sent():
    text = (
        "PATCH /api/todos/1 HTTP/1.1\n"
        "Content-Type: application/json\n"
        'If-Match:  "e1" \n\n{\n  "done": true\n}\n'
    )
    (answer,) = parsed_by_the_page_script([text])
    assert answer == {
        "method": "PATCH",
        "path": "/api/todos/1",
        "headers": {"Content-Type": "application/json", "If-Match": '"e1"'},
        "body": '{\n  "done": true\n}',
    }


def test_every_page_gets_the_grammar_the_build_checks_with():
    from site_plugins.page_checks import http_examples

    data = http_grammar.as_data()
    assert data["methods"] == list(http_examples.METHODS)
    assert http_examples.HEADER.pattern == f"^{data['headerName']}:"
