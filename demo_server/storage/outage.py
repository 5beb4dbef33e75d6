"""What one process knows of its database server being down, shared by the server backends
(`postgresql.py`, `mysql.py`, `mongodb.py`).

While a server is down, a request gets its 503 (`Unavailable`) at once: waiting a driver's
connect timeout for a connection that cannot come would hold the thread, and every request
behind it would wait its turn to wait (ten /healthz at once took 3 to 9 s on PostgreSQL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic

from demo_server.storage.interface import Unavailable, first_line

#: While the server is known to be down, one request every this many seconds tries to connect;
#: the others get their 503 at once. Also how soon the demo sees it back.
PROBE_INTERVAL = 0.25


class Outage:
    """What one process knows of the server being down: why, and when it last looked.

    `probe` connects to the server (raising when it cannot): on loopback, a refused connection
    says "down" in a millisecond, where the pool would wait its whole timeout. One thread
    probes at a time; the others take its verdict for PROBE_INTERVAL.
    """

    def __init__(self, probe: Callable[[], None], failures: tuple[type[BaseException], ...]):
        self._probe = probe
        self._failures = failures
        self._lock = threading.Lock()
        #: Why the server could not be reached at the last look; None if it could.
        self.reason: str | None = None
        self._looked_at = float("-inf")

    def check(self) -> None:
        """`Unavailable` if the server cannot be reached: the last look's verdict if it is
        recent, else a new look's."""
        with self._lock:
            if monotonic() - self._looked_at >= PROBE_INTERVAL:
                try:
                    self._probe()
                except self._failures as exc:
                    self.reason = first_line(exc)
                else:
                    self.reason = None
                self._looked_at = monotonic()
            reason = self.reason
        if reason is not None:
            raise Unavailable(reason)

    def check_if_down(self) -> None:
        """`check()` if the server was down at the last look (is it still?); else nothing,
        at no cost, as for almost every request."""
        if self.reason is not None:
            self.check()
