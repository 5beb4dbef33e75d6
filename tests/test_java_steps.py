"""The hello-world page's Java steps, run as printed in a fresh folder, with port 3000 busy (the
demo a reader keeps running has it): each command the page shows, in the page's order."""

from __future__ import annotations

from tests.page_steps import tab_commands
from tests.stacks import (
    JAVA,
    assert_serves_beside_on_3001,
    bash,
    refused_on_busy_3000,
    require,
    save_as_shown,
)


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands(JAVA.tab) == [
        "mkdir hello-java && cd hello-java",
        "java Hello.java",
        "PORT=3001 java Hello.java",
    ]


def test_the_java_steps_work_as_printed_with_port_3000_busy(tmp_path):
    require(JAVA)
    mkdir, start, start_beside = tab_commands(JAVA.tab)
    assert bash(mkdir, tmp_path, JAVA).returncode == 0
    project = tmp_path / "hello-java"
    save_as_shown(JAVA, ("Hello.java",), project)  # step 2: "Save the code above as Hello.java"

    # Step 3 with the demo on 3000: it says so and stops, instead of claiming to run.
    busy = refused_on_busy_3000(start, project, JAVA)
    assert busy.stderr.splitlines() == [JAVA.busy_line(3000)]
    assert_serves_beside_on_3001(start_beside, project, JAVA)  # the page's way round it
