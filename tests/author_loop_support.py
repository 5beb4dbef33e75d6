"""For the author-loop tests: a throwaway MkDocs project (Material, search, author-loop and
snippets, a page that includes a file from outside docs/, and an overridable theme), and the
warnings a build writes."""

from __future__ import annotations

import logging
from pathlib import Path

CONFIG = """\
site_name: Loop test
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - author-loop
markdown_extensions:
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
validation:
  unrecognized_links: warn
"""
MAIN_OVERRIDE = """\
{% extends "base.html" %}
{% block footer %}<p class="override-marker">{{ override_text }}</p>{{ super() }}{% endblock %}
"""
API_WITH_WARNING = "# API\n\nSee [the missing page](nowhere.md).\n"
API_FIXED = "# API\n\nSee [the home page](index.md). Fixed text.\n"
API_BROKEN = '# API\n\nBroken on purpose.\n\n--8<-- "inc/none.md"\n'


def make_project(root: Path, *, api: str = API_WITH_WARNING, override: str = "first") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "inc").mkdir()
    (root / "overrides").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text('# Home\n\n--8<-- "inc/part.md"\n', encoding="utf-8")
    (root / "inc" / "part.md").write_text("Included text one.\n", encoding="utf-8")
    (root / "docs" / "api.md").write_text(api, encoding="utf-8")
    set_override(root, override)
    return root


def set_override(root: Path, text: str) -> None:
    template = MAIN_OVERRIDE.replace("{{ override_text }}", text)
    (root / "overrides" / "main.html").write_text(template, encoding="utf-8")


class WarningLog(logging.Handler):
    """The `mkdocs` logger's warnings, as the terminal and `--strict` see them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> WarningLog:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
