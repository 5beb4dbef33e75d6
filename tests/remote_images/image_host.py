"""A local image host: what signed-link servers answer, good and bad, on a free port."""

from __future__ import annotations

import base64
import http.server
import time
from collections import Counter

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
