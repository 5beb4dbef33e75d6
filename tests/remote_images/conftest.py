"""A local image host on a free port, and a throwaway MkDocs project that uses the plugin."""

from __future__ import annotations

import base64
import http.server
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.helpers import ROOT

#: A valid 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class ImageHost(http.server.BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        ImageHost.hits[path] += 1
        if path.endswith("/not-an-image.png"):
            self.reply(b"<html>login page</html>", "text/html")
        elif path.endswith("/huge-declared.png"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(PNG)
        elif path.endswith("/huge-undeclared.png"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"\0" * 4096)
        elif path.endswith("/slow.png"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            for _ in range(60):  # a byte every half second: 30 s if nobody gives up
                try:
                    self.wfile.write(b"\0")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)
        elif path.endswith("/redirect.png"):
            self.send_response(302)
            self.send_header("Location", "/secure/final/target.png")
            self.end_headers()
        elif path.endswith("/loop.png"):
            self.send_response(302)
            self.send_header("Location", path)
            self.end_headers()
        elif path.endswith("/missing.png"):
            self.send_error(404)
        else:
            self.reply(PNG, "image/png")

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class RunningHost(str):
    """The host's address (a str, for URLs), which can also be switched off mid-test."""

    server: http.server.ThreadingHTTPServer

    def stop(self) -> None:
        if self.server.socket.fileno() != -1:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def image_host():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageHost)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ImageHost.hits.clear()
    host = RunningHost(f"127.0.0.1:{server.server_address[1]}")
    host.server = server
    yield host
    host.stop()


def signing_times() -> dict[str, str]:
    now = datetime.now(timezone.utc)
    return {
        "now": now.strftime("%Y%m%dT%H%M%SZ"),
        "day": now.strftime("%Y%m%d"),
        "iso_later": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "epoch_later": str(int((now + timedelta(hours=1)).timestamp())),
    }


def notion_export(server: str) -> str:
    text = (ROOT / "tests" / "fixtures" / "notion-export.md").read_text(encoding="utf-8")
    return text.format(server=server, **signing_times())


def make_project(folder: Path, page: str, plugin_config: str = "", extra: str = "") -> Path:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Home\n\n[Export](export.md)\n", encoding="utf-8")
    (folder / "docs" / "export.md").write_text(page, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Export test\n"
        "nav:\n  - index.md\n  - export.md\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n"
        f"plugins:\n  - search\n  - remote-images{':' if plugin_config else ''}\n{plugin_config}"
        f"{extra}",
        encoding="utf-8",
    )
    return folder


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
