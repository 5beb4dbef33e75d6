"""A path that is not UTF-8 is refused with one line, never answered as another path."""

from __future__ import annotations

import pytest

from demo_server.paths import is_utf8_path


def test_a_percent_escape_that_is_not_utf8_is_a_400_not_another_to_do(client):
    # Bottle dropped the %FF byte: this was answered as to-do 1.
    answer = client.get("/api/todo%ffs/1", status=400)
    message = answer.json["error"]["message"]
    assert "not UTF-8" in message and "\n" not in message
    assert client.get("/api/todos/1").status_code == 200  # the real path still works


@pytest.mark.parametrize("path", ["/x%ff", "/%c3", "/%ed%a0%80", "/%80abc"])
def test_every_kind_of_broken_utf8_is_refused(client, path):
    client.get(path, status=400)


def test_text_in_any_script_is_still_routed(client):
    client.get("/caf%C3%A9", status=404)  # no such route, but a path like any other
    client.get("/%E4%B8%AD", status=404)


def test_the_check_reads_the_path_as_the_server_gave_it():
    assert is_utf8_path("/caf\u00c3\u00a9")  # "café" as WSGI carries it
    assert not is_utf8_path("/todo\u00ffs")
    # As the RSGI gateway hands it over: the byte already replaced by U+FFFD.
    assert not is_utf8_path("/todo\ufffds".encode().decode("latin-1"))


def test_the_tab_adapter_refuses_it_too(tmp_path):
    # In the browser tab (Pyodide) the path is percent-decoded by the tab's own adapter.
    from demo_server.in_browser import TabServer

    server = TabServer(str(tmp_path / "todos.sqlite3"))
    status, _, _, body = server.handle("GET", "/api/todo%ffs/1", [], b"")
    assert status == 400 and b"not UTF-8" in body
    assert server.handle("GET", "/api/todos/1", [], b"")[0] == 200
