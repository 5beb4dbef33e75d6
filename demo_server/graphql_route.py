"""GraphQL over HTTP at /graphql: POST for everything, GET for queries only.

Follows the GraphQL-over-HTTP spec: a client that accepts `application/graphql-response+json`
gets 400 for a request that cannot run (bad syntax, unknown field, too complex); one that
accepts only `application/json` gets 200 and the errors in the body, as older clients expect.
Either way the errors are GraphQL's own shape: `{"errors": [{"message", "locations", "path",
"extensions": {"code"}}]}`. The same checks guard it as the REST routes: the Host and CORS
hooks run before it, POST takes only `application/json` (so no HTML form can post to it), and
the body limits of `jsonio` apply. A GET must carry a header no page can send to another site
unasked (graphql_csrf), and a query over the limits (graphql_limits) is a 400 for every client:
it is a refusal of the server's work, like a body over the size limit.

graphql-core is imported on the first GraphQL request, not with the app: a client of the REST
API (and the demo in a browser tab, until a page asks for GraphQL) never loads it.
"""

from __future__ import annotations

import sys
from typing import Any

from bottle import Bottle, HTTPError, HTTPResponse, request

from demo_server.graphql_csrf import csrf_refusal
from demo_server.jsonio import JSON_TYPE, json_response, parse_json, read_json_object
from demo_server.storage.interface import Store, Unavailable
from demo_server.todos import only

GRAPHQL_TYPE = "application/graphql-response+json"
#: Tokens a query may have: far above any real query here, far below what slows the parser.
MAX_TOKENS = 2_000
FIELDS = ("query", "variables", "operationName", "extensions")


def add_graphql_routes(app: Bottle, store: Store) -> None:
    @app.route("/graphql", method=["GET", "POST"])
    def graphql() -> HTTPResponse:
        media_type = GRAPHQL_TYPE if GRAPHQL_TYPE in request.headers.get("Accept", "") else None
        try:
            params = _params()
        except HTTPError as error:
            return _answer({"errors": [{"message": error.body}]}, error.status_code, media_type)
        return _run(store, params, media_type)


def _params() -> dict[str, Any]:
    """query, variables and operationName, from the JSON body or the query string."""
    if request.method == "POST":
        params = read_json_object()
    else:
        refusal = csrf_refusal(request.get_header)
        if refusal:
            raise HTTPError(400, refusal)
        params = dict(request.query.decode())
        if isinstance(params.get("variables"), str):
            params["variables"] = _json_variables(params["variables"])
    only(params, FIELDS)
    if not isinstance(params.get("query"), str) or not params["query"].strip():
        raise HTTPError(400, "'query' is required: a GraphQL document, as a string")
    if not isinstance(params.get("variables", {}), (dict, type(None))):
        raise HTTPError(400, "'variables' must be a JSON object")
    if not isinstance(params.get("operationName", ""), (str, type(None))):
        raise HTTPError(400, "'operationName' must be a string")
    return params


def _json_variables(text: str) -> Any:
    """GET's `variables`, with the nesting limit a POST body has (jsonio.read_json_object)."""
    return parse_json(text, "'variables'", "'variables' must be a JSON object")


def _run(store: Store, params: dict[str, Any], media_type: str | None) -> HTTPResponse:
    from graphql import GraphQLError, OperationType, execute, get_operation_ast, parse, validate

    from demo_server.graphql_limits import (
        MAX_ANSWER_BYTES,
        MAX_RESOLVED_FIELDS,
        Budget,
        OverBudget,
        answer_too_big,
        check_limits,
        coerced_variables,
    )
    from demo_server.graphql_schema import SCHEMA

    variables = params.get("variables") or {}
    try:
        document = parse(params["query"], max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        return _request_error([error], media_type)
    errors = validate(SCHEMA, document)
    operation = None if errors else get_operation_ast(document, params.get("operationName"))
    if operation is None and not errors:
        name = params.get("operationName")
        errors = [
            GraphQLError(
                f"there is no operation named '{name}'"
                if name
                else "name the operation to run ('operationName'): there are several"
            )
        ]
    if errors:
        return _request_error(errors, media_type)
    if request.method == "GET" and operation.operation != OperationType.QUERY:
        response = _answer(
            {"errors": [{"message": "a mutation needs POST; GET runs queries only"}]},
            405,
            media_type,
        )
        response.set_header("Allow", "POST")
        return response
    fragments = {d.name.value: d for d in document.definitions if hasattr(d, "type_condition")}
    coerced = coerced_variables(SCHEMA, operation, variables)
    if isinstance(coerced, list):
        return _request_error(coerced, media_type)  # variables that do not fit: nothing runs
    too_much = check_limits(SCHEMA, operation, fragments, coerced)
    if too_much:
        return _refused(too_much, media_type)
    try:
        result = execute(
            SCHEMA,
            document,
            context_value=store,
            variable_values=variables,
            operation_name=params.get("operationName"),
            middleware=[Budget(MAX_RESOLVED_FIELDS, MAX_ANSWER_BYTES)],
        )
    except OverBudget as over:
        return _refused(over.error, media_type)
    for error in result.errors or ():
        cause = error.original_error
        if cause is not None and not isinstance(cause, (GraphQLError, Unavailable)):
            raise cause  # our mistake: a 500 with its traceback in the log
        if isinstance(cause, Unavailable):
            print(f"demo-server: database error: {cause}", file=sys.stderr, flush=True)
            return _answer(
                {
                    "errors": [
                        {
                            "message": f"the database is unavailable: {cause}",
                            "extensions": {"code": "UNAVAILABLE"},
                        }
                    ]
                },
                503,
                media_type,
            )
    errors = result.errors or []
    if result.data is None and not any(error.path for error in errors):
        return _request_error(errors, media_type)  # variables that do not fit: nothing ran
    # Errors first (the spec's advice), then data: null where a required field failed.
    body = {"errors": [error.formatted for error in errors]} if errors else {}
    answer = _answer({**body, "data": result.data}, 200, media_type)
    if len(answer.body) > MAX_ANSWER_BYTES:
        return _refused(answer_too_big(MAX_ANSWER_BYTES), media_type)
    return answer


def _refused(error: Any, media_type: str | None) -> HTTPResponse:
    """Over a limit: 400 for every client, GraphQL's error shape, one line saying which."""
    return _answer({"errors": [error.formatted]}, 400, media_type)


def _request_error(errors: list[Any], media_type: str | None) -> HTTPResponse:
    """A request that could not run at all: 400 for a client that takes GraphQL's own
    media type, 200 with the errors for a plain JSON client (GraphQL over HTTP)."""
    return _answer(
        {"errors": [error.formatted for error in errors]},
        400 if media_type == GRAPHQL_TYPE else 200,
        media_type,
    )


def _answer(body: dict[str, Any], status: int, media_type: str | None) -> HTTPResponse:
    return json_response(body, status, media_type=media_type or JSON_TYPE)
