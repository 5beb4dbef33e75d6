"""Hostile pages in a real Chromium against a real demo: DNS rebinding and cross-site writes.

Rebinding is played with Chromium's own resolver: `evil.test` resolves to 127.0.0.1, as a name
an attacker controls would once rebound. The cross-site page is served from a second loopback
origin (localhost on another port) and tries every write a page can make without CORS.
"""

from __future__ import annotations

import http.server
import re
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from tooling.chromium import CHROMIUM_ARGS, chromium_path
from tooling.processes import demo_server

pytestmark = pytest.mark.browser

WRITES = re.compile(r'"(POST|PUT|PATCH|DELETE) (/\S*) HTTP/1\.1" (\d{3})')


@pytest.fixture(scope="module")
def rebinding_browser(browser):
    """A second Chromium, from the same Playwright (two cannot run at once), whose resolver
    sends evil.test to this machine."""
    rebinding = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.test 127.0.0.1"],
    )
    yield rebinding
    rebinding.close()


@pytest.fixture
def demo(tmp_path) -> Iterator[tuple[object, str]]:
    with demo_server(db=tmp_path / "todos.sqlite3") as (process, base):
        yield process, base


def listing(base: str) -> list[dict]:
    return requests.get(f"{base}/api/todos", timeout=10).json()["todos"]


def test_a_rebound_page_can_neither_read_nor_change_the_list(rebinding_browser, demo):
    _, base = demo
    before = listing(base)
    port = base.rsplit(":", 1)[1]
    page = rebinding_browser.new_page()
    try:
        # The attacker's page, its name now pointing at the reader's machine: same-origin.
        landed = page.goto(f"http://evil.test:{port}/api/todos")
        assert landed is not None and landed.status == 403
        assert "todos" not in page.content()
        statuses = page.evaluate(
            """async () => {
                const json = { "Content-Type": "application/json" };
                const tries = [
                    fetch("/api/todos"),
                    fetch("/api/todos", { method: "POST", headers: json,
                                          body: '{"title": "rebound"}' }),
                    fetch("/api/todos/1", { method: "DELETE" }),
                    fetch("/api/todos/2", { method: "PATCH", headers: json,
                                            body: '{"done": true}' }),
                ];
                return Promise.all(tries.map(async (t) => (await t).status));
            }"""
        )
    finally:
        page.close()
    assert statuses == [403, 403, 403, 403]
    assert listing(base) == before


ATTACK_PAGE = """<!doctype html><meta charset="utf-8"><title>Win a prize</title>
<iframe name="sink"></iframe>
<form id="urlencoded" method="post" action="{api}/api/todos" target="sink">
  <input name="title" value="csrf urlencoded"></form>
<form id="multipart" method="post" enctype="multipart/form-data" action="{api}/api/todos"
      target="sink"><input name="title" value="csrf multipart"></form>
<form id="plain" method="post" enctype="text/plain" action="{api}/api/todos" target="sink">
  <input name='{{"title": "csrf text/plain", "x": "' value='"}}'></form>
<form id="override" method="post" action="{api}/api/todos/1?_method=DELETE" target="sink">
  <input name="_method" value="DELETE"></form>
<script>
const api = "{api}";
const json = '{{"title": "csrf script"}}';
async function attack() {{
  for (const id of ["urlencoded", "multipart", "plain", "override"]) {{
    document.getElementById(id).submit();
    await new Promise((r) => setTimeout(r, 300));
  }}
  const tries = [
    () => fetch(api + "/api/todos", {{ method: "POST", mode: "no-cors", body: json }}),
    () => fetch(api + "/api/todos", {{ method: "POST", mode: "no-cors", body: json,
                                      headers: {{ "Content-Type": "application/json" }} }}),
    () => fetch(api + "/api/todos", {{ method: "POST", body: json,
                                      headers: {{ "Content-Type": "application/json" }} }}),
    () => fetch(api + "/api/todos/1", {{ method: "DELETE" }}),
    () => fetch(api + "/api/todos/1", {{ method: "POST", mode: "no-cors",
                                        headers: {{ "X-HTTP-Method-Override": "DELETE" }} }}),
    () => fetch(api + "/api/todos/2", {{ method: "PATCH", body: '{{"done": true}}',
                                        headers: {{ "Content-Type": "application/json" }} }}),
    () => navigator.sendBeacon(api + "/api/todos", json),
    () => navigator.sendBeacon(api + "/api/todos",
                               new Blob([json], {{ type: "application/json" }})),
    () => navigator.sendBeacon(api + "/api/todos/1?_method=DELETE", ""),
  ];
  for (const attempt of tries) {{
    try {{ await attempt(); }} catch (e) {{ /* refused by the browser: fine */ }}
  }}
  document.title = "done";
}}
attack();
</script>"""


@pytest.fixture
def attacker_origin(demo) -> Iterator[str]:
    """A page on a second loopback origin (another port, another name) that attacks the demo."""
    _, base = demo
    body = ATTACK_PAGE.format(api=base).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_page_on_another_origin_cannot_write(browser, demo, attacker_origin):
    process, base = demo
    before = listing(base)
    page = browser.new_page()
    try:
        page.goto(attacker_origin)
        page.wait_for_function("document.title === 'done'", timeout=20_000)
        time.sleep(1)  # beacons are sent after the page asked
    finally:
        page.close()
    time.sleep(0.5)  # the access log is written every 0.1 s
    writes = WRITES.findall(process.output())
    # The attempts did reach the demo (or the test proves nothing), and every one was refused.
    assert len(writes) >= 6, process.output()[-3000:]
    assert all(not status.startswith("2") for _, _, status in writes), writes
    assert listing(base) == before
