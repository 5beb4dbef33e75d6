"""Which of Material's `theme.features` this site's script (theme/assets/theme-script/page.js)
provides, so that a feature it does not provide is an author's warning instead of a silent no-op.
"""

from __future__ import annotations

#: Done by page.js.
SCRIPTED = frozenset(
    {
        "content.code.copy",
        "content.tabs.link",
        "navigation.top",
        "toc.follow",
    }
)

#: Done by Material's templates and CSS alone: no script involved.
TEMPLATE_ONLY = frozenset(
    {
        "content.action.edit",
        "content.action.view",
        "navigation.expand",
        "navigation.footer",
        "navigation.indexes",
        "navigation.path",
        "navigation.prune",
        "navigation.sections",
        "navigation.tabs",
        "toc.integrate",
    }
)

SUPPORTED = SCRIPTED | TEMPLATE_ONLY


def unsupported(features: list[str]) -> list[str]:
    """The features, in the author's order, that would do nothing without Material's bundle."""
    return [name for name in features if name not in SUPPORTED]
