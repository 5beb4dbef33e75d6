"""A malformed example that reaches a page anyway (built without --strict): Try it says what is
wrong with it and sends nothing."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.browser_support import QuietHandler, open_page
from tests.page_checks.sites import build, make_site

pytestmark = pytest.mark.browser

PAGE = """# Malformed

```http try
GET/api/todos HTTP/1.1
```

```http try
POST /api/todos HTTP/1.1
Content-Type application/json
```

```http try
GET /api/todos HTTP/1.1

{"a": 1}
```
"""
REASONS = [
    "the first line is not METHOD /path HTTP/1.1",
    "Content-Type application/json is not a header: write Name: value",
    "a GET request has no body",
]


@pytest.fixture
def page_url(tmp_path):
    site = make_site(tmp_path, {"index.md": PAGE})
    assert build(site).returncode == 0  # warnings, but a page
    handler = functools.partial(QuietHandler, directory=str(site / "out"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_try_it_names_the_mistake_and_sends_nothing(browser, page_url):
    with open_page(browser, page_url) as (page, problems, requested):
        before = len(requested)
        for index, reason in enumerate(REASONS):
            widget = page.locator(".live-demo").nth(index)
            widget.locator(".live-demo__run").click()
            result = widget.locator(".live-demo__result .live-demo__error")
            assert result.inner_text() == f"This example is malformed: {reason}."
        # Nothing sent to a demo; the page's own parser module (loaded on the first press) aside.
        assert [url for url in requested[before:] if not url.startswith(page_url)] == []
        assert [url for url in requested[before:] if "/assets/" not in url] == []
        assert problems == []
