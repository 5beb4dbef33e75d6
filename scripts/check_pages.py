"""`make check-pages`: run every command of every page's `console` blocks and compare.

Each page gets a demo server of its own on a fresh database (started side by side, so the
whole run takes about as long as its slowest page), and runs its commands in page order, so an
example may build on the one before it. Every drift is reported, not only the first: the
file and line of the command, and a diff of what the page shows against what it printed.
Exit status 1 when anything drifted.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_plugins.page_checks.console import SHOWN_BASE, Command, drift, page_commands  # noqa: E402

#: Programs a console block may run: curl, against the demo. Anything else belongs in a
#: `bash` block (shown, not checked).
RUNNABLE = ("curl",)


@dataclass(frozen=True)
class Problem:
    command: Command
    message: str

    def __str__(self) -> str:
        return f"{self.command.where}: $ {self.command.command}\n{self.message}"


@contextmanager
def fresh_demo(folder: Path) -> Iterator[str]:
    """A demo server on a free port and a new database in `folder`; its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "demo_server",
            "--port",
            str(port),
            "--db",
            str(folder / "t.sqlite3"),
        ],
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
                    Problem(
                        command,
                        "not checked: a console block may run only curl "
                        "against the demo; show other commands in a bash block",
                    )
                )
                continue
            if SHOWN_BASE not in command.command:
                problems.append(Problem(command, f"the command must call the demo at {SHOWN_BASE}"))
                continue
            args = shlex.split(command.command.replace(SHOWN_BASE, base))
            result = subprocess.run([curl, *args[1:]], capture_output=True, text=True, timeout=30)
            if result.returncode != 0:
                problems.append(
                    Problem(command, f"curl failed ({result.returncode}): {result.stderr.strip()}")
                )
                continue
            diff = drift(command.command, command.shown, result.stdout)
            if diff:
                problems.append(Problem(command, diff))
    return problems


def check(docs_dir: Path = ROOT / "docs", root: Path = ROOT) -> list[Problem]:
    """Every drift of every page's console commands (raises if curl is missing)."""
    curl = shutil.which("curl")
    if curl is None:
        raise RuntimeError("curl is not installed: the pages' commands are curl commands")
    pages = page_commands(docs_dir, root)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, len(pages))) as pool:
        folders = []
        for number in range(len(pages)):
            folders.append(Path(tmp) / str(number))
            folders[-1].mkdir()
        results = pool.map(run_page, pages.values(), [curl] * len(pages), folders)
        return [problem for problems in results for problem in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    try:
        problems = check(args.docs.resolve())
    except RuntimeError as exc:
        print(f"check-pages: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, end="\n\n")
    count = sum(len(c) for c in page_commands(args.docs.resolve(), ROOT).values())
    print(f"check-pages: {count} commands, {len(problems)} drifted")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
