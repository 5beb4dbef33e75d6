from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class DemoDownloadConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Where the wheel's name, version, dependencies and commands are read; relative to mkdocs.yml.
    pyproject = c.Type(str, default="pyproject.toml")
    #: The package folder the wheel carries; relative to mkdocs.yml.
    package = c.Type(str, default="demo_server")
    #: The folder of the built site the wheel is written to.
    dir = c.Type(str, default="downloads")
