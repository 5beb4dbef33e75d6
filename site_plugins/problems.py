"""What a check or a build finds wrong: where, how bad, and what, in one line.

One type for every plugin: the page checks (a line of a page), the console-command runner (a
command that printed other than its page shows, with the diff as detail) and the author loop's
panel (every warning of a build, located in the file it names).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, order=True)
class Problem:
    #: 1-based, in the text the check was given (the plugin turns it into the file's line).
    line: int | None
    #: One line, as a warning shows it.
    message: str
    #: As an author's editor opens it: relative to mkdocs.yml (or to the project).
    file: str | None = None
    level: str = "WARNING"
    #: More lines for a terminal, such as a diff; never in a warning.
    detail: str = ""

    @classmethod
    def at(cls, location: str | None, message: str, level: str = "WARNING") -> Problem:
        """The problem at `location` as `location` gives it back: `file:line`, `file` or None."""
        if location is None:
            return cls(None, message, None, level)
        file, colon, line = location.rpartition(":")
        if colon and line.isdigit():
            return cls(int(line), message, file, level)
        return cls(None, message, location, level)

    @property
    def location(self) -> str | None:
        """`docs/api.md:12`, `docs/api.md`, or None when the problem names no file."""
        if self.file is None:
            return None
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def moved(self, lines: int, file: str | None = None) -> Problem:
        """The same problem `lines` further down, in `file` (or the file it already names)."""
        line = None if self.line is None else self.line + lines
        return replace(self, line=line, file=file or self.file)

    def as_dict(self) -> dict[str, str | None]:
        """For the author loop's panel (a page script reads these three keys)."""
        return {"level": self.level, "message": self.message, "location": self.location}

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}" + (f"\n{self.detail}" if self.detail else "")
