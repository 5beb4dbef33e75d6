"""What a check finds: the line it is on and what is wrong there, for a `file:line:` warning."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    #: 1-based, in the text the check was given (the plugin turns it into the file's line).
    line: int
    message: str
