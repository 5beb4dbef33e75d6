"""Every API route has a runnable example in the pages (the examples' output is checked by
`make check-pages`, tests/test_check_pages.py)."""

from __future__ import annotations

import re

from tests.helpers import ROOT


def test_every_api_route_has_a_runnable_example():
    from demo_server.openapi import openapi_document

    pages = [ROOT / "docs" / name for name in ("api.md", "api-styles.md")]
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    tried = {
        (method, path.partition("?")[0])
        for method, path in re.findall(r"^```http try\n([A-Z]+) (\S+)", text, re.M)
    }
    for path, item in openapi_document("http://127.0.0.1:3000")["paths"].items():
        for method in item:
            # /cors-check answers about the asking page's origin, which a Try it in the tab
            # does not send: api.md shows it as a curl command (run by make check-pages).
            if method == "parameters" or path in ("/", "/cors-check"):
                continue
            # `{id}` in a Try it: the to-do the page's add example made (live-demo.js).
            concrete = re.compile("^" + re.sub(r"\{[^}]+\}", r"(\\d+|\\{id\\})", path) + "$")
            assert any(m == method.upper() and concrete.match(p) for m, p in tried), (method, path)


def test_the_routes_table_lists_every_answer_the_document_promises():
    """api.md's routes table and /openapi.json name the same statuses for each route (503 aside:
    every route may give it, and the statuses table says so once). PATCH's 415 was missing."""
    from demo_server.openapi import openapi_document

    paths = openapi_document("http://127.0.0.1:3000")["paths"]
    table = (ROOT / "docs" / "api.md").read_text(encoding="utf-8").split("## Routes", 1)[1]
    rows = re.findall(r"^\| (`[A-Z]+ [^|]+`) \| .*? \| (.*) \|$", table.split("\n\n", 2)[1], re.M)
    assert rows
    for routes, answers in rows:
        promised: set[str] = set()
        for route in re.findall(r"`([A-Z]+) ([^`]+)`", routes):
            method, path = route[0].lower(), route[1].replace("{id}", "{todo_id}")
            promised |= set(paths[path][method]["responses"]) - {"503"}
        assert set(re.findall(r"`(\d{3})`", answers)) - {"503"} == promised, routes
