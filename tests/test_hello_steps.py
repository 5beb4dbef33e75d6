"""The hello-world page's steps for each stack (tests/stacks.py), run as printed in a fresh
folder, with port 3000 busy (the demo a reader keeps running has it): each command the page
shows, in the page's order, the files it asks to save saved where it says, then the server
refused on 3000 with the line the page quotes, and answering beside it on 3001.

One test per stack, over one plan each: what differs between stacks is data (the commands, when
to save which files, what each build writes, what the refusal prints), not another module.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.page_steps import HELLO_PAGE, tab_commands
from tests.stacks import (
    EXPRESS,
    GO,
    JAVA,
    NESTJS,
    SPRING_BOOT,
    Stack,
    assert_serves_beside_on_3001,
    bash,
    refused_on_busy_3000,
    require,
    save_as_shown,
)

Result = subprocess.CompletedProcess[str]
JAR = "target/hello-spring-1.0.0.jar"


def without_go_version(go_mod: str) -> str:
    return re.sub(r"^go \d+\.\d+(\.\d+)?$", "go <version>", go_mod, flags=re.M)


def go_mod_as_the_page_says(project: Path) -> None:
    # What the page says `go mod init` writes: our go.mod, but for the version of the reader's Go.
    written = (project / "go.mod").read_text(encoding="utf-8")
    ours = (GO.folder / "go.mod").read_text(encoding="utf-8")
    assert without_go_version(written) == without_go_version(ours)
    assert "go <version>" in without_go_version(ours)


def package_json_as_the_page_says(project: Path) -> None:
    # What the page says `npm init -y` and `npm install express` write.
    written = json.loads((project / "package.json").read_text(encoding="utf-8"))
    assert written["main"] == "index.js" and "test" in written["scripts"]
    assert written["license"] == "ISC"
    assert written["dependencies"]["express"].startswith("^5.")


def writes(path: str) -> Callable[[Path], None]:
    def check(project: Path) -> None:
        assert (project / path).is_file(), f"the page's next command needs {path}"

    return check


def stderr_is(*lines: str) -> Callable[[Result], None]:
    def check(busy: Result) -> None:
        assert busy.stderr.splitlines() == list(lines)

    return check


def nest_refusal(busy: Result) -> None:
    # Nest logs that the app is ready, then its error, then ours; npm's own warnings are npm's.
    assert "Nest application successfully started" in busy.stdout
    nest_error, ours = [line for line in busy.stderr.splitlines() if not line.startswith("npm ")]
    assert "[Nest]" in nest_error and "ERROR" in nest_error and "EADDRINUSE" in nest_error
    assert ours == NESTJS.busy_line(3000)


def spring_refusal(busy: Result) -> None:
    # Spring's report on stdout, then our one line, last.
    assert busy.stderr.splitlines() == [SPRING_BOOT.busy_line(3000)]
    assert "APPLICATION FAILED TO START" in busy.stdout
    assert "Port 3000 was already in use" in busy.stdout  # what the page quotes of the report


@dataclass(frozen=True)
class Plan:
    stack: Stack
    #: The files the page asks to save, and the command after which it asks.
    saved: tuple[str, ...]
    save_after: str
    #: The refusal on a busy 3000, beyond exit code 1 and no "Server is running".
    refusal: Callable[[Result], None]
    #: What must hold after a command: what the page says it writes.
    checks: dict[str, Callable[[Path], None]] = field(default_factory=dict)


PLANS = (
    Plan(
        EXPRESS,
        saved=("app.js",),
        save_after="npm install express",
        checks={"npm install express": package_json_as_the_page_says},
        refusal=stderr_is(EXPRESS.busy_line(3000)),
    ),
    Plan(
        NESTJS,
        # No package-lock.json: `npm install` takes the newest versions package.json accepts,
        # as it would for a reader.
        saved=(
            "package.json",
            "tsconfig.json",
            "src/main.ts",
            "src/app.module.ts",
            "src/app.controller.ts",
        ),
        save_after="mkdir src",
        checks={"npm run build": writes("dist/main.js")},  # what `npm start` runs
        refusal=nest_refusal,
    ),
    Plan(
        GO,
        saved=("main.go",),
        save_after="go mod init hello-go",
        checks={"go mod init hello-go": go_mod_as_the_page_says},
        refusal=stderr_is(GO.busy_line(3000), "exit status 1"),  # go run's own, after ours
    ),
    Plan(
        JAVA,
        saved=("Hello.java",),
        save_after="mkdir hello-java && cd hello-java",
        refusal=stderr_is(JAVA.busy_line(3000)),
    ),
    Plan(
        SPRING_BOOT,
        # "Save pom.xml above in the project's folder, and HelloApplication.java in ..."
        saved=("pom.xml", "src/main/java/hello/HelloApplication.java"),
        save_after="mkdir -p src/main/java/hello",
        checks={"mvn -B package": writes(JAR)},
        refusal=spring_refusal,
    ),
)
BY_ID = pytest.mark.parametrize(
    "plan",
    [
        pytest.param(
            plan, id=plan.stack.id, marks=[pytest.mark.node] if "node" in plan.stack.tools else []
        )
        for plan in PLANS
    ],
)


def test_every_stack_of_the_page_has_a_plan():
    tabs = re.findall(r'^=== "([^"]+)"', HELLO_PAGE.read_text(encoding="utf-8"), re.M)
    # Python is Bottle, not one of the compared stacks: tests/test_python_steps.py runs it.
    assert sorted({*tabs} - {"Python"}) == sorted(plan.stack.tab for plan in PLANS)


@BY_ID
def test_the_steps_are_the_ones_this_test_follows(plan):
    """The shape the test relies on: a folder made and entered first, the start command and
    its PORT=3001 twin last, and every command the plan names one the page prints."""
    commands = tab_commands(plan.stack.tab)
    assert re.fullmatch(r"mkdir (\S+) && cd \1", commands[0]), commands[0]
    assert commands[-1] == f"PORT=3001 {commands[-2]}"
    for named in (plan.save_after, *plan.checks):
        assert named in commands[:-2], f"{plan.stack.tab}: the page no longer prints {named!r}"


def test_the_jar_the_page_starts_is_the_one_the_tests_start():
    assert SPRING_BOOT.start == ("java", "-jar", JAR)


def test_the_page_asks_for_the_go_version_our_go_mod_names():
    # go.mod's `go` line is the oldest Go that builds the module, and the one the page names.
    go_line = re.search(r"^go (\d+\.\d+)$", (GO.folder / "go.mod").read_text(), re.M)
    assert go_line, "examples/go/go.mod has no go line"
    page = HELLO_PAGE.read_text(encoding="utf-8")
    assert f"You need Go {go_line[1]} or newer" in page


@pytest.mark.processes  # `go version`
def test_the_go_these_tests_run_on_is_one_the_page_names():
    """The page says which Go versions our tests run the tab on: the Go found here must be
    one of them (a machine moved to a newer Go makes the page name it, once it passes)."""
    require(GO)
    said = subprocess.run(["go", "version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"\bgo(\d+\.\d+)", said)
    assert found, said
    page = HELLO_PAGE.read_text(encoding="utf-8")
    tested = re.search(r"our tests\s+run it on ([^.]*(?:\.\d+[^.]*)*)\.", page)
    assert tested, "the Go tab no longer says which Go versions the tests run it on"
    assert found[1] in re.findall(r"Go (\d+\.\d+)", tested[1]), (found[1], tested[1])


@BY_ID
@pytest.mark.processes
def test_the_steps_work_as_printed_with_port_3000_busy(plan, tmp_path):
    stack = plan.stack
    require(stack)
    *steps, start, start_beside = tab_commands(stack.tab)
    folder = re.fullmatch(r"mkdir (\S+) && cd \1", steps[0])
    assert folder, steps[0]
    project = tmp_path / folder[1]
    for index, command in enumerate(steps):
        result = bash(command, tmp_path if index == 0 else project, stack)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
        if command in plan.checks:
            plan.checks[command](project)
        if command == plan.save_after:
            save_as_shown(stack, plan.saved, project)  # "Save the code above as ..."

    # The start command with the demo on 3000: it says so and stops, instead of claiming to run.
    plan.refusal(refused_on_busy_3000(start, project, stack))
    assert_serves_beside_on_3001(start_beside, project, stack)  # the page's way round it
