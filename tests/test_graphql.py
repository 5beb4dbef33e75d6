"""GraphQL beside REST, in-process: the same data, the same checks and limits, GraphQL's errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from graphql import get_introspection_query

from demo_server.graphql_limits import MAX_QUERY_COST, MAX_QUERY_DEPTH
from demo_server.graphql_schema import SCHEMA
from demo_server.storage.interface import MAX_LEVELS
from demo_server.todos import PAGE_DEFAULT, PAGE_MAX
from tests.api_contract import GRAPHQL_GET, ORIGIN, doubling_fragments
from tests.databases import app_on, unavailable
from tests.db_fill import add_chain, fill_to

#: Every test here runs on every database (DATABASES in tests/conftest.py).
EVERY_DATABASE = True

GRAPHQL_TYPE = "application/graphql-response+json"
FIELDS = "id title done parentId createdAt"
PREFLIGHT = GRAPHQL_GET


def gql(client, query, variables=None, status=200, **kwargs):
    body = {"query": query, **({"variables": variables} if variables is not None else {})}
    return client.post_json("/graphql", body, status=status, **kwargs).json


def rest_shape(todo: dict) -> dict:
    """A GraphQL to-do with the REST API's field names."""
    names = {"parentId": "parent_id", "createdAt": "created_at"}
    return {names.get(k, k): v for k, v in todo.items()}


def test_the_issues_query_returns_the_first_page_of_the_rest_list(client, settings):
    fill_to(settings, 150)
    data = gql(client, "{ todos { id title done } }")["data"]["todos"]
    rest = client.get("/api/todos").json["todos"]
    assert len(data) == len(rest) == PAGE_DEFAULT
    assert data == [{k: t[k] for k in ("id", "title", "done")} for t in rest]


def test_pages_match_rest_pages_field_for_field(client, settings):
    fill_to(settings, 30)
    after = 0
    while True:
        page = gql(client, f"{{ todos(limit: 7, after: {after}) {{ {FIELDS} }} }}")
        rest = client.get(f"/api/todos?limit=7&after={after}").json
        assert [rest_shape(t) for t in page["data"]["todos"]] == rest["todos"]
        if rest["next"] is None:
            assert len(page["data"]["todos"]) < 7 or not page["data"]["todos"]
            break
        after = rest["todos"][-1]["id"]


def test_one_to_do_with_its_sub_tasks_in_one_request(client):
    data = gql(client, "{ todo(id: 3) { title subtasks { id title parent { id } } } }")["data"]
    children = [t for t in client.get("/api/todos").json["todos"] if t["parent_id"] == 3]
    assert data["todo"]["title"] == client.get("/api/todos/3").json["title"]
    assert [s["id"] for s in data["todo"]["subtasks"]] == [c["id"] for c in children]
    assert all(s["parent"]["id"] == 3 for s in data["todo"]["subtasks"])
    assert gql(client, "{ todo(id: 999) { id } }") == {"data": {"todo": None}}


def test_mutations_change_what_rest_reads(client):
    added = gql(client, 'mutation { addTodo(title: "  Write the page ", parentId: 1) { id } }')
    todo_id = added["data"]["addTodo"]["id"]
    assert client.get(f"/api/todos/{todo_id}").json["title"] == "Write the page"
    gql(client, "mutation($id: Int!) { tickTodo(id: $id) { done } }", {"id": todo_id})
    assert client.get(f"/api/todos/{todo_id}").json["done"] is True
    gql(client, f'mutation {{ renameTodo(id: {todo_id}, title: "Renamed") {{ id }} }}')
    assert client.get(f"/api/todos/{todo_id}").json["title"] == "Renamed"
    assert gql(client, "mutation { deleteTodo(id: 1) }") == {"data": {"deleteTodo": True}}
    client.get("/api/todos/1", status=404)
    client.get(f"/api/todos/{todo_id}", status=404)  # the sub-task went with it


@pytest.mark.parametrize(
    ("mutation", "rest_method", "rest_path", "rest_body"),
    [
        ('addTodo(title: "") { id }', "post", "/api/todos", {"title": ""}),
        ('addTodo(title: "%s") { id }' % ("x" * 201), "post", "/api/todos", {"title": "x" * 201}),
        ('renameTodo(id: 1, title: "   ") { id }', "patch", "/api/todos/1", {"title": "   "}),
    ],
)
def test_bad_input_gets_the_same_message_as_rest(
    client, mutation, rest_method, rest_path, rest_body
):
    errors = gql(client, f"mutation {{ {mutation} }}")["errors"]
    body = json.dumps(rest_body)
    rest = getattr(client, rest_method)(
        rest_path, body, content_type="application/json", status=400
    ).json["error"]["message"]
    assert [(e["message"], e["extensions"]["code"]) for e in errors] == [(rest, "BAD_USER_INPUT")]


def test_a_lone_surrogate_in_a_variable_is_refused_as_rest_refuses_it(client):
    # In the query text the GraphQL parser refuses it itself; a JSON variable can carry it.
    query = "mutation($t: String!) { addTodo(title: $t) { id } }"
    body = '{"query": "' + query + '", "variables": {"t": "\\ud800"}}'
    errors = client.post("/graphql", body, content_type="application/json").json["errors"]
    rest = client.post(
        "/api/todos", '{"title": "\\ud800"}', content_type="application/json", status=400
    ).json["error"]["message"]
    assert [(e["message"], e["extensions"]["code"]) for e in errors] == [(rest, "BAD_USER_INPUT")]


def test_refusals_carry_a_code_and_write_nothing(client, settings):
    errors = gql(client, 'mutation { addTodo(title: "x", parentId: 999) { id } }')["errors"]
    assert errors[0]["message"] == "'parentId': no to-do with id 999"
    assert errors[0]["path"] == ["addTodo"]
    for mutation in ("tickTodo(id: 999) { id }", "deleteTodo(id: 999)"):
        result = gql(client, f"mutation {{ {mutation} }}", headers={"Accept": GRAPHQL_TYPE})
        assert result["data"] is None  # it ran: a 200, with data null where the field failed
        (error,) = result["errors"]
        assert error["message"] == "no to-do with id 999"
        assert error["extensions"]["code"] == "NOT_FOUND"
    top = add_chain(settings, MAX_LEVELS)
    deepest = max(t["id"] for t in client.get("/api/todos?limit=500").json["todos"])
    errors = gql(client, f'mutation {{ addTodo(title: "x", parentId: {deepest}) {{ id }} }}')
    assert "levels deep" in errors["errors"][0]["message"] and top
    assert len(client.get("/api/todos?limit=500").json["todos"]) == 4 + MAX_LEVELS


def test_a_full_list_is_list_full(client, settings):
    fill_to(settings, settings.max_todos)
    (error,) = gql(client, 'mutation { addTodo(title: "one more") { id } }')["errors"]
    assert error["extensions"]["code"] == "LIST_FULL"
    assert (
        error["message"]
        == client.post_json("/api/todos", {"title": "one more"}, status=409).json["error"][
            "message"
        ]
    )


def test_limit_and_after_are_checked_as_rest_checks_them(client):
    for bad in (0, PAGE_MAX + 1):
        (error,) = gql(client, f"{{ todos(limit: {bad}) {{ id }} }}")["errors"]
        rest = client.get(f"/api/todos?limit={bad}", status=400).json["error"]["message"]
        assert error["message"] == rest
    assert gql(client, "{ todos(after: -1) { id } }")["errors"][0]["extensions"]["code"] == (
        "BAD_USER_INPUT"
    )


def test_the_pages_schema_numbers_are_the_codes():
    limit = SCHEMA.query_type.fields["todos"].args["limit"]
    assert int(limit.default.literal.value) == PAGE_DEFAULT  # type: ignore[union-attr]
    assert f"1 to {PAGE_MAX}" in SCHEMA.query_type.fields["todos"].description
    subtasks = SCHEMA.get_type("Todo").fields["subtasks"]
    assert int(subtasks.args["limit"].default.literal.value) == PAGE_DEFAULT
    assert f"1 to {PAGE_MAX}" in subtasks.description


def test_a_query_that_cannot_run_is_200_for_json_clients_and_400_for_graphql_ones(client):
    two = "query A { todos { id } } query B { todo(id: 1) { id } }"
    for query in ("{ nope }", "{ todos { id ", two):
        assert "errors" in gql(client, query) and "data" not in gql(client, query)
        res = client.post_json(
            "/graphql", {"query": query}, headers={"Accept": GRAPHQL_TYPE}, status=400
        )
        assert res.content_type == GRAPHQL_TYPE
        assert res.json["errors"][0]["message"]
    bad_variable = gql(client, "query($n: Int) { todos(limit: $n) { id } }", {"n": "x"})
    assert "data" not in bad_variable and "$n" in bad_variable["errors"][0]["message"]


def test_operation_name_picks_one_of_several(client):
    query = "query A { todos(limit: 1) { id } } query B { todo(id: 2) { id } }"
    res = client.post_json("/graphql", {"query": query, "operationName": "B"}).json
    assert res == {"data": {"todo": {"id": 2}}}
    res = client.post_json("/graphql", {"query": query, "operationName": "C"}).json
    assert res["errors"][0]["message"] == "there is no operation named 'C'"


def test_get_runs_queries_with_an_etag_and_refuses_mutations(client):
    res = client.get("/graphql", {"query": "{ todos(limit: 2) { id } }"}, headers=PREFLIGHT)
    assert res.json == {"data": {"todos": [{"id": 1}, {"id": 2}]}}
    client.get(
        "/graphql",
        {"query": "{ todos(limit: 2) { id } }"},
        headers={"If-None-Match": res.headers["ETag"], **PREFLIGHT},
        status=304,
    )
    res = client.get(
        "/graphql", {"query": "mutation { deleteTodo(id: 1) }"}, headers=PREFLIGHT, status=405
    )
    assert res.headers["Allow"] == "POST"
    client.get("/api/todos/1")  # not deleted
    query = "query($n: Int) { todos(limit: $n) { id } }"
    res = client.get("/graphql", {"query": query, "variables": '{"n": 1}'}, headers=PREFLIGHT)
    assert res.json == {"data": {"todos": [{"id": 1}]}}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        ('{"query": "mutation { deleteTodo(id: 1) }"}', "text/plain", 415, "application/json"),
        ("query=mutation{deleteTodo(id:1)}", "application/x-www-form-urlencoded", 415, "json"),
        ("{", "application/json", 400, "not valid JSON"),
        ('{"query": 1}', "application/json", 400, "'query' is required"),
        ('{"query": "{ todos { id } }", "variables": []}', "application/json", 400, "'variables'"),
        ('{"query": "{ todos { id } }", "extra": 1}', "application/json", 400, "'extra'"),
    ],
)
def test_malformed_requests_are_refused_in_graphqls_shape(
    client, body, content_type, status, message
):
    res = client.post("/graphql", body, content_type=content_type, status=status)
    assert message in res.json["errors"][0]["message"]
    client.get("/api/todos/1")  # a form or a text/plain post (no preflight) deleted nothing


def test_depth_cost_and_size_limits(client):
    # Over a limit is a 400 for every client: a refusal of the work, not a query error.
    levels = MAX_QUERY_DEPTH
    deep = "{ todo(id: 1) { " + "subtasks { " * levels + "id" + " }" * levels + " } }"
    (error,) = gql(client, deep, status=400)["errors"]
    assert error["extensions"]["code"] == "TOO_COMPLEX" and "levels deep" in error["message"]
    costly = "{ todos(limit: 500) { id subtasks { id subtasks { id subtasks { id } } } } }"
    (error,) = gql(client, costly, status=400)["errors"]
    assert error["extensions"]["code"] == "TOO_COMPLEX" and str(MAX_QUERY_COST) in error["message"]
    # Aliases and fragments count too.
    aliased = "{ " + " ".join(f"a{i}: todos(limit: 500) {{ ...F }}" for i in range(30)) + " }"
    fragment = "fragment F on Todo { id title done parentId }"
    errors = gql(client, aliased + fragment, status=400)["errors"]
    assert errors[0]["extensions"]["code"] == "TOO_COMPLEX"
    huge = "{ todos { " + "id " * 3000 + "} }"
    assert "tokens" in gql(client, huge)["errors"][0]["message"]
    # The introspection query tools send fits.
    assert "__schema" in gql(client, get_introspection_query())["data"]


def test_host_and_cors_rules_are_the_rests(client):
    query = {"query": "{ todos { id } }"}
    client.post_json("/graphql", query, headers={"Host": "evil.example"}, status=403)
    res = client.options(
        "/graphql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        status=204,
    )
    assert res.headers["Access-Control-Allow-Origin"] == ORIGIN
    res = client.post_json(
        "/graphql", {"query": "{ todos { id } }"}, headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in res.headers


def test_a_database_that_fails_is_a_503_in_graphqls_shape(settings):
    with app_on(unavailable(settings)) as down:
        res = down.post_json("/graphql", {"query": "{ todos { id } }"}, status=503)
    (error,) = res.json["errors"]
    assert error["extensions"]["code"] == "UNAVAILABLE"
    assert error["message"].startswith("the database is unavailable")


@pytest.mark.processes
def test_rest_clients_never_load_graphql_core():
    code = (
        "import sys; from demo_server.app import create_app; create_app; "
        "print('graphql' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("levels", [22, 30])
def test_fragments_that_double_at_each_level_are_refused_without_expanding_them(client, levels):
    # Before each fragment was measured once, 22 levels took 3.9 s of CPU and 30 about 17 min.
    res = client.get(
        "/graphql", {"query": doubling_fragments(levels)}, headers=PREFLIGHT, status=400
    )
    (error,) = res.json["errors"]
    assert error["extensions"]["code"] == "TOO_COMPLEX"
    assert "\n" not in error["message"]
    # Fewer levels on one to-do are within the limit and run (the spreads merge into one).
    query = doubling_fragments(8, "todo(id: 1)")
    data = client.get("/graphql", {"query": query}, headers=PREFLIGHT).json
    assert data["data"]["todo"] == {"id": 1, "title": client.get("/api/todos/1").json["title"]}


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        # The review's fan-out: accepted before, 13.9 s, 674 MB, a 71 MB answer.
        ("{ todos(limit: 500) { parent { subtasks { parent { subtasks { id } } } } } }", None),
        ("query($l: Int! = 500) { todos(limit: $l) { id subtasks { id subtasks { id } } } }", None),
        (
            "query($l: Int!) { todos(limit: $l) { id subtasks { id subtasks { id } } } }",
            {"l": 500.0},
        ),
        ("{ todos(limit: 500) { subtasks(limit: 500) { id title } } }", None),
    ],
    ids=["fan-out", "variable-default", "float-variable", "subtasks-limit"],
)
def test_the_cost_is_counted_on_the_arguments_as_they_will_run(client, query, variables):
    (error,) = gql(client, query, variables, status=400)["errors"]
    assert error["extensions"]["code"] == "TOO_COMPLEX"


def test_the_same_queries_with_small_pages_run(client):
    query = "query($l: Int! = 3) { todos(limit: $l) { id subtasks(limit: 2) { id } } }"
    todos = gql(client, query)["data"]["todos"]
    assert [t["id"] for t in todos] == [1, 2, 3]
    children = [t["id"] for t in client.get("/api/todos").json["todos"] if t["parent_id"] == 3]
    assert [s["id"] for s in todos[2]["subtasks"]] == children[:2]
    (error,) = gql(client, "{ todo(id: 3) { subtasks(limit: 0) { id } } }")["errors"]
    assert "'limit' must be a whole number from 1 to" in error["message"]


def test_a_budget_stops_what_runs_past_the_estimate(client, settings, monkeypatch):
    from demo_server import graphql_limits

    # What no estimate foresees: a list without a limit (introspection's), long titles.
    monkeypatch.setattr(graphql_limits, "MAX_RESOLVED_FIELDS", 40)
    (error,) = gql(client, "{ __schema { types { name fields { name } } } }", status=400)["errors"]
    assert error["extensions"]["code"] == "TOO_COMPLEX" and "40 fields" in error["message"]
    monkeypatch.setattr(graphql_limits, "MAX_RESOLVED_FIELDS", 50_000)
    monkeypatch.setattr(graphql_limits, "MAX_ANSWER_BYTES", 300)
    fill_to(settings, 50)
    (error,) = gql(client, "{ todos(limit: 50) { title } }", status=400)["errors"]
    assert "300 bytes" in error["message"]
    assert gql(client, "{ todo(id: 1) { id } }") == {"data": {"todo": {"id": 1}}}


def test_get_variables_have_the_nesting_limit_of_a_post_body(client):
    deep = "[" * 5000 + "]" * 5000  # a RecursionError and a 500 before
    res = client.get(
        "/graphql", {"query": "{ todos { id } }", "variables": deep}, headers=PREFLIGHT, status=400
    )
    assert "nested too deeply" in res.json["errors"][0]["message"]


def test_a_get_must_carry_a_header_no_other_page_can_send_unasked(client):
    # A page on any origin can make the browser send a plain GET (fetch with mode: "no-cors").
    res = client.get("/graphql", {"query": "{ todos { id } }"}, status=400)
    (error,) = res.json["errors"]
    assert "Apollo-Require-Preflight: true" in error["message"] and "\n" not in error["message"]
    client.get("/graphql", {"query": "{ todos { id } }"}, headers=PREFLIGHT, status=200)
    # An allowed page's preflight for that header gets a yes.
    res = client.options(
        "/graphql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "apollo-require-preflight",
        },
        status=204,
    )
    assert "apollo-require-preflight" in res.headers["Access-Control-Allow-Headers"].lower()
