"""Run an exercise's checks against the reader's code: every check, each with pass or fail,
what went wrong and the hint.

One runner for the three places the checks run: Check in the reader's tab (the worker calls
`check_source`), `demo-server check` on the reader's machine, and the project's own tests. Each
check gets an app of its own from the reader's `create_app()`, so a check that adds a to-do
does not change what the next one sees, and the order of the checks does not matter.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import tempfile
import textwrap
import traceback
import types
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from demo_server import exercises
from demo_server.exercises.client import Client

PREFIX = "check_"
#: Where `demo-server check` wraps its lines: a terminal's 80 columns and a little.
WIDTH = 88


@dataclass(frozen=True)
class Outcome:
    """One check: its name, what it checks (the docstring's first line), whether it passed,
    what went wrong if not, and the hint (the rest of the docstring)."""

    name: str
    says: str
    passed: bool
    detail: str
    hint: str


class NotLoaded(Exception):
    """The reader's code did not give an app: it did not compile, raised on import, or defines
    no `create_app`. The message is one line, with the line number in the reader's file."""


def checks_of(module: types.ModuleType) -> list[Callable[[Client], None]]:
    """The module's checks, in the order the file lists them."""
    return [
        value for name, value in vars(module).items() if name.startswith(PREFIX) and callable(value)
    ]


def load_checks(name: str) -> types.ModuleType:
    path = exercises.folder(name) / "checks.py"
    spec = importlib.util.spec_from_file_location(f"exercise_checks_{path.parent.name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def where_in(error: BaseException, filename: str) -> str:
    """`line N: ` for the deepest frame of the traceback in the reader's file, or ''."""
    if isinstance(error, SyntaxError) and error.filename == filename and error.lineno:
        return f"line {error.lineno}: "
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return f"line {frames[-1].lineno}: " if frames else ""


def load_app_factory(source: str, filename: str = "app.py") -> Callable[..., Any]:
    """The reader's `create_app`, from the text of their module; NotLoaded saying why not."""
    module = types.ModuleType("reader_app")
    module.__file__ = filename
    try:
        code = compile(source, filename, "exec")
        exec(code, module.__dict__)
    except SyntaxError as error:
        raise NotLoaded(f"{where_in(error, filename)}{type(error).__name__}: {error.msg}") from None
    except Exception as error:
        raise NotLoaded(f"{where_in(error, filename)}{type(error).__name__}: {error}") from None
    factory = getattr(module, "create_app", None)
    if not callable(factory):
        raise NotLoaded(
            f"{filename} defines no create_app(): keep the function the exercise "
            "starts with, returning your Bottle app"
        )
    return factory


def outcome(check: Callable[[Client], None], detail: str | None) -> Outcome:
    """The check's outcome: passed when `detail` is None, else failed for that reason."""
    says, _, hint = (check.__doc__ or check.__name__).strip().partition("\n")
    return Outcome(check.__name__, says, detail is None, detail or "", " ".join(hint.split()))


def run_check(
    check: Callable[[Client], None], factory: Callable[..., Any], filename: str
) -> Outcome:
    """One check, on an app of its own; a factory that takes a database path gets a new file."""
    takes_path = bool(inspect.signature(factory).parameters)
    # ignore_cleanup_errors: on Windows the reader's app may still hold the file open.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        db_path = str(Path(folder) / "todos.sqlite3")
        client = None
        try:
            client = Client(lambda: factory(db_path) if takes_path else factory())
            check(client)
        except AssertionError as error:
            return outcome(check, str(error) or "the check's assert failed")
        except Exception as error:
            raised = f"{type(error).__name__}: {error}"
            return outcome(check, f"{where_in(error, filename)}your code raised {raised}")
        finally:
            if client is not None:
                client.close()
    return outcome(check, None)


def run_checks(name: str, source: str, filename: str = "app.py") -> list[Outcome]:
    """Every check of exercise `name` against the module whose text is `source`. Code that does
    not load fails every check with the reason (NotLoaded is for callers that want it alone)."""
    checks = checks_of(load_checks(name))
    try:
        factory = load_app_factory(source, filename)
    except NotLoaded as error:
        return [outcome(check, f"not run: your code did not load ({error})") for check in checks]
    return [run_check(check, factory, filename) for check in checks]


def check_source(name: str, source: str, filename: str = "app.py") -> list[dict[str, Any]]:
    """What the tab's worker answers a Check with: the outcomes as plain data."""
    return [asdict(outcome) for outcome in run_checks(name, source, filename)]


def check_file(name: str, path: Path) -> list[Outcome]:
    return run_checks(name, path.read_text(encoding="utf-8"), str(path))


def report(name: str, outcomes: list[Outcome]) -> str:
    """The outcomes as `demo-server check` prints them."""
    passed = sum(o.passed for o in outcomes)
    lines = [f"exercise {exercises.find(name)}: {passed} of {len(outcomes)} checks pass"]
    for outcome in outcomes:
        lines.append(f"  {'pass' if outcome.passed else 'fail'}  {outcome.says}")
        if not outcome.passed:
            lines.append(
                textwrap.fill(
                    outcome.detail, WIDTH, initial_indent=" " * 8, subsequent_indent=" " * 8
                )
            )
            if outcome.hint:
                lines.append(
                    textwrap.fill(
                        outcome.hint,
                        WIDTH,
                        initial_indent=" " * 8 + "hint: ",
                        subsequent_indent=" " * 14,
                    )
                )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`demo-server check EXERCISE FILE`: 0 when every check passes, 1 when one fails, 2 for a
    name or file that is not there."""
    if len(argv) != 2:
        print(
            "usage: demo-server check EXERCISE FILE (e.g. demo-server check 01 start.py); "
            f"the exercises are: {', '.join(exercises.names())}",
            file=sys.stderr,
        )
        return 2
    name, file = argv
    try:
        exercises.find(name)
        outcomes = check_file(name, Path(file))
    except ValueError as error:
        print(f"demo-server check: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"demo-server check: cannot read {file}: {error.strerror}", file=sys.stderr)
        return 2
    print(report(name, outcomes))
    return 0 if all(o.passed for o in outcomes) else 1
