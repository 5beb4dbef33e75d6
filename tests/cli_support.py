"""Shared by the CLI tests: run `demo-server` to its end, press Ctrl-C on a running one."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.helpers import ROOT
from tooling.processes import RunningProcess, demo_server_command

UNCLEAN = ("Killing worker", "Unexpected exit", "Traceback", "KeyboardInterrupt")


def run_demo(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """`demo-server args` run to its end (it must end by itself: a refusal, --where, --help)."""
    return subprocess.run(
        demo_server_command(*args),
        cwd=cwd,
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        text=True,
        timeout=30,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a refusal: exit code 2, nothing on stdout, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def press_ctrl_c(server: RunningProcess, timeout: float = 2.0) -> tuple[int, float]:
    """What a terminal does: SIGINT to the whole foreground group, the workers too.

    The exit code and the seconds it took; an AssertionError if it took longer than `timeout`.
    """
    started = time.monotonic()
    os.killpg(server.process.pid, signal.SIGINT)
    try:
        server.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(
            f"still running {timeout}s after Ctrl-C; output:\n{server.output()}"
        ) from None
    took = time.monotonic() - started
    return server.stop(), took  # it has stopped: this only collects the last lines
