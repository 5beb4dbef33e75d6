"""Front matter an author got wrong, found before MkDocs reads it (the strict builds that
refuse author mistakes are in test_author_mistakes.py)."""

from __future__ import annotations

import pytest

from site_plugins.page_checks.front_matter import front_matter_problem


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("---\ntitle: ok\n---\n# Hi\n", None),
        ("# No front matter\n\n---\n", None),
        ("---\ntitle: [x\n---\n", (3, "not valid YAML")),
        ("---\n- a list\n---\n", (1, "must be a mapping")),
    ],
)
def test_front_matter_problem(page, problem):
    found = front_matter_problem(page)
    if problem is None:
        assert found is None
    else:
        assert found.line == problem[0] and problem[1] in found.message


def test_snippet_checks_name_the_problem_and_its_line(tmp_path):
    from site_plugins.page_checks.snippets import snippet_problems

    (tmp_path / "a.py").write_text("# --8<-- [start:s]\nx = 1\n# --8<-- [end:s]\n")
    page = '```\n--8<-- "a.py"\n--8<-- "a.py:s"\n--8<-- "a.py:t"\n--8<-- "b.py"\n```\n'
    fixed, problems = snippet_problems(page, [tmp_path])
    assert [(p.line, p.message) for p in problems] == [
        (4, "snippet section 't' not found in a.py"),
        (5, f"snippet file b.py not found (looked in {tmp_path})"),
    ]
    assert ';--8<-- "a.py:t"' in fixed and '\n--8<-- "a.py:s"' in fixed
