"""`make serve`: the site (mkdocs serve) and the demo server side by side, stopped together.

Options other than the launcher's own go to `demo-server` as they are, so
`make serve DEMO_ARGS="--port 3101 --reset"` works; whatever ports are used, the pages' "Try it"
address and the demo's trusted origins follow them. Both children run on this interpreter, so
the command behaves the same wherever Python runs.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from demo_server.cli import build_parser, resolve_port
from demo_server.serving import PortInUseError, ensure_port_free
from demo_server.settings import base_url
from tooling.processes import answers, poll_until

ROOT = Path(__file__).resolve().parent.parent
#: How the launcher tells `mkdocs serve` where the demo is (mkdocs.yml reads it with !ENV).
DEMO_URL_ENV = "DEMO_SERVER_URL"
READY_TIMEOUT = 120


def configured_docs_addr() -> str:
    """`dev_addr` from mkdocs.yml, the one place the site's port is set."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^dev_addr:\s*['\"]?([^'\"\s#]+)", text, re.M)
    return match.group(1) if match else "127.0.0.1:8000"


def docs_origins(docs_addr: str) -> list[str]:
    """The origins a browser gives the pages served at `docs_addr` (both loopback spellings)."""
    host, _, port = docs_addr.rpartition(":")
    names = [host]
    if host in ("127.0.0.1", "localhost"):
        names = ["127.0.0.1", "localhost"]
    return [f"http://{name}:{port}" for name in names]


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


def wait_until_ready(children: list[subprocess.Popen[bytes]], urls: list[str]) -> bool:
    """True once every URL answers; False as soon as a child has stopped (or after a while)."""
    waiting = list(urls)

    def done() -> bool:
        nonlocal waiting
        waiting = [url for url in waiting if not answers(url)]
        return not waiting or any(child.poll() is not None for child in children)

    try:
        poll_until(done, READY_TIMEOUT, "the site and the demo answering", interval=0.2)
    except TimeoutError:
        return False
    return all(child.poll() is None for child in children)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Any other option goes to demo-server; see `demo-server --help`.",
    )
    parser.add_argument("--docs-addr", default=configured_docs_addr(), help="HOST:PORT of the site")
    args, demo_args = parser.parse_known_args(argv)
    demo_parser = build_parser()
    demo = demo_parser.parse_args(demo_args)  # a bad option: demo-server's own message, exit 2
    port = resolve_port(demo_parser, demo.port)
    demo_url = base_url(demo.host, port)
    docs_host, _, docs_port = args.docs_addr.rpartition(":")
    for name, host, number in (("demo", demo.host, port), ("site", docs_host, int(docs_port))):
        try:
            ensure_port_free(host, number)
        except PortInUseError:
            print(
                f"make serve: port {number} on {host} is already in use, so the {name} cannot "
                f"start; stop the other server or pick another port "
                f'(make serve DEMO_ARGS="--port {port + 1}" for the demo, '
                f"--docs-addr for the site)",
                file=sys.stderr,
            )
            return 2

    allow = [f"--allow-origin={origin}" for origin in docs_origins(args.docs_addr)]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "demo_server", *demo_args, "--port", str(port), *allow],
            cwd=ROOT,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", args.docs_addr],
            cwd=ROOT,
            env=dict(os.environ, **{DEMO_URL_ENV: demo_url}),
        ),
    ]
    try:
        if wait_until_ready(children, [f"{demo_url}/healthz", f"http://{args.docs_addr}/"]):
            print(
                f"\n  Site:  http://{args.docs_addr}/\n  Demo:  {demo_url}/\n"
                "  Press Ctrl-C to stop both.\n",
                flush=True,
            )
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
    except KeyboardInterrupt:
        stop(children)
        return 0
    # One stopped by itself (a broken mkdocs.yml, a bad option): stop the other, pass its code on.
    failed = next(child for child in children if child.poll() is not None)
    stop(children)
    return failed.returncode or 1


def run() -> None:
    """The command line: SIGTERM stops both children as Ctrl-C does."""
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    sys.exit(main())
