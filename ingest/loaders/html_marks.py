"""What the elements of a web page are (pure predicates, for html.py): site chrome by its role or a word
of its class or id, a page footer and which of its lines are kept, where a footer's line ends, an
accordion's button, how far a cell spans, and which tables lay out the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant.records import Block
from assistant.text import CONTACT_DETAIL

BLOCK_TAGS = frozenset({"p", "div", "section", "article", "br", "blockquote", "dd", "dt"})
CELL_TAGS = frozenset({"tr", "td", "th"})
SKIP_TAGS = frozenset({"script", "style", "nav", "footer", "header", "noscript", "svg", "form"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_CHROME_WORDS = frozenset({"breadcrumb", "breadcrumbs", "kruimelpad", "cookie", "cookies", "cookiebar", "menu", "navbar",
                           "navigation", "navigatie", "skiplink", "footer", "sitemap", "related", "share", "social"})
CONTACT_HEADING = "Contactgegevens"
LABEL_WORDS = 4  # a footer line this short just above a contact detail names it ("Gemeentehuis")
# Elements without an end tag, or whose end tag HTML lets a page leave out: marked as chrome, they
# would hide the rest of the page.
_NOT_CLOSED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                         "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"})


def is_footer(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A page footer: `<footer>`, role "contentinfo", or "footer" a word of its class or id.

    Example: (is_footer("footer", []), is_footer("div", [("id", "site-footer")]), is_footer("p", []))
             == (True, True, False)
    """
    return tag == "footer" or _role(attrs) == "contentinfo" or (tag not in _NOT_CLOSED and "footer" in _marks(attrs))


def contact_blocks(footer_lines: list[tuple[str, bool]]) -> list[Block]:
    """The footer's lines (text, all of it links) with a contact detail, each with the short line
    just above it that names it ("Gemeentehuis" over "Marktplein 1", not a link), under one heading
    (none: nothing).

    Example: contact_blocks([("Privacy", True), ("Loket: 0180 44 55 66", False)])
             == [Block("heading", "Contactgegevens", level=2), Block("paragraph", "Loket: 0180 44 55 66")]
    """
    kept = [i for i, (line, _) in enumerate(footer_lines) if CONTACT_DETAIL.search(line)]
    labels = [i - 1 for i in kept if i and i - 1 not in kept and not footer_lines[i - 1][1]
              and len(footer_lines[i - 1][0].split()) <= LABEL_WORDS]
    lines = list(dict.fromkeys(footer_lines[i][0] for i in sorted({*kept, *labels})))
    return [Block("heading", CONTACT_HEADING, level=2), *(Block("paragraph", line) for line in lines)] if lines else []


def is_disclosure(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A button that opens and closes a panel (an accordion's title): it says whether it is open.

    Example: (is_disclosure("button", [("aria-expanded", "false")]), is_disclosure("button", [])) == (True, False)
    """
    return tag == "button" and any(name in ("aria-expanded", "aria-controls") for name, _ in attrs)


def is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """An element the site marks as navigation or chrome: by its role, or a word of its class or id.

    Example: is_chrome("div", [("class", "site-breadcrumb small")]) is True
    Example: is_chrome("div", [("class", "menukaart")]) is False
    Example: is_chrome("p", [("class", "cookie")]) is False
    """
    if tag in _NOT_CLOSED:
        return False
    return _role(attrs) in _CHROME_ROLES or bool(_CHROME_WORDS.intersection(_marks(attrs)))


def _role(attrs: list[tuple[str, str | None]]) -> str:
    return (dict(attrs).get("role") or "").lower()


def _marks(attrs: list[tuple[str, str | None]]) -> list[str]:
    """The words of an element's class and id ("site-breadcrumb small": site, breadcrumb, small)."""
    values = dict(attrs)
    return re.split(r"[\s_-]+", f"{values.get('class') or ''} {values.get('id') or ''}".lower())


def ends_line(tag: str) -> bool:
    """A tag that starts or ends a line of text (a footer's lines are read by it)."""
    return tag in BLOCK_TAGS or tag in ("li", "tr") or bool(re.fullmatch(r"h[1-6]", tag))


def cell_span(attrs: list[tuple[str, str | None]], name: str) -> int:
    """A cell's `rowspan` or `colspan` (1 when absent or unreadable; at most MAX_SPAN)."""
    value = dict(attrs).get(name) or "1"
    return min(MAX_SPAN, int(value)) if value.strip().isdigit() and int(value) > 0 else 1


MAX_SPAN = 50  # a span of "1000" in a broken page must not make a thousand rows


class LayoutTables(HTMLParser):
    """Which tables lay out a page rather than hold data, each `<table>` in document order: a table
    with a heading, a table inside it, or a cell of three or more paragraphs or list items is a layout
    (an older site's columns, an e-mail newsletter); read row by row, its whole page became one row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.layout: list[bool] = []
        self._open: list[int] = []  # indexes of the open tables
        self._blocks = 0  # paragraphs and list items in the current cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self._open:
                self.layout[self._open[-1]] = True
            self._open.append(len(self.layout))
            self.layout.append(False)
        elif self._open and re.fullmatch(r"h[1-6]", tag):
            self.layout[self._open[-1]] = True
        elif self._open and tag in ("td", "th"):
            self._blocks = 0
        elif self._open and tag in ("p", "li"):
            self._blocks += 1
            self.layout[self._open[-1]] |= self._blocks >= LAYOUT_CELL_BLOCKS

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()


LAYOUT_CELL_BLOCKS = 3
