"""The hello-world page's NestJS steps, run as printed in a fresh folder, with port 3000 busy (the
demo a reader keeps running has it): each command the page shows, in the page's order."""

from __future__ import annotations

import pytest

from tests.page_steps import tab_commands
from tests.stacks import (
    NESTJS,
    assert_serves_beside_on_3001,
    bash,
    refused_on_busy_3000,
    require,
    save_as_shown,
)

pytestmark = pytest.mark.node

# What the page asks to save: no package-lock.json, so `npm install` takes the newest versions
# package.json accepts, as it would for a reader.
SAVED = (
    "package.json",
    "tsconfig.json",
    "src/main.ts",
    "src/app.module.ts",
    "src/app.controller.ts",
)


def test_the_steps_are_the_ones_this_test_follows():
    assert tab_commands(NESTJS.tab) == [
        "mkdir hello-nest && cd hello-nest",
        "mkdir src",
        "npm install",
        "npm run build",
        "npm start",
        "PORT=3001 npm start",
    ]


def test_the_nestjs_steps_work_as_printed_with_port_3000_busy(tmp_path):
    require(NESTJS)
    mkdir, mkdir_src, install, build, start, start_beside = tab_commands(NESTJS.tab)
    assert bash(mkdir, tmp_path, NESTJS).returncode == 0
    project = tmp_path / "hello-nest"
    assert bash(mkdir_src, project, NESTJS).returncode == 0
    save_as_shown(NESTJS, SAVED, project)  # step 3
    for command in (install, build):
        result = bash(command, project, NESTJS)
        assert result.returncode == 0, result.stderr
    assert (project / "dist" / "main.js").is_file(), "npm start runs dist/main.js"

    # Step 6 with the demo on 3000: Nest logs that the app is ready, then the error, then ours,
    # and it stops, instead of claiming to run.
    busy = refused_on_busy_3000(start, project, NESTJS)
    assert "Nest application successfully started" in busy.stdout
    nest_error, ours = [
        line for line in busy.stderr.splitlines() if not line.startswith("npm ")
    ]  # npm's own warnings, if any, are npm's
    assert "[Nest]" in nest_error and "ERROR" in nest_error and "EADDRINUSE" in nest_error
    assert ours == NESTJS.busy_line(3000)
    assert_serves_beside_on_3001(start_beside, project, NESTJS)  # the page's way round it
