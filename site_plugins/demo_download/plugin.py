"""The `demo-download` plugin: wires MkDocs' events to `wheel`, `pins` and `commands`.

Every build (`build`, `serve`, `gh-deploy`) writes the wheel into the site as a generated file,
so there is no Makefile step to forget and `mkdocs serve` picks up a changed demo at once. The
page script ships only with the pages that show the commands.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from demo_server.settings import DOCS_ORIGINS
from site_plugins.demo_download.commands import (
    FENCE,
    IN_FENCE,
    KNOWN,
    count_fence_placeholders,
    fill_page,
    render_fence,
    rendered_counts,
    shown,
    unknown_placeholders,
    uses_placeholders,
)
from site_plugins.demo_download.config import DemoDownloadConfig
from site_plugins.demo_download.pins import pinned, read_locks
from site_plugins.demo_download.wheel import (
    ProjectError,
    build_wheel,
    dependencies,
    read_pyproject,
    site_origin,
)
from site_plugins.markdown_scan import lines_before

log = get_plugin_logger(__name__.split(".", 1)[1])

SCRIPT_SOURCE = Path(__file__).parent / "assets" / "demo-download.js"
SCRIPT = "assets/demo-download/demo-download.js"
#: Where the project keeps its locks (relative to pyproject.toml): `make lock` writes them.
LOCKS = "constraints"
LOCAL_HOSTS = ("localhost", "::1", None)


class _PageState:
    """The page being rendered: MkDocs renders pages one at a time, each in full."""

    def __init__(self, page: Page, placeholders: int) -> None:
        self.page = page
        self.placeholders = placeholders


class DemoDownloadPlugin(BasePlugin[DemoDownloadConfig]):
    def __init__(self) -> None:
        self.pyproject_read = False
        self.pyproject = Path()
        self.package_dir = Path()
        self.wheel_file: File | None = None
        self.trusted: tuple[str, ...] = ()
        self.site_url: str | None = None
        self.current: _PageState | None = None
        #: The wheel's SHA-256 (hex), in every URL the pages print: pip refuses a changed wheel.
        self.wheel_sha256 = ""
        #: Whether `site_url` has a path: the trust then reaches beyond this site (see below).
        self.shares_origin = False
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        folder = PurePosixPath(self.config.dir)
        if folder.is_absolute() or ".." in folder.parts or not folder.parts:
            raise PluginError(
                f"demo-download: 'dir' must be a folder inside the site, like downloads, "
                f"not {self.config.dir!r}"
            )
        base = Path(config.config_file_path or ".").resolve().parent
        self.pyproject = base / self.config.pyproject
        self.package_dir = base / self.config.package
        # Under `mkdocs serve`, MkDocs has already set this to the local address it serves.
        self.site_url = config.site_url or None
        try:
            read_pyproject(self.pyproject)
            self.pyproject_read = True
            origin = site_origin(self.site_url)
        except (ProjectError, ValueError) as exc:
            raise PluginError(f"demo-download: {exc}") from None
        if not (self.package_dir / "__init__.py").is_file():
            raise PluginError(
                f"demo-download: 'package' must be a Python package folder, "
                f"and {self.package_dir} has no __init__.py"
            )
        # Plain http: the wheel and the trust it carries would travel unencrypted, and anyone on
        # the way could hand the reader another wheel. Loopback (and `mkdocs serve`) aside.
        parts = urlsplit(self.site_url or "")
        if (
            not self.serving
            and parts.scheme == "http"
            and parts.hostname not in LOCAL_HOSTS
            and not (parts.hostname or "").startswith("127.")
        ):
            log.warning(
                f"site_url {self.site_url} is plain http: publish the site over https, or "
                "readers download the demo (and its trust in the site) unencrypted"
            )
        # A browser sends a page's origin, never its path: a demo that trusts
        # https://someone.github.io/project/ trusts every page on someone.github.io.
        self.shares_origin = bool(origin) and parts.path.strip("/") != ""
        # The origins the downloaded demo trusts: where the page script need not add a flag.
        self.trusted = tuple(dict.fromkeys((*DOCS_ORIGINS, *([origin] if origin else []))))
        if "pymdownx.superfences" not in config.markdown_extensions:
            raise PluginError(
                "demo-download: add pymdownx.superfences to markdown_extensions "
                f"(the ```{FENCE} blocks are superfences custom fences)"
            )
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
        fences.setdefault("custom_fences", []).append(
            {"name": FENCE, "class": FENCE, "format": self._format_fence}
        )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or not self.pyproject_read:
            return files
        try:
            # Read again: under `mkdocs serve` a saved pyproject.toml rebuilds the wheel.
            requirements = pinned(
                dependencies(read_pyproject(self.pyproject)),
                read_locks(self.pyproject.parent / LOCKS),
            )
            wheel = build_wheel(self.pyproject, self.package_dir, self.site_url, requirements)
        except ProjectError as exc:
            raise PluginError(f"demo-download: {exc}") from None
        path = f"{PurePosixPath(self.config.dir)}/{wheel.filename}"
        self.wheel_file = File.generated(config, path, content=wheel.content)
        self.wheel_sha256 = hashlib.sha256(wheel.content).hexdigest()
        files.append(self.wheel_file)
        files.append(File.generated(config, SCRIPT, abs_src_path=str(SCRIPT_SOURCE)))
        log.debug(f"{path}: {len(wheel.content)} bytes")
        return files

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        # The wheel is built from these: a saved change rebuilds it, whatever `watch:` lists.
        if self.config.enabled:
            server.watch(str(self.pyproject), recursive=False)
            server.watch(str(self.package_dir))
        return server

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        self.current = None
        if not self.config.enabled or not uses_placeholders(markdown):
            return markdown
        for placeholder in unknown_placeholders(markdown):
            log.warning(
                f"{page.file.src_uri}: unknown placeholder {placeholder}; "
                f"the demo-download plugin knows {', '.join(shown(n) for n in KNOWN)}"
            )
        source = markdown
        markdown, dropped = fill_page(markdown, config.repo_url)
        skipped = lines_before(page.file.content_string, source)
        where = Path(config.docs_dir).name
        for number in dropped:
            # Not a warning: a build with no repository to name (a local copy) is no mistake,
            # but the author should know why a sentence of the page is not in the site.
            log.info(
                f"{where}/{page.file.src_uri}:{skipped + number}: left out, it names "
                "{{ repo_url }} and repo_url is not set (REPO_URL=https://... sets it)"
            )
        self.current = _PageState(page, count_fence_placeholders(markdown))
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        state, self.current = self.current, None
        if state is None or state.page is not page:
            return html
        # Counted in the HTML, not by the fence formatter: its output is all a page's render
        # leaves behind, which lets author-loop reuse an unchanged page's render.
        fences, filled = rendered_counts(html)
        if filled < state.placeholders:
            names = " and ".join(shown(name) for name in IN_FENCE)
            log.warning(
                f"{page.file.src_uri}: {names} only work inside a ```{FENCE} block; "
                "elsewhere they are shown as typed"
            )
        if not fences:
            return html
        script = files.get_file_from_path(SCRIPT)
        assert script is not None  # added in on_files
        return f'{html}\n<script src="{script.url_relative_to(page.file)}"></script>'

    def wheel_url(self, page: Page | None) -> str:
        """The wheel's address as a command needs it: absolute when the site's address is known,
        else relative to the page (the page script resolves it in the reader's browser)."""
        assert self.wheel_file is not None  # added in on_files, before any page is rendered
        checked = f"#sha256={self.wheel_sha256}"
        if self.site_url:
            return urljoin(self.site_url, self.wheel_file.url) + checked
        url = self.wheel_file.url if page is None else self.wheel_file.url_relative_to(page.file)
        return url + checked

    def _format_fence(self, source: str, language: str, class_name: str, options, md, **kwargs):
        # superfences' custom-fence formatter; MkDocs renders one page at a time, so `current`
        # is the page being rendered (None only for Markdown another plugin renders on its own).
        state = self.current
        return render_fence(
            source,
            wheel_url=self.wheel_url(state.page if state else None),
            trusted_origins=self.trusted,
            shared_origin=self.trusted[-1] if self.shares_origin else None,
        )


__all__ = ["DemoDownloadPlugin"]
