"""The to-do API in-process: every route, every error, and nothing half-written."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate

from demo_server.storage.interface import SEED_TODOS
from tests.api_contract import BAD_CREATE_BODIES, BAD_PATCHES, ORIGIN, UNKNOWN_PATHS
from tests.databases import app_on, unavailable

#: Every test here runs on every database (DATABASES in tests/conftest.py).
EVERY_DATABASE = True


def titles(client):
    return [t["title"] for t in client.get("/api/todos").json["todos"]]


def post(client, body, status=201, **kwargs):
    return client.post(
        "/api/todos",
        json.dumps(body) if not isinstance(body, (bytes, str)) else body,
        content_type=kwargs.pop("content_type", "application/json"),
        status=status,
        **kwargs,
    )


def test_list_starts_with_the_pages_to_do_list(client):
    todos = client.get("/api/todos").json["todos"]
    assert [t["title"] for t in todos] == [title for title, _ in SEED_TODOS]
    sub = todos[3]
    assert sub["parent_id"] == todos[2]["id"] and sub["done"] is False
    assert client.get("/api/todos").headers["Content-Type"] == "application/json; charset=utf-8"


def test_create_returns_201_location_and_the_new_todo(client):
    res = post(client, {"title": "  Write the API  "})
    assert res.headers["Location"] == f"/api/todos/{res.json['id']}"
    assert res.json["title"] == "Write the API" and res.json["done"] is False
    assert client.get(res.headers["Location"]).json == res.json


def test_create_a_sub_task(client):
    parent = post(client, {"title": "Parent"}).json
    child = post(client, {"title": "Child", "parent_id": parent["id"]}).json
    assert child["parent_id"] == parent["id"]


def test_patch_renames_and_ticks(client):
    res = client.patch(
        "/api/todos/1",
        json.dumps({"done": True, "title": "First!"}),
        content_type="application/json",
    )
    assert res.json["done"] is True and res.json["title"] == "First!"
    assert client.get("/api/todos/1").json["done"] is True


def test_delete_removes_the_todo_and_its_sub_tasks(client):
    client.delete("/api/todos/3", status=204)
    assert titles(client) == ["First Thing", "second thing now"]
    client.get("/api/todos/4", status=404)


@pytest.mark.parametrize(("body", "content_type", "status", "message"), BAD_CREATE_BODIES)
def test_bad_input_is_a_json_error_and_writes_nothing(client, body, content_type, status, message):
    before = titles(client)
    res = post(client, body, status=status, content_type=content_type)
    assert res.json["error"]["status"] == status
    assert message in res.json["error"]["message"]
    assert titles(client) == before


@pytest.mark.parametrize(("body", "message"), BAD_PATCHES)
def test_bad_patch_changes_nothing(client, body, message):
    res = client.patch(
        "/api/todos/1", json.dumps(body), content_type="application/json", status=400
    )
    assert message in res.json["error"]["message"]
    assert client.get("/api/todos/1").json["title"] == "First Thing"
    assert client.get("/api/todos/1").json["done"] is False


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_unknown_ids_and_paths_are_json_404(client, path):
    res = client.get(path, status=404)
    assert res.json["error"]["status"] == 404


def test_unknown_ids_on_patch_and_delete_are_404(client):
    client.patch("/api/todos/999", '{"done": true}', content_type="application/json", status=404)
    client.delete("/api/todos/999", status=404)
    client.delete("/api/todos/99999999999999999999", status=404)


def test_wrong_method_is_405_with_allow(client):
    res = client.put("/api/todos", "{}", content_type="application/json", status=405)
    assert res.headers["Allow"] == "GET, HEAD, POST"
    assert res.json["error"]["status"] == 405
    res = client.post("/api/todos/1", "{}", content_type="application/json", status=405)
    assert res.headers["Allow"] == "GET, HEAD, PATCH, DELETE"


@pytest.mark.parametrize("title", ["\u0000", "\u0000x", "x\u0000" * 100])
def test_titles_with_nul_characters_are_refused_on_every_database(client, title):
    # PostgreSQL's text cannot hold NUL; SQLite could, but both answer the same.
    res = post(client, {"title": title}, status=400)
    assert res.json["error"]["message"] == "'title' must not contain the NUL character (U+0000)"
    assert len(titles(client)) == 4


def test_sql_metacharacters_are_stored_verbatim(client):
    nasty = "Robert'); DROP TABLE todos;-- \" \\ % _ ? \u2028 ☃"
    created = post(client, {"title": nasty}).json
    assert client.get(f"/api/todos/{created['id']}").json["title"] == nasty.strip()
    assert len(titles(client)) == 5


def test_healthz_checks_the_database(client, settings):
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
    with app_on(unavailable(settings)) as down:
        res = down.get("/healthz", status=503)
    assert res.json["status"] == "unavailable"


def test_a_database_failure_is_a_json_503_not_a_500(settings):
    with app_on(unavailable(settings)) as down:
        res = down.get("/api/todos", status=503)
        assert "database is unavailable" in res.json["error"]["message"]
        assert "\n" not in res.json["error"]["message"]  # one line


def test_openapi_document_is_valid_and_covers_every_route(client, app):
    spec = client.get("/openapi.json").json
    validate(spec)
    documented = {
        (path, method.upper())
        for path, item in spec["paths"].items()
        for method in item
        if method != "parameters"
    }
    routed = {
        (route.rule.replace("<todo_id:int>", "{todo_id}"), route.method)
        for route in app.routes
        if route.method != "OPTIONS"
    }
    assert routed == documented


def test_cors_allows_the_docs_origin_only(client):
    res = client.get("/api/todos", headers={"Origin": ORIGIN})
    assert res.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in res.headers["Vary"]
    res = client.get("/api/todos", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in res.headers


def test_preflight_from_the_docs_allows_private_network_access(client):
    res = client.options(
        "/api/todos/1",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "content-type",
            "Access-Control-Request-Private-Network": "true",
        },
        status=204,
    )
    assert res.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "PATCH" in res.headers["Access-Control-Allow-Methods"]
    assert res.headers["Access-Control-Allow-Private-Network"] == "true"


def test_preflight_from_another_origin_is_refused(client):
    res = client.options(
        "/api/todos",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        status=403,
    )
    assert "--allow-origin https://evil.example" in res.json["error"]["message"]


def test_security_headers_everywhere_and_csp_on_html(client):
    for res in (client.get("/"), client.get("/api/todos"), client.get("/nope", status=404)):
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in client.get("/").headers["Content-Security-Policy"]


def test_every_documented_query_number_has_the_range_the_server_enforces(client):
    """Each integer query parameter states both ends of its range, and the server agrees at each
    end: the edge is accepted, one past it is a 400. (The document once gave `after` no maximum,
    so a client generated from it could send ids the server refuses.)"""
    spec = client.get("/openapi.json").json
    for parameter in spec["paths"]["/api/todos"]["get"]["parameters"]:
        schema, name = parameter["schema"], parameter["name"]
        assert {"minimum", "maximum"} <= schema.keys(), name
        for edge, past in (
            (schema["minimum"], schema["minimum"] - 1),
            (schema["maximum"], schema["maximum"] + 1),
        ):
            client.get(f"/api/todos?{name}={edge}", status=200)
            client.get(f"/api/todos?{name}={past}", status=400)


def test_a_preflight_for_the_pages_conditional_get_is_allowed(client):
    """The Security page's ETag example sends If-None-Match: from "my own server" it needs a
    preflight, which once was refused (the tab answered 304, the reader's server nothing)."""
    res = client.options(
        "/",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
        status=204,
    )
    assert "If-None-Match" in res.headers["Access-Control-Allow-Headers"]


def test_a_refused_preflight_names_the_header_and_what_a_page_may_send(client):
    res = client.options(
        "/api/todos",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-secret",
        },
        status=403,
    )
    message = res.json["error"]["message"]
    assert "x-secret" in message and "Content-Type" in message and "content-type," not in message


def test_cors_check_tells_any_page_what_its_preflight_gets(client):
    """A browser hides a refused preflight's answer from the page; /cors-check, a request that
    needs no preflight, gives the same verdict with its reason, readable by any page."""
    ask = "/cors-check?method={}&path={}&headers={}"
    res = client.get(ask.format("GET", "/", "if-none-match"), headers={"Origin": ORIGIN})
    assert res.json == {"allowed": True, "reason": None}
    assert res.headers.getall("Access-Control-Allow-Origin") == ["*"]  # once, not twice
    res = client.get(ask.format("GET", "/", "x-secret"), headers={"Origin": ORIGIN})
    assert res.json["allowed"] is False and "x-secret" in res.json["reason"]
    res = client.get(ask.format("PUT", "/", ""), headers={"Origin": ORIGIN})
    assert res.json["reason"] == "PUT is not allowed on /; its methods: GET, HEAD"
    res = client.get(ask.format("GET", "/", ""), headers={"Origin": "https://evil.example"})
    assert "--allow-origin https://evil.example" in res.json["reason"]
    assert res.headers["Access-Control-Allow-Origin"] == "*"
    # The verdict is the preflight's own: the two never disagree.
    for origin, method, path, headers in [
        (ORIGIN, "PATCH", "/api/todos/1", "content-type"),
        (ORIGIN, "DELETE", "/", ""),
        (ORIGIN, "GET", "/graphql", "apollo-require-preflight"),
        ("https://evil.example", "GET", "/", ""),
    ]:
        check = client.get(ask.format(method, path, headers), headers={"Origin": origin}).json
        preflight = client.options(
            path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": headers,
            },
            expect_errors=True,
        )
        assert check["allowed"] == (preflight.status_int == 204)
        if not check["allowed"]:
            assert check["reason"] == preflight.json["error"]["message"]
    client.get(ask.format("GET", "nope", ""), status=400)


def test_cors_check_is_open_to_a_private_network_preflight(client):
    """A public page calling the reader's 127.0.0.1 is preflighted even for a plain GET
    (Private Network Access); the page asking why it was refused is one the server does not
    trust, so /cors-check's own preflight is allowed for every origin, and only for GET."""
    asking = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    res = client.options(
        "/cors-check",
        headers={**asking, "Access-Control-Request-Private-Network": "true"},
        status=204,
    )
    assert res.headers["Access-Control-Allow-Origin"] == "*"
    assert res.headers["Access-Control-Allow-Private-Network"] == "true"
    client.options(
        "/cors-check", headers={**asking, "Access-Control-Request-Method": "POST"}, status=403
    )
    client.options("/api/todos", headers=asking, status=403)
