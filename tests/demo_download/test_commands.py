"""The placeholders of the "Get the demo" commands, as plain functions."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from site_plugins.demo_download.commands import (
    count_fence_placeholders,
    fill_page,
    render_fence,
    rendered_counts,
    unknown_placeholders,
    uses_placeholders,
)

TRUSTED = ("http://127.0.0.1:8000", "http://localhost:8000")


def test_the_fence_fills_in_the_url_and_leaves_a_slot_for_the_flag():
    html = render_fence(
        "pipx run --spec {{ wheel_url }} demo-server{{allow_origin}}",
        wheel_url="../downloads/a b&c.whl",
        trusted_origins=TRUSTED,
    )
    assert rendered_counts(f"<p>before</p>{html}<p>after</p>") == (1, 2)
    block = BeautifulSoup(html, "html.parser").div
    assert block["class"] == ["highlight", "demo-download"]
    assert json.loads(block["data-demo-download"]) == list(TRUSTED)
    assert block.select_one("[data-demo-download-url]").get_text() == "../downloads/a b&c.whl"
    assert block.select_one("[data-demo-download-origin]").get_text() == ""
    assert block.pre.code.get_text() == "pipx run --spec ../downloads/a b&c.whl demo-server\n"


def test_everything_else_in_the_fence_is_shown_as_typed():
    html = render_fence(
        "echo '<b>' && x={{ wheel_ulr }} && ${HOME}", wheel_url="u", trusted_origins=()
    )
    assert rendered_counts(html) == (1, 0)
    assert BeautifulSoup(html, "html.parser").code.get_text() == (
        "echo '<b>' && x={{ wheel_ulr }} && ${HOME}\n"
    )


def test_unknown_placeholders_are_named_once_each_in_page_order():
    page = "{{ wheel_url }} {{ wheel_ulr }} {{repo}} {{ wheel_ulr }} {{ allow_origin }}"
    assert unknown_placeholders(page) == ["{{ wheel_ulr }}", "{{repo}}"]


def test_pages_without_a_fence_or_a_known_placeholder_are_left_alone():
    assert not uses_placeholders("A Jinja example: {{ user.name }}\n")
    assert uses_placeholders("```demo-download\npip install x\n```\n")
    assert uses_placeholders("    ~~~~ demo-download\n")
    assert uses_placeholders("Clone {{ repo_url }}.\n")
    assert not uses_placeholders("```demo-downloads\n```\n")


def test_fence_placeholders_are_counted_wherever_they_are():
    assert (
        count_fence_placeholders("{{ wheel_url }} {{ allow_origin }} {{ repo_url }} {{ x }}") == 2
    )


def test_a_line_with_the_repository_shows_only_when_it_is_set():
    page = "Intro.\nThe source is at <{{ repo_url }}>.\nFrom a checkout:\n"
    assert fill_page(page, "https://github.com/o/r") == (
        "Intro.\nThe source is at <https://github.com/o/r>.\nFrom a checkout:\n",
        [],
    )
    assert fill_page(page, None) == ("Intro.\nFrom a checkout:\n", [2])
    assert fill_page(page, "") == ("Intro.\nFrom a checkout:\n", [2])


def test_fill_page_leaves_the_fence_placeholders_for_the_fence():
    page = "pip install {{ wheel_url }}{{ allow_origin }}\n"
    assert fill_page(page, "https://r") == (page, [])
