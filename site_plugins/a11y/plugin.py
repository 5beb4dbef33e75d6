from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_plugins.a11y.config import A11yConfig
from site_plugins.a11y.names import name_search_dialog, name_task_checkboxes


class A11yPlugin(BasePlugin[A11yConfig]):
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        return name_task_checkboxes(html) if self.config.enabled else html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return name_search_dialog(output) if self.config.enabled else output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # The 404 page is a theme template, not a page: it never passes through on_post_page.
        return name_search_dialog(output_content) if self.config.enabled else output_content
