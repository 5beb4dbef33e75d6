"""`make serve`: the site (mkdocs serve) and the demo server side by side, stopped together.

Both children run on this interpreter, so the command behaves the same wherever Python runs.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from demo_server.settings import DEFAULT_HOST, DEFAULT_PORT, base_url

ROOT = Path(__file__).resolve().parent.parent


def configured_docs_addr() -> str:
    """`dev_addr` from mkdocs.yml, the one place the site's port is set."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^dev_addr:\s*['\"]?([^'\"\s#]+)", text, re.M)
    return match.group(1) if match else "127.0.0.1:8000"


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask each child to stop, then insist after ten seconds."""
    # A second, impatient Ctrl-C must not leave a child running behind our back.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for process in processes:
        if process.poll() is None:
            # SIGTERM, not SIGINT: a process started with SIGINT ignored (from a script, cron,
            # CI) never sees SIGINT, while both children stop cleanly on SIGTERM.
            process.terminate()
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the demo server's port")
    parser.add_argument("--docs-addr", default=configured_docs_addr(), help="HOST:PORT of the site")
    args = parser.parse_args(argv)

    demo = subprocess.Popen(
        [sys.executable, "-m", "demo_server", "--port", str(args.port)], cwd=ROOT
    )
    site = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", args.docs_addr], cwd=ROOT
    )
    children = [demo, site]
    print(
        f"\n  Site:  http://{args.docs_addr}/\n  Demo:  {base_url(DEFAULT_HOST, args.port)}/\n"
        "  Press Ctrl-C to stop both.\n",
        flush=True,
    )
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
    except KeyboardInterrupt:
        stop(children)
        return 0
    # One stopped by itself (a busy port, a broken mkdocs.yml): stop the other, pass its code on.
    failed = next(child for child in children if child.poll() is not None)
    stop(children)
    return failed.returncode or 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    sys.exit(main())
