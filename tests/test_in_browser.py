"""The demo that runs in a reader's tab answers exactly as the demo server does.

Three runs of one scenario (tests/api_contract.py): the app through WebTest, as the server
serves it; the tab's adapter (`demo_server.in_browser`) natively; and that adapter on Pyodide in
Node, with the runtime and app bundle a built site serves to the browser's worker.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess

import pytest

from demo_server import exercises
from demo_server.exercises.runner import check_source
from demo_server.in_browser import TabServer, wsgi_environ
from tests.api_contract import (
    answers_in_process,
    as_json,
    normalised,
    scenario,
)
from tests.helpers import ROOT
from tests.site_builds import tab_files
from tooling.processes import in_ci
from tooling.solutions import solution

RUNNER = ROOT / "tests" / "pyodide_contract.mjs"


def test_the_tab_adapter_answers_like_the_server(tmp_path):
    calls = scenario()
    expected = answers_in_process(tmp_path / "served", calls)
    (tmp_path / "tab").mkdir()
    server = TabServer(str(tmp_path / "tab" / "todos.sqlite3"))
    got = [
        normalised(status, headers, body)
        for status, _, headers, body in (
            server.handle(c.method, c.path, c.headers.items(), c.body) for c in calls
        )
    ]
    for call, want, have in zip(calls, expected, got, strict=True):
        assert have == want, f"{call.method} {call.path}"


def test_environ_decodes_the_path_as_wsgi_says():
    environ = wsgi_environ("get", "/api/todos/%E2%98%83?x=1", [("If-None-Match", "a")], b"")
    assert environ["REQUEST_METHOD"] == "GET"
    assert environ["PATH_INFO"] == "/api/todos/\u00e2\u0098\u0083"  # UTF-8 bytes as latin-1
    assert environ["QUERY_STRING"] == "x=1"
    assert environ["HTTP_IF_NONE_MATCH"] == "a"


def test_reset_starts_over_from_the_pages_list(tmp_path):
    """Reset makes a new file, which the store must take as its own: the tab's file system
    gives it a new inode, and the store once answered every later request 503 ("replaced by
    another"). Here the old file is held open so that Linux cannot reuse its inode either."""
    path = tmp_path / "todos.sqlite3"
    server = TabServer(str(path))
    body = json.dumps({"title": "mine"}).encode()
    assert (
        server.handle("POST", "/api/todos", [("Content-Type", "application/json")], body)[0] == 201
    )
    with path.open("rb"):
        server.reset()
    listed = json.loads(server.handle("GET", "/api/todos", [])[3])["todos"]
    assert [t["title"] for t in listed][-1] == "sub thing now" and len(listed) == 4
    # Twice, and writing after it: the reset's new file is the one the app then uses (the
    # store refuses a replaced file, and a file system may reuse an inode or not).
    server.reset()
    assert (
        server.handle("POST", "/api/todos", [("Content-Type", "application/json")], body)[0] == 201
    )


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        if in_ci():
            pytest.fail("CI=true but no node: .ci/run must install Node.js")
        pytest.skip("node is not installed: the in-browser contract runs on Pyodide in Node")
    return found


def test_the_app_on_pyodide_answers_like_the_server(built_site, node, tmp_path):
    calls = scenario()
    expected = answers_in_process(tmp_path, calls)
    result = subprocess.run(
        [node, str(RUNNER)],
        input=json.dumps({**tab_files(built_site), "calls": as_json(calls)}),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    got = [
        normalised(a["status"], [tuple(h) for h in a["headers"]], base64.b64decode(a["body"]))
        for a in json.loads(result.stdout)
    ]
    assert len(got) == len(calls)
    for call, want, have in zip(calls, expected, got, strict=True):
        assert have == want, f"{call.method} {call.path}"


def test_check_on_pyodide_answers_as_the_runner_does_natively(built_site, node):
    """Check in the tab: every exercise's checks, on its starting code and on its reference
    solution, give on Pyodide (temporary folders, SQLite files) exactly the outcomes the
    runner gives here, and `demo-server check` prints."""
    cases = [
        {"exercise": name, "source": source}
        for name in exercises.names()
        for source in (
            (exercises.folder(name) / "start.py").read_text(encoding="utf-8"),
            solution(name),
        )
    ]
    result = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide_checks.mjs")],
        input=json.dumps({**tab_files(built_site), "checks": cases}),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads(result.stdout)
    want = [check_source(c["exercise"], c["source"], "start.py") for c in cases]
    assert got == want
    assert all(not all(o["passed"] for o in outcomes) for outcomes in got[::2])
    assert all(all(o["passed"] for o in outcomes) for outcomes in got[1::2])
