"""Throwaway MkDocs projects that use the remote-images plugin on a Notion-style export."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.helpers import ROOT


def signing_times() -> dict[str, str]:
    now = datetime.now(timezone.utc)
    return {
        "now": now.strftime("%Y%m%dT%H%M%SZ"),
        "day": now.strftime("%Y%m%d"),
        "iso_later": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "epoch_later": str(int((now + timedelta(hours=1)).timestamp())),
    }


def notion_export(server: str) -> str:
    text = (ROOT / "tests" / "fixtures" / "notion-export.md").read_text(encoding="utf-8")
    return text.format(server=server, **signing_times())


def make_project(folder: Path, page: str, plugin_config: str = "", extra: str = "") -> Path:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Home\n\n[Export](export.md)\n", encoding="utf-8")
    (folder / "docs" / "export.md").write_text(page, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Export test\n"
        "nav:\n  - index.md\n  - export.md\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n"
        f"plugins:\n  - search\n  - remote-images{':' if plugin_config else ''}\n{plugin_config}"
        f"{extra}",
        encoding="utf-8",
    )
    return folder
