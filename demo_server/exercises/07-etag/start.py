"""Exercise 7: an ETag, so a client can ask "has it changed?" and get 304 Not Modified."""

import json

from bottle import Bottle, HTTPResponse, request


def create_app() -> Bottle:
    app = Bottle()
    todos = {1: {"id": 1, "title": "Send less", "done": False}}

    def find(todo_id: int) -> dict:
        if todo_id not in todos:
            raise HTTPResponse({"error": f"no to-do with id {todo_id}"}, status=404)
        return todos[todo_id]

    @app.get("/todos/<todo_id:int>")
    def get_todo(todo_id: int) -> HTTPResponse:
        body = json.dumps(find(todo_id))
        return HTTPResponse(body, status=200, Content_Type="application/json")

    @app.route("/todos/<todo_id:int>", method="PATCH")
    def update_todo(todo_id: int) -> dict:
        todo = find(todo_id)
        data = request.json
        if not isinstance(data, dict) or not isinstance(data.get("done"), bool):
            return HTTPResponse({"error": 'send {"done": true} or false'}, status=400)
        todo["done"] = data["done"]
        return todo

    return app
