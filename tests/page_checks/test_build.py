"""Every author mistake page-checks knows, in one real build: one `file:line:` warning each."""

from __future__ import annotations

import pytest

from tests.page_checks.sites import build, make_site, warnings

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

PAGE = """---
descripton: A page.
title: 3
---
# Mistakes

- A list item:

    ```http try
    GTE /api/todos HTTP/1.1
    ```

!!! note

    ```http try
    GET http://localhost:3000/api/todos HTTP/1.1
    Accept application/json
    ```

> ```http try
> DELETE /api/todos/1 HTTP/1.1
>
> {"really": true}
> ```

--8<--
nowhere.md
--8<--

--8<-- "missing.md"

```http try
GET/api/todos HTTP/1.1
```

```python
print("never closed")
"""
EXPECTED = [
    "docs/mistakes.md:2: unknown front matter key 'descripton' (did you mean 'description'?)",
    "docs/mistakes.md:3: front matter key 'title' must be text",
    "docs/mistakes.md:10: http try example: 'GTE' is not an HTTP method (did you mean GET?)",
    "docs/mistakes.md:16: http try example: write the path (/api/todos), not a full URL: "
    "the reader chooses where the demo runs",
    "docs/mistakes.md:17: http try example: 'Accept application/json' is not a header: "
    "write Name: value",
    "docs/mistakes.md:23: http try example: a DELETE request has no body: remove it, "
    "or use POST or PUT",
    "docs/mistakes.md:27: snippet file nowhere.md not found (looked in .)",
    "docs/mistakes.md:30: snippet file missing.md not found (looked in .)",
    "docs/mistakes.md:33: http try example: put a space between the method and the path: "
    "GET /api/todos",
    "docs/mistakes.md:36: code fence ```python is never closed: end it with ```",
]


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    site = make_site(
        tmp_path_factory.mktemp("mistakes"), {"index.md": "# Fine\n", "mistakes.md": PAGE}
    )
    return build(site, "--strict")


def test_each_mistake_is_one_warning_at_its_line(strict):
    assert warnings(strict.stderr) == EXPECTED


def test_they_fail_the_strict_build_without_a_traceback(strict):
    assert strict.returncode != 0
    assert f"Aborted with {len(EXPECTED)} warnings in strict mode" in strict.stdout + strict.stderr
    assert "Traceback" not in strict.stderr


def test_a_page_without_mistakes_builds_clean(tmp_path):
    page = "---\ndescription: Fine.\n---\n# Fine\n\n```http try\nGET /api/todos HTTP/1.1\n```\n"
    result = build(make_site(tmp_path, {"index.md": page}), "--strict")
    assert result.returncode == 0, result.stderr
    assert warnings(result.stderr) == []
