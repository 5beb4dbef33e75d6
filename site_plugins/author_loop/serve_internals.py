"""The one place author-loop reaches past MkDocs' documented plugin API: `mkdocs serve`'s server.

The public API gives `on_serve(server, config, builder)` and the server's `watch(path,
recursive=...)` / `unwatch(path)`, and nothing else for what this plugin needs:

- no event can keep serving when a rebuild raises (`on_build_error` only observes it, and
  MkDocs' loop then stops rebuilding), so the plugin wraps `server.builder`, the callable that
  loop calls, an attribute the server sets from the same `builder` on_serve is given;
- no setting chooses the file observer, and MkDocs schedules `docs_dir` and the config file on
  its poller before `on_serve`, so the plugin replaces `server.observer` (and sets
  `server.build_delay`, the wait after a change, to 0: the native watcher waits already);
- no list of what is watched: moving those first watches onto the new observer needs
  `server._watched_paths` (path -> how many times watched), the one private name here.

ProperDocs' server (the maintained MkDocs 1.x line) has the same names. A test
(tests/test_author_loop_internals.py) fails when one of them moves, in either engine.
`Page.title` needs no such place: it is public and may be set (render_cache.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

#: The server's attributes this module uses: public names, then the private one.
NAMES = ("builder", "observer", "build_delay", "_watched_paths")


def _get(server: Any, name: str) -> Any:
    try:
        return getattr(server, name)
    except AttributeError:
        raise PluginError(
            f"author-loop: this MkDocs has no LiveReloadServer.{name} (it moved); set "
            "`native_watcher: false` and `problems_panel: false` under author-loop in mkdocs.yml"
        ) from None


def wrap_builder(server: Any, wrap: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
    """Make the serve loop call `wrap(builder)` instead of its builder."""
    server.builder = wrap(_get(server, "builder"))


def watched_paths(server: Any) -> dict[str, int]:
    """What the server watches: path -> the number of `watch()` calls on it."""
    return dict(_get(server, "_watched_paths"))


def replace_observer(server: Any, observer: Any) -> None:
    """Move every watch onto `observer` (through the server's own unwatch/watch, which keep its
    callback), and drop the server's wait after a change: the observer waits already."""
    watched = watched_paths(server)
    _get(server, "observer")
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    _get(server, "build_delay")
    server.build_delay = 0.0
