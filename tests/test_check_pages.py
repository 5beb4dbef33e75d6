"""`make check-pages`: every console command of every page runs, wherever it sits in the page,
and every drift is reported with its file, line and a diff."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_plugins.page_checks.console import console_commands, drift
from tests.helpers import ROOT
from tooling.check_pages import check

HEALTH = '{\n  "status": "ok",\n  "database": "ok"\n}'
INDENTED = HEALTH.replace("\n", "\n    ")
PAGE = f"""# Nested

!!! note "Health"

    ```console title="Health"
    $ curl -s http://localhost:3000/healthz
    {INDENTED}
    ```

=== "Tab"

    1. A step:

        ```{{.console}}
        $ curl -s http://localhost:3000/healthz
        {{"status": "down"}}
        ```

> ```console
> $ curl -s http://localhost:3000/api/todos/1
> {{"id": 2}}
> ```

````markdown
```console
$ curl -s http://localhost:3000/nothing-shown-only
```
````

```console
$ rm -rf /
```
"""


@pytest.mark.processes
def test_the_sites_pages_print_what_they_show():
    assert [str(problem) for problem in check()] == []


def test_blocks_are_found_wherever_they_sit_and_shown_ones_are_skipped():
    found = console_commands(PAGE, "docs/nested.md")
    assert [(c.line, c.command) for c in found] == [
        (6, "curl -s http://localhost:3000/healthz"),
        (18, "curl -s http://localhost:3000/healthz"),
        (23, "curl -s http://localhost:3000/api/todos/1"),
        (34, "rm -rf /"),
    ]
    assert found[0].shown == HEALTH
    assert found[2].shown == '{"id": 2}'


@pytest.mark.processes
def test_every_drift_is_reported_with_file_line_and_diff(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "nested.md").write_text(PAGE, encoding="utf-8")
    problems = check(tmp_path / "docs", tmp_path)
    where = ["docs/nested.md:18", "docs/nested.md:23", "docs/nested.md:34"]
    assert [p.location for p in problems] == where
    assert '-{"status": "down"}' in problems[0].detail
    assert '+  "status": "ok",' in problems[0].detail
    assert '+  "id": 1,' in problems[1].detail
    assert "only curl" in problems[2].message


@pytest.mark.processes
def test_the_command_line_fails_with_every_drift(tmp_path):
    (tmp_path / "nested.md").write_text(PAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_pages.py"), "--docs", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "nested.md:18: $ curl -s http://localhost:3000/healthz" in result.stdout
    assert result.stdout.strip().endswith("4 commands, 3 drifted")


@pytest.mark.parametrize(
    ("command", "shown", "actual", "same"),
    [
        ("curl -s x", '{"t": "2026-11-24T18:49:02Z"}', '{"t": "2027-01-01T00:00:00Z"}\n', True),
        (
            "curl -i x",
            "HTTP/1.1 200 OK\ndate: Tue\n\nHi",
            "HTTP/1.1 200 OK\r\netag: x\r\ndate: Wed\r\n\r\nHi",
            True,
        ),
        (
            "curl -i x",
            "HTTP/1.1 200 OK\ncontent-length: 13\n\nHi",
            "HTTP/1.1 200 OK\r\ncontent-length: 14\r\n\r\nHi",
            False,
        ),
        ("curl -i x", "HTTP/1.1 200 OK\nx-gone: 1\n\nHi", "HTTP/1.1 200 OK\r\n\r\nHi", False),
    ],
)
def test_what_counts_as_drift(command, shown, actual, same):
    assert (drift(command, shown, actual) is None) is same
