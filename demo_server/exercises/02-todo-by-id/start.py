"""Exercise 2: a route with a parameter in its path, and a 404 for what is not there."""

from bottle import Bottle

TODOS = {
    1: {"id": 1, "title": "Learn what a route is", "done": True},
    2: {"id": 2, "title": "Answer with JSON", "done": False},
}


def create_app() -> Bottle:
    app = Bottle()

    @app.get("/todos")
    def list_todos() -> dict:
        return {"todos": list(TODOS.values())}

    return app
