"""The app in-process: everything the Express original answers, answered the same way."""

from wsgiref.validate import validator

from webtest import TestApp

from demo_server.app import NO_WAIT_PATHS, create_app
from tests.api_contract import HELLO_ETAG


def test_get_root_is_hello_world(client):
    res = client.get("/")
    assert res.status_int == 200
    assert res.body == b"Hello, World!"
    assert res.headers["Content-Type"] == "text/html; charset=utf-8"
    assert res.headers["Content-Length"] == "13"
    assert res.headers["ETag"] == HELLO_ETAG


def test_head_root_has_headers_and_no_body(client):
    res = client.head("/")
    assert res.status_int == 200
    assert res.body == b""
    assert res.headers["Content-Length"] == "13"
    assert res.headers["ETag"] == HELLO_ETAG


def test_matching_if_none_match_gives_304_without_body(client):
    res = client.get("/", headers={"If-None-Match": HELLO_ETAG}, status=304)
    assert res.body == b""
    assert res.headers["ETag"] == HELLO_ETAG
    assert "Content-Length" not in res.headers or res.headers["Content-Length"] == "0"
    assert "Content-Type" not in res.headers


def test_stale_if_none_match_gives_the_full_answer(client):
    res = client.get("/", headers={"If-None-Match": 'W/"d-stale"'})
    assert res.status_int == 200
    assert res.body == b"Hello, World!"


def test_options_lists_the_allowed_methods(client):
    res = client.options("/")
    assert res.status_int == 200
    assert res.headers["Allow"] == "GET, HEAD"


def test_options_on_unknown_path_is_404(client):
    client.options("/nowhere", status=404)


def test_unknown_path_is_404_in_plain_text(client):
    res = client.get("/nowhere", status=404)
    assert res.text == "Not Found: GET /nowhere\n"
    assert res.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_other_methods_are_405_with_allow(client):
    for method in ("post", "put", "patch", "delete"):
        res = getattr(client, method)("/", status=405)
        assert res.headers["Allow"] == "GET, HEAD"


def test_no_header_names_the_software_or_its_version(client):
    for res in (client.get("/"), client.get("/x", status=404), client.post("/", status=405)):
        assert "X-Powered-By" not in res.headers
        assert "Server" not in res.headers
        assert res.headers["X-Content-Type-Options"] == "nosniff"


def test_server_errors_show_no_traceback(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    res = TestApp(app).get("/boom", status=500, expect_errors=True)
    assert res.text == "Internal Server Error\n"
    assert "secret" not in res.text and "Traceback" not in res.text


def test_app_follows_the_wsgi_spec(settings):
    # wsgiref's validator raises on any breach of PEP 3333 by the app.
    client = TestApp(validator(create_app(settings)))
    assert client.get("/").body == b"Hello, World!"
    client.head("/")
    client.get("/", headers={"If-None-Match": HELLO_ETAG}, status=304)
    client.options("/")
    client.get("/missing", status=404)
    client.post("/", status=405)


def test_each_call_builds_an_independent_app(settings):
    first, second = create_app(settings), create_app(settings)
    assert first is not second

    @first.get("/only-in-first")
    def only():
        return "x"

    TestApp(second).get("/only-in-first", status=404)


def test_the_paths_the_gateway_runs_on_its_loop_never_touch_the_store(app):
    """NO_WAIT_PATHS run on the gateway's event loop, where a wait (a lock, a database that is
    down) would stall every request: whatever the method, they never call the store."""
    store = app.config["demo.store"]
    touched: list[str] = []
    for name in ("healthy", "list", "children", "count", "get", "create", "update", "delete"):
        setattr(store, name, lambda *args, _name=name, **kwargs: touched.append(_name))
    client = TestApp(app)
    for path in NO_WAIT_PATHS:
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
            client.request(path, method=method, expect_errors=True)
    assert touched == []
    client.get("/api/todos", expect_errors=True)  # the check sees a path that does
    assert touched == ["list"]
