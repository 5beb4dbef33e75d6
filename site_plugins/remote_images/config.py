from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class RemoteImagesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: Vendored copies, relative to docs_dir. Commit this folder.
    dir = c.Type(str, default="assets/remote")
    #: Fetch images that have no vendored copy yet (off: only use what is committed).
    download = c.Type(bool, default=True)
    #: Seconds one whole download may take.
    timeout = c.Type((int, float), default=10)
    #: Largest image accepted, in bytes.
    max_bytes = c.Type(int, default=10 * 1024 * 1024)
