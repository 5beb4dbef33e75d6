"""The hello worlds of examples/, one per stack the hello-world page names: what each needs here,
how it is built and started, and the one line it prints when its port is taken."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.helpers import ROOT
from tests.page_steps import HELLO_PAGE, hold_port, port_in_use
from tests.site_pages import snippets_in
from tooling.processes import in_ci, running

# Go's build cache in the checkout's .cache/ (as the in-browser runtime is): a second run compiles
# nothing again, and the reader's own cache is left alone.
GO_ENV = {"GOCACHE": str(ROOT / ".cache" / "go-build")}
NPM_CI = ("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
# What Node.js says of a taken port, through Express 5 and so through NestJS too.
NODE_BUSY = "Cannot start the server: listen EADDRINUSE: address already in use :::{port}"
# What a reader's folder never holds: what `npm ci` and the builds below write.
NOT_SAVED = shutil.ignore_patterns("node_modules", "dist", "target")
# What Express's res.send() says of a string, and so what every example sends.
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Stack:
    tab: str  # the hello-world page's tab
    folder: Path  # its files, in examples/
    tools: tuple[str, ...]  # the commands it needs on PATH
    builds: tuple[tuple[str, ...], ...]  # run once in a copy of the folder
    start: tuple[str, ...]  # then this starts the server there
    busy: str  # its line when the port ("{port}") is taken
    env: dict[str, str] = field(default_factory=dict)
    framework_log: str | None = None  # on every line the framework logs by itself
    content_type: str = HTML  # of its hello, as it writes it

    @property
    def id(self) -> str:
        return self.folder.name

    def busy_line(self, port: int) -> str:
        return self.busy.format(port=port)

    def our_lines(self, output: str) -> list[str]:
        """The lines of `output` the example prints itself (not those its framework logs)."""
        lines = output.splitlines()
        return [line for line in lines if not (self.framework_log and self.framework_log in line)]


EXPRESS = Stack(
    tab="Node.js",
    folder=ROOT / "examples" / "express",
    tools=("node", "npm"),
    builds=(NPM_CI,),
    start=("node", "app.js"),
    busy=NODE_BUSY,
)
NESTJS = Stack(
    tab="NestJS",
    folder=ROOT / "examples" / "nestjs",
    tools=("node", "npm"),
    builds=(NPM_CI, ("npm", "run", "build", "--silent")),
    start=("node", "dist/main.js"),  # what `npm start` runs
    busy=NODE_BUSY,
    framework_log="[Nest]",
)
GO = Stack(
    tab="Go",
    folder=ROOT / "examples" / "go",
    tools=("go",),
    builds=(("go", "build", "-o", "hello"),),
    start=("./hello",),
    busy="Cannot start the server: listen tcp :{port}: bind: address already in use",
    env=GO_ENV,
)
JAVA = Stack(
    tab="Java",
    folder=ROOT / "examples" / "java",
    tools=("java", "javac"),
    builds=(("javac", "-Xlint:all", "-Werror", "-d", "classes", "Hello.java"),),
    start=("java", "-cp", "classes", "Hello"),
    busy="Cannot start the server: Address already in use (port {port})",
)
SPRING_BOOT = Stack(
    tab="Spring Boot",
    folder=ROOT / "examples" / "spring-boot",
    tools=("java", "mvn"),
    builds=(("mvn", "-B", "-q", "package"),),
    start=("java", "-jar", "target/hello-spring-1.0.0.jar"),
    busy="Cannot start the server: Port {port} is already in use",
    # Tomcat writes every charset as ";charset=", without the space: the same media type.
    content_type="text/html;charset=utf-8",
)
STACKS = (EXPRESS, NESTJS, GO, JAVA, SPRING_BOOT)


def require(stack: Stack) -> None:
    """Skip a test of `stack` when its tools are missing here; fail it in CI, which has them."""
    missing = [tool for tool in stack.tools if shutil.which(tool) is None]
    if not missing:
        return
    what = f"{' and '.join(missing)} not on PATH, needed by examples/{stack.id}"
    if in_ci():
        pytest.fail(f"CI=true but {what}: .ci/run must install it")
    pytest.skip(what)


def run(command: list[str] | tuple[str, ...], cwd: Path, stack: Stack | None, **env: str):
    """`command` run to its end in `cwd` with `stack`'s environment: its exit code and output."""
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(stack.env if stack else {}), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def install(stack: Stack, folder: Path) -> Path:
    """`stack`'s example copied into `folder` and built there: ready for `stack.start`."""
    shutil.copytree(stack.folder, folder, ignore=NOT_SAVED, dirs_exist_ok=True)
    for command in stack.builds:
        result = run(command, folder, stack)
        assert result.returncode == 0, f"{' '.join(command)}: {result.stdout}{result.stderr}"
    return folder


def bash(command: str, cwd: Path, stack: Stack | None = None):
    """One command as a page prints it, run by bash as a reader's terminal runs it (with
    `stack`'s environment, if any)."""
    path = shutil.which("bash")
    assert path, "the pages' commands are bash"
    return run([path, "-c", command], cwd, stack)


def save_as_shown(stack: Stack, names: tuple[str, ...], project: Path) -> None:
    """A tab's step "Save the code above": each of `names`, one of the files the page shows,
    from `stack`'s example into `project` (whose folders the tab's commands made)."""
    shown = snippets_in(HELLO_PAGE)
    for name in names:
        path = f"examples/{stack.id}/{name}"
        assert path in shown, f"{HELLO_PAGE.name} asks to save {name} but does not show {path}"
        shutil.copy(stack.folder / name, project / name)


@contextmanager
def port_3000_busy() -> Iterator[None]:
    """Port 3000 taken for the duration, as the demo a reader keeps running takes it."""
    with ExitStack() as stack:
        hold_port(3000, stack)
        yield


def refused_on_busy_3000(command: str, project: Path, stack: Stack):
    """A tab's start `command` run with port 3000 taken: it must stop with exit code 1, not
    claim to run, and the page must quote the line it prints. Its output, for the rest."""
    with port_3000_busy():
        result = bash(command, project, stack)
    assert result.returncode == 1, result.stderr
    assert "Server is running" not in result.stdout
    assert f"`{stack.busy_line(3000)}`" in HELLO_PAGE.read_text(encoding="utf-8")
    return result


def assert_serves_beside_on_3001(command: str, project: Path, stack: Stack) -> None:
    """The page's way round a busy 3000: `command` (with PORT=3001) starts a server, beside the
    one on 3000, that says where it runs and answers there."""
    if port_in_use(3001):
        pytest.skip("port 3001 is in use on this machine; the page's command needs it")
    bash_path = shutil.which("bash")
    assert bash_path
    with (
        port_3000_busy(),
        running([bash_path, "-c", command], env=stack.env, cwd=project) as server,
    ):
        assert server.wait_for_line("Server is running on", timeout=60) == (
            "Server is running on http://localhost:3001"
        )
        answer = requests.get("http://localhost:3001/", timeout=10)
        assert (answer.status_code, answer.text) == (200, "Hello, World!")
        assert answer.headers["content-type"] == stack.content_type
