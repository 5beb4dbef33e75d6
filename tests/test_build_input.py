"""Bad author input: one clear line naming the file, and a failed strict build."""

from __future__ import annotations

import pytest

from site_plugins.page_checks.front_matter import front_matter_problem
from tests.site_builds import copy_project, refused_build, replace_in

EXPIRED_IMAGE = (
    "![Old](https://files.example.invalid/a/b/old.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAEXAMPLEKEY123456%2F20241021%2Fus-west-2%2Fs3%2Faws4_request"
    "&X-Amz-Date=20241021T130758Z&X-Amz-Expires=3600&X-Amz-Signature=abc&X-Amz-SignedHeaders=host)"
)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "", "todo.md:3: front matter is not valid YAML"),
        ("", '\n```\n--8<-- "examples/nowhere.js"\n```\n', "examples/nowhere.js"),
        ("", "\n[x](nowhere.md)\n", "todo.md"),
        ("", "\n[x](index.md#nowhere)\n", "nowhere"),
        ("", f"\n{EXPIRED_IMAGE}\n", "todo.md: image files.example.invalid/…/old.png expired"),
    ],
    ids=["front-matter", "snippet", "link", "anchor", "expired-image"],
)
@pytest.mark.processes
def test_author_mistakes_fail_the_strict_build_in_one_line(tmp_path, start, end, message):
    project = copy_project(tmp_path)
    page = project / "docs" / "todo.md"
    text = page.read_text(encoding="utf-8")
    if start:  # replace the page's own front matter
        text = start + text.split("---\n", 2)[2]
    page.write_text(text + end, encoding="utf-8")
    stderr = refused_build(project, message)
    assert "X-Amz-Signature" not in stderr and "AKIAEXAMPLE" not in stderr


@pytest.mark.processes
def test_a_plugin_option_of_the_wrong_type_is_one_line(tmp_path):
    project = copy_project(tmp_path)
    replace_in(
        project / "mkdocs.yml", "  - remote-images\n", "  - remote-images:\n      timeout: soon\n"
    )
    refused_build(project, "Plugin 'remote-images' option 'timeout'")


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
