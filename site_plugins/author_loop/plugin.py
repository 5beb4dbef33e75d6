"""The `author-loop` plugin: wires MkDocs' events to the parts of this package.

Everything but the caches (templates, page renders, search entries) acts only under
`mkdocs serve` (`on_startup` says which command runs; MkDocs keeps a plugin with `on_startup`
alive across rebuilds, which is what lets it remember the last build). `mkdocs build` output is
the same with or without this plugin.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_plugins.author_loop.config import AuthorLoopConfig
from site_plugins.author_loop.last_good import PROBLEMS_FILE, LastGoodSite, describe_failure
from site_plugins.author_loop.panel import add_panel
from site_plugins.author_loop.problems import ProblemCollector
from site_plugins.author_loop.render_cache import RenderCache
from site_plugins.author_loop.search_cache import SearchEntryCache
from site_plugins.author_loop.serve_internals import replace_observer, wrap_builder
from site_plugins.author_loop.snippets import snippet_folders
from site_plugins.author_loop.templates import MemoryBytecodeCache, ThemeListingCache
from site_plugins.problems import Problem

log = get_plugin_logger(__name__.split(".", 1)[1])


class AuthorLoopPlugin(BasePlugin[AuthorLoopConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.collector = ProblemCollector()
        self.bytecode_cache = MemoryBytecodeCache()
        self.theme_listing = ThemeListingCache()
        self.search_cache = SearchEntryCache()
        self.render_cache = RenderCache()
        self.site: LastGoodSite | None = None  # set once the first build is served
        self.current: MkDocsConfig | None = None  # the config of the build under way
        self.watched: dict[str, bool] = {}  # path -> recursive, the watches this plugin added

    # --- every command ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve --clean` reports itself as "build": it serves what a build would write.
        self.serving = command == "serve" and self.config.enabled
        if self.serving and dirty:
            raise PluginError(
                "author-loop: `mkdocs serve --dirty` rebuilds only the pages you saved, so a page "
                "whose included file changed would keep its old text; run `mkdocs serve` instead "
                "(a full rebuild is the fast path here)"
            )
        if self.serving and self.config.problems_panel:
            self.collector.start()

    @event_priority(100)  # first: every other plugin must see the folder this build writes to
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.current = config
        if self.config.enabled and self.config.template_cache:
            # With the bytecode cache from the start: Material's search plugin renders a theme
            # template in its own on_config, before on_env.
            self.theme_listing.attach(config.theme, self.bytecode_cache)
        if self.site is not None:
            config.site_dir = str(self.site.stage())
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.search_cache:
            self.search_cache.attach(config.plugins)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.config.enabled and self.config.render_cache:
            self.render_cache.wrap(page, _bases(config))
        return page

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and self.config.template_cache:
            env.bytecode_cache = self.bytecode_cache
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not (self.serving and self.config.problems_panel):
            return output
        return add_panel(output, get_relative_url(PROBLEMS_FILE, page.url))

    def on_shutdown(self) -> None:
        self.collector.finish(Path(), Path())
        if self.site is not None:
            self.site.discard()

    # --- mkdocs serve ---------------------------------------------------------------------

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable
    ) -> LiveReloadServer | None:
        if not self.serving:
            return server
        self.site = LastGoodSite(Path(config.site_dir))
        self._report(self._finish_problems(config), failed=False)
        # MkDocs' build loop calls the server's builder; wrapping it is the one place that sees
        # a rebuild fail before MkDocs' loop declares the server stuck (serve_internals.py).
        wrap_builder(server, lambda builder: self._keeping_last_good(server, builder))
        if self.config.native_watcher:
            self._use_native_watcher(server)
        self._refresh_watches(server, config)
        return server

    def _keeping_last_good(
        self, server: LiveReloadServer, builder: Callable[[], None]
    ) -> Callable[[], None]:
        def build_keeping_last_good() -> None:
            if self.config.problems_panel:
                self.collector.start()
            failure: Exception | None = None
            try:
                builder()
            except Exception as exc:  # noqa: BLE001 - any failure: keep serving, show it
                failure = exc
            assert self.site is not None
            if failure is None:
                self.site.publish()
            else:
                self.site.discard()
            config = self.current
            problems = self._finish_problems(config)
            if failure is not None:
                project = _project_dir(config)
                text, location = describe_failure(failure, project)
                problems.append(Problem.at(location, text, "ERROR"))
                if not isinstance(failure, click.ClickException):
                    traceback.print_exception(failure)
                log.error(f"{text} (fix it and save: the next build replaces them)")
            self._report(problems, failed=failure is not None)
            # A page may include a new file, from a folder not watched yet.
            self._refresh_watches(server, config)

        return build_keeping_last_good

    def _finish_problems(self, config: MkDocsConfig | None) -> list[Problem]:
        if not self.config.problems_panel:
            return []
        docs_dir = Path(config.docs_dir) if config else Path("docs")
        return self.collector.finish(docs_dir, _project_dir(config))

    def _report(self, problems: list[Problem], *, failed: bool) -> None:
        """The problems as JSON in the served site, where the panel's script reads them."""
        if not self.config.problems_panel or self.site is None:
            return
        target = self.site.served / PROBLEMS_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        report = {"failed": failed, "problems": [p.as_dict() for p in problems]}
        target.write_text(json.dumps(report, indent=1), encoding="utf-8")

    def _use_native_watcher(self, server: LiveReloadServer) -> None:
        try:
            from site_plugins.author_loop.watcher import WatchfilesObserver
        except ImportError:
            log.info("watchfiles is not installed: MkDocs polls for changes every 0.5 s")
            return
        # MkDocs offers no way to choose the observer, and has scheduled docs_dir and mkdocs.yml
        # on its poller before on_serve: those watches move onto the native observer. watchfiles
        # already waits for a save to settle (watcher.QUIET_MS), so MkDocs' own 0.1 s wait on
        # top of it would only add latency (serve_internals.py).
        replace_observer(server, WatchfilesObserver())

    def _refresh_watches(self, server: LiveReloadServer, config: MkDocsConfig | None) -> None:
        """Watch the folders the pages include files from, and custom_dir; drop stale ones."""
        if config is None:
            return
        wanted = {
            str(path): False for path in snippet_folders(Path(config.docs_dir), _bases(config))
        }
        custom_dir = getattr(config.theme, "custom_dir", None)
        if custom_dir and Path(custom_dir).is_dir():
            wanted[str(Path(custom_dir).resolve())] = True
        for path, recursive in self.watched.items():
            if wanted.get(path) != recursive:
                server.unwatch(path)
        for path, recursive in wanted.items():
            if self.watched.get(path) != recursive:
                server.watch(path, recursive=recursive)
        self.watched = wanted


def _project_dir(config: MkDocsConfig | None) -> Path:
    if config is not None and config.config_file_path:
        return Path(config.config_file_path).resolve().parent
    return Path.cwd()


def _bases(config: MkDocsConfig) -> list[Path]:
    """pymdownx.snippets' base paths, resolved as it resolves them (from the working folder)."""
    if "pymdownx.snippets" not in config.markdown_extensions:
        return []
    bases = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
    if isinstance(bases, str):
        bases = [bases]
    return [Path(base).resolve() for base in bases]
