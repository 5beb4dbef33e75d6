"""The local image host as a fixture: started on a free port, stopped after each test."""

from __future__ import annotations

import http.server
import threading

import pytest

from tests.remote_images.image_host import ImageHost, RunningHost


@pytest.fixture
def image_host():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageHost)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ImageHost.hits.clear()
    host = RunningHost(f"127.0.0.1:{server.server_address[1]}")
    host.server = server
    yield host
    host.stop()
