"""The `live-demo` plugin: wires MkDocs' events to `fences` and ships the page script.

Authors add nothing by hand: the plugin adds its own JS and CSS to every page, and tells the
script where the demo server is through one hidden element on the pages that need it.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_plugins.live_demo.config import LiveDemoConfig
from site_plugins.live_demo.fences import mark_runnable_examples

log = get_plugin_logger(__name__.split(".", 1)[1])

ASSETS = Path(__file__).parent / "assets"
SITE_DIR = "assets/live-demo"
SCRIPT = f"{SITE_DIR}/live-demo.js"
STYLE = f"{SITE_DIR}/live-demo.css"
WIDGET_CLASSES = ('class="live-demo"', 'class="live-todos"')


class LiveDemoPlugin(BasePlugin[LiveDemoConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if not self.config.server_url.startswith(("http://", "https://")):
            raise PluginError(
                f"live-demo: 'server_url' must start with http:// or https://, "
                f"not {self.config.server_url!r}"
            )
        if "md_in_html" not in config.markdown_extensions:
            config.markdown_extensions.append("md_in_html")
        config.extra_css.append(STYLE)
        config.extra_javascript.append(SCRIPT)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            for name in (SCRIPT, STYLE):
                files.append(
                    File.generated(config, name, abs_src_path=str(ASSETS / Path(name).name))
                )
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        markdown, count = mark_runnable_examples(markdown)
        if count:
            log.debug(f"{page.file.src_uri}: {count} runnable example(s)")
        return markdown

    def on_page_content(
        self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or not any(cls in html_text for cls in WIDGET_CLASSES):
            return html_text
        server = html.escape(self.config.server_url, quote=True)
        start = html.escape(self.config.start_command, quote=True)
        return (
            f"{html_text}\n<div hidden data-live-demo-config "
            f'data-server="{server}" data-start="{start}"></div>'
        )
