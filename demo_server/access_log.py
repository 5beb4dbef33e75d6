"""One access-log line per request, cheap enough to leave on.

Granian's own access log goes through `logging` and flushes stdout for every request: measured
at 50 connections it cut the demo's throughput from 27k to 15k requests a second. Here each line
is one formatted string appended to a list, and a background thread writes whatever has piled up
every 0.1 s in a single write: the log stays live for a person watching, and costs little.

Any web page can make the reader's browser request any path from the demo, so a logged path is
attacker's text printed into the reader's terminal: escape sequences in it could clear the
screen, forge lines, retitle the window or set the clipboard. Every character that is not
plainly printable is written as \\xHH (or \\uHHHH), as nginx and CPython's http.server do.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import lru_cache
from typing import IO, Any

FLUSH_EVERY = 0.1
#: Lines kept while the terminal cannot take them (a stalled pipe): past this, new ones are
#: counted and dropped, so a log that cannot be written never grows the server's memory.
MAX_PENDING = 10_000
#: Escaped although printable: the quote would let a path close the quoted request early, the
#: backslash would make a real "\\x1b" in a path look like an escaped one, and U+FFFD is where
#: the server replaced a byte that was not UTF-8 (demo_server.gateway): shown as \\ufffd, it
#: says so, where "�" would pass for text.
ALWAYS_ESCAPED = {'"', "\\", "\ufffd"}


@lru_cache(maxsize=1024)
def _escaped_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (see `request_target`)
        code -= 0xDC00
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escape(text: str) -> str:
    """`text` with control, format (bidi overrides too) and other unprintable characters, and
    the quote and backslash, written as escapes: what a terminal shows is what was sent."""
    if text.isprintable() and '"' not in text and "\\" not in text and "\ufffd" not in text:
        return text  # almost every path: no copy
    return "".join(
        _escaped_char(c) if c in ALWAYS_ESCAPED or not c.isprintable() else c for c in text
    )


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
#: Methods that need no escaping, looked up instead of checked character by character.
PLAIN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class BatchedWriter:
    """Collects lines and writes them out in batches from one daemon thread."""

    def __init__(self, stream: IO[str] | None = None, interval: float = FLUSH_EVERY):
        self.stream = stream or sys.stdout
        self.interval = interval
        self.pending: list[str] = []
        self.dropped = 0
        self.lock = threading.Lock()
        # Held while a batch is written: the last batch, flushed at exit from another thread,
        # cannot overtake the one before it. Requests only ever wait for `lock`, never for I/O.
        self.output_lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="access-log", daemon=True)
        self.thread.start()

    def write(self, line: str) -> None:
        with self.lock:
            if len(self.pending) < MAX_PENDING:
                self.pending.append(line)
            else:
                self.dropped += 1

    def flush(self) -> None:
        with self.output_lock:
            with self.lock:
                lines, self.pending = self.pending, []
                dropped, self.dropped = self.dropped, 0
            if dropped:
                lines.append(f"({dropped} access-log lines dropped: the output was not keeping up)")
            if lines:
                self._write("\n".join(lines) + "\n")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            # A console that cannot show a character (cp1252 on Windows, say) gets an escape
            # for it; the line still goes out.
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        self.stream.flush()

    def _run(self) -> None:
        # Stop signals are the main thread's business (Python runs their handlers there only):
        # one this thread took from the process's queue would never be handled.
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        while True:
            time.sleep(self.interval)
            try:
                self.flush()
            except (OSError, ValueError):
                # A full or broken pipe, or stdout closed at shutdown: that batch is lost, the
                # thread lives on (a dead one let every later line pile up in memory).
                continue


def request_target(environ: dict[str, Any]) -> str:
    """The path and query as the client sent them, escaped for a terminal.

    WSGI hands over the path's bytes as Latin-1 characters: decoded as the UTF-8 they almost
    always are, a path in any script reads as itself, and a byte that is not UTF-8 as \\xHH.
    """
    query = environ.get("QUERY_STRING")
    target = environ.get("PATH_INFO", "") + ("?" + query if query else "")
    if target.isascii() and escape(target) is target:
        return target  # almost every request: nothing to decode, nothing to escape
    # Not WSGI's Latin-1 (a test's environ, say): escaped as it is.
    with suppress(UnicodeEncodeError):
        target = target.encode("latin-1").decode("utf-8", "surrogateescape")
    return escape(target)


def with_access_log(app: WSGIApp, writer: BatchedWriter, skip_path: str = "") -> WSGIApp:
    """`app`, logging `addr - "METHOD /path PROTOCOL" status duration` for each request."""

    def logged(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        status_holder: list[str] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status_holder.append(status)
            return (
                start_response(status, headers, exc_info)
                if exc_info
                else start_response(status, headers)
            )

        # Read before the app runs: Bottle rewrites PATH_INFO in place (decoded as UTF-8, any
        # other byte dropped), and the log must show what was sent, not what Bottle made of it.
        path = environ.get("PATH_INFO", "")
        target = request_target(environ)
        body = app(environ, capture)
        if path != skip_path:
            ms = (time.perf_counter() - started) * 1000
            method = environ.get("REQUEST_METHOD", "")
            writer.write(
                f'{environ.get("REMOTE_ADDR", "-")} - "'
                f"{method if method in PLAIN_METHODS else escape(method)} "
                f'{target} {environ.get("SERVER_PROTOCOL")}" '
                # A WSGI status starts with its three digits (PEP 3333).
                f"{status_holder[0][:3] if status_holder else '-'} {ms:.2f}ms"
            )
        return body

    return logged
