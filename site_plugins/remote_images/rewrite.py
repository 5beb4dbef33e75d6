"""Finding URLs in rendered HTML and swapping them, without a full HTML parser.

Python-Markdown writes attributes with double quotes and escapes `&` as `&amp;`; raw HTML in a
page may use single quotes. Both are handled; everything outside the attributes we touch is
left byte for byte as it was.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

TAG = re.compile(r"<(img|source|a)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
ATTR = re.compile(
    r"""(?P<lead>\s)(?P<name>[\w:-]+)(?P<eq>\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')"""
)
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>()]+", re.I)

#: Returns the new URL, or None when the image cannot be shown.
ImageResolver = Callable[[str], "str | None"]
LinkResolver = Callable[[str], str]


def is_remote(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "//"))


def parse_srcset(value: str) -> list[tuple[str, str]]:
    """`srcset` candidates as (url, descriptor) pairs, per the HTML spec's splitting rules."""
    candidates = []
    pos = 0
    while pos < len(value):
        while pos < len(value) and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < len(value) and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = value.find(",", pos)
            end = len(value) if end == -1 else end
            descriptor = value[pos:end].strip()
            pos = end
        if url:
            candidates.append((url, descriptor))
    return candidates


def format_srcset(candidates: list[tuple[str, str]]) -> str:
    return ", ".join(f"{url} {d}".strip() for url, d in candidates)


def placeholder(alt: str) -> str:
    """What a reader sees instead of an image that can no longer be loaded."""
    label = html.escape(alt or "image", quote=True)
    return (
        f'<span class="remote-image-missing" role="img" aria-label="{label}" '
        'style="display:block;margin:1em 0;padding:1.5em 1em;border:2px dashed currentColor;'
        'border-radius:.4em;opacity:.75;text-align:center">'
        f"Image unavailable: {html.escape(alt or 'no description')}</span>"
    )


def _attributes(tag: str) -> dict[str, re.Match[str]]:
    return {m.group("name").lower(): m for m in ATTR.finditer(tag)}


def _value(match: re.Match[str]) -> str:
    raw = match.group("dq") if match.group("dq") is not None else match.group("sq")
    return html.unescape(raw)


def _replace_attr(tag: str, match: re.Match[str], value: str | None) -> str:
    """`tag` with one attribute set to `value`, or removed when `value` is None."""
    if value is None:
        return tag[: match.start()] + tag[match.end() :]
    quoted = html.escape(value, quote=True)
    new = f'{match.group("lead")}{match.group("name")}{match.group("eq")}"{quoted}"'
    return tag[: match.start()] + new + tag[match.end() :]


def _rewrite_tag(tag: str, name: str, image: ImageResolver, link: LinkResolver) -> str:
    attrs = _attributes(tag)
    if name == "a":
        href = attrs.get("href")
        if href and is_remote(_value(href)):
            new = link(_value(href))
            if new != _value(href):
                return _replace_attr(tag, href, new)
        return tag
    # img and source: srcset first (positions shift after each edit, so re-read attributes)
    srcset = attrs.get("srcset")
    if srcset:
        kept = []
        for url, descriptor in parse_srcset(_value(srcset)):
            new = image(url) if is_remote(url) else url
            if new is not None:
                kept.append((new, descriptor))
        if not kept and name == "source":
            return ""
        tag = _replace_attr(tag, srcset, format_srcset(kept) if kept else None)
        attrs = _attributes(tag)
    src = attrs.get("src")
    if src and is_remote(_value(src)):
        new = image(_value(src))
        if new is None:
            if name == "img":
                alt = attrs.get("alt")
                return placeholder(_value(alt) if alt else "")
            return ""
        tag = _replace_attr(tag, src, new)
    return tag


def rewrite_tags(page_html: str, image: ImageResolver, link: LinkResolver) -> str:
    """Send every remote URL in img/source (src, srcset) and a (href) through the resolvers."""
    return TAG.sub(lambda m: _rewrite_tag(m.group(0), m.group(1).lower(), image, link), page_html)


def rewrite_text_urls(page_html: str, fix: Callable[[str], str]) -> str:
    """Send every http(s) URL anywhere in the HTML (text, code, other attributes) through `fix`."""

    def one(match: re.Match[str]) -> str:
        raw = match.group(0)
        url = html.unescape(raw)
        new = fix(url)
        return raw if new == url else html.escape(new, quote=False)

    return URL_IN_TEXT.sub(one, page_html)
