"""The reader's own code, as one Python file: what `demo-server --app FILE` serves and what Run
loads into the demo in the reader's tab.

A reader edits one of the demo's own modules on a page (`hello.py`, `todos.py`) and downloads
it, or writes a "Build it yourself" exercise (`start.py`). The file is whole and stands alone,
so the same text runs in both places. What it defines says what it is:

- `create_app()` (an exercise): the reader's whole app, served as it is. A `create_app` that
  takes an argument gets the SQLite file's path, as the exercise checks give it.
- `add_hello_routes(app)` and/or `add_todo_routes(app, store)` (an edited demo module): the
  demo's own app, with the reader's routes in place of the shipped ones.

A file that does not load is one `ReaderCodeError`: its message is one line with the file and
line at fault, so the CLI prints it and the page marks that line in the editor.
"""

from __future__ import annotations

import inspect
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The demo's modules a reader may replace, by the function that each must define.
ROUTE_FUNCTIONS = ("add_hello_routes", "add_todo_routes")


class ReaderCodeError(Exception):
    """The reader's file did not load. `line` is the line at fault in it (None if none is)."""

    def __init__(self, filename: str, line: int | None, message: str) -> None:
        where = f"{filename}:{line}" if line else filename
        super().__init__(f"{where}: {message}")
        self.filename = filename
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ReaderCode:
    """What the reader's file gives: a whole app's factory, or routes in place of the demo's."""

    filename: str
    create_app: Callable[..., Any] | None = None
    add_hello_routes: Callable[..., Any] | None = None
    add_todo_routes: Callable[..., Any] | None = None

    @property
    def wants_db_path(self) -> bool:
        """An exercise app that keeps its data in a SQLite file of its own (`create_app(path)`)."""
        return self.create_app is not None and bool(inspect.signature(self.create_app).parameters)


def line_in(error: BaseException, filename: str) -> int | None:
    """The line of the reader's file the error points at: a syntax error's own, or the deepest
    frame of the traceback that is in that file."""
    if isinstance(error, SyntaxError) and error.filename == filename and error.lineno:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return frames[-1].lineno if frames else None


def load_source(source: str, filename: str) -> ReaderCode:
    """Import the text of the reader's module (under its own name, never over the demo's) and
    say what it gives; ReaderCodeError naming the line if it does not compile, raises on
    import, or defines nothing the demo can serve."""
    module = types.ModuleType(f"reader_{Path(filename).stem}")
    module.__file__ = filename
    try:
        exec(compile(source, filename, "exec"), module.__dict__)
    except SyntaxError as error:
        raise ReaderCodeError(
            filename, line_in(error, filename), f"{type(error).__name__}: {error.msg}"
        ) from None
    except Exception as error:
        raise ReaderCodeError(
            filename, line_in(error, filename), f"{type(error).__name__}: {error}"
        ) from None
    found = {
        name: value
        for name in ("create_app", *ROUTE_FUNCTIONS)
        if callable(value := getattr(module, name, None))
    }
    if not found:
        raise ReaderCodeError(
            filename,
            None,
            "defines none of create_app(), add_hello_routes(app), add_todo_routes(app, store): "
            "keep the function the page or the exercise gave you",
        )
    if "create_app" in found and len(found) > 1:
        raise ReaderCodeError(
            filename,
            None,
            "defines create_app() and the demo's route functions: a file is either a whole app "
            "(create_app) or routes for the demo (add_hello_routes, add_todo_routes), not both",
        )
    return ReaderCode(filename, **found)


def read_file(path: Path) -> ReaderCode:
    """`load_source` of a file on disk, named by the path the reader gave."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReaderCodeError(str(path), None, "no such file") from None
    except IsADirectoryError:
        raise ReaderCodeError(str(path), None, "is a folder, not a Python file") from None
    except UnicodeDecodeError:
        raise ReaderCodeError(str(path), None, "is not UTF-8 text") from None
    except OSError as error:
        raise ReaderCodeError(str(path), None, f"cannot be read: {error.strerror}") from None
    return load_source(source, str(path))
