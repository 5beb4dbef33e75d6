"""Playwright on Debian's Chromium: the built site served on a free port, pages opened clean."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from site_plugins.page_checks.ports import free_port
from tests.helpers import ROOT
from tests.site_builds import mkdocs_build
from tooling.chromium import CHROMIUM_ARGS, chromium_path
from tooling.processes import in_ci


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def serve(folder: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A static server for `folder` on 127.0.0.1 (a free port unless given), in a thread."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def published_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site as a reader of the published site gets it: built with `site_url` set to the
    address it is served from, which Material's instant navigation needs (it keeps a link in
    the page only for addresses its sitemap lists, and the sitemap's port and path come from
    `site_url`). Without it every link is a full page load."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("published-site")
    result = mkdocs_build(ROOT, "--strict", "--site-dir", str(out), env={"SITE_URL": url})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    server = serve(out, port)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if in_ci():
            pytest.fail("CI=true but no Chromium found: .ci/run must install Debian's chromium")
        pytest.skip("no Chromium at /usr/bin/chromium: apt-get install chromium to run this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {folder}")
    return folder


@contextmanager
def open_page(browser, url: str, **context_options) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page in its own browser context, loaded, with its console problems and requests.

    Yields (page, problems, requested); the context is closed however the test ends.
    """
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems: list[str] = []
    requested: list[str] = []
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and problems.append(f"{msg.text} ({msg.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    # A reload or a navigation aborts what is still loading (the tab demo's background
    # snapshot, say): that is the reader's choice, not a fault.
    page.on(
        "requestfailed",
        lambda req: req.failure != "net::ERR_ABORTED" and problems.append(f"failed: {req.url}"),
    )
    page.on("request", lambda req: requested.append(req.url))
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        yield page, problems, requested
    finally:
        context.close()
