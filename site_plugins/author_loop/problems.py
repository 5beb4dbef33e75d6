"""The warnings and errors of one build, collected from the `mkdocs` logger.

Under `mkdocs serve` they scroll past in a terminal the author is not looking at. Collected
here, they can go onto the page itself (see `panel`), each with the file and line it names.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from site_plugins.problems import Problem

# Loggers whose warnings are not about the site: livereload logs every 404 a browser asks for.
NOT_BUILD_PROBLEMS = ("mkdocs.livereload",)

# `docs/api.md:12: ...`, `api.md:12`, or a page named in quotes as MkDocs does
# ("Doc file 'api.md' contains a link ...").
FILE_AND_LINE = re.compile(r"(?P<file>[\w./-]+\.[A-Za-z0-9]+):(?P<line>\d+)\b")
FILE_AT_START = re.compile(r"^(?P<file>[\w./-]+\.md):\s")
QUOTED_PAGE = re.compile(r"""['"](?P<file>[^'"\s]+\.md)['"]""")
# A plugin logger's name before the location: `page_checks: docs/api.md:12: ...`.
LOGGER_PREFIX = re.compile(r"^[\w.-]+:\s*$")
# MkDocs names a broken link's target, never its line: "contains a link 'nowhere.md'", "an
# unrecognized relative link 'x/'", "a link to 'y.md' which is excluded".
LINK_TARGET = re.compile(r"""\blink (?:to )?'(?P<target>[^']+)'""")


def locate(message: str, docs_dir: Path, project_dir: Path) -> tuple[str | None, str]:
    """The file (and line) a message is about, relative to the project, and the message without
    a leading "file:line:" (the panel shows the location on its own).

    A bare page name ("api.md") is a page: it is shown under docs_dir, the way an editor opens it.
    """
    found = FILE_AND_LINE.search(message)
    file, line = (found["file"], found["line"]) if found else (None, None)
    if file is None:
        found = FILE_AT_START.search(message) or QUOTED_PAGE.search(message)
        file = found["file"] if found else None
    if file is None or found is None:
        return None, message
    if found.start() == 0 or LOGGER_PREFIX.match(message[: found.start()]):
        message = message[found.end() :].lstrip(": ") or message
    path = Path(file)
    if not path.is_absolute() and (docs_dir / path).is_file():
        path = docs_dir / path
    elif not path.is_absolute():
        path = project_dir / path
    if line is None:
        line = _line_of_link(path, message)
    try:
        shown = path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return (f"{shown}:{line}" if line else shown), message


def _line_of_link(path: Path, message: str) -> str | None:
    """The line of `path` where the link a MkDocs message names is written (the first one, as
    `](target` or `]: target`), or None when the message names no link or the file lacks it."""
    target = LINK_TARGET.search(message)
    if target is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    written = (f"]({target['target']}", f"]: {target['target']}", f"<{target['target']}>")
    for number, text in enumerate(lines, start=1):
        if any(form in text for form in written):
            return str(number)
    return None


class ProblemCollector(logging.Handler):
    """A handler on the `mkdocs` logger for the length of one build, keeping WARNING and above.

    `start()` and `finish()` bracket the build. Records from the server's own threads (a
    browser's 404) are left out by logger name; messages are located at `finish()`, when the
    build's docs_dir is known (the first records come before the config is loaded).
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._records: list[tuple[str, str]] = []
        self._logger = logging.getLogger("mkdocs")

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(NOT_BUILD_PROBLEMS):
            return
        try:
            message = record.getMessage()
        except Exception:  # a malformed record must not take the build down with it
            message = str(record.msg)
        self._records.append((record.levelname, message.strip()))

    def start(self) -> None:
        self._records = []
        if self not in self._logger.handlers:
            self._logger.addHandler(self)

    def finish(self, docs_dir: Path, project_dir: Path) -> list[Problem]:
        """Detach, and the build's problems in the order they came, each once."""
        self._logger.removeHandler(self)
        problems: list[Problem] = []
        for level, message in self._records:
            location, text = locate(message, docs_dir, project_dir)
            problem = Problem.at(location, text, level)
            if problem not in problems:
                problems.append(problem)
        return problems
