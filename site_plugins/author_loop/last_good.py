"""Keep serving the last good site while a rebuild fails.

`mkdocs serve` builds into the folder it serves: a rebuild empties it first, and one that
raises leaves it half written. MkDocs' livereload server then holds every request until a
build succeeds ("The server will appear stuck until build errors are resolved"). Here each
rebuild goes into a fresh folder beside the served one, and takes its place only once it has
finished: a failed build leaves the last good pages where they were.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import click

#: Where the problems of the last build are written in the served site (never by `mkdocs build`).
PROBLEMS_FILE = "_author_loop/problems.json"


class LastGoodSite:
    """The served folder and, during a rebuild, the folder the rebuild writes into."""

    def __init__(self, served: Path) -> None:
        self.served = served
        self.staging: Path | None = None

    def stage(self) -> Path:
        """A new, empty folder beside the served one (same file system: the swap is a rename)."""
        self.discard()
        self.staging = Path(tempfile.mkdtemp(prefix="staging_", dir=self.served.parent))
        return self.staging

    def publish(self) -> None:
        """The staged build becomes the served site; requests wait for the build meanwhile."""
        if self.staging is None:
            return
        old = self.served.with_name(self.served.name + ".old")
        os.replace(self.served, old)
        os.replace(self.staging, self.served)
        self.staging = None
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def describe_failure(error: BaseException, project_dir: Path) -> tuple[str, str | None]:
    """One line for the panel, and the project file and line the error was raised from."""
    if isinstance(error, click.ClickException):  # MkDocs' Abort: already a sentence
        text = error.format_message()
    else:
        text = f"{type(error).__name__}: {error}"
    location = None
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(project_dir) and not path.is_relative_to(sys.prefix):
            location = f"{path.relative_to(project_dir).as_posix()}:{frame.lineno}"
            break
    return f"The build failed; these are the pages of the last good build. {text}", location
