"""The API page's table of limits says what the code enforces, and the other pages link to it
instead of saying it again: one fact, one place."""

from __future__ import annotations

import pytest

from demo_server.jsonio import MAX_BODY, MAX_DEPTH
from demo_server.serving import BACKLOG, HEADER_READ_TIMEOUT_MS
from demo_server.storage.interface import MAX_LEVELS, MAX_TODOS
from demo_server.todos import PAGE_DEFAULT, PAGE_MAX
from tests.helpers import ROOT


def limits_table() -> dict[str, str]:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    table = page[page.index("## Limits") :].split("\n\n")[2]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {what.strip(): limit.strip() for what, limit, _ in rows}


def test_the_limits_table_is_the_codes_limits():
    limits = limits_table()
    assert limits["To-dos in the list"].startswith(f"{MAX_TODOS:,} ")
    assert limits["To-dos in one answer"] == f"{PAGE_DEFAULT}, or `limit` up to {PAGE_MAX}"
    assert limits["Levels of sub-tasks"] == str(MAX_LEVELS)
    assert limits["A request body"] == (
        f"{MAX_BODY // 1024} KiB, JSON nested at most {MAX_DEPTH} levels deep"
    )
    timeout = limits["Time to send a request's headers, and between requests on one connection"]
    assert timeout == f"{HEADER_READ_TIMEOUT_MS // 1000} seconds"
    assert limits["Connections waiting to be accepted"] == f"{BACKLOG:,}"


@pytest.mark.parametrize(
    "name", ["beyond-hello-world.md", "api-styles.md", "demo-server.md", "databases.md"]
)
def test_the_other_pages_link_to_the_limits_instead_of_repeating_them(name):
    """Five pages once stated the limits, each its own way; a changed limit left four wrong."""
    page = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert "api.md#limits" in page
    for figure in (f"{MAX_TODOS:,}", f"{MAX_BODY // 1024} KiB", f"{MAX_LEVELS} levels"):
        assert figure not in page, (name, figure)


def test_the_api_page_states_its_limits_once():
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert page.count(f"{MAX_TODOS:,}") == 1 and page.count(f"{MAX_BODY // 1024} KiB") == 1
    assert f"1 to {PAGE_MAX}" in page and f"{PAGE_DEFAULT} at most" in page


def test_the_graphql_page_states_the_graphql_limits():
    from demo_server.graphql_limits import (
        MAX_ANSWER_BYTES,
        MAX_QUERY_COST,
        MAX_QUERY_DEPTH,
        MAX_RESOLVED_FIELDS,
    )
    from demo_server.graphql_route import MAX_TOKENS

    page = (ROOT / "docs" / "api-styles.md").read_text(encoding="utf-8")
    table = page[page.index("## Limits a GraphQL server needs") :].split("\n\n")[2]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    limits = {what.strip(): value.strip() for what, value, _ in rows}
    assert limits == {
        "Depth": f"{MAX_QUERY_DEPTH} levels",
        "Cost": f"{MAX_QUERY_COST:,}",
        "Size": f"{MAX_TOKENS:,} tokens",
    }
    assert f"{MAX_RESOLVED_FIELDS:,} fields resolved" in page
    assert f"{MAX_ANSWER_BYTES // 1024 // 1024} MiB of answer" in page
