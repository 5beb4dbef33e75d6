"""The hello-world page's Go steps, run as printed in a fresh folder, with port 3000 busy (the
demo a reader keeps running has it): each command the page shows, in the page's order."""

from __future__ import annotations

import re

from tests.page_steps import HELLO_PAGE, tab_commands
from tests.stacks import (
    GO,
    assert_serves_beside_on_3001,
    bash,
    refused_on_busy_3000,
    require,
    save_as_shown,
)


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands(GO.tab) == [
        "mkdir hello-go && cd hello-go",
        "go mod init hello-go",
        "go run .",
        "PORT=3001 go run .",
    ]


def without_go_version(go_mod: str) -> str:
    return re.sub(r"^go \d+\.\d+(\.\d+)?$", "go <version>", go_mod, flags=re.M)


def test_the_go_steps_work_as_printed_with_port_3000_busy(tmp_path):
    require(GO)
    mkdir, init, start, start_beside = tab_commands(GO.tab)
    assert bash(mkdir, tmp_path, GO).returncode == 0
    project = tmp_path / "hello-go"
    result = bash(init, project, GO)
    assert result.returncode == 0, result.stderr
    # What the page says `go mod init` writes: our go.mod, but for the version of the reader's Go.
    written = (project / "go.mod").read_text(encoding="utf-8")
    ours = (GO.folder / "go.mod").read_text(encoding="utf-8")
    assert without_go_version(written) == without_go_version(ours)
    assert "go <version>" in without_go_version(ours)
    save_as_shown(GO, ("main.go",), project)  # step 3: "Save the code above as main.go"

    # Step 4 with the demo on 3000: it says so and stops, instead of claiming to run.
    busy = refused_on_busy_3000(start, project, GO)
    assert busy.stderr.splitlines() == [GO.busy_line(3000), "exit status 1"]  # go run's own
    assert_serves_beside_on_3001(start_beside, project, GO)  # the page's way round it


def test_the_page_asks_for_the_go_version_our_go_mod_names():
    # go.mod's `go` line is the oldest Go that builds the module, and the one the page names.
    go_line = re.search(r"^go (\d+\.\d+)$", (GO.folder / "go.mod").read_text(), re.M)
    assert go_line, "examples/go/go.mod has no go line"
    page = HELLO_PAGE.read_text(encoding="utf-8")
    assert f"You need Go {go_line[1]} or newer" in page
