"""The Databases page (docs/databases.md) shows the to-do as each database really holds it: the
row or document of the seeded `sub thing now`, read behind the app's back from a fresh demo
database on each of the four, is the one its tab shows (the date aside)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.db_fill import documents, raw
from tests.helpers import ROOT

EVERY_DATABASE = True
PAGE = ROOT / "docs" / "databases.md"
#: The tab of each database on the page (tests/conftest.py's DATABASES names them).
TABS = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MySQL", "mongodb": "MongoDB"}
#: The to-do the page shows: the fourth of the seed list, a sub-task of the third.
SHOWN_ID = 4
DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def first_tab(label: str) -> str:
    """The text of the page's first tab named `label` (the "One to-do, four ways" section)."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f'=== "{label}"\n')
    following = re.search(r'^(=== "|#)', text[start + 1 :], re.M)
    assert following is not None
    return text[start : start + 1 + following.start()]


def shown_row(tab: str) -> dict[str, str]:
    """The tab's table of one row, as {column: cell}."""
    lines = [line.strip() for line in tab.splitlines() if line.strip().startswith("|")]
    header, _, row = ([cell.strip() for cell in line.strip("|").split("|")] for line in lines)
    return dict(zip(header, row, strict=True))


def shown_document(tab: str) -> dict[str, Any]:
    block = re.search(r"```json\n(.*?)```", tab, re.S)
    assert block is not None, "the MongoDB tab shows no ```json document"
    return json.loads(block.group(1))


def cell(value: object) -> str:
    """A value as the page writes it in a row: SQL's words for booleans and no value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "NULL" if value is None else str(value)


def test_the_page_shows_the_to_do_as_the_database_holds_it(settings, database):
    tab = first_tab(TABS[database])
    if database == "mongodb":
        with documents(settings.database) as (todos, _):
            held = todos.find_one({"_id": SHOWN_ID})
        shown = shown_document(tab)
        assert DATE.fullmatch(held.pop("created_at")) and DATE.fullmatch(shown.pop("created_at"))
        assert shown == held
        return
    with raw(settings) as run:
        (row,) = run("SELECT * FROM todos WHERE id = ?", (SHOWN_ID,))
    held = {key: cell(row[key]) for key in row.keys()}  # noqa: SIM118 (a sqlite3.Row iterates values)
    shown = shown_row(tab)
    assert list(shown) == list(held), "the columns, in the table's order"
    assert DATE.fullmatch(held.pop("created_at")) and DATE.fullmatch(shown.pop("created_at"))
    assert shown == held


def test_every_tab_is_found_and_differs_where_the_databases_do():
    """Not vacuous: each tab holds its own row, and the rows differ as the types do (SQLite's
    and MySQL's `done` is 0, PostgreSQL's false)."""
    rows = {label: shown_row(first_tab(label)) for label in ("SQLite", "PostgreSQL", "MySQL")}
    assert {label: row["done"] for label, row in rows.items()} == {
        "SQLite": "0",
        "PostgreSQL": "false",
        "MySQL": "0",
    }
    assert shown_document(first_tab("MongoDB"))["ancestors"] == [3]


@pytest.mark.parametrize("label", TABS.values())
def test_each_tab_includes_its_own_backends_table(label):
    """The table a tab shows is included from that backend's module, never pasted."""
    tab = first_tab(label)
    if label == "MongoDB":
        assert "CREATE TABLE" not in tab
        return
    assert f'--8<-- "demo_server/storage/{label.lower()}.py:schema"' in tab


def test_the_measured_table_is_included_from_the_bench_results_and_no_figure_is_typed():
    """The figures come from `make bench` (bench/results/databases.md, made from
    databases.json): the page includes that file, and none of the run's figures is typed into
    the page itself, where the next run would leave it wrong."""
    page = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "bench/results/databases.md"' in page
    report = json.loads((ROOT / "bench" / "results" / "databases.json").read_text("utf-8"))
    figures = {
        f"{row['requests_per_s'][key]:,.0f}"
        for row in report["results"]
        for key in ("median", "min", "max")
    }
    assert len(figures) >= 4 * 2, figures  # every database, reads and writes
    typed = sorted(f for f in figures if re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d,])", page))
    assert typed == []
