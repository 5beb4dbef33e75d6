"""The page's Express hello-world, route for route, in Bottle.

The `hello` section below is included into the pages next to `examples/express/app.js`, so it is
kept as short as the Express original; what Express does for every response (ETag, 304, OPTIONS)
lives in `demo_server.http`, as it lives in Express's `res.send()` and router.
"""

from bottle import Bottle, response


def add_hello_routes(app: Bottle) -> None:
    # --8<-- [start:hello]
    @app.get("/")
    def hello() -> str:
        # What Express's res.send() sends for a string.
        response.content_type = "text/html; charset=utf-8"
        return "Hello, World!"

    # --8<-- [end:hello]
