"""HTML pages: headings, paragraphs and list items from the tags; site chrome left out.

Navigation, headers, footers, forms, scripts and styles are skipped (a saved web page is mostly
menu), and so is any element that a site marks as such chrome by its role, or by a word of its
class or id (`<div class="breadcrumb">Home > Nieuws > ...</div>`, a cookie banner, a menu). Of a
footer only the lines that give a way to reach someone are kept (a phone number, an e-mail or postal
address: `text.CONTACT_DETAIL`), at the end under the heading "Contactgegevens": a page of a municipality
often says how to reach its desk only there. Its links and legal lines stay out. The page
`<title>` becomes the document title. A table becomes one line per row, as in Markdown and DOCX
(`tables.table_lines`; a first row of `<th>` cells names the columns): cell by cell, a tariff or
version table loses which value belongs to which label. Deliberately not done: CSS (hidden
elements still count), column spans, a table inside a table (its text joins the cell it is in),
encodings declared in `<meta charset>` (the bytes are decoded by `decoding.decode_text`, which
recognises UTF-8 and Windows-1252 itself).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant import messages as msg
from assistant.errors import UnreadableFileError
from assistant.records import Block
from assistant.text import CONTACT_DETAIL, normalize_ws

from .decoding import decode_text
from .tables import table_lines

_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "br", "blockquote", "dd", "dt"})
_CELL_TAGS = frozenset({"tr", "td", "th"})
_SKIP_TAGS = frozenset({"script", "style", "nav", "footer", "header", "noscript", "svg", "form"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_CHROME_WORDS = frozenset({"breadcrumb", "breadcrumbs", "kruimelpad", "cookie", "cookies", "cookiebar", "menu", "navbar",
                           "navigation", "navigatie", "skiplink", "footer", "sitemap", "related"})
CONTACT_HEADING = "Contactgegevens"
# Elements without an end tag, or whose end tag HTML lets a page leave out: marked as chrome, they
# would hide the rest of the page.
_NOT_CLOSED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                         "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"})


def _is_footer(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A page footer: `<footer>`, role "contentinfo", or "footer" a word of its class or id.

    Example: (_is_footer("footer", []), _is_footer("div", [("id", "site-footer")]), _is_footer("p", []))
             == (True, True, False)
    """
    return tag == "footer" or _role(attrs) == "contentinfo" or (tag not in _NOT_CLOSED and "footer" in _marks(attrs))


def _is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """An element the site marks as navigation or chrome: by its role, or a word of its class or id.

    Example: _is_chrome("div", [("class", "site-breadcrumb small")]) is True
    Example: _is_chrome("div", [("class", "menukaart")]) is False
    Example: _is_chrome("p", [("class", "cookie")]) is False
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


def _ends_line(tag: str) -> bool:
    """A tag that starts or ends a line of text (a footer's lines are read by it)."""
    return tag in _BLOCK_TAGS or tag in ("li", "tr") or bool(re.fullmatch(r"h[1-6]", tag))


class _HTMLBlocks(HTMLParser):
    _BLOCK = _BLOCK_TAGS
    _SKIP = _SKIP_TAGS

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = "paragraph"
        self._level = 1
        self._section = 1  # level of the last <h1>-<h6>: a <summary> is a heading one below it
        self._term = ""  # a <dt> waiting for its <dd>
        self._skip = 0
        self._in_title = False
        self._chrome: list[list] = []  # [tag, depth] of each open chrome element (_is_chrome)
        self._footer: list[list] = []  # [tag, depth] of each open footer element (_is_footer)
        self._footer_buf: list[str] = []
        self.footer_lines: list[str] = []
        self._tables = 0  # open <table> elements; only the outermost one's rows and cells count
        self._rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._header: bool | None = None  # the first row is all <th>
        self._row_th = True

    def flush(self) -> None:
        text = normalize_ws("".join(self._buf))
        if text and self._kind == "term":
            self._end_term()
            self._term = text
        elif text:
            if self._kind == "definition" and self._term:  # "Term: its definition", one block as a table row
                text, self._term = f"{self._term.rstrip(':')}: {text}", ""
            self._end_term()
            self.blocks.append(Block("paragraph" if self._kind == "definition" else self._kind, text, level=self._level))  # type: ignore[arg-type]
        self._buf.clear()
        self._kind, self._level = "paragraph", 1

    def _end_term(self) -> None:
        """A term without a definition after it stays a line of its own."""
        if self._term:
            self.blocks.append(Block("paragraph", self._term))
        self._term = ""

    def close(self) -> None:
        super().close()
        self.flush()
        self._footer_break()  # a footer left open at the end of the page

    def _footer_break(self) -> None:
        if line := normalize_ws("".join(self._footer_buf)):
            self.footer_lines.append(line)
        self._footer_buf.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] += 1
        elif _is_chrome(tag, attrs):
            self._chrome.append([tag, 1])
        if self._footer and tag == self._footer[-1][0]:
            self._footer[-1][1] += 1
        elif _is_footer(tag, attrs):
            self._footer.append([tag, 1])
        if self._footer and _ends_line(tag):
            self._footer_break()
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "table":
            if not self._tables:
                self.flush()
                self._rows, self._header = [], None
            self._tables += 1
        elif self._tables == 1 and tag == "tr":
            self._end_row()
            self._row, self._row_th = [], True
        elif self._tables == 1 and tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row, self._row_th = [], True
            self._cell = []
            self._row_th = self._row_th and tag == "th"
        elif self._cell is not None:  # a paragraph, line break or list inside a cell: one cell still
            if tag in self._BLOCK or tag == "li":
                self._cell.append(" ")
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self._kind, self._level = "heading", int(tag[1])
            self._section = self._level
        elif tag == "summary":  # the always visible title of a <details> (a question of an FAQ)
            self.flush()
            self._kind, self._level = "heading", min(6, self._section + 1)
        elif tag in ("dt", "dd"):
            self.flush()
            self._kind = "term" if tag == "dt" else "definition"
        elif tag == "li":
            self.flush()
            self._kind = "list_item"
        elif tag in self._BLOCK or tag in _CELL_TAGS:  # a cell outside any table is a block of its own
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] -= 1
            if not self._chrome[-1][1]:
                self._chrome.pop()
        if self._footer and _ends_line(tag):
            self._footer_break()
        if self._footer and tag == self._footer[-1][0]:
            self._footer[-1][1] -= 1
            if not self._footer[-1][1]:
                self._footer.pop()
                self._footer_break()
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._tables:
            self._tables -= 1
            if not self._tables:
                self._end_row()
                self.flush()  # a caption
                self.blocks.extend(Block("paragraph", line) for line in table_lines(self._rows, self._header))
                self._rows = []
        elif self._tables == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._tables == 1 and tag == "tr":
            self._end_row()
        elif self._cell is not None:
            pass
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK or tag in {"li", "ul", "ol", "summary"} or tag in _CELL_TAGS:
            self.flush()
        elif tag == "dl":
            self.flush()
            self._end_term()

    def handle_data(self, data: str) -> None:
        if self._footer and self.lasttag not in ("script", "style"):  # a footer's code is no contact line
            self._footer_buf.append(data)
        if self._in_title:
            self.title += data
        elif not self._skip and not self._chrome:
            (self._cell if self._cell is not None else self._buf).append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(normalize_ws("".join(self._cell)))
        self._cell = None

    def _end_row(self) -> None:
        """Close the open row (HTML lets a page leave out `</td>` and `</tr>`)."""
        self._end_cell()
        if self._row:
            if not self._rows:
                self._header = True if self._row_th else None  # all <th>: the column names; else table_lines guesses
            self._rows.append(self._row)
        self._row = None


def load_html(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_html(b"<nav>Menu</nav><h1>Doel</h1><p>Tekst.</p>", "a.html")[0]
             == [Block("heading", "Doel"), Block("paragraph", "Tekst.")]
    """
    parser = _HTMLBlocks()
    try:
        parser.feed(decode_text(data, name))
        parser.close()
    except AssertionError as exc:  # html.parser's answer to a malformed `<![...[` section
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="HTML")) from exc
    title = normalize_ws(parser.title)
    return parser.blocks + contact_blocks(parser.footer_lines), {"title": title} if title else {}


def contact_blocks(footer_lines: list[str]) -> list[Block]:
    """The footer's lines with a contact detail, under one heading (none: nothing).

    Example: contact_blocks(["Privacy", "Loket: 0180 44 55 66"])
             == [Block("heading", "Contactgegevens", level=2), Block("paragraph", "Loket: 0180 44 55 66")]
    """
    kept = list(dict.fromkeys(line for line in footer_lines if CONTACT_DETAIL.search(line)))
    return [Block("heading", CONTACT_HEADING, level=2), *(Block("paragraph", line) for line in kept)] if kept else []
