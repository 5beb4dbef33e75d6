"""The author loop under a real `mkdocs serve`: problems in the page, the last good site kept."""

from __future__ import annotations

import re
import sys

import pytest
import requests

from site_plugins.page_checks.ports import free_port
from tests.author_loop_support import API_BROKEN, API_FIXED, make_project
from tooling.processes import poll_until, running

pytestmark = pytest.mark.browser


def wait_for_text(url: str, text: str, timeout: float = 20.0) -> str:
    def body() -> str | None:
        got = requests.get(url, timeout=5).text
        return got if text in got else None

    return poll_until(body, timeout, f"{url} showing {text!r}", interval=0.05)


def panel_state(page, timeout: float = 15_000) -> str:
    """What the panel's script decided once it read the problems: shown, none or dismissed."""
    panel = page.locator("#author-loop-problems[data-state]")
    panel.wait_for(state="attached", timeout=timeout)
    return panel.get_attribute("data-state")


def test_problems_show_in_the_page_and_a_failed_build_keeps_the_last_good_pages(tmp_path, browser):
    project = make_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    with running(command, cwd=project) as server:
        watching = server.wait_for_line("Watching paths for changes", timeout=60)
        server.wait_for_line("Serving on")
        # The included file's folder is watched without a `watch:` list, and so is custom_dir.
        assert re.search(r"'inc'", watching) and "'overrides'" in watching, watching

        page = browser.new_page()
        try:
            page.goto(base + "api/", wait_until="load")
            assert panel_state(page) == "shown"
            panel = page.locator("#author-loop-problems")
            assert panel.get_by_role("heading").inner_text() == "1 problem in the last build"
            text = panel.inner_text()
            assert "docs/api.md" in text and "nowhere.md" in text
            # Keyboard: the close button takes focus and Enter closes the panel.
            close = panel.get_by_role("button", name="Dismiss build problems")
            close.focus()
            page.keyboard.press("Enter")
            assert panel_state(page) == "dismissed" and panel.is_hidden()

            # Fixed: the page reloads by itself and the panel has nothing to show.
            (project / "docs" / "api.md").write_text(API_FIXED)
            page.get_by_text("Fixed text.").wait_for(timeout=20_000)
            assert panel_state(page) == "none" and panel.is_hidden()

            # An included file changed: the page that includes it is rebuilt.
            (project / "inc" / "part.md").write_text("Included text two.\n")
            wait_for_text(base, "Included text two.")

            # A build that raises: the server keeps answering with the last good pages and
            # the panel says what failed.
            (project / "docs" / "api.md").write_text(API_BROKEN)
            server.wait_for_line("The build failed", timeout=20)
            # Livereload reloads the page after a failed build too: wait for that reload to
            # show the panel (a reload of our own raced it, net::ERR_ABORTED under load).
            page.locator('#author-loop-problems[data-state="shown"]').wait_for(
                state="attached", timeout=20_000
            )
            page.wait_for_load_state("load")
            assert "Fixed text." in page.content()
            text = panel.inner_text()
            assert "The last build failed" in panel.get_by_role("heading").inner_text()
            assert "inc/none.md" in text and "docs/api.md" in text
            assert requests.get(base, timeout=5).status_code == 200

            # And fixed again: the next good build replaces the pages and clears the panel.
            (project / "docs" / "api.md").write_text(API_FIXED.replace("Fixed", "Mended"))
            page.get_by_text("Mended text.").wait_for(timeout=20_000)
            assert panel_state(page) == "none"
        finally:
            page.close()
