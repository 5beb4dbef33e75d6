"""The `live-demo` plugin: registers the `fences`, fills their bars and ships the page script.

Authors add nothing by hand: the plugin adds its own JS and CSS to every page, and tells the
script where the demo is through one hidden element on the pages that need it. With
`in_browser` on (the default) it also puts the demo itself into the site, to run in the
reader's tab: the Pyodide runtime (`runtime`), the app bundle and the licences (`bundle`), and
the worker that serves requests from them (`assets/tab-worker.js`).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import demo_server
from demo_server.settings import DEFAULT_HOST, DEFAULT_PORT, base_url
from site_plugins.live_demo import bundle, bytecode, http_grammar
from site_plugins.live_demo.config import LiveDemoConfig
from site_plugins.live_demo.controls import add_controls, exercise_bar, where
from site_plugins.live_demo.editor_bundle import LICENCES, EditorUnavailable, ensure_editor
from site_plugins.live_demo.fences import (
    EDIT_CLASS,
    EDIT_OPTION,
    EXERCISE_CLASS,
    WIDGET_CLASS,
    custom_fence,
    edit_fence,
    exercise_fence,
)
from site_plugins.live_demo.runtime import Runtime, RuntimeUnavailable, ensure_runtime

log = get_plugin_logger(__name__.split(".", 1)[1])

ASSETS = Path(__file__).parent / "assets"
SITE_DIR = "assets/live-demo"
SCRIPT = f"{SITE_DIR}/live-demo.js"
STYLE = f"{SITE_DIR}/live-demo.css"
#: The page script's ES modules, beside the entry (SCRIPT), which imports them (or loads them
#: when needed: exercises.js at an exercise's first press, its textarea-editor.js fallback).
MODULES = tuple(
    sorted(p.name for p in ASSETS.glob("*.js") if p.name not in ("live-demo.js", "tab-worker.js"))
)
NOTICES = f"{SITE_DIR}/THIRD-PARTY-NOTICES.txt"
SUPERFENCES = "pymdownx.superfences"
WIDGET_CLASSES = (
    f'class="{WIDGET_CLASS}"',
    'class="live-todos"',
    f'class="{EXERCISE_CLASS}"',
    f'class="{EDIT_CLASS}"',
)
#: The demo's own modules a page may make editable (```python edit="FILE"): those whose
#: routes a reader's file may replace (demo_server.app_file).
EDITABLE = {name: Path(demo_server.__file__).parent / name for name in ("hello.py", "todos.py")}
#: A snippets section marker in a code file (`# --8<-- [start:hello]`): for the pages only,
#: so the reader's editor and download go without them.
_SECTION_MARKER = re.compile(r"^[ \t]*#[ \t]*-+8<-+[ \t]+\[(?:start|end):[^\]\n]*\][ \t]*\n", re.M)
_EDIT_ATTR = re.compile(r'<div class="live-edit" data-edit="([^"]*)">')


class LiveDemoPlugin(BasePlugin[LiveDemoConfig]):
    def __init__(self) -> None:
        self.runtime: Runtime | None = None
        #: The worker's file name, relative to the page script; None without the tab runtime.
        self.tab_worker: str | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if not self.config.server_url:
            self.config.server_url = base_url(DEFAULT_HOST, DEFAULT_PORT)
        if not self.config.server_url.startswith(("http://", "https://")):
            raise PluginError(
                f"live-demo: 'server_url' must start with http:// or https://, "
                f"not {self.config.server_url!r}"
            )
        if SUPERFENCES not in config.markdown_extensions:
            raise PluginError(
                f"live-demo: add {SUPERFENCES} to markdown_extensions "
                "(the ```http try blocks are superfences custom fences)"
            )
        fences = config.mdx_configs.setdefault(SUPERFENCES, {})
        fences.setdefault("custom_fences", []).extend(
            [custom_fence(), exercise_fence(), edit_fence()]
        )
        # The live to-do list is a `<div class="live-todos" markdown>` around a task list.
        if "md_in_html" not in config.markdown_extensions:
            config.markdown_extensions.append("md_in_html")
        config.extra_css.append(STYLE)
        # An ES module (deferred, as modules are): it only wires up buttons, so it need not
        # hold up the page's first paint; it imports the other modules itself.
        script = ExtraScriptValue(SCRIPT)
        script.type = "module"
        config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        for name in (SCRIPT, STYLE, *(f"{SITE_DIR}/{m}" for m in MODULES)):
            files.append(File.generated(config, name, abs_src_path=str(ASSETS / Path(name).name)))
        page, _, _ = self.config.download_page.partition("#")
        if files.get_file_from_path(page) is None:
            log.warning(f"'download_page': {page} is not a page of this site")
        self.tab_worker = None
        self.editor = None
        self.edit_sources = {}
        editor_licences = ""
        if self.config.in_browser:
            self.tab_worker = self._add_tab_runtime(files, config)
            if self.tab_worker:
                editor_licences = self._add_editor(files, config)
            notices = bundle.notices(self.config.pyodide_version, self.runtime)
            if editor_licences:
                notices += (
                    f"\n\n{'-' * 72}\nThe code editor ({self.editor}): CodeMirror 6 and what it "
                    f"uses, bundled unchanged by esbuild\n{'-' * 72}\n{editor_licences}"
                )
            files.append(File.generated(config, NOTICES, content=notices))
        return files

    def _add_tab_runtime(self, files: Files, config: MkDocsConfig) -> str | None:
        """Put the runtime, the app and the worker into the site; the worker's name, or None."""
        cache = Path(config.config_file_path or ".").parent / self.config.cache_dir
        try:
            # Checked by its hashes on every build (tens of ms): a file changed in the cache
            # under `mkdocs serve` is caught at the next rebuild too.
            self.runtime = ensure_runtime(
                cache, self.config.pyodide_version, self.config.pyodide_integrity, log.warning
            )
        except RuntimeUnavailable as exc:
            self.runtime = None
            log.warning(f"no in-browser demo in this build: {exc}")
            return None
        runtime_dir = f"pyodide-{self.runtime.version}"
        app, stdlib = self._app_and_stdlib(cache)
        stdlib_name = f"python_stdlib.{bundle.file_hash(stdlib)}.zip"
        shipped = {path.name: path for path in self.runtime.files() if path != self.runtime.stdlib}
        shipped[stdlib_name] = stdlib
        for name, path in shipped.items():
            files.append(
                File.generated(config, f"{SITE_DIR}/{runtime_dir}/{name}", abs_src_path=str(path))
            )
        app_name = f"app.{bundle.short_hash(app)}.zip"
        files.append(File.generated(config, f"{SITE_DIR}/{app_name}", content=app))
        # What a cold start fetches through fetch(), by name: the page's progress bar.
        sizes = {
            "pyodide.asm.wasm": (self.runtime.folder / "pyodide.asm.wasm").stat().st_size,
            stdlib_name: stdlib.stat().st_size,
            app_name: len(app),
        }
        worker = (
            (ASSETS / "tab-worker.js")
            .read_text(encoding="utf-8")
            .replace("__RUNTIME_DIR__", runtime_dir)
            .replace("__APP_BUNDLE__", app_name)
            .replace("__STDLIB__", stdlib_name)
            .replace("__LOCK_INFO__", json.dumps(self.runtime.lock_info))
            .replace("__SIZES__", json.dumps(sizes))
        )
        # A memory snapshot holds the runtime and the imported app: a new one for either.
        worker = worker.replace("__SNAPSHOT_KEY__", bundle.short_hash(worker.encode()))
        worker_name = f"tab-worker.{bundle.short_hash(worker.encode())}.js"
        files.append(File.generated(config, f"{SITE_DIR}/{worker_name}", content=worker))
        return worker_name

    def _add_editor(self, files: Files, config: MkDocsConfig) -> str:
        """The code editor (built by npm and esbuild, cached) and the editable modules' text;
        the licences of what the editor bundles ('' without the editor)."""
        cache = Path(config.config_file_path or ".").parent / self.config.cache_dir
        try:
            bundle_path = ensure_editor(cache)
        except EditorUnavailable as exc:
            log.warning(f"no code editor in this build (the pages show code without Edit): {exc}")
            return ""
        self.editor = f"editor.{bundle.file_hash(bundle_path)}.js"
        files.append(
            File.generated(config, f"{SITE_DIR}/{self.editor}", abs_src_path=str(bundle_path))
        )
        for name, path in EDITABLE.items():
            text = _SECTION_MARKER.sub("", path.read_text(encoding="utf-8")).encode()
            shipped = f"code/{Path(name).stem}.{bundle.short_hash(text)}.py"
            files.append(File.generated(config, f"{SITE_DIR}/{shipped}", content=text))
            self.edit_sources[name] = shipped
        return (bundle_path.parent / LICENCES).read_text(encoding="utf-8")

    def _app_and_stdlib(self, cache: Path) -> tuple[bytes, Path]:
        """The app bundle and standard library to ship: with bytecode when it can be had.

        `mkdocs serve` takes it only from the cache, so that saving a change to the app does
        not hold up the reload by the seconds compiling takes; its pages default to the
        author's own server anyway."""
        assert self.runtime is not None
        app = bundle.app_bundle()
        try:
            found = bytecode.compiled(self.runtime, app, cache, make=not self.serving)
        except bytecode.BytecodeUnavailable as exc:
            log.warning(f"the tab's demo starts about 2 s slower, from source: {exc}")
            found = None
        if found is None:
            return app, self.runtime.stdlib
        log.debug(f"bytecode for {found.counts} modules")
        return found.app, found.stdlib

    def on_page_content(
        self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or not any(cls in html_text for cls in WIDGET_CLASSES):
            return html_text
        target, _, anchor = self.config.download_page.partition("#")
        download = files.get_file_from_path(target)
        data = {
            "server": self.config.server_url,
            "start": self.config.start_command,
            "download": (
                get_relative_url(download.url, page.url) + (f"#{anchor}" if anchor else "")
                if download
                else ""
            ),
            "tab-worker": self.tab_worker or "",
            "notices": get_relative_url(NOTICES, page.url) if self.tab_worker else "",
            "editor": self.editor or "",
            "edit-sources": json.dumps(self.edit_sources) if self.editor else "",
            "http-grammar": json.dumps(http_grammar.as_data()),
        }
        self._check_edit_files(html_text, page)
        attrs = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())
        controls = where(
            tab=bool(self.tab_worker),
            default="server" if self.serving else "tab",
            server=self.config.server_url,
        )
        exercises = exercise_bar(tab=bool(self.tab_worker))
        html_text = add_controls(html_text, controls, exercises, editable=bool(self.editor))
        return f"{html_text}\n<div hidden data-live-demo-config {attrs}></div>"

    def _check_edit_files(self, html_text: str, page: Page) -> None:
        """An author mistake: `edit="FILE"` naming a file the page cannot edit, with its line."""
        for match in _EDIT_ATTR.finditer(html_text):
            name = html.unescape(match[1])
            if name not in EDITABLE:
                option = f'{EDIT_OPTION}="{name}"'
                log.warning(
                    f"{_where(page, option)}: {option} is not a module the page can edit; "
                    f"use one of {', '.join(EDITABLE)}"
                )


def _where(page: Page, text: str) -> str:
    """`page.md:LINE` of the first line of the page's file holding `text` (the page alone if
    none does: the fence came from a snippet)."""
    try:
        source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8")
    except OSError:
        return page.file.src_uri
    at = source.find(text)
    if at < 0:
        return page.file.src_uri
    return f"{page.file.src_uri}:{source.count(chr(10), 0, at) + 1}"
