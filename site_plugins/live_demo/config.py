from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LiveDemoConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Where "Try it" sends requests in "my own server" mode; the reader can change it on the
    #: page (kept per browser). Unset: where `demo-server` listens by default (its settings).
    server_url = c.Optional(c.Type(str))
    #: The command the page tells a reader to run when their demo server cannot be reached,
    #: while the site runs under `mkdocs serve` (so the reader has the repository).
    start_command = c.Type(str, default="make serve")
    #: The page (and anchor) that tells a reader of the published site how to get the demo.
    download_page = c.Type(str, default="demo-server.md#get-the-demo")
    #: Run the demo in the reader's tab (Pyodide): the runtime is fetched at build time.
    in_browser = c.Type(bool, default=True)
    #: Pyodide from the npm registry, by exact version and its npm integrity hash.
    pyodide_version = c.Type(str, default="314.0.7")
    pyodide_integrity = c.Type(
        str,
        default="sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A==",
    )
    #: Where the fetched runtime is kept between builds; relative to mkdocs.yml's folder.
    cache_dir = c.Type(str, default=".cache/live-demo")
