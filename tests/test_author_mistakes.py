"""Bad author input in the site's own pages: each mistake is one warning line that names its
page, the strict build fails, and neither a traceback nor a signed URL's secret reaches the log.

All the mistakes go into one copy of the site, each on a page of its own, and one strict build
reads them all: a warning names its page, so each test still sees its own mistake caught (a
strict build fails on any warning), at the cost of one build instead of ten.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_builds import copy_project, refused_build, replace_in, strict_build

pytestmark = pytest.mark.processes

EXPIRED_IMAGE = (
    "![Old](https://files.example.invalid/a/b/old.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAEXAMPLEKEY123456%2F20241021%2Fus-west-2%2Fs3%2Faws4_request"
    "&X-Amz-Date=20241021T130758Z&X-Amz-Expires=3600&X-Amz-Signature=abc&X-Amz-SignedHeaders=host)"
)
FRONT_MATTER = "---\ntitle: [unclosed\n---\n"
#: (id, page, text added at its end, what the warning says); the front matter one replaces the
#: page's own front matter instead.
MISTAKES = [
    ("front-matter", "todo.md", FRONT_MATTER, "todo.md:3: front matter is not valid YAML"),
    ("snippet", "index.md", '```\n--8<-- "examples/nowhere.js"\n```', "examples/nowhere.js"),
    ("link", "hello-world.md", "[x](nowhere.md)", "nowhere.md"),
    ("anchor", "api.md", "[x](index.md#nowhere)", "#nowhere"),
    (
        "expired-image",
        "reliability.md",
        EXPIRED_IMAGE,
        "reliability.md: image files.example.invalid/…/old.png expired",
    ),
    ("missing-page", "scaling-out.md", "[gone](no-such-page.md)", "no-such-page.md"),
    ("missing-heading", "performance.md", "[gone](index.md#no-such-heading)", "no-such-heading"),
    ("missing-image", "demo-server.md", "![gone](assets/missing.svg)", "missing.svg"),
    (
        "exercise-name",
        "build-it-yourself/01-answer.md",
        '```python exercise="1-answer"\n--8<-- "demo_server/exercises/01-answer/start.py"\n```',
        "exercise block: no exercise '1-answer'; write exercise=\"NAME\" with one of 01-answer",
    ),
    (
        "edit-file",
        "beyond-hello-world.md",
        '```python edit="app.py"\nprint("hi")\n```',
        'edit="app.py" is not a module the page can edit; use one of hello.py, todos.py',
    ),
    (
        "missing-snippet",
        "api-styles.md",
        '```\n--8<-- "examples/express/missing.js"\n```',
        "examples/express/missing.js",
    ),
]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The stderr of one strict build of the site with every mistake above, and a page left
    out of nav."""
    project = copy_project(tmp_path_factory.mktemp("mistakes"))
    for _, page, text, _ in MISTAKES:
        path = project / "docs" / page
        source = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            assert source.startswith("---\n"), f"{page} has no front matter to replace"
            path.write_text(text + source.split("---\n", 2)[2], encoding="utf-8")
        else:
            path.write_text(f"{source}\n\n{text}\n", encoding="utf-8")
    (project / "docs" / "orphan.md").write_text("# Orphan\n", encoding="utf-8")
    result = strict_build(project)
    assert result.returncode != 0, "the strict build passed:\n" + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("page", "message"),
    [pytest.param(page, message, id=name) for name, page, _, message in MISTAKES],
)
def test_each_mistake_is_one_warning_naming_its_page(broken_build, page, message):
    lines = [line for line in broken_build.splitlines() if message in line]
    assert lines, broken_build
    assert all(Path(page).name in line for line in lines), lines
    assert lines[0].startswith(("WARNING", "ERROR")), lines


def test_a_page_left_out_of_nav_is_a_warning(broken_build):
    assert any("orphan.md" in line for line in broken_build.splitlines()), broken_build


def test_no_secret_of_a_signed_url_reaches_the_log(broken_build):
    assert "X-Amz-Signature" not in broken_build and "AKIAEXAMPLE" not in broken_build


def test_a_plugin_option_of_the_wrong_type_is_one_line(tmp_path):
    project = copy_project(tmp_path)
    replace_in(
        project / "mkdocs.yml", "  - remote-images\n", "  - remote-images:\n      timeout: soon\n"
    )
    refused_build(project, "Plugin 'remote-images' option 'timeout'")
