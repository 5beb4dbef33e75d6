"""The one Markdown scanner: its snippet markers are pymdownx.snippets' own, its fences are the
ones the console runner, the page checks and the author loop all read, and its problems have one
type."""

from __future__ import annotations

import pytest
from pymdownx.snippets import SnippetPreprocessor

from site_plugins.markdown_scan import (
    SNIPPET_MARKER,
    find_fences,
    find_snippets,
    lines_before,
)
from site_plugins.page_checks.console import console_commands
from site_plugins.problems import Problem
from tests.helpers import ROOT

MARKER_LINES = [
    '--8<-- "a.py"',
    "--8<-- 'a.py'",
    '  ---8<--- "a.py"',
    '--8<-- "a.py" ',  # a trailing space: pymdownx reads no marker
    '--8<-- "a.py"\t',
    "--8<--",
    "--8<-- ",
    "  --8<--",
    ';--8<-- "a.py"',
    ";;--8<--",
    '--8<--"a.py"',
    '--8<-- "a.py" and more',
    '--8<-- "a \\" b.py"',
    "-8<-",
    "8<--",
    'text --8<-- "a.py"',
]


@pytest.mark.parametrize("line", MARKER_LINES)
def test_a_marker_is_what_pymdownx_reads_as_one(line):
    ours = SNIPPET_MARKER.match(line)
    theirs = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    assert (ours is None) == (theirs is None)
    if ours:
        assert bool(ours["escape"]) == bool(theirs["escape"])
        assert bool(ours["block"]) == bool(theirs["block_marker"])


def test_every_marker_in_the_pages_is_read_as_pymdownx_reads_it():
    lines = [
        line
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for line in page.read_text(encoding="utf-8").split("\n")
        if "8<" in line
    ]
    assert lines, "the pages include no snippets: the comparison would be empty"
    for line in lines:
        ours = SNIPPET_MARKER.match(line)
        theirs = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        assert (ours is None) == (theirs is None), line


def test_snippets_both_forms_escapes_and_an_unclosed_block():
    page = "\n".join(
        [
            '--8<-- "one.py"',  # 1
            ';--8<-- "shown.py"',  # 2
            "--8<--",  # 3
            "two.py:section",  # 4
            ";commented.py",  # 5
            '--8<-- "ignored-in-a-block.py"',  # 6
            "",  # 7
            "--8<--",  # 8
            '--8<-- "spaced.py" ',  # 9: not a marker (trailing space)
            "--8<--",  # 10: opens a block never closed
            "three.py",  # 11
        ]
    )
    found = find_snippets(page)
    assert [(r.line, r.spec, r.in_block) for r in found.references] == [
        (1, "one.py", False),
        (4, "two.py:section", True),
        (11, "three.py", True),
    ]
    assert found.unclosed_block == 10
    assert find_snippets("--8<--\na.py\n--8<--\n").unclosed_block is None


def test_fences_nested_indented_quoted_and_left_open():
    page = "\n".join(
        [
            "````markdown",  # 1: shows a fence inside a longer one
            "```console",
            "$ shown only",
            "```",
            "````",  # 5
            "- item",
            "",
            '    ```{.console title="Health"}',  # 8
            "    $ curl -s http://localhost:3000/healthz",
            "    ok",
            "    ```",  # 11
            "> ```http try",  # 12
            "> GET / HTTP/1.1",
            "> ```",
            "```yaml",  # 15: left open
            "a: 1",
            "```python",  # 17: opens the next block, so 15 was meant to close
            "x = 1",
            "```",
        ]
    )
    fences = find_fences(page)
    assert [(f.line, f.language, f.closed) for f in fences] == [
        (1, "markdown", True),
        (8, "console", True),
        (12, "http", True),
        (15, "yaml", False),
        (17, "python", True),
    ]
    assert fences[1].body == ("$ curl -s http://localhost:3000/healthz", "ok")
    assert fences[2].body == ("GET / HTTP/1.1",) and fences[2].options == {"try"}
    # The console runner reads the same fences: the shown one inside ```` is not run.
    assert [(c.line, c.command) for c in console_commands(page, "p.md")] == [
        (9, "curl -s http://localhost:3000/healthz")
    ]


def test_lines_before_counts_what_mkdocs_took_off():
    source = "---\ntitle: x\n---\n# Page\ntext\n"
    assert lines_before(source, "# Page\ntext\n") == 3
    assert lines_before(source, "something else") == 0


def test_one_problem_type_for_pages_commands_and_the_panel():
    problem = Problem(2, "front matter key 'hide' must be a list")
    moved = problem.moved(3, file="docs/a.md")
    assert moved.location == "docs/a.md:5" and str(moved) == f"docs/a.md:5: {problem.message}"
    assert Problem.at("docs/a.md:5", problem.message) == moved
    assert Problem.at("docs/a.md", "m", "ERROR").as_dict() == {
        "level": "ERROR",
        "message": "m",
        "location": "docs/a.md",
    }
    assert Problem.at(None, "m").location is None
    with_diff = Problem(4, "$ curl x: prints other", "p.md", detail="-a\n+b")
    assert str(with_diff) == "p.md:4: $ curl x: prints other\n-a\n+b"
    assert sorted([Problem(9, "b"), Problem(2, "z")])[0].line == 2
