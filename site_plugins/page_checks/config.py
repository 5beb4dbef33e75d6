from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PageChecksConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Under `mkdocs serve`, run the console commands of a page when it is saved (against a
    #: fresh demo, about half a second) and warn about each drift, as `make check-pages` does.
    run_commands_on_save = c.Type(bool, default=True)
