"""Exercise 1: what the server answers, and what it says the answer is."""

from bottle import Bottle, response


def create_app() -> Bottle:
    app = Bottle()

    @app.get("/")
    def hello() -> str:
        response.content_type = "text/html; charset=utf-8"
        return "Hello, World!"

    return app
