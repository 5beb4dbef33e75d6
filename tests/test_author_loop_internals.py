"""The names author-loop uses past MkDocs' documented plugin API (serve_internals.py) are still
where it expects them, in MkDocs and in ProperDocs: this fails first when one moves."""

from __future__ import annotations

import importlib
import tempfile

import pytest

from site_plugins.author_loop import serve_internals


@pytest.fixture(params=["mkdocs", "properdocs"])
def server(request):
    try:
        livereload = importlib.import_module(f"{request.param}.livereload")
    except ImportError:
        pytest.skip(f"{request.param} is not installed (the dev extra has it: make install)")
    with tempfile.TemporaryDirectory() as root:
        running = livereload.LiveReloadServer(
            builder=lambda: None, host="127.0.0.1", port=0, root=root
        )
        try:
            yield running
        finally:
            running.server_close()
            running.observer.stop()


def test_every_name_the_plugin_uses_is_on_the_server(server, tmp_path):
    for name in serve_internals.NAMES:
        assert hasattr(server, name), f"LiveReloadServer.{name} moved"
    server.watch(str(tmp_path))
    assert serve_internals.watched_paths(server) == {str(tmp_path): 1}


def test_the_observer_moves_with_every_watch_and_the_builder_is_wrapped(server, tmp_path):
    calls = []
    server.watch(str(tmp_path))
    serve_internals.wrap_builder(server, lambda builder: lambda: calls.append(builder))
    server.builder()
    assert len(calls) == 1 and callable(calls[0])
    old = server.observer
    new = type(old)()
    serve_internals.replace_observer(server, new)
    old.stop()
    assert server.observer is new and server.build_delay == 0.0
    assert serve_internals.watched_paths(server) == {str(tmp_path): 1}
    assert new.emitters, "the watch is scheduled on the new observer"


def test_a_moved_name_is_a_one_line_plugin_error():
    from mkdocs.exceptions import PluginError

    class Moved:
        builder = None

    with pytest.raises(PluginError, match=r"LiveReloadServer\._watched_paths"):
        serve_internals.watched_paths(Moved())
