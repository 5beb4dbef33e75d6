from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LiveDemoConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Where "Try it" sends requests; the reader can change it on the page (kept per browser).
    server_url = c.Type(str, default="http://127.0.0.1:3000")
    #: The command the page tells a reader to run when the demo server cannot be reached.
    start_command = c.Type(str, default="make serve")
