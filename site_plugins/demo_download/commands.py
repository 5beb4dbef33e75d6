"""The "Get the demo" commands in a page: placeholders an author types, HTML a reader copies.

An author writes the commands in a ```` ```demo-download ```` fence (a superfences custom fence,
so it works in content tabs, lists and admonitions):

    ```demo-download
    pipx run --spec {{ wheel_url }} demo-server{{ allow_origin }}
    ```

- `{{ wheel_url }}`: the wheel's address; absolute when mkdocs.yml sets `site_url`, otherwise
  relative to the page, and the page script makes it absolute in the reader's browser.
- `{{ allow_origin }}`: nothing, or ` --allow-origin <the page's origin>` when the page is
  served from an origin the downloaded demo does not already trust (filled in by the script).
- `{{ repo_url }}`: mkdocs.yml's `repo_url`, anywhere in a page; a line that uses it is left
  out when `repo_url` is not set, so a sentence linking to the repository appears only then.

The fence renders as a plain code block, without the script too; the script only fills in.
"""

from __future__ import annotations

import html
import json
import re

FENCE = "demo-download"
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[^{}\s]*)\s*\}\}")
#: Filled in when the fence is rendered, with help from the page script.
IN_FENCE = ("wheel_url", "allow_origin")
#: Filled in on the whole page before it is rendered.
ON_PAGE = ("repo_url",)
KNOWN = (*IN_FENCE, *ON_PAGE)
FENCE_LINE = re.compile(rf"^[ \t>]*(`{{3,}}|~{{3,}})[ \t]*{re.escape(FENCE)}\b", re.M)

#: Attributes the page script looks for (assets/demo-download.js).
BLOCK_ATTR = "data-demo-download"
URL_ATTR = "data-demo-download-url"
ORIGIN_ATTR = "data-demo-download-origin"


def shown(name: str) -> str:
    return "{{ " + name + " }}"


def uses_placeholders(markdown: str) -> bool:
    """Whether the plugin has anything to do on this page: a fence, or one of its placeholders.

    Other `{{ … }}` on pages without a fence are someone else's (a Jinja example, say).
    """
    return bool(FENCE_LINE.search(markdown)) or any(
        match["name"] in KNOWN for match in PLACEHOLDER.finditer(markdown)
    )


def unknown_placeholders(markdown: str) -> list[str]:
    """Each misspelt or unknown placeholder, in page order, once."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(markdown):
        if match["name"] not in KNOWN:
            seen.setdefault(match.group(0))
    return list(seen)


def count_fence_placeholders(markdown: str) -> int:
    return sum(match["name"] in IN_FENCE for match in PLACEHOLDER.finditer(markdown))


def fill_page(markdown: str, repo_url: str | None) -> tuple[str, list[int]]:
    """`markdown` with `{{ repo_url }}` filled in, or the lines using it left out when unset;
    and the numbers (from 1) of the lines left out, for the build to say so."""
    lines = []
    dropped = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        if any(match["name"] in ON_PAGE for match in PLACEHOLDER.finditer(line)):
            if not repo_url:
                dropped.append(number)
                continue
            line = PLACEHOLDER.sub(
                lambda m: repo_url if m["name"] == "repo_url" else m.group(0), line
            )
        lines.append(line)
    return "\n".join(lines), dropped


def render_fence(
    source: str,
    *,
    wheel_url: str,
    trusted_origins: tuple[str, ...],
    shared_origin: str | None = None,
) -> str:
    """The HTML of one fence (`rendered_counts` finds what it filled in).

    Unknown placeholders stay as typed (the page check has named them already). With
    `shared_origin` (a site published under a path of a host it shares), a note after the
    commands says that the demo they install trusts every page of that origin.
    """
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(source):
        parts.append(html.escape(source[position : match.start()], quote=False))
        position = match.end()
        if match["name"] == "wheel_url":
            parts.append(f"<span {URL_ATTR}>{html.escape(wheel_url, quote=False)}</span>")
        elif match["name"] == "allow_origin":
            parts.append(f"<span {ORIGIN_ATTR}></span>")
        else:
            parts.append(html.escape(match.group(0), quote=False))
    parts.append(html.escape(source[position:].rstrip("\n"), quote=False))
    trusted = html.escape(json.dumps(list(trusted_origins)), quote=True)
    code = "".join(parts)
    block = (
        f'<div class="highlight {FENCE}" {BLOCK_ATTR}="{trusted}"><pre><code>{code}\n</code></pre>'
        "</div>"
    )
    if shared_origin:
        origin = html.escape(shared_origin)
        block += (
            f'\n<p class="{FENCE}-note">The demo these commands install lets every page of '
            f"<code>{origin}</code> call it, not only this site's: a browser tells a server a "
            "page's origin, never its path. Stop the demo when you are done, or run a copy "
            "from the repository, which trusts no site until you pass <code>--allow-origin</code>."
            "</p>"
        )
    return block


def rendered_counts(page_html: str) -> tuple[int, int]:
    """How many fences a page's HTML has, and how many placeholders they filled in."""
    filled = page_html.count(f"<span {URL_ATTR}>") + page_html.count(f"<span {ORIGIN_ATTR}>")
    return page_html.count(f' {BLOCK_ATTR}="'), filled
