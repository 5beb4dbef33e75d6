"""The commands of the pages' `console` blocks, and whether what they print matches the page.

A `console` block is a promise: run the `$` line, and this is what you see. This module finds
every such block wherever Markdown allows it (indented inside an admonition, a content tab or
a list; with attributes, as in ```` ```console title="Health" ````), skipping blocks that a
page only *shows* inside a longer fence, and compares what a command printed with what the
page shows, with a diff. `make check-pages` runs them against fresh demo servers.
"""

from __future__ import annotations

import difflib
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_plugins.markdown_scan import find_fences
from site_plugins.page_checks.ports import free_port
from site_plugins.problems import Problem

#: The demo's address as the pages write it; the runner points it at a fresh demo.
SHOWN_BASE = "http://localhost:3000"
DATES = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "<timestamp>"),
    (re.compile(r"^(date: ).*$", re.M | re.I), r"\1<date>"),
]


@dataclass(frozen=True)
class Command:
    """One `$` line of a console block and the output the page shows under it."""

    file: str
    line: int
    command: str
    shown: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def console_commands(text: str, file: str) -> list[Command]:
    """Every command of every console block in the Markdown `text`, in page order."""
    commands: list[Command] = []
    for fence in find_fences(text):
        if fence.language == "console":
            commands += _commands(list(fence.body), file, first_line=fence.line + 1)
    return commands


def _commands(body: list[str], file: str, first_line: int) -> list[Command]:
    found: list[Command] = []
    current: tuple[int, str] | None = None
    output: list[str] = []
    for offset, line in enumerate(body):
        if line.startswith("$ "):
            if current:
                found.append(Command(file, current[0], current[1], "\n".join(output)))
            current, output = (first_line + offset, line[2:]), []
        elif current:
            output.append(line)
    if current:
        found.append(Command(file, current[0], current[1], "\n".join(output)))
    return found


def page_commands(docs_dir: Path, root: Path) -> dict[Path, list[Command]]:
    """Each page with console commands, and its commands (file names relative to `root`, or
    to the docs folder's parent when it lies elsewhere)."""
    pages = {}
    base = root if docs_dir.is_relative_to(root) else docs_dir.parent
    for page in sorted(docs_dir.rglob("*.md")):
        found = console_commands(
            page.read_text(encoding="utf-8"), page.relative_to(base).as_posix()
        )
        if found:
            pages[page] = found
    return pages


def normalise(text: str) -> str:
    # A terminal shows no difference for a final newline; a page cannot show one.
    text = text.replace("\r\n", "\n").rstrip("\n")
    for pattern, replacement in DATES:
        text = pattern.sub(replacement, text)
    return text


def _split_response(text: str) -> tuple[str, dict[str, str], str]:
    head, _, body = text.partition("\n\n")
    status, *lines = head.split("\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def drift(command: str, shown: str, actual: str) -> str | None:
    """None when `actual` is what the page shows; else a unified diff, page first.

    Dates are normalised. With `curl -i`, the status, each header the page shows and the body
    must match; headers the page leaves out are not compared."""
    shown, actual = normalise(shown), normalise(actual)
    if " -i" in f" {command}":
        status, headers, body = _split_response(actual)
        shown_status, shown_headers, shown_body = _split_response(shown)
        # Compare what the page shows with the same lines from the real answer.
        kept = [f"{name}: {headers[name]}" for name in shown_headers if name in headers]
        missing = [f"{name}: (not sent)" for name in shown_headers if name not in headers]
        shown = (
            "\n".join([shown_status, *(f"{n}: {v}" for n, v in shown_headers.items())])
            + "\n\n"
            + shown_body
        )
        actual = "\n".join([status, *kept, *missing]) + "\n\n" + body
        shown, actual = normalise(shown), normalise(actual)
    if shown == actual:
        return None
    diff = difflib.unified_diff(
        shown.split("\n"), actual.split("\n"), "the page shows", "the command printed", lineterm=""
    )
    return "\n".join(diff)


#: Programs a console block may run: curl, against the demo. Anything else belongs in a
#: `bash` block (shown, not checked).
RUNNABLE = ("curl",)


def _problem(command: Command, message: str, diff: str = "") -> Problem:
    """A command's problem, at its `$` line, with the command in the one-line message."""
    return Problem(command.line, f"$ {command.command}: {message}", command.file, detail=diff)


def _drift_problem(command: Command, diff: str) -> Problem:
    """For a warning, the command and the first lines that differ; the whole diff as detail."""
    changed = [
        line
        for line in diff.split("\n")
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]
    detail = " / ".join(changed[:2]) if changed else diff.split("\n")[0]
    return _problem(command, f"prints other than the page shows: {detail}", diff)


@contextmanager
def fresh_demo(folder: Path) -> Iterator[str]:
    """A demo server on a free port and a new database in `folder`; its address."""
    port = free_port()
    command = [sys.executable, "-m", "demo_server", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--db", str(folder / "t.sqlite3")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        seen = []
        for line in process.stdout:  # the demo prints its address when it is ready
            seen.append(line)
            if "Server is running on" in line:
                break
        else:
            raise RuntimeError(f"the demo did not start: {''.join(seen)[-500:]}")
        # Its access log (a line per command) fits in the pipe until the demo stops.
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.communicate(timeout=15)


def run_page(commands: list[Command], curl: str, folder: Path) -> list[Problem]:
    """The page's commands, in order, on a demo of its own; one problem per drifted command."""
    problems = []
    with fresh_demo(folder) as base:
        for command in commands:
            args = shlex.split(command.command)
            if not args or args[0] not in RUNNABLE:
                problems.append(
                    _problem(
                        command,
                        "not checked: a console block may run only curl "
                        "against the demo; show other commands in a bash block",
                    )
                )
                continue
            if SHOWN_BASE not in command.command:
                problems.append(
                    _problem(command, f"the command must call the demo at {SHOWN_BASE}")
                )
                continue
            args = shlex.split(command.command.replace(SHOWN_BASE, base))
            result = subprocess.run([curl, *args[1:]], capture_output=True, text=True, timeout=30)
            if result.returncode != 0:
                problems.append(
                    _problem(command, f"curl failed ({result.returncode}): {result.stderr.strip()}")
                )
                continue
            diff = drift(command.command, command.shown, result.stdout)
            if diff:
                problems.append(_drift_problem(command, diff))
    return problems
