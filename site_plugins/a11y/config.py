from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class A11yConfig(base.Config):
    enabled = c.Type(bool, default=True)
