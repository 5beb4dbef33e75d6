"""The demo inside a reader's browser tab: the same app, with a page script instead of a socket.

A browser tab has no sockets to listen on. The site's Web Worker runs this module on Pyodide
(CPython compiled to WebAssembly) and hands each request the page sends to `TabServer.handle`
as plain values; it becomes a WSGI environ for the very app `create_app()` builds for Granian.
Nothing here is browser-only, so the tests run it natively too, request for request.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bottle import Bottle

from demo_server.app import create_app
from demo_server.app_file import ROUTE_FUNCTIONS, ReaderCode, ReaderCodeError, line_in, load_source
from demo_server.settings import Settings
from demo_server.storage import sqlite
from demo_server.storage.database import Database

#: What a response is to the page script: status, reason, header pairs, body.
Answer = tuple[int, str, list[tuple[str, str]], bytes]


def wsgi_environ(method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes) -> dict:
    """The environ a WSGI server would build for `method target` with `headers` and `body`."""
    path, _, query = target.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method.upper(),
        "SCRIPT_NAME": "",
        # PEP 3333: the path percent-decoded, as bytes carried in a latin-1 str.
        "PATH_INFO": unquote(path, encoding="latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_LENGTH": str(len(body)) if body else "",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers:
        key = name.strip().upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ["HTTP_" + key] = value
    return environ


class TabServer:
    """The demo app on a database file in the tab's file system, one request at a time.

    The worker keeps that file in IndexedDB and copies it in and out around each request, so
    the connection is closed after every request: the next one may find a newer file, written
    by the same site open in another tab.
    """

    def __init__(self, path: str) -> None:
        # The settings of a default server but for the database: the tab answers like one.
        # (A page's requests to its own tab carry no Origin, so CORS never comes into it.)
        self.settings = Settings(database=Database.sqlite_file(Path(path)))
        self.path = self.settings.database.path
        sqlite.initialise(self.path)
        self.app = create_app(self.settings)
        self.store: sqlite.SQLiteStore = self.app.config["demo.store"]
        #: The reader's files that Run loaded, by name: each new Run builds on the others.
        self.reader_files: dict[str, ReaderCode] = {}

    def load_app(self, filename: str, source: str) -> dict[str, Any]:
        """Run on a page: the demo's app rebuilt with the reader's module `filename` (say
        `hello.py`) in place of the shipped one. A re-import, not a new Python: tens of ms.

        The page gets data back: `{"ok": True}`, or `{"ok": False, "line", "message", "error"}`:
        the line at fault, the one-line message naming file and line, and the error alone (for
        the editor, beside that line); then the app that answered before keeps answering.
        """
        try:
            reader = load_source(source, filename)
            if reader.create_app is not None:
                raise ReaderCodeError(
                    filename,
                    None,
                    "a whole app (create_app) is for an exercise's Check; the demo's pages "
                    "take add_hello_routes(app) or add_todo_routes(app, store)",
                )
            files = {**self.reader_files, filename: reader}
            app = self._app_with(files)
        except Exception as error:  # also the reader's route function raising as it was built
            if not isinstance(error, ReaderCodeError):
                text = f"{type(error).__name__}: {error}"
                error = ReaderCodeError(filename, line_in(error, filename), text)
            return {"ok": False, "line": error.line, "message": str(error), "error": error.message}
        self.store.close()
        self.app, self.reader_files = app, files
        self.store = app.config["demo.store"]
        return {"ok": True, "line": None, "message": "", "error": ""}

    def _app_with(self, files: dict[str, ReaderCode]) -> Bottle:
        """The demo's app with every route function the reader's files define (a later file's
        in place of an earlier one's)."""
        chosen: dict[str, Any] = {}
        for code in files.values():
            chosen.update({n: getattr(code, n) for n in ROUTE_FUNCTIONS if getattr(code, n)})
        return create_app(self.settings, ReaderCode("", **chosen))

    def handle(
        self, method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes = b""
    ) -> Answer:
        started: list[Any] = []

        def start_response(status: str, response_headers: list, exc_info: Any = None) -> Any:
            started[:] = [status, response_headers]
            return lambda data: None  # the write() callable; the app never uses it

        try:
            chunks = self.app(wsgi_environ(method, target, headers, bytes(body)), start_response)
            try:
                data = b"".join(chunks)
            finally:
                getattr(chunks, "close", lambda: None)()
        finally:
            self.store.close()
        status, response_headers = started
        code, _, reason = status.partition(" ")
        return int(code), reason, [(str(k), str(v)) for k, v in response_headers], data

    def reset(self) -> None:
        """Start over from the pages' to-do list, as `demo-server --reset` does.

        The new file is a new file to the store, which refuses a file replaced under it: the
        app (and the reader's code that Run loaded) is built again on it."""
        self.store.close_all()
        sqlite.initialise(self.path, reset=True)
        self.app = self._app_with(self.reader_files)
        self.store = self.app.config["demo.store"]
