from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_plugins.page_checks.config import PageChecksConfig
from site_plugins.page_checks.front_matter import front_matter_problem
from site_plugins.page_checks.snippets import check_snippets

log = get_plugin_logger(__name__.split(".", 1)[1])
SNIPPETS = "pymdownx.snippets"


class PageChecksPlugin(BasePlugin[PageChecksConfig]):
    def __init__(self) -> None:
        self.snippet_bases: list[Path] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.snippet_bases = []
        if SNIPPETS in config.markdown_extensions:
            bases = config.mdx_configs.get(SNIPPETS, {}).get("base_path", ["."])
            self.snippet_bases = [Path(b) for b in ([bases] if isinstance(bases, str) else bases)]
        return config

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        # MkDocs already stripped valid front matter; what is left at the top was rejected.
        if not page.meta:
            problem = front_matter_problem(markdown)
            if problem:
                log.warning(f"{page.file.src_uri}: {problem}")
        if self.snippet_bases:
            markdown, problems = check_snippets(markdown, self.snippet_bases)
            for problem in problems:
                log.warning(f"{page.file.src_uri}: {problem}")
        return markdown
