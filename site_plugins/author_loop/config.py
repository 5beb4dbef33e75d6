from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class AuthorLoopConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Under `mkdocs serve`: the last build's warnings and errors in a panel on every page.
    problems_panel = c.Type(bool, default=True)
    #: Compiled theme templates kept between builds (checked against each template's source).
    template_cache = c.Type(bool, default=True)
    #: watchfiles (inotify, FSEvents, ReadDirectoryChangesW) instead of MkDocs' 0.5 s poll.
    native_watcher = c.Type(bool, default=True)
    #: Search entries of pages whose HTML did not change copied from the last build.
    search_cache = c.Type(bool, default=True)
    #: Unchanged pages' Markdown renders reused (their Markdown, includes, address, the site's
    #: files and the configuration all compared).
    render_cache = c.Type(bool, default=True)
