"""Exercise 3: JSON in and out, and a 400 for input the API cannot take."""

from bottle import Bottle, request, response


def create_app() -> Bottle:
    app = Bottle()
    todos: dict[int, dict] = {}  # one list per app: a new app starts empty

    @app.get("/todos")
    def list_todos() -> dict:
        return {"todos": list(todos.values())}

    @app.post("/todos")
    def create_todo() -> dict:
        data = request.json
        todo = {"id": len(todos) + 1, "title": data["title"], "done": False}
        todos[todo["id"]] = todo
        return todo

    return app
