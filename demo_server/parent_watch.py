"""A worker process ends when the main process that started it is gone, however that went.

Granian's main process stops its workers on SIGINT and SIGTERM, but a main process killed
outright (SIGKILL, the OOM killer, a crashed terminal) stops nothing: the worker was left
serving as an orphan, with SIGINT blocked (see serving.leave_ctrl_c_to_the_main_process) so
Ctrl-C did not reach it, and with the database and its lock open under a pid that was dead.

Two ways, for every platform:

- Linux: `prctl(PR_SET_PDEATHSIG, SIGTERM)`, the kernel's own notice, at once.
- Everywhere (macOS and Windows have no such call; on Linux it is the backstop): a thread that
  waits on multiprocessing's handle for the parent (`parent_process().join()`), which is ready
  when the parent process ends.

Either way the worker gets SIGTERM, Granian's graceful stop (the last log lines written, the
database closed); one that has not ended `EXIT_GRACE` seconds later exits at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time

#: Seconds a worker whose parent is gone gets to stop gracefully before it exits at once.
EXIT_GRACE = 1.0
#: <linux/prctl.h>
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Call once in a worker's main thread, before it serves. A process that is not a
    multiprocessing child (a test calling the worker factory in-process) is left alone."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    _ask_the_kernel(parent.pid)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _ask_the_kernel(parent_pid: int | None) -> None:
    """Linux's notice. It fires when the *thread* that forked us ends: Granian forks its
    workers from its main thread, which lives as long as the main process."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        return  # no prctl (another libc): the watching thread still works
    if parent_pid is not None and os.getppid() != parent_pid:
        # The parent died before the notice was asked for, which then never comes; nothing
        # is served yet, so there is nothing to stop gracefully.
        _say_why()
        os._exit(1)


def _watch(parent: multiprocessing.process.BaseProcess) -> None:
    # The stop signals belong to the main thread (Python runs their handlers there only).
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    parent.join()
    # Stop as the main process would have stopped us (the main thread takes the signal: this
    # one blocks it); exit at once if that has not worked in EXIT_GRACE, say on a connection
    # that never finishes its request.
    _say_why()
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(EXIT_GRACE)
    os._exit(1)


def _say_why() -> None:
    print(
        f"demo-server: worker {os.getpid()} is stopping: its main process is gone",
        file=sys.stderr,
        flush=True,
    )
