"""Support for tests that follow a page's steps as printed: its commands, a busy port."""

from __future__ import annotations

import re
import socket
import textwrap
from contextlib import ExitStack
from pathlib import Path

from tests.helpers import ROOT

HELLO_PAGE = ROOT / "docs" / "hello-world.md"


def tab_commands(tab: str, page: Path = HELLO_PAGE) -> list[str]:
    """The bash blocks of one content tab (`=== "Node.js"`) of `page`, in order."""
    text = page.read_text(encoding="utf-8")
    body = text.split(f'=== "{tab}"', 1)[1]
    body = re.split(r'^(?:=== "|## )', body, maxsplit=1, flags=re.M)[0]  # to the next tab
    return [
        textwrap.dedent(block).strip() for block in re.findall(r"```bash\n(.*?)```", body, re.S)
    ]


def hold_port(port: int, stack: ExitStack) -> None:
    """Make sure something listens on `port` for as long as `stack` is open (if something
    already does, so much the better): the demo a reader keeps running has 3000."""
    sock = stack.enter_context(socket.socket())
    # As servers do: a connection of an earlier test in TIME_WAIT must not leave it free.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen()
    except OSError:
        pass
    socket.create_connection(("127.0.0.1", port), timeout=5).close()  # busy, for sure


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
