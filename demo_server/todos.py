"""The to-do API: REST routes over a `Store` (demo_server.storage.interface), with the
validation a real API needs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from bottle import Bottle, HTTPResponse, request

from demo_server import validate
from demo_server.jsonio import fail, json_response, read_json_object
from demo_server.storage.interface import MAX_ID, ListFull, Refused, Store, Unavailable

#: One page of `GET /api/todos`: by default, and at most. At the most (500 to-dos of 200
#: four-byte characters each) a page stays under 0.5 MB.
PAGE_DEFAULT = 100
PAGE_MAX = 500


def _query_int(name: str, default: int, lowest: int, highest: int) -> int:
    text = request.query.get(name)
    if text is None:
        return default
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(highest))
    if not digits or not lowest <= int(text) <= highest:
        raise fail(400, f"'{name}' must be a whole number from {lowest} to {highest}")
    return int(text)


def only(data: dict[str, Any], allowed: tuple[str, ...], what: str = "field") -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise fail(400, f"unknown {what} '{unknown[0]}'; allowed: {', '.join(allowed)}")


class KnownErrors:
    """Bottle plugin: a value no to-do may hold is a 400; a database that is read-only, full or
    locked is a 503 with the reason.

    The second is a condition of the machine, not a bug in the request: the client may retry,
    and the server log gets one line instead of a traceback.
    """

    name = "known_errors"
    api = 2

    def apply(self, callback: Callable[..., Any], route: Any) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except validate.BadInput as exc:
                raise fail(400, str(exc)) from None
            except Unavailable as exc:
                print(f"demo-server: database error: {exc}", file=sys.stderr, flush=True)
                raise fail(503, f"the database is unavailable: {exc}") from None

        return wrapper


def add_todo_routes(app: Bottle, store: Store) -> None:
    def find(todo_id: int):
        todo = store.get(todo_id)
        if todo is None:
            raise fail(404, f"no to-do with id {todo_id}")
        return todo

    @app.get("/api/todos")
    def list_todos() -> HTTPResponse:
        only(dict(request.query), ("limit", "after"), "query parameter")
        limit = _query_int("limit", PAGE_DEFAULT, 1, PAGE_MAX)
        after = _query_int("after", 0, 0, MAX_ID)
        todos = store.list(after, limit + 1)  # one more than asked: is there a next page?
        page, more = todos[:limit], len(todos) > limit
        return json_response(
            {
                "todos": [todo.as_json() for todo in page],
                "next": f"/api/todos?after={page[-1].id}&limit={limit}" if more else None,
            }
        )

    # --8<-- [start:create]
    @app.post("/api/todos")
    def create_todo() -> HTTPResponse:
        data = read_json_object()
        only(data, ("title", "parent_id"))
        if "title" not in data:
            raise fail(400, "'title' is required")
        title = validate.title(data["title"])
        parent = data.get("parent_id")
        parent_id = None if parent is None else validate.todo_id(parent, "parent_id")
        try:
            todo = store.create(title, parent_id)
        except Refused as refused:
            raise fail(409 if isinstance(refused, ListFull) else 400, str(refused)) from None
        return json_response(todo.as_json(), 201, Location=f"/api/todos/{todo.id}")

    # --8<-- [end:create]

    @app.get("/api/todos/<todo_id:int>")
    def get_todo(todo_id: int) -> HTTPResponse:
        return json_response(find(todo_id).as_json())

    @app.route("/api/todos/<todo_id:int>", method="PATCH")
    def update_todo(todo_id: int) -> HTTPResponse:
        data = read_json_object()
        only(data, ("title", "done"))
        if not data:
            raise fail(400, "send at least one of 'title', 'done'")
        changes: dict[str, Any] = {}
        if "title" in data:
            changes["title"] = validate.title(data["title"])
        if "done" in data:
            if not isinstance(data["done"], bool):
                raise fail(400, "'done' must be true or false")
            changes["done"] = data["done"]
        todo = store.update(todo_id, changes)
        if todo is None:
            raise fail(404, f"no to-do with id {todo_id}")
        return json_response(todo.as_json())

    @app.delete("/api/todos/<todo_id:int>")
    def delete_todo(todo_id: int) -> HTTPResponse:
        if not store.delete(todo_id):
            raise fail(404, f"no to-do with id {todo_id}")
        return HTTPResponse(status=204)

    @app.get("/healthz")
    def health() -> HTTPResponse:
        try:
            store.healthy()
        except Unavailable as exc:
            return json_response({"status": "unavailable", "database": str(exc)}, 503)
        return json_response({"status": "ok", "database": "ok"})
