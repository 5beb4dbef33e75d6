"""The `remote-images` plugin: wires MkDocs' events to the functions next to it.

Under `mkdocs serve` the instance lives across rebuilds (it defines `on_startup`), so a download
that failed is not retried on every save: the warning repeats, the network is left alone.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_plugins.remote_images import vendored
from site_plugins.remote_images.config import RemoteImagesConfig
from site_plugins.remote_images.fetch import FetchError, download
from site_plugins.remote_images.rewrite import is_remote, rewrite_tags, rewrite_text_urls
from site_plugins.remote_images.signed_urls import (
    describe,
    format_utc,
    identity,
    inspect,
    strip_signing,
)

log = get_plugin_logger(__name__.split(".", 1)[1])


class RemoteImagesPlugin(BasePlugin[RemoteImagesConfig]):
    def __init__(self) -> None:
        self.failures: dict[str, str] = {}  # identity -> reason, kept for the whole serve session
        self.folder = Path()
        self.config_dir = Path()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.failures = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if self.config.timeout <= 0:
            raise PluginError(
                f"remote-images: 'timeout' must be above 0, not {self.config.timeout}"
            )
        if self.config.max_bytes <= 0:
            raise PluginError(
                f"remote-images: 'max_bytes' must be above 0, not {self.config.max_bytes}"
            )
        folder = PurePosixPath(self.config.dir)
        if folder.is_absolute() or ".." in folder.parts or not folder.parts:
            raise PluginError(
                f"remote-images: 'dir' must be a folder inside docs_dir, like assets/remote, "
                f"not {self.config.dir!r}"
            )
        self.folder = Path(config.docs_dir) / folder
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        return config

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return html
        resolver = _PageResolver(self, page, config, files)
        html = rewrite_tags(html, resolver.image, resolver.link)
        return rewrite_text_urls(html, resolver.text_url)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # Last guard for what the theme adds around the content (meta description, titles…).
        if not self.config.enabled:
            return output
        return rewrite_text_urls(output, lambda url: _strip_with_warning(page, url, "the page"))

    def shown_path(self, path: Path) -> str:
        """A path as an author types it: relative to mkdocs.yml when it is inside its folder."""
        try:
            return path.resolve().relative_to(self.config_dir).as_posix()
        except ValueError:
            return path.as_posix()


def _strip_with_warning(page: Page, url: str, where: str) -> str:
    signed = inspect(url)
    if signed is None:
        return url
    log.warning(
        f"{page.file.src_uri}: signed {signed.scheme} URL to {describe(url)} in {where}; "
        "its signature was removed. Link to a permanent address instead."
    )
    return strip_signing(url)


class _PageResolver:
    """Decides, for one page, what each remote URL becomes."""

    def __init__(self, plugin: RemoteImagesPlugin, page: Page, config: MkDocsConfig, files: Files):
        self.plugin = plugin
        self.page = page
        self.config = config
        self.files = files
        self.src = page.file.src_uri

    def url_for(self, path: Path) -> str:
        """The URL of a vendored copy from this page, right for both `use_directory_urls`."""
        rel = path.relative_to(self.config.docs_dir).as_posix()
        file = self.files.get_file_from_path(rel)
        if file is None:
            # Written during this build, after MkDocs listed the files: copy it to the site too.
            file = File(
                rel, self.config.docs_dir, self.config.site_dir, self.config.use_directory_urls
            )
            self.files.append(file)
        return file.url_relative_to(self.page.file)

    def image(self, url: str) -> str | None:
        if url.startswith("//"):
            url = "https:" + url
        copy = vendored.find(self.plugin.folder, url)
        if copy is not None:
            return self.url_for(copy)
        signed = inspect(url)
        where = self.plugin.shown_path(vendored.expected_path(self.plugin.folder, url))
        if signed is not None and signed.expired():
            log.warning(
                f"{self.src}: image {describe(url)} expired on {format_utc(signed.expires_at)} "
                f"(signed {signed.scheme} URL); put a copy at {where} to show it"
            )
            return None
        key = identity(url)
        reason = self.plugin.failures.get(key)
        if reason is None and not self.plugin.config.download:
            reason = "downloads are off (download: false)"
        if reason is None:
            try:
                fetched = download(
                    url, timeout=self.plugin.config.timeout, max_bytes=self.plugin.config.max_bytes
                )
            except FetchError as exc:
                reason = str(exc)
                self.plugin.failures[key] = reason
            else:
                copy = vendored.write(self.plugin.folder, url, fetched.body, fetched.content_type)
                log.info(f"{self.src}: saved {describe(url)} as {self.plugin.shown_path(copy)}")
                return self.url_for(copy)
        log.warning(
            f"{self.src}: image {describe(url)} not vendored: {reason}; put a copy at {where}"
        )
        # A signed URL must not reach the page; an ordinary one still works from its origin.
        return None if signed is not None else url

    def link(self, url: str) -> str:
        if inspect(url) is None:
            return url
        return _strip_with_warning(self.page, url, "a link")

    def text_url(self, url: str) -> str:
        return _strip_with_warning(self.page, url, "the text") if is_remote(url) else url


__all__ = ["RemoteImagesPlugin"]
