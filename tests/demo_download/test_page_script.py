"""The page script in Chromium: commands made whole for wherever the site is served."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
import urllib.request
from pathlib import Path

import pytest

from site_plugins.page_checks.ports import free_port
from tests.browser_support import QuietHandler, open_page
from tests.demo_download.projects import make_project
from tests.site_builds import strict_build

pytestmark = pytest.mark.browser

WHEEL = "backend_basics-0.1.0-py3-none-any.whl"


def checked(url: str) -> str:
    """`url` as the pages print it: with the SHA-256 of the wheel served there (pip checks it)."""
    with urllib.request.urlopen(url, timeout=10) as answer:
        return f"{url}#sha256={hashlib.sha256(answer.read()).hexdigest()}"


def commands(page) -> list[str]:
    page.wait_for_selector("[data-demo-download][data-filled]", state="attached")
    return page.eval_on_selector_all(
        "[data-demo-download] pre code", "codes => codes.map(code => code.textContent)"
    )


def test_on_another_origin_the_commands_are_absolute_and_allow_that_origin(browser, site_url):
    origin = site_url.rstrip("/")
    url = checked(f"{site_url}downloads/{WHEEL}")
    with open_page(browser, site_url + "demo-server/") as (page, problems, _):
        assert commands(page) == [
            f"pipx run --spec {url} demo-server --allow-origin {origin}\n",
            f"uvx --from {url} demo-server --allow-origin {origin}\n",
            f"pip install {url}\ndemo-server --allow-origin {origin}\n",
        ]
        assert problems == []


def test_instant_navigation_fills_the_commands_too(browser, site_url):
    with open_page(browser, site_url) as (page, problems, _):
        page.click('.md-nav--primary a[href$="demo-server/"]')
        page.wait_for_url("**/demo-server/")
        assert all(f"{site_url}downloads/{WHEEL}" in command for command in commands(page))
        assert problems == []


@pytest.fixture
def serve_folder():
    servers = []

    def serve(folder: Path, port: int) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_on_the_site_the_wheel_was_built_for_no_flag_is_needed(browser, tmp_path, serve_folder):
    port = free_port()
    project = make_project(tmp_path, config=f"site_url: http://127.0.0.1:{port}/\n")
    result = strict_build(project)
    assert result.returncode == 0, result.stderr
    site = serve_folder(project / "out", port)
    with open_page(browser, site) as (page, problems, _):
        url = checked(f"{site}downloads/{WHEEL}")
        assert commands(page) == [
            f"pipx run --spec {url} demo-server\n",
            f"pip install {url}\ndemo-server\n",
        ]
        assert problems == []
