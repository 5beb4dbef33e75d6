"""Under `mkdocs serve`, saving a page runs its console commands: a drift is a file:line
warning (which the problems panel shows), and an unchanged page runs nothing."""

from __future__ import annotations

import logging

import pytest

from site_plugins.page_checks.plugin import PageChecksPlugin

GOOD = (
    "# Health\n\n```console\n$ curl -s http://localhost:3000/healthz\n"
    '{\n  "status": "ok",\n  "database": "ok"\n}\n```\n'
)
DRIFTED = GOOD.replace('"ok",', '"fine",')


def serving_plugin() -> PageChecksPlugin:
    plugin = PageChecksPlugin()
    errors, warnings = plugin.load_config({})
    assert not errors
    plugin.on_startup(command="serve", dirty=False)
    return plugin


@pytest.mark.processes
def test_a_saved_page_that_drifted_is_a_warning_with_its_line(caplog):
    plugin = serving_plugin()
    with caplog.at_level(logging.WARNING):
        plugin._run_commands_if_saved("docs/health.md", GOOD)  # the first build: remembered
        plugin._run_commands_if_saved("docs/health.md", DRIFTED)  # saved, and wrong
    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    where = "docs/health.md:4: $ curl -s http://localhost:3000/healthz: "
    assert f"{where}prints other than the page shows:" in record.getMessage()
    assert '-  "status": "fine",' in record.getMessage()


@pytest.mark.processes
def test_an_unchanged_or_fixed_page_gives_no_warning(caplog):
    plugin = serving_plugin()
    with caplog.at_level(logging.WARNING):
        plugin._run_commands_if_saved("docs/health.md", DRIFTED)
        plugin._run_commands_if_saved("docs/health.md", DRIFTED)  # not saved: nothing runs
        plugin._run_commands_if_saved("docs/health.md", GOOD)  # fixed
    assert [r for r in caplog.records if r.levelno == logging.WARNING] == []


def test_a_build_runs_nothing(caplog):
    plugin = PageChecksPlugin()
    plugin.load_config({})
    plugin.on_startup(command="build", dirty=False)
    assert plugin.serving is False
