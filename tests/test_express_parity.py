"""The page's Express original, its other stacks (NestJS, Go, Java, Spring Boot) and our demo,
asked the same questions, give the same answers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.page_steps import HELLO_PAGE
from tests.stacks import (
    EXPRESS,
    GO,
    HTML,
    JAVA,
    NESTJS,
    SPRING_BOOT,
    STACKS,
    Stack,
    install,
    require,
    run,
)
from tooling.processes import demo_server, running

# Starts real processes (servers, site builds): not in make test-fast.
pytestmark = pytest.mark.processes

HELLO = b"Hello, World!"
EXPRESS_ETAG = 'W/"d-CgqfKmdylCVXq1NV12r0Qvj2XgE"'
# For a path it does not know, each stack's Content-Type, and its body (or a part of it).
NOT_FOUND = {
    EXPRESS.id: (HTML, "<pre>Cannot GET /nope</pre>"),
    NESTJS.id: (
        "application/json; charset=utf-8",
        '{"message":"Cannot GET /nope","error":"Not Found","statusCode":404}',
    ),
    GO.id: ("text/plain; charset=utf-8", "404 page not found"),
    JAVA.id: (None, ""),
    SPRING_BOOT.id: ("application/json", '"status":404,"error":"Not Found","path":"/nope"'),
}
# Spring MVC answers OPTIONS for its routes itself, and knows / takes no POST.
SPRING_ALLOW = "GET,HEAD,OPTIONS"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory):
    """Each stack's example, copied and built once for this module: its folder, by stack id."""
    folders: dict[str, Path] = {}

    def folder(stack: Stack) -> Path:
        require(stack)
        if stack.id not in folders:
            folders[stack.id] = install(stack, tmp_path_factory.mktemp(stack.id))
        return folders[stack.id]

    return folder


@pytest.fixture(scope="module")
def express_app(installed) -> Path:
    return installed(EXPRESS)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(stack, id=stack.id, marks=[pytest.mark.node] if "node" in stack.tools else [])
        for stack in STACKS
    ],
)
def stack(request) -> Stack:
    return request.param


@pytest.fixture(scope="module")
def hello(stack: Stack, installed) -> Iterator[str]:
    """The stack's hello world, built once and started on a free port: its address. (The
    steps tests run the page's own commands: `go run .`, `java Hello.java`, `npm start`,
    `mvn -B package` then `java -jar`.)"""
    folder = installed(stack)
    port = free_port()
    with running(list(stack.start), env={**stack.env, "PORT": str(port)}, cwd=folder) as server:
        line = server.wait_for_line("Server is running on", timeout=60)
        assert line == f"Server is running on http://localhost:{port}"
        yield f"http://127.0.0.1:{port}"


def media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """A Content-Type as HTTP reads it: the type, and the parameters (space around ; is
    optional, RFC 9110 section 5.6.6; type and charset names are case-insensitive)."""
    kind, *parameters = (part.strip() for part in content_type.split(";"))
    pairs = (parameter.split("=", 1) for parameter in parameters)
    return kind.lower(), {name.lower(): value.lower() for name, value in pairs}


@pytest.mark.parametrize("stack", STACKS, ids=[stack.id for stack in STACKS])
def test_every_stack_sends_the_media_type_express_sends(stack: Stack):
    assert media_type(stack.content_type) == media_type(HTML) == ("text/html", {"charset": "utf-8"})


def test_get_root_says_hello_as_express_does(stack: Stack, hello):
    answer = requests.get(hello + "/", timeout=10)
    assert answer.status_code == 200
    assert answer.content == HELLO
    assert answer.headers["content-type"] == stack.content_type
    assert answer.headers["content-length"] == str(len(HELLO))


def test_head_root_gives_the_headers_of_get_and_no_body(stack: Stack, hello):
    answer = requests.head(hello + "/", timeout=10)
    assert answer.status_code == 200
    assert answer.content == b""
    assert answer.headers["content-type"] == stack.content_type
    assert answer.headers["content-length"] == str(len(HELLO))


def test_etag_and_x_powered_by_come_with_express_only(stack: Stack, hello):
    # As the page says: Nest answers through Express, Go, Java and Spring do not add these.
    answer = requests.get(hello + "/", timeout=10)
    if stack in (EXPRESS, NESTJS):
        assert answer.headers["etag"] == EXPRESS_ETAG
        assert answer.headers["x-powered-by"] == "Express"
    else:
        assert "etag" not in answer.headers
        assert "x-powered-by" not in answer.headers


def test_options_is_answered_by_express_and_spring_alone(stack: Stack, hello):
    # The page: Express and Spring list the methods, NestJS, Go and Java say 404.
    answer = requests.options(hello + "/", timeout=10)
    if stack == EXPRESS:
        assert (answer.status_code, answer.headers["allow"]) == (200, "GET, HEAD")
    elif stack == SPRING_BOOT:
        assert (answer.status_code, answer.headers["allow"]) == (200, SPRING_ALLOW)
        assert answer.content == b""
    else:
        assert answer.status_code == 404


def test_conditional_get_is_304_with_an_etag_only(stack: Stack, hello):
    answer = requests.get(hello + "/", headers={"If-None-Match": EXPRESS_ETAG}, timeout=10)
    assert answer.status_code == (304 if stack in (EXPRESS, NESTJS) else 200)


def test_unknown_path_is_404_with_the_body_the_page_describes(stack: Stack, hello):
    answer = requests.get(hello + "/nope", timeout=10)
    content_type, body = NOT_FOUND[stack.id]
    assert answer.status_code == 404
    assert answer.headers.get("content-type") == content_type
    assert body in answer.text if body else answer.text == ""


def test_the_page_quotes_the_404_bodies_and_spring_s_answers_as_they_are():
    page = HELLO_PAGE.read_text(encoding="utf-8")
    for stack in (NESTJS, GO, SPRING_BOOT):
        assert f"`{NOT_FOUND[stack.id][1]}`" in page, stack.tab
    for quoted in (SPRING_BOOT.content_type, f"Allow: {SPRING_ALLOW}", "405 Method Not Allowed"):
        assert f"`{quoted}`" in page


def test_root_answers_get_only_as_express_does(stack: Stack, hello):
    # app.get('/') leaves POST / to Express's final handler, which says 404; Spring knows the
    # path has a route and says 405 Method Not Allowed.
    answer = requests.post(hello + "/", data="x", timeout=10)
    assert answer.status_code == (405 if stack == SPRING_BOOT else 404)


def test_a_taken_port_is_one_line_and_exit_code_1(stack: Stack, installed):
    # With the demo (or anything) on the port, no example may claim to be running.
    folder = installed(stack)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(stack.start, folder, stack, PORT=str(port))
    assert result.returncode == 1
    assert "Server is running" not in result.stdout
    assert stack.our_lines(result.stderr) == [stack.busy_line(port)]


# Express beside our demo: the same answers, down to the headers Express adds by itself.


@pytest.fixture(scope="module")
def both_servers(express_app: Path):
    port = free_port()
    with running(list(EXPRESS.start), env={"PORT": str(port)}, cwd=express_app) as express:
        line = express.wait_for_line("Server is running on")
        assert line == f"Server is running on http://localhost:{port}"
        with demo_server() as (_, demo_base):
            yield f"http://127.0.0.1:{port}", demo_base


def ask_both(
    both_servers, method: str, path: str = "/", headers: dict[str, str] | None = None
) -> tuple[requests.Response, requests.Response]:
    """The same request to Express and to the demo: (Express's answer, the demo's answer)."""
    express_base, demo_base = both_servers
    return (
        requests.request(method, express_base + path, headers=headers, timeout=10),
        requests.request(method, demo_base + path, headers=headers, timeout=10),
    )


@pytest.mark.node
def test_get_root_matches(both_servers):
    express, demo = ask_both(both_servers, "GET")
    assert demo.status_code == express.status_code == 200
    assert demo.content == express.content == HELLO
    for header in ("content-type", "content-length", "etag"):
        assert demo.headers[header] == express.headers[header], header


@pytest.mark.node
def test_head_root_matches(both_servers):
    express, demo = ask_both(both_servers, "HEAD")
    assert demo.status_code == express.status_code == 200
    assert demo.content == express.content == b""
    for header in ("content-type", "content-length", "etag"):
        assert demo.headers[header] == express.headers[header], header


@pytest.mark.node
def test_conditional_get_matches(both_servers):
    express_etag = ask_both(both_servers, "GET")[0].headers["etag"]
    express, demo = ask_both(both_servers, "GET", headers={"If-None-Match": express_etag})
    assert demo.status_code == express.status_code == 304
    assert demo.content == express.content == b""


@pytest.mark.node
def test_options_matches(both_servers):
    express, demo = ask_both(both_servers, "OPTIONS")
    assert demo.status_code == express.status_code == 200
    assert demo.headers["allow"] == express.headers["allow"] == "GET, HEAD"
    assert demo.content == express.content


@pytest.mark.node
def test_unknown_path_matches(both_servers):
    express, demo = ask_both(both_servers, "GET", "/no/such/page")
    assert demo.status_code == express.status_code == 404


@pytest.mark.node
def test_demo_leaves_out_what_express_gives_away(both_servers):
    express, demo = ask_both(both_servers, "GET")
    assert express.headers["x-powered-by"] == "Express"
    assert "x-powered-by" not in demo.headers
