"""Page weight from a real Chromium load, served compressed as static hosts serve it."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

from tooling.chromium import CHROMIUM_ARGS

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Like `python -m http.server`, but gzips text the way nginx's `gzip on` does."""

    compressed = COMPRESSED

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in self.compressed
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()


def _collect(bucket: list, item: object) -> None:
    bucket.append(item)


class WasmGzipHandler(GzipHandler):
    """A host that compresses WebAssembly too (application/wasm, as CDNs do by default; nginx
    does when its gzip_types names it)."""

    compressed = (*COMPRESSED, ".wasm")


def serve(
    site: Path, port: int = 0, handler_class: type[GzipHandler] = GzipHandler
) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: handler_class(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_paths(site: Path) -> list[str]:
    paths = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        paths.append("/" if folder == "." else f"/{folder}/")
    return sorted(paths)


def weigh(site: Path, chromium: str) -> list[dict]:
    """Bytes (raw and as sent) and requests of each page's first load, in a fresh browser."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for path in page_paths(site):
                context = browser.new_context()
                page = context.new_page()
                responses: list = []
                page.on("response", functools.partial(_collect, responses))
                page.goto(base + path.lstrip("/"), wait_until="networkidle")
                sent = raw = 0
                foreign = []
                for response in responses:
                    if urlsplit(response.url).netloc != urlsplit(base).netloc:
                        foreign.append(response.url)
                    try:
                        raw += len(response.body())
                    except Exception:  # redirects and aborted requests have no body
                        continue
                    sent += response.request.sizes()["responseBodySize"]
                rows.append(
                    {
                        "page": "/" + path.lstrip("/"),
                        "requests": len(responses),
                        "raw_kb": raw / 1024,
                        "sent_kb": sent / 1024,
                        "third_party": foreign,
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows
