"""A watchfiles-backed stand-in for the watchdog observer inside MkDocs' LiveReloadServer.

MkDocs 1.6 polls every watched folder every 0.5 s (watchdog's PollingObserver): on average a
quarter of a second between a save and the start of a rebuild, and a stat of every file twice a
second. watchfiles (the Rust `notify` crate, the library Granian reloads with) is told by the
OS instead. This class offers the methods LiveReloadServer calls on its observer
(`schedule`, `unschedule`, `start`, `stop`, `join`) and passes each change to the handler
MkDocs registered, as a watchdog event, so MkDocs' own rebuild logic is untouched.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import watchfiles
from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileSystemEventHandler,
)

log = get_plugin_logger(__name__.split(".", 1)[1])

EVENTS = {
    watchfiles.Change.added: FileCreatedEvent,
    watchfiles.Change.modified: FileModifiedEvent,
    watchfiles.Change.deleted: FileDeletedEvent,
}
#: Milliseconds of quiet after a change before it is reported: an editor's save is often a
#: write, a rename and a chmod, and they should make one rebuild.
QUIET_MS = 30


class _Watch:
    """One watched path on its own thread. A file is watched through its folder (an editor that
    saves by renaming replaces the file, and a watch on the old file would go deaf)."""

    def __init__(self, handler: FileSystemEventHandler, path: str, recursive: bool) -> None:
        self.handler = handler
        self.path = path
        target = Path(path)
        self.only = target if target.is_file() else None
        self.folder = target.parent if self.only else target
        self.recursive = recursive and self.only is None
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"watch {path}", daemon=True)

    def _run(self) -> None:
        try:
            for changes in watchfiles.watch(
                self.folder,
                recursive=self.recursive,
                stop_event=self.stop_event,
                step=QUIET_MS,
                raise_interrupt=False,
            ):
                for change, changed in changes:
                    if self.only is not None and Path(changed) != self.only:
                        continue
                    self.handler.dispatch(EVENTS[change](changed))
        except (OSError, RuntimeError) as exc:  # the folder went away, or too many watches
            log.warning(f"stopped watching {self.path}: {exc}")


class WatchfilesObserver:
    """The part of watchdog's observer API that mkdocs.livereload uses."""

    def __init__(self) -> None:
        self._watches: list[_Watch] = []
        self._started = False

    def schedule(
        self, handler: FileSystemEventHandler, path: str, recursive: bool = False
    ) -> _Watch:
        watch = _Watch(handler, path, recursive)
        self._watches.append(watch)
        if self._started:
            watch.thread.start()
        return watch

    def unschedule(self, watch: Any) -> None:
        watch.stop_event.set()
        self._watches.remove(watch)

    def start(self) -> None:
        self._started = True
        for watch in self._watches:
            watch.thread.start()

    def stop(self) -> None:
        for watch in self._watches:
            watch.stop_event.set()

    def join(self, timeout: float | None = None) -> None:
        for watch in self._watches:
            if watch.thread.is_alive():
                watch.thread.join(timeout)
