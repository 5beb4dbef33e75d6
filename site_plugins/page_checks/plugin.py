"""The `page-checks` plugin: each author mistake a check finds is one `file:line:` warning."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_plugins.markdown_scan import Fence, find_fences, lines_before
from site_plugins.page_checks.config import PageChecksConfig
from site_plugins.page_checks.console import console_commands, run_page
from site_plugins.page_checks.exercise_blocks import exercise_block_problems
from site_plugins.page_checks.front_matter import front_matter_key_problems, front_matter_problem
from site_plugins.page_checks.http_examples import http_example_problems
from site_plugins.page_checks.snippets import snippet_problems
from site_plugins.problems import Problem

log = get_plugin_logger(__name__.split(".", 1)[1])
SNIPPETS = "pymdownx.snippets"


class PageChecksPlugin(BasePlugin[PageChecksConfig]):
    def __init__(self) -> None:
        self.snippet_bases: list[Path] = []
        self.docs_dir = PurePath("docs")
        self.serving = False
        #: Each page's source as last built: under serve, a page whose source changed was saved.
        self.sources: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.snippet_bases = []
        if SNIPPETS in config.markdown_extensions:
            bases = config.mdx_configs.get(SNIPPETS, {}).get("base_path", ["."])
            self.snippet_bases = [Path(b) for b in ([bases] if isinstance(bases, str) else bases)]
        # Warnings name files as an author's editor opens them: relative to mkdocs.yml.
        base = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.docs_dir = docs.relative_to(base) if docs.is_relative_to(base) else docs
        return config

    # First: the line numbers are the file's only until another plugin rewrites the page.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        source = page.file.content_string
        path = (self.docs_dir / page.file.src_uri).as_posix()
        # MkDocs already stripped valid front matter; what is left at the top was rejected.
        problems = front_matter_key_problems(source)
        if not page.meta:
            rejected = front_matter_problem(markdown)
            if rejected:
                problems.append(rejected)
        # The lines of `markdown` are the file's, after the front matter MkDocs took off.
        skipped = lines_before(source, markdown)
        fences = find_fences(markdown)
        found = [
            *unclosed_fences(fences),
            *http_example_problems(fences),
            *exercise_block_problems(fences),
        ]
        if self.snippet_bases:
            markdown, in_snippets = snippet_problems(markdown, self.snippet_bases)
            found += in_snippets
        problems += [problem.moved(skipped) for problem in found]
        for problem in sorted(problems):
            log.warning(str(problem.moved(0, file=path)))
        if self.serving and self.config.run_commands_on_save:
            self._run_commands_if_saved(path, source)
        return markdown

    def _run_commands_if_saved(self, path: str, source: str) -> None:
        """A page saved while serving: its console commands' drifts, as warnings (the first
        build only remembers the pages: `make check-pages` is the way to check them all)."""
        before = self.sources.get(path)
        self.sources[path] = source
        if before is None or before == source:
            return
        commands = console_commands(source, path)
        if not commands or shutil.which("curl") is None:
            return
        with tempfile.TemporaryDirectory() as folder:
            for drifted in run_page(commands, shutil.which("curl") or "curl", Path(folder)):
                log.warning(f"{drifted.location}: {drifted.message}")


def unclosed_fences(fences: list[Fence]) -> list[Problem]:
    return [
        Problem(f.line, f"code fence {f.marker}{f.info} is never closed: end it with {f.marker}")
        for f in fences
        if not f.closed
    ]
