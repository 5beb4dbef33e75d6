"""The API's OpenAPI 3.1 description, served at /openapi.json and validated by the tests."""

from __future__ import annotations

from typing import Any

from demo_server.jsonio import MAX_BODY
from demo_server.storage.interface import MAX_ID, MAX_LEVELS, MAX_TODOS, TITLE_MAX
from demo_server.todos import PAGE_DEFAULT, PAGE_MAX


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json({"$ref": "#/components/schemas/Error"}, description)


TODO_ID = {
    "name": "todo_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
#: Some character that is not a space, and no NUL (PostgreSQL's text cannot hold it).
TITLE = {
    "type": "string",
    "minLength": 1,
    "maxLength": TITLE_MAX,
    "pattern": r"^[^\u0000]*[^\s\u0000][^\u0000]*$",
}
BAD_INPUT = {
    "400": _error("The JSON is malformed, or a field is missing or of the wrong type (named)"),
    "413": _error(f"The body is over {MAX_BODY} bytes"),
    "415": _error("The body is not sent as application/json"),
}
NOT_FOUND = {"404": _error("No to-do has this id")}
UNAVAILABLE = {"503": _error("The database cannot be read or written right now")}


NOT_MODIFIED = {"304": {"description": "Not modified: the ETag sent in If-None-Match matches"}}
GRAPHQL_RESULT = {"$ref": "#/components/schemas/GraphQLResult"}
GRAPHQL_ANSWER = _json(
    GRAPHQL_RESULT,
    "The result: `data`, and `errors` in GraphQL's shape for what failed (with a plain JSON "
    "client, also for a query that could not run)",
)
GRAPHQL_REFUSED = {
    "400": _json(
        {"$ref": "#/components/schemas/GraphQLResult"},
        "The request is malformed; or, with Accept: application/graphql-response+json, the "
        "query could not run (syntax, unknown field, too deep or too costly)",
    )
}


def _graphql_paths() -> dict[str, Any]:
    """/graphql: one endpoint, described as HTTP; the schema itself is GraphQL's (SDL)."""
    return {
        "get": {
            "summary": "Run a GraphQL query (not a mutation)",
            "operationId": "graphqlQuery",
            "parameters": [
                {"name": "query", "in": "query", "required": True, "schema": {"type": "string"}},
                {"name": "variables", "in": "query", "schema": {"type": "string"}},
                {"name": "operationName", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": GRAPHQL_ANSWER,
                **NOT_MODIFIED,
                **GRAPHQL_REFUSED,
                "405": _json({"$ref": "#/components/schemas/GraphQLResult"}, "A mutation"),
                "503": _json(GRAPHQL_RESULT, "The database cannot be read or written right now"),
            },
        },
        "post": {
            "summary": "Run a GraphQL query or mutation",
            "operationId": "graphql",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/GraphQLRequest"}}
                },
            },
            "responses": {
                "200": GRAPHQL_ANSWER,
                **GRAPHQL_REFUSED,
                "413": _json(GRAPHQL_RESULT, f"The body is over {MAX_BODY} bytes"),
                "415": _json(GRAPHQL_RESULT, "The body is not sent as application/json"),
                "503": _json(GRAPHQL_RESULT, "The database cannot be read or written right now"),
            },
        },
    }


def openapi_document(server_url: str, max_todos: int = MAX_TODOS) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Backend Basics demo API",
            "version": "1.0.0",
            "description": "The to-do list from the Backend Basics pages, stored in SQLite.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": {
                "get": {
                    "summary": "Hello, World!",
                    "operationId": "hello",
                    "responses": {
                        "200": {
                            "description": "The greeting",
                            "content": {
                                "text/html": {
                                    "schema": {"type": "string", "const": "Hello, World!"}
                                }
                            },
                        },
                        "304": {"description": "Not modified (If-None-Match)"},
                    },
                }
            },
            "/api/todos": {
                "get": {
                    "summary": "List the to-dos, a page at a time",
                    "operationId": "listTodos",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "description": "How many to-dos at most",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": PAGE_MAX,
                                "default": PAGE_DEFAULT,
                            },
                        },
                        {
                            "name": "after",
                            "in": "query",
                            "description": "Only to-dos with a higher id (the last id of the "
                            "page before); `next` in each page holds the link to the next one",
                            "schema": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": MAX_ID,
                                "default": 0,
                            },
                        },
                    ],
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/TodoList"},
                            "A page of to-dos, oldest first, and the link to the next page",
                        ),
                        **NOT_MODIFIED,
                        "400": _error("`limit` or `after` is not a whole number in range"),
                        **UNAVAILABLE,
                    },
                },
                "post": {
                    "summary": "Add a to-do",
                    "operationId": "createTodo",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/NewTodo"}}
                        },
                    },
                    "responses": {
                        "201": {
                            **_json({"$ref": "#/components/schemas/Todo"}, "Created"),
                            "headers": {
                                "Location": {
                                    "schema": {"type": "string"},
                                    "description": "The new to-do's URL",
                                }
                            },
                        },
                        **BAD_INPUT,
                        "400": _error(
                            "The JSON is malformed, a field is missing or of the wrong type, or "
                            f"the parent is already {MAX_LEVELS} levels deep (named)"
                        ),
                        "409": _error(f"The list is full ({max_todos} to-dos)"),
                        **UNAVAILABLE,
                    },
                },
            },
            "/api/todos/{todo_id}": {
                "parameters": [TODO_ID],
                "get": {
                    "summary": "One to-do",
                    "operationId": "getTodo",
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Todo"}, "The to-do"),
                        **NOT_MODIFIED,
                        **NOT_FOUND,
                        **UNAVAILABLE,
                    },
                },
                "patch": {
                    "summary": "Rename a to-do or tick it off",
                    "operationId": "updateTodo",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/TodoChanges"}
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Todo"}, "Updated"),
                        **BAD_INPUT,
                        **NOT_FOUND,
                        **UNAVAILABLE,
                    },
                },
                "delete": {
                    "summary": "Delete a to-do and its sub-tasks",
                    "operationId": "deleteTodo",
                    "responses": {"204": {"description": "Deleted"}, **NOT_FOUND, **UNAVAILABLE},
                },
            },
            "/healthz": {
                "get": {
                    "summary": "Is the server up and its database usable?",
                    "operationId": "health",
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Health"}, "All is well"),
                        **NOT_MODIFIED,
                        "503": _json({"$ref": "#/components/schemas/Health"}, "The database fails"),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1"), **NOT_MODIFIED},
                }
            },
            "/graphql": _graphql_paths(),
            "/cors-check": {
                "get": {
                    "summary": "Would this server answer the calling page's CORS preflight "
                    "for this request, and if not, why?",
                    "description": "The Origin header names the page; any page may read the "
                    "answer (a browser hides why a preflight failed).",
                    "operationId": "corsCheck",
                    "parameters": [
                        {"name": "method", "in": "query", "schema": {"type": "string"}},
                        {"name": "path", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "headers",
                            "in": "query",
                            "description": "The request headers, comma-separated",
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/CorsCheck"}, "The verdict"),
                        **NOT_MODIFIED,
                        "400": _error("The path does not start with /"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Todo": {
                    "type": "object",
                    "required": ["id", "title", "done", "parent_id", "created_at"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "integer", "minimum": 1},
                        "title": {"type": "string"},
                        "done": {"type": "boolean"},
                        "parent_id": {"type": ["integer", "null"]},
                        "created_at": {"type": "string", "format": "date-time"},
                    },
                },
                "TodoList": {
                    "type": "object",
                    "required": ["todos", "next"],
                    "additionalProperties": False,
                    "properties": {
                        "todos": {
                            "type": "array",
                            "maxItems": PAGE_MAX,
                            "items": {"$ref": "#/components/schemas/Todo"},
                        },
                        "next": {
                            "type": ["string", "null"],
                            "description": "The next page's path, or null on the last page",
                        },
                    },
                },
                "NewTodo": {
                    "type": "object",
                    "required": ["title"],
                    "additionalProperties": False,
                    "properties": {
                        "title": TITLE,
                        "parent_id": {"type": ["integer", "null"], "minimum": 1},
                    },
                },
                "TodoChanges": {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": False,
                    "properties": {"title": TITLE, "done": {"type": "boolean"}},
                },
                "CorsCheck": {
                    "type": "object",
                    "required": ["allowed", "reason"],
                    "properties": {
                        "allowed": {"type": "boolean"},
                        "reason": {"type": ["string", "null"]},
                    },
                },
                "Health": {
                    "type": "object",
                    "required": ["status", "database"],
                    "properties": {"status": {"type": "string"}, "database": {"type": "string"}},
                },
                "GraphQLRequest": {
                    "type": "object",
                    "required": ["query"],
                    "additionalProperties": False,
                    "properties": {
                        "query": {"type": "string", "minLength": 1},
                        "variables": {"type": ["object", "null"]},
                        "operationName": {"type": ["string", "null"]},
                        "extensions": {"type": ["object", "null"]},
                    },
                },
                "GraphQLResult": {
                    "type": "object",
                    "properties": {
                        "data": {"type": ["object", "null"]},
                        "errors": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["message"],
                                "properties": {"message": {"type": "string"}},
                            },
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "message"],
                            "properties": {
                                "status": {"type": "integer"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
            }
        },
    }
