from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ThemeScriptConfig(base.Config):
    # Off: Material's own bundle runs, with every theme feature Material has.
    enabled = c.Type(bool, default=True)
