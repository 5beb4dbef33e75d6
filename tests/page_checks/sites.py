"""Throwaway sites with this project's page plugins, built for real by the tests."""

from __future__ import annotations

from pathlib import Path

from tests.site_builds import mkdocs_build

CONFIG = """site_name: Checks test
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
  - pymdownx.highlight:
      pygments_lang_class: true
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
plugins:
  - live-demo:
      in_browser: false
      download_page: index.md
  - page-checks
"""


def make_site(folder: Path, pages: dict[str, str], config: str = CONFIG) -> Path:
    """A site in `folder` whose docs are `pages` (file name to Markdown)."""
    for name, text in pages.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def build(folder: Path, *args: str):
    """`mkdocs build` of the site into `folder/out`; the run, for its exit code and warnings."""
    return mkdocs_build(folder, *args, "--site-dir", str(folder / "out"))


def warnings(stderr: str) -> list[str]:
    """The warnings of a build, each without the level and the plugin's name."""
    return [line.split(": ", 1)[1] for line in stderr.splitlines() if line.startswith("WARNING")]
