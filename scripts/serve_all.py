"""`make serve`: the site (mkdocs serve) and the demo server side by side, stopped together.

Run with the project's virtual environment; both children are this interpreter's modules, so the
command works the same on every platform that has Python.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from demo_server.settings import DEFAULT_HOST, DEFAULT_PORT, base_url

ROOT = Path(__file__).resolve().parent.parent


def docs_url() -> str:
    """The address `mkdocs serve` uses: `dev_addr` in mkdocs.yml, the one place it is set."""
    match = re.search(
        r"^dev_addr:\s*['\"]?([\w.\-\[\]:]+?)['\"]?\s*$",
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
        re.M,
    )
    return f"http://{match.group(1) if match else '127.0.0.1:8000'}/"


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(
                signal.SIGINT if sys.platform != "win32" else signal.CTRL_BREAK_EVENT
            )
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> int:
    demo = subprocess.Popen([sys.executable, "-m", "demo_server", *sys.argv[1:]], cwd=ROOT)
    site = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload"], cwd=ROOT)
    children = [demo, site]
    port = DEFAULT_PORT
    for arg, value in zip(sys.argv[1:], sys.argv[2:]):
        if arg == "--port":
            port = int(value)
    print(
        f"\n  Site:  {docs_url()}\n  Demo:  {base_url(DEFAULT_HOST, port)}/\n"
        "  Press Ctrl-C to stop both.\n",
        flush=True,
    )
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
    except KeyboardInterrupt:
        stop(children)
        return 0
    # One of them stopped on its own (a busy port, a broken mkdocs.yml): stop the other too.
    failed = next(child for child in children if child.poll() is not None)
    stop(children)
    return failed.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
