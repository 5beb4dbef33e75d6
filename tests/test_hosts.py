"""Who may reach the demo: Host names that cannot be rebound, origins as browsers write them."""

from __future__ import annotations

import pytest
from webtest import TestApp

from demo_server.app import create_app
from demo_server.cors import parse_origin
from demo_server.hosts import allowed_host
from demo_server.settings import Settings


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:3000",
        "127.0.0.1",
        "[::1]:3000",
        "localhost:3000",
        "LOCALHOST",
        "localhost.:3000",
        "docs.localhost:3000",
        "10.0.0.5:3000",
        None,  # HTTP/1.0 without Host: no browser sends that
        "",  # the same request as Granian hands it over: a missing Host is an empty HTTP_HOST
    ],
)
def test_names_no_page_can_point_here_pass(host):
    assert allowed_host(host)


@pytest.mark.parametrize(
    "host",
    ["evil.example:3000", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "[::1"],
)
def test_names_a_page_could_rebind_are_refused(host):
    assert not allowed_host(host)


def test_allowed_host_lets_one_chosen_name_through():
    assert allowed_host("demo.test:3000", {"demo.test"})
    assert not allowed_host("other.test:3000", {"demo.test"})


def test_a_rebound_name_gets_403_before_any_route_and_changes_nothing(client):
    before = client.get("/api/todos").json
    rebound = {"Host": "evil.example:3000"}
    for method, path in [("GET", "/api/todos"), ("GET", "/"), ("DELETE", "/api/todos/1")]:
        res = client.request(path, method=method, headers=rebound, expect_errors=True)
        assert res.status_int == 403, (method, path)
    res = client.post(
        "/api/todos",
        b'{"title": "x"}',
        headers=rebound,
        content_type="application/json",
        status=403,
    )
    assert (
        "answers to IP addresses and localhost, not to the name 'evil.example'"
        in (res.json["error"]["message"])
    )
    assert client.get("/", headers=rebound, status=403).content_type == "text/plain"
    assert client.get("/api/todos").json == before


def test_a_preflight_from_a_rebound_name_is_refused_too(client):
    client.options(
        "/api/todos",
        headers={
            "Host": "evil.example:3000",
            "Origin": "http://evil.example:3000",
            "Access-Control-Request-Method": "POST",
        },
        status=403,
    )


def test_allowed_hosts_in_settings_reach_the_app(settings):
    client = TestApp(create_app(Settings(database=settings.database, allowed_hosts=("demo.test",))))
    client.get("/", headers={"Host": "demo.test:3000"}, status=200)
    client.get("/", headers={"Host": "evil.example:3000"}, status=403)


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://Docs.Example.COM", "https://docs.example.com"),
        ("https://docs.example.com:443/", "https://docs.example.com"),
        ("http://localhost:80", "http://localhost"),
        ("http://127.0.0.1:8001", "http://127.0.0.1:8001"),
        ("HTTP://[::1]:8000", "http://[::1]:8000"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
    ],
)
def test_an_origin_is_written_as_a_browser_writes_it(given, origin):
    assert parse_origin(given) == origin


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("null", "would let pages from anywhere"),
        ("*", "would let pages from anywhere"),
        ("docs.example.com", "needs http:// or https://"),
        ("file:///tmp/page.html", "needs http:// or https://"),
        ("https://docs.example.com/api", "scheme, host and port only"),
        ("https://user@docs.example.com", "scheme, host and port only"),
        ("https://docs.example.com:99999", "port out of range"),
    ],
)
def test_what_no_browser_sends_as_an_origin_is_refused(given, reason):
    with pytest.raises(ValueError, match=reason):
        parse_origin(given)


@pytest.mark.parametrize("origin", ["null", "https://Evil.example", "http://x.example:80"])
def test_a_refusal_never_suggests_allowing_what_no_browser_sends(client, origin):
    res = client.options(
        "/api/todos",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        status=403,
    )
    message = res.json["error"]["message"]
    assert message == f"origin {origin} may not call this server"
    assert "--allow-origin" not in message


def test_a_request_without_host_reaches_the_app_in_process(client):
    # What Granian hands the app for "GET / HTTP/1.0" with no Host line (see test_served_process).
    answer = client.get("/", extra_environ={"HTTP_HOST": "", "SERVER_PROTOCOL": "HTTP/1.0"})
    assert answer.body == b"Hello, World!"
