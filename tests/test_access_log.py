"""The access log: a logged path is any web page's text, printed into the reader's terminal."""

from __future__ import annotations

import io
import time

from demo_server.access_log import (
    MAX_PENDING,
    BatchedWriter,
    escape,
    request_target,
    with_access_log,
)


def environ(path_bytes: bytes, query: str = "") -> dict[str, str]:
    """As WSGI hands a request over: the path's bytes as Latin-1 characters."""
    return {"PATH_INFO": path_bytes.decode("latin-1"), "QUERY_STRING": query}


def test_terminal_escapes_are_written_as_text():
    # Clear the screen, forge a line, set the clipboard (OSC 52), ring the bell.
    target = request_target(environ(b"/x\nforged\x1b[2J\x1b]52;c;aGk=\x07"))
    assert target == "/x\\x0aforged\\x1b[2J\\x1b]52;c;aGk=\\x07"
    assert all(c.isprintable() for c in target)


def test_bidi_overrides_and_invisible_characters_are_escaped():
    target = request_target(environ("/\u202eexe.txt\u200b".encode()))
    assert target == "/\\u202eexe.txt\\u200b"


def test_text_in_any_script_reads_as_itself_and_stray_bytes_as_hex():
    assert request_target(environ("/todo/caf\u00e9/\u4e2d".encode())) == "/todo/caf\u00e9/\u4e2d"
    assert request_target(environ(b"/\xff\xfe")) == "/\\xff\\xfe"


def test_a_quote_or_backslash_cannot_fake_the_line_or_an_escape():
    assert escape('/a" 200 0.01ms') == "/a\\x22 200 0.01ms"
    assert escape("/\\x1b") == "/\\x5cx1b"


class Cp1252Console(io.StringIO):
    encoding = "cp1252"

    def write(self, text: str) -> int:
        text.encode(self.encoding)  # raises as a Windows console pipe does
        return super().write(text)


def test_a_console_that_cannot_show_a_character_keeps_logging():
    console = Cp1252Console()
    writer = BatchedWriter(console, interval=0.01)
    writer.write('127.0.0.1 - "GET /\u4e2d HTTP/1.1" 404 0.1ms')
    time.sleep(0.2)
    writer.write('127.0.0.1 - "GET / HTTP/1.1" 200 0.1ms')
    time.sleep(0.2)
    lines = console.getvalue().splitlines()
    assert lines == [
        '127.0.0.1 - "GET /\\u4e2d HTTP/1.1" 404 0.1ms',
        '127.0.0.1 - "GET / HTTP/1.1" 200 0.1ms',
    ]
    assert writer.thread.is_alive()


class StalledPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")


def test_a_log_that_cannot_be_written_does_not_grow_without_bound():
    writer = BatchedWriter(StalledPipe(), interval=3600)  # the thread never flushes by itself
    for n in range(MAX_PENDING * 3):
        writer.write(f"line {n}")
    assert len(writer.pending) == MAX_PENDING and writer.dropped == MAX_PENDING * 2
    writer.stream = io.StringIO()
    writer.flush()
    assert writer.stream.getvalue().splitlines()[-1] == (
        f"({MAX_PENDING * 2} access-log lines dropped: the output was not keeping up)"
    )


class Lines:
    """A BatchedWriter's `write`, kept in a list."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, line: str) -> None:
        self.lines.append(line)


def test_the_logged_path_is_the_one_sent_even_when_the_app_rewrites_it():
    # Bottle replaces PATH_INFO with its UTF-8 decoding, a byte that is not UTF-8 dropped: the
    # log showed "/api/todos/1000" for "/api/todo%ffs/1000".
    def bottle_like(environ, start_response):
        raw = environ["PATH_INFO"]
        environ["PATH_INFO"] = raw.encode("latin-1").decode("utf-8", "ignore")
        start_response("400 Bad Request", [])
        return [b""]

    lines = Lines()
    app = with_access_log(bottle_like, lines)  # type: ignore[arg-type]
    request = dict(
        environ(b"/api/todo\xffs/1000"), REQUEST_METHOD="GET", SERVER_PROTOCOL="HTTP/1.1"
    )
    app(request, lambda status, headers, exc_info=None: None)
    assert lines.lines == [lines.lines[0]]
    assert '"GET /api/todo\\xffs/1000 HTTP/1.1" 400' in lines.lines[0]


def test_a_byte_the_server_replaced_is_shown_as_replaced():
    # Behind Granian's RSGI interface a byte that was not UTF-8 arrives as U+FFFD.
    assert request_target(environ("/todo\ufffds".encode())) == "/todo\\ufffds"
