"""The checks alone, on text: each kind of mistake and the line it is reported at."""

from __future__ import annotations

import pytest

from site_plugins.markdown_scan import find_fences
from site_plugins.page_checks.exercise_blocks import exercise_block_problems
from site_plugins.page_checks.front_matter import front_matter_key_problems
from site_plugins.page_checks.http_examples import http_example_problems, request_problems
from site_plugins.page_checks.plugin import unclosed_fences
from site_plugins.page_checks.snippets import snippet_problems
from site_plugins.problems import Problem


@pytest.mark.parametrize(
    "request_text",
    [
        "GET /api/todos HTTP/1.1",
        "GET /api/todos?limit=2 HTTP/1.1\nAccept: application/json",
        'PATCH /api/todos/{id} HTTP/1.1\nContent-Type: application/json\n\n{"done": true}',
        'GET / HTTP/1.1\nIf-None-Match: W/"d-Cg"',
        "OPTIONS /api/todos HTTP/1.1\n",
    ],
)
def test_good_requests_have_no_problem(request_text):
    assert request_problems(request_text.split("\n")) == []


@pytest.mark.parametrize(
    ("request_text", "line", "message"),
    [
        ("GET/api/todos HTTP/1.1", 1, "put a space between the method and the path"),
        ("GTE /api/todos HTTP/1.1", 1, "'GTE' is not an HTTP method (did you mean GET?)"),
        ("SEND /api/todos HTTP/1.1", 1, "use one of GET, HEAD, POST"),
        ("GET https://example.org/api/todos?x=1 HTTP/1.1", 1, "write the path (/api/todos?x=1)"),
        ("GET api/todos HTTP/1.1", 1, "the path must start with /, like /api/todos"),
        ("GET /api/todos HTTP/2", 1, "must end with HTTP/1.1, not HTTP/2"),
        ("GET /api/todos", 1, "the first line must be METHOD /path HTTP/1.1"),
        ("GET / HTTP/1.1\nAccept json", 2, "'Accept json' is not a header: write Name: value"),
        ('POST / HTTP/1.1\nContent-Type: a/b\n{"x": 1}', 3, "put a blank line between"),
        ("GET / HTTP/1.1\n\n\nbody", 4, "a GET request has no body"),
        ("HEAD / HTTP/1.1\nAccept: */*\n\nbody", 4, "a HEAD request has no body"),
        ("", 1, "the block is empty"),
    ],
)
def test_each_malformed_request_is_named_at_its_line(request_text, line, message):
    (problem,) = request_problems(request_text.split("\n"))
    assert problem.line == line and message in problem.message


def test_runnable_examples_are_found_nested_and_shown_ones_are_not():
    page = (
        "- item\n\n    ```http try\n    GTE / HTTP/1.1\n    ```\n\n"
        "> ~~~http try\n> GET / HTTP/1.1\n>\n> body\n> ~~~\n\n"
        "````markdown\n```http try\nBAD\n```\n````\n\n"
        "```http\nNOT RUN\n```\n"
    )
    problems = http_example_problems(find_fences(page))
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (4, "http try example"),
        (10, "http try example"),
    ]


def test_an_unclosed_fence_that_swallows_the_next_block_is_named_where_it_opened():
    page = (
        "```http try\nGET / HTTP/1.1\n\nProse the fence swallows.\n\n"
        "```console\n$ curl -s http://localhost:3000/\n```\n\n```python\nx = 1\n```\n"
    )
    assert unclosed_fences(find_fences(page)) == [
        Problem(1, "code fence ```http try is never closed: end it with ```")
    ]


def test_closed_fences_inline_code_and_longer_fences_are_fine():
    page = "Use ```http try``` here.\n\n````markdown\n```python\n````\n\n~~~\n```\n~~~\n"
    assert unclosed_fences(find_fences(page)) == []


def test_an_unclosed_fence_at_the_end_of_the_page(tmp_path):
    assert unclosed_fences(find_fences("Text\n\n~~~~yaml\na: 1\n~~~\n")) == [
        Problem(3, "code fence ~~~~yaml is never closed: end it with ~~~~")
    ]


def test_block_snippets_are_checked_and_escaped(tmp_path):
    (tmp_path / "a.md").write_text("A\n")
    page = '--8<--\na.md\n;gone.md\n\nb.md\n--8<-- "c.md"\n--8<--\n--8<-- "d.md"\n'
    fixed, problems = snippet_problems(page, [tmp_path])
    assert problems == [
        Problem(5, f"snippet file b.md not found (looked in {tmp_path})"),
        Problem(8, f"snippet file d.md not found (looked in {tmp_path})"),
    ]
    assert fixed.split("\n")[4] == ";b.md" and fixed.split("\n")[7] == ';--8<-- "d.md"'
    assert "a.md\n;gone.md" in fixed  # the rest as it was


def test_an_unclosed_snippet_block_is_one_problem_not_a_page_of_missing_files(tmp_path):
    page = "Intro\n\n  --8<--\nSome prose.\nMore prose.\n"
    fixed, problems = snippet_problems(page, [tmp_path])
    assert problems == [Problem(3, "snippet block is never closed: end it with --8<--")]
    assert fixed.split("\n")[2] == "  ;--8<--"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("---\ndescription: Fine.\ntitle: Also\nhide: [toc]\n---\n# Hi\n", []),
        ("# No front matter\n", []),
        ("---\ntitle: [unclosed\n---\n", []),  # not YAML: front_matter_problem's to say
        (
            "---\ntitle: T\ndescripton: x\n---\n",
            [Problem(3, "unknown front matter key 'descripton' (did you mean 'description'?)")],
        ),
        (
            "---\nauthor: me\n---\n",
            [
                Problem(
                    2,
                    "unknown front matter key 'author' "
                    "(known: title, description, template, hide, search)",
                )
            ],
        ),
        ("---\ndescription:\n---\n", [Problem(2, "front matter key 'description' must be text")]),
        ("---\nhide: toc\n---\n", [Problem(2, "front matter key 'hide' must be a list")]),
    ],
)
def test_front_matter_keys_against_the_schema(source, expected):
    assert front_matter_key_problems(source) == expected


def test_an_exercise_block_names_an_exercise_and_includes_its_code():
    page = "\n".join(
        [
            "# Exercises",
            "",
            '```python exercise="01-answer" title="start.py"',
            '--8<-- "demo_server/exercises/01-answer/start.py"',
            "```",
            "",
            '```python exercise="99-nothing"',
            '--8<-- "demo_server/exercises/01-answer/start.py"',
            "```",
            "",
            '```python exercise="02-todo-by-id"',
            "from bottle import Bottle",
            "```",
            "",
            "```python",
            "print('an ordinary block')",
            "```",
        ]
    )
    problems = exercise_block_problems(find_fences(page))
    assert [(p.line, p.message.split(";")[0].split(" with ")[0]) for p in problems] == [
        (7, "exercise block: no exercise '99-nothing'"),
        (11, "exercise block: include the starting code"),
    ]
    assert "one of 01-answer, 02-todo-by-id" in problems[0].message
    assert '--8<-- "demo_server/exercises/02-todo-by-id/start.py"' in problems[1].message
