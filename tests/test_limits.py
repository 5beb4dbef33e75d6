"""Bounded data: a page of the list at a time, a cap on to-dos and on sub-task depth, and text
that a database can store. In-process; tests/reliability checks the same on the real server."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from contextlib import closing

import pytest

from demo_server.storage import sqlite
from demo_server.storage.database import Kind
from demo_server.storage.interface import MAX_LEVELS, MAX_TODOS, SEED_TODOS, TITLE_MAX
from demo_server.todos import PAGE_DEFAULT, PAGE_MAX
from tests.db_fill import add_chain, count_in, fill_to

#: Every test here runs on every database (DATABASES in tests/conftest.py).
EVERY_DATABASE = True


def post(client, body, status=201):
    return client.post(
        "/api/todos", json.dumps(body), content_type="application/json", status=status
    )


def test_the_list_comes_a_page_at_a_time_and_every_page_links_the_next(client, settings):
    fill_to(settings, 250)
    seen, path, pages = [], "/api/todos", 0
    while path:
        page = client.get(path).json
        assert len(page["todos"]) <= PAGE_DEFAULT
        seen += [t["id"] for t in page["todos"]]
        path, pages = page["next"], pages + 1
    assert pages == 3 and seen == sorted(seen) and len(seen) == len(set(seen)) == 250


def test_limit_and_after_pick_the_page(client):
    page = client.get("/api/todos?limit=2").json
    assert [t["title"] for t in page["todos"]] == [title for title, _ in SEED_TODOS[:2]]
    assert page["next"] == f"/api/todos?after={page['todos'][-1]['id']}&limit=2"
    last = client.get(page["next"]).json
    assert [t["title"] for t in last["todos"]] == [title for title, _ in SEED_TODOS[2:]]
    assert last["next"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=0", f"'limit' must be a whole number from 1 to {PAGE_MAX}"),
        (f"limit={PAGE_MAX + 1}", f"'limit' must be a whole number from 1 to {PAGE_MAX}"),
        ("limit=-1", "'limit' must be a whole number"),
        ("limit=1e3", "'limit' must be a whole number"),
        ("limit=" + "9" * 5000, "'limit' must be a whole number"),
        ("after=%D9%A3", "'after' must be a whole number"),  # an Arabic-Indic digit
        ("after=-5", "'after' must be a whole number"),
        ("page=2", "unknown query parameter 'page'; allowed: limit, after"),
    ],
)
def test_a_bad_page_request_is_a_400_that_says_why(client, query, message):
    res = client.get(f"/api/todos?{query}", status=400)
    assert message in res.json["error"]["message"]


def test_the_list_is_capped_and_a_full_one_says_so_and_keeps_its_data(client, settings):
    fill_to(settings, MAX_TODOS - 1)
    post(client, {"title": "the last one that fits"})
    res = post(client, {"title": "one too many"}, status=409)
    assert f"the list is full: it holds {MAX_TODOS} to-dos" in res.json["error"]["message"]
    assert count_in(settings) == MAX_TODOS
    client.delete("/api/todos/1", status=204)
    post(client, {"title": "room again"})


def test_a_page_at_the_cap_stays_well_under_a_megabyte(client, settings):
    fill_to(settings, MAX_TODOS, title="\U0001f600" * TITLE_MAX)  # four bytes a character
    res = client.get(f"/api/todos?limit={PAGE_MAX}")
    assert len(res.json["todos"]) == PAGE_MAX
    assert len(res.body) < 512 * 1024


def test_sub_tasks_nest_at_most_max_levels_deep(client):
    parent = None
    for _ in range(MAX_LEVELS):
        parent = post(client, {"title": "deeper", "parent_id": parent}).json["id"]
    res = post(client, {"title": "too deep", "parent_id": parent}, status=400)
    assert f"already {MAX_LEVELS} levels deep" in res.json["error"]["message"]


def test_a_chain_deeper_than_sqlites_recursion_limit_still_deletes(client, settings):
    # Made before the depth limit existed: SQLite's cascade stops at 1,000 levels of recursion.
    if settings.database.kind is Kind.MONGODB:
        pytest.skip("no MongoDB database predates the depth limit: the demo kept none there")
    root = add_chain(settings, 1100)
    client.delete(f"/api/todos/{root}", status=204)
    remaining = [t["title"] for t in client.get("/api/todos").json["todos"]]
    assert remaining == [title for title, _ in SEED_TODOS]


def test_deleting_a_to_do_takes_its_sub_tasks_and_nothing_else(client):
    top = post(client, {"title": "top"}).json["id"]
    child = post(client, {"title": "child", "parent_id": top}).json["id"]
    post(client, {"title": "grandchild", "parent_id": child})
    other = post(client, {"title": "other"}).json["id"]
    client.delete(f"/api/todos/{top}", status=204)
    titles = [t["title"] for t in client.get("/api/todos").json["todos"]]
    assert titles == [title for title, _ in SEED_TODOS] + ["other"]
    client.get(f"/api/todos/{other}")


@pytest.mark.parametrize("escaped", ["\\ud800", "\\udfff", "a\\udc80b", "\\ud83d"])
def test_a_json_escaped_lone_surrogate_is_a_400_not_a_500(client, escaped):
    body = ('{"title": "' + escaped + '"}').encode()
    res = client.post("/api/todos", body, content_type="application/json", status=400)
    assert "lone surrogate" in res.json["error"]["message"]
    top = client.get("/api/todos").json["todos"][0]["id"]
    client.patch(f"/api/todos/{top}", body, content_type="application/json", status=400)


def test_a_json_escaped_surrogate_pair_is_one_character_and_fine(client):
    res = client.post(
        "/api/todos", b'{"title": "\\ud83d\\ude00"}', content_type="application/json", status=201
    )
    assert res.json["title"] == "\U0001f600"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_new_database_and_its_folder_are_private(tmp_path):
    path = tmp_path / "new" / "todos.sqlite3"
    sqlite.initialise(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO meta VALUES ('x', 'y')")  # WAL and shm files too
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    for name in ("todos.sqlite3", "todos.sqlite3-wal", "todos.sqlite3-shm"):
        if (path.parent / name).exists():
            assert stat.S_IMODE(os.stat(path.parent / name).st_mode) == 0o600, name


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_an_existing_database_keeps_the_mode_its_owner_gave_it(tmp_path):
    path = tmp_path / "todos.sqlite3"
    sqlite.initialise(path)
    path.chmod(0o640)
    sqlite.initialise(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
