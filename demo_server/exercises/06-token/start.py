"""Exercise 6: anyone may read the list; only a client with the right token may change it."""

from bottle import Bottle, request, response

#: Who holds which token, and what it lets them do. (A real server keeps only hashes of them.)
TOKENS = {"reader-token-5f2a": "read", "writer-token-9c41": "write"}


def create_app() -> Bottle:
    app = Bottle()
    todos = {1: {"id": 1, "title": "Keep the list safe", "done": False}}

    @app.get("/todos")
    def list_todos() -> dict:
        return {"todos": list(todos.values())}

    @app.post("/todos")
    def create_todo() -> dict:
        data = request.json
        if not isinstance(data, dict) or not isinstance(data.get("title"), str):
            response.status = 400
            return {"error": 'send {"title": "..."} as JSON'}
        todo = {"id": max(todos, default=0) + 1, "title": data["title"], "done": False}
        todos[todo["id"]] = todo
        response.status = 201
        return todo

    @app.delete("/todos/<todo_id:int>")
    def delete_todo(todo_id: int) -> None:
        if todos.pop(todo_id, None) is None:
            response.status = 404
            return {"error": f"no to-do with id {todo_id}"}
        response.status = 204

    return app
