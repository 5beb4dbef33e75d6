"""Throwaway MkDocs projects that use the demo-download plugin, to build or to serve."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.helpers import ROOT

PAGE = """# Get the demo

=== "pipx"

    ```demo-download
    pipx run --spec {{ wheel_url }} demo-server{{ allow_origin }}
    ```

=== "pip"

    ```demo-download
    pip install {{ wheel_url }}
    demo-server{{ allow_origin }}
    ```

The source is at <{{ repo_url }}>.
From a checkout: `make serve`.
"""


def make_project(folder: Path, page: str = PAGE, config: str = "", plugin: str = "") -> Path:
    """A site with one page, beside copies of the repository's pyproject.toml and demo_server/."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copytree(
        ROOT / "demo_server",
        folder / "demo_server",
        ignore=shutil.ignore_patterns("__pycache__", "_built_for_site.py"),
    )
    (folder / "mkdocs.yml").write_text(
        "site_name: Download test\n"
        # Like the real site: Material, and no request to another origin (no web fonts).
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
        f"plugins:\n  - demo-download{':' if plugin else ''}\n{plugin}"
        f"{config}",
        encoding="utf-8",
    )
    return folder


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]


def the_wheel(site: Path) -> Path:
    (wheel,) = (site / "downloads").glob("*.whl")
    return wheel
