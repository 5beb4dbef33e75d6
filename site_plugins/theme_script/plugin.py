from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger

from site_plugins.theme_script.config import ThemeScriptConfig
from site_plugins.theme_script.features import unsupported

log = get_plugin_logger(__name__.split(".", 1)[1])

#: main.html (Material's base with our script in place of the bundle) and the assets it loads.
THEME_DIR = Path(__file__).parent / "theme"


class ThemeScriptPlugin(BasePlugin[ThemeScriptConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if config.theme.name != "material":
            log.warning(
                "theme-script replaces Material's script; theme %r is not Material: "
                "remove the plugin from mkdocs.yml",
                config.theme.name,
            )
            return config
        # After the author's custom_dir (their templates still win), before Material's own.
        dirs = config.theme.dirs
        at = 1 if config.theme.custom_dir and dirs and dirs[0] == config.theme.custom_dir else 0
        if str(THEME_DIR) not in dirs:
            dirs.insert(at, str(THEME_DIR))
        for name in unsupported(list(config.theme.get("features") or [])):
            log.warning(
                "%s: theme feature %r needs Material's own script, which theme-script "
                "replaces: remove the feature, or set `enabled: false` under theme-script",
                _where(config.config_file_path, name),
                name,
            )
        return config


def _where(config_file: str | None, feature: str) -> str:
    """`mkdocs.yml:LINE` of the feature's list item (the file alone if it cannot be found)."""
    if not config_file:
        return "mkdocs.yml"
    try:
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return config_file
    for number, line in enumerate(lines, 1):
        if line.strip().lstrip("-").strip().strip("\"'") == feature:
            return f"{config_file}:{number}"
    return config_file
