"""Run the app under Granian, a production server, with the console output the pages promise.

Why Granian: measured on a 2-core machine with wrk at 50 connections, Bottle served 23k req/s on
it (34k with 2 workers) against 4.3k on bottle's default wsgiref, which also serves one request at
a time; it ships wheels for Linux, macOS and Windows, so every reader installs it with pip.
(Those figures are from its WSGI interface. The demo now uses its RSGI interface, behind
demo_server.gateway, for deadlines WSGI cannot have: on loopback with a Python client at 4
connections that served about half the requests a second WSGI did, 2.9k against 5.6k.)
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from demo_server.settings import Settings, base_url

#: Asked by the main process until a worker answers; kept out of the access log.
READINESS_PATH = "/.well-known/demo-server-ready"
#: A worker that has not stopped this long after SIGTERM is killed, so a stop never hangs.
WORKER_KILL_TIMEOUT = 5
#: A client gets this long (ms) to send a request's headers, and an idle keep-alive connection
#: this long before its next request. Granian's default, 30 s, let a few thousand held
#: connections (or a few bytes of an HTTP/2 preface) keep the demo unreachable for as long as
#: the holder liked; at 5 s they drain, and no real client of a local demo needs longer.
HEADER_READ_TIMEOUT_MS = 5000
#: How the main process tells its workers how many threads run the app (`--threads`).
THREADS_ENV = "DEMO_SERVER_THREADS"
#: Connections the system holds for the demo before it accepts them (Granian's default, said
#: here so the demo page's limits table has one place to agree with).
BACKLOG = 1024


class PortInUseError(OSError):
    """Another process is listening on the port we were asked for."""


def canonical_host(text: str) -> str:
    """`--host` as the server shows it: an IP address in its usual spelling (an IPv4-mapped
    IPv6 address, `::ffff:127.0.0.1`, as the IPv4 address it stands for), a name as given.

    Raises ValueError or OSError (a name that does not resolve).
    """
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):  # as in a URL: [::1]
        text = text[1:-1]
    if not text:
        raise ValueError("an address is needed")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        listen_address(text)  # a name: it must resolve, now rather than in Granian
        return text
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def listen_address(host: str) -> str:
    """The IP address to bind for `host`: an address as it is, a name (`localhost`) resolved.

    Granian binds IP addresses only; a name would end in "invalid IP address syntax". A name
    with both an IPv4 and an IPv6 address binds IPv4, which every client tries.
    """
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    found = [info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]
    return next((address for address in found if ":" not in address), found[0])


def is_loopback(address: str) -> bool:
    """Whether a server bound to `address` (an IP address) is reachable from this machine only."""
    ip = ipaddress.ip_address(address)
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def ensure_port_free(host: str, port: int) -> None:
    """Fail early and plainly if someone already listens on host:port.

    Granian binds with SO_REUSEPORT on Linux, so a second server on a busy port would start
    "successfully" and share the traffic with the first. A plain bind tells the truth.
    """
    address = listen_address(host)
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if sys.platform != "win32":
            # Ignore connections in TIME_WAIT from a server that just stopped, as servers do.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise PortInUseError(exc.errno, f"port {port} on {host} is already in use") from exc
            raise


def announce_when_ready(host: str, port: int, timeout: float = 30.0) -> None:
    """Print the Express-style start line once a worker really answers HTTP.

    A TCP connect is not enough: the listening socket accepts connections before any worker
    serves them, and a Ctrl-C in that gap reaches a worker before it can handle it.
    """
    address = listen_address(host)
    target = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(address, address)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection(target, port, timeout=2)
        try:
            conn.request("GET", READINESS_PATH)
            conn.getresponse().read()
            break
        except OSError:
            time.sleep(0.05)
        finally:
            conn.close()
    print(f"Server is running on {base_url(host, port)}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)


def leave_ctrl_c_to_the_main_process() -> None:
    """Block SIGINT in this worker, for good: only the main process's SIGTERM stops it.

    A terminal's Ctrl-C sends SIGINT to the whole process group, workers included, and the main
    process answers it with a SIGTERM to each worker. Two signals then reach a worker within a
    fraction of a millisecond. Linux queues a process's signals for all of its threads: with the
    worker's main thread already due to take the first, the second goes to another thread (the
    access-log thread, or one of Granian's), and that thread, woken first, takes both. Python
    runs signal handlers in the main thread only, and the main thread, asleep in Granian's
    `threading.Event.wait()`, is never woken: the worker ignores the stop until it is killed
    five seconds later ("Killing worker-1 after it refused to gracefully stop"). And a worker
    that does stop on the SIGINT itself, before the main process has asked it to, is "an
    unexpected exit" to Granian, which then exits 1.

    Blocked here, in the main thread before any other thread exists, SIGINT stays blocked in
    every thread the worker starts later (threads inherit the mask), so a worker gets one
    signal, SIGTERM, which its main thread takes. (Not on Windows, which has no signal masks.)
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def worker_app():
    """What each worker process serves: the app, with its access log, behind the gateway that
    gives every request its deadlines (demo_server.gateway).

    Granian calls this in the worker's main thread, before it starts any thread of its own.
    """
    from multiprocessing.util import Finalize

    from demo_server.access_log import BatchedWriter, with_access_log
    from demo_server.app import NO_WAIT_PATHS, create_app_from_environ
    from demo_server.gateway import DeadlineGateway
    from demo_server.parent_watch import die_with_parent
    from demo_server.storage import file_lock

    leave_ctrl_c_to_the_main_process()
    # The lock is the main process's: a forked worker's copy of it could outlive the main.
    file_lock.close_inherited()
    die_with_parent()
    app = create_app_from_environ()
    # None: the reader's own whole app (`--app` with an exercise's create_app), which keeps
    # its data its own way.
    store = app.config.get("demo.store")
    writer = BatchedWriter()
    # Worker processes end with os._exit, which skips atexit: multiprocessing's own finalizers
    # still run, highest priority first: the last lines of the log are written, then every
    # database connection is closed (which also folds SQLite's write-ahead log into the file).
    Finalize(writer, writer.flush, exitpriority=10)
    if store is not None:
        Finalize(store, store.close_all, exitpriority=5)
    served = with_access_log(app, writer, skip_path=READINESS_PATH)
    threads = int(os.environ.get(THREADS_ENV, "1"))
    # The reader's code may wait (or loop) on any path: every request gets a thread, and with
    # it the deadline that answers 503 instead of a loop holding the gateway's event loop.
    no_wait = () if Settings.from_environ().app_file else NO_WAIT_PATHS
    return DeadlineGateway(served, threads=threads, log=writer.write, no_wait_paths=no_wait)


def reload_available() -> bool:
    """Granian watches files with watchfiles, an optional dependency of the demo."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return False
    return True


def serve(settings: Settings, workers: int = 1, threads: int = 1, reload: bool = False) -> None:
    """Serve until SIGINT or SIGTERM; return normally after a clean shutdown.

    With `reload`, the main process watches the demo's own package and replaces the workers
    when a file in it changes (what `node --watch` and `uvicorn --reload` do): the port, the
    database and its lock stay with the main process throughout.
    """
    # Imported here so `demo-server --help` and the app's tests do not pay for the server's import.
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels
    from granian.server import Server

    os.environ.update(settings.to_environ())
    os.environ[THREADS_ENV] = str(threads)
    if reload:
        # Workers forked from this process would inherit the app as it was imported at start,
        # and a reload would bring back the old code: fresh interpreters read the files again.
        multiprocessing.set_start_method("spawn", force=True)
    server = Server(
        "demo_server.serving:worker_app",
        factory=True,
        # RSGI, not WSGI: the one interface of Granian's whose body reads can have a deadline
        # (demo_server.gateway says why); the gateway runs the WSGI app in its own threads.
        interface=Interfaces.RSGI,
        # HTTP/1.1 only: browsers speak HTTP/2 over TLS alone, so cleartext HTTP/2 served no
        # one and was the one protocol whose half-sent start was never timed out.
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        # The demo has no websocket route (RSGI would otherwise accept the upgrade).
        websockets=False,
        backlog=BACKLOG,
        address=listen_address(settings.host),
        port=settings.port,
        workers=workers,
        log_level=LogLevels.warning,
        # Our own access log (demo_server.access_log): Granian's costs 44% of the throughput.
        log_access=False,
        workers_kill_timeout=WORKER_KILL_TIMEOUT,
        reload=reload,
        # With `--app`, the reader's file too: save it and the workers serve the new code.
        reload_paths=[
            Path(__file__).resolve().parent,
            *([Path(settings.app_file).resolve().parent] if settings.app_file else []),
        ],
        # A typo in the code being edited must not end the server: the next save fixes it.
        reload_ignore_worker_failure=True,
    )
    server.on_reload(lambda: print("Code changed: the demo restarted its workers.", flush=True))
    server.on_startup(
        lambda: threading.Thread(
            target=announce_when_ready, args=(settings.host, settings.port), daemon=True
        ).start()
    )
    server.serve()
