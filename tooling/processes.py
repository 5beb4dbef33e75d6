"""Child processes for the tests, the benchmarks and the make targets: start one with its
output collected, wait until it answers, stop it and everything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from site_plugins.page_checks.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def answers(url: str) -> bool:
    """True if `url` answers with anything below 500 (a server that is up and routing)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as res:
            return res.status < 500
    except OSError:
        return False


T = TypeVar("T")


def poll_until(ready: Callable[[], T], timeout: float, what: str, interval: float = 0.1) -> T:
    """What `ready()` returns once it is true; a TimeoutError saying `what` did not happen
    after `timeout` seconds. The one poll loop of the tests, the benchmarks and the make
    targets: an exception `ready` raises ends the wait, so it catches what means "not yet"."""
    deadline = time.monotonic() + timeout
    while not (result := ready()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        time.sleep(interval)
    return result


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """True if something accepts connections on `port`."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class RunningProcess:
    """A child process whose output is collected line by line while it runs."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for_line(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if needle in line:
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process.poll() is not None and not self._pumping()):
                    raise AssertionError(
                        f"no line with {needle!r} within {timeout}s; output so far:\n"
                        + "\n".join(self.lines)
                    )
                self._changed.wait(min(remaining, 0.2))

    def _pumping(self) -> bool:
        return self._thread.is_alive()

    def output(self) -> str:
        return "\n".join(self.lines)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"process did not stop within {timeout}s after {sig!r}") from None
        self._thread.join(timeout=5)
        return code

    def start_pump(self) -> None:
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()


def start_session(
    args: list[str], *, env: dict[str, str], cwd: Path = ROOT, **options
) -> subprocess.Popen[str]:
    """`args` started in a session of its own (one killpg stops it with all its workers, and a
    terminal's Ctrl-C reaches only us), stdout and stderr merged into one pipe of lines."""
    return subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,
        **options,
    )


@contextmanager
def running(
    args: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[RunningProcess]:
    """Start `args` with stdout and stderr merged and collected; kill it if the test forgot to."""
    full_env = dict(os.environ, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1")
    # Never the reader's real data folder: the demo's default database goes to a throwaway one.
    full_env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="demo-data-")
    full_env.update(env or {})
    process = start_session(
        args,
        cwd=cwd,
        env=full_env,
        # Children of a background job inherit SIGINT ignored; a test of Ctrl-C needs it back.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child = RunningProcess(process)
    child.start_pump()
    try:
        yield child
    finally:
        # The whole group: a worker process may outlive its parent, and would hold our pipe open.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        child._thread.join(timeout=5)
        if process.stdout:
            process.stdout.close()


def demo_server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "demo_server", *args]


@contextmanager
def demo_server(
    port: int | None = None, *args: str, db: Path | str | None = None
) -> Iterator[tuple[RunningProcess, str]]:
    """A real demo server on a free port with its own database (or `db`: a SQLite file or a
    PostgreSQL URL), ready to take requests."""
    port = port or free_port()
    with ExitStack() as stack:
        if db is None:
            db = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "todos.sqlite3"
        child = stack.enter_context(
            running(demo_server_command("--port", str(port), "--db", str(db), *args))
        )
        child.wait_for_line("Server is running on")
        yield child, f"http://127.0.0.1:{port}"
