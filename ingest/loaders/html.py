"""HTML pages: headings, paragraphs and list items from the tags; site chrome left out.

Navigation, headers, footers, forms, scripts and styles are skipped (a saved web page is mostly
menu), and so is any element that a site marks as such chrome by its role, or by a word of its
class or id (`<div class="breadcrumb">Home > Nieuws > ...</div>`, a cookie banner, a menu). Of a
footer only the lines that give a way to reach someone are kept (a phone number, an e-mail or postal
address: `text.CONTACT_DETAIL`), at the end under the heading "Contactgegevens": a page of a municipality
often says how to reach its desk only there. Its links and legal lines stay out. The page
`<title>` becomes the document title. A table becomes one line per row, as in Markdown and DOCX
(`tables.table_lines`; a first row of `<th>` cells names the columns): cell by cell, a tariff or
version table loses which value belongs to which label. A table that lays out the page (with a
heading, a table in it, or a cell of three paragraphs: `html_marks.LayoutTables`) is read as the page
it holds, its cell of links only (the menu) left out. The `<summary>` of a `<details>` (an FAQ's
question) and a line all in bold are headings one below the section; a definition list reads "Term:
meaning"; a cell spanning rows or columns holds its text in each. Deliberately not done: CSS (hidden
elements still count), a data table inside a data table (its text joins the cell it is in), encodings
declared in `<meta charset>` (the bytes are decoded by `decoding.decode_text`, which recognises UTF-8 and
Windows-1252 itself).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant import messages as msg
from assistant.errors import UnreadableFileError
from assistant.records import Block
from assistant.text import normalize_ws

from .decoding import decode_text
from .html_marks import (
    BLOCK_TAGS,
    CELL_TAGS,
    SKIP_TAGS,
    LayoutTables,
    cell_span,
    contact_blocks,
    ends_line,
    is_chrome,
    is_disclosure,
    is_footer,
)
from .lines import is_heading_like
from .tables import table_lines


class _HTMLBlocks(HTMLParser):
    _BLOCK = BLOCK_TAGS
    _SKIP = SKIP_TAGS

    def __init__(self, layout: list[bool] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._layout = layout or []  # per <table> in document order: does it lay out the page (html_marks.LayoutTables)?
        self._table_count = 0
        self._open_tables: list[bool] = []  # of each open <table>: a layout table
        self._links = 0  # open <a> elements
        self._bold = 0  # open <strong>/<b> elements
        self._plain = False  # the open block has text outside them
        self._layout_cell: tuple[int, list[int]] | None = None  # a layout cell: its first block, [text in links, other text]
        self.title = ""
        self._buf: list[str] = []
        self._kind = "paragraph"
        self._level = 1
        self._section = 1  # level of the last <h1>-<h6>: a <summary> is a heading one below it
        self._disclosure = "summary"  # the tag of the last heading that opens a panel (its end flushes)
        self._term = ""  # a <dt> waiting for its <dd>
        self._skip = 0
        self._in_title = False
        self._chrome: list[list] = []  # [tag, depth] of each open chrome element (html_marks.is_chrome)
        self._footer: list[list] = []  # [tag, depth] of each open footer element (html_marks.is_footer)
        self._footer_buf: list[tuple[str, bool]] = []  # (text, inside a link)
        self.footer_lines: list[tuple[str, bool]] = []  # (line, all of it links)
        self._rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._cell_span = (1, 1)  # rows and columns the open cell spans
        self._spans: dict[int, list] = {}  # column -> [text, rows still to fill] of a cell spanning down
        self._header: bool | None = None  # the first row is all <th>
        self._row_th = True

    @property
    def _tables(self) -> int:
        """Open data `<table>` elements; only the outermost one's rows and cells count."""
        return self._open_tables.count(False)

    @property
    def _in_layout(self) -> bool:
        """Inside a layout table and no data table in it (a layout table never opens inside a data table)."""
        return bool(self._open_tables) and self._open_tables[-1]

    def flush(self) -> None:
        text = normalize_ws("".join(self._buf))
        if self._kind == "paragraph" and text and not self._plain and is_heading_like(text):
            self._kind, self._level = "heading", min(6, self._section + 1)  # a bold line: "<p><b>Voor wie?</b></p>"
        self._plain = False
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
        if line := normalize_ws("".join(text for text, _ in self._footer_buf)):
            self.footer_lines.append((line, all(linked or not any(c.isalnum() for c in text)
                                                     for text, linked in self._footer_buf)))
        self._footer_buf.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] += 1
        elif is_chrome(tag, attrs):
            self._chrome.append([tag, 1])
        if self._footer and tag == self._footer[-1][0]:
            self._footer[-1][1] += 1
        elif is_footer(tag, attrs):
            self._footer.append([tag, 1])
        if self._footer and ends_line(tag):
            self._footer_break()
        if tag == "a":
            self._links += 1
        if tag in ("strong", "b"):
            self._bold += 1
        if tag in ("td", "th") and self._in_layout:
            self._end_layout_cell()
            self._layout_cell = (len(self.blocks), [0, 0])
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "table":
            outermost = not self._tables
            layout = outermost and self._table_count < len(self._layout) and self._layout[self._table_count]
            self._table_count += 1
            if outermost:  # a layout table's cells are the page's columns, blocks of their own; a data table's rows start
                self.flush()
                if not layout:
                    self._rows, self._header, self._spans = [], None, {}
            self._open_tables.append(layout)
        elif self._tables == 1 and tag == "tr":
            self._end_row()
            self._row, self._row_th = [], True
        elif self._tables == 1 and tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row, self._row_th = [], True
            self._cell, self._cell_span = [], (cell_span(attrs, "rowspan"), cell_span(attrs, "colspan"))
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
        elif (tag == "summary" or is_disclosure(tag, attrs)) and self._kind != "heading":
            self.flush()  # the always visible title of a <details> or an accordion's panel (an FAQ's question)
            self._kind, self._level, self._disclosure = "heading", min(6, self._section + 1), tag
        elif tag in ("dt", "dd"):
            self.flush()
            self._kind = "term" if tag == "dt" else "definition"
        elif tag == "li":
            self.flush()
            self._kind = "list_item"
        elif tag in self._BLOCK or tag in CELL_TAGS:  # a cell outside any table is a block of its own
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._chrome and tag == self._chrome[-1][0]:
            self._chrome[-1][1] -= 1
            if not self._chrome[-1][1]:
                self._chrome.pop()
        if self._footer and ends_line(tag):
            self._footer_break()
        if self._footer and tag == self._footer[-1][0]:
            self._footer[-1][1] -= 1
            if not self._footer[-1][1]:
                self._footer.pop()
                self._footer_break()
        if tag == "a":
            self._links = max(0, self._links - 1)
        if tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        if tag in ("td", "th", "tr") and self._in_layout:
            self._end_layout_cell()
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._open_tables:
            if self._open_tables.pop():
                self._end_layout_cell()
                self.flush()
            elif not self._tables:  # the outermost data table closed
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
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK or tag in {"li", "ul", "ol", self._disclosure} or tag in CELL_TAGS:
            self.flush()
        elif tag == "dl":
            self.flush()
            self._end_term()

    def handle_data(self, data: str) -> None:
        if self._footer and self.lasttag not in ("script", "style"):  # a footer's code is no contact line
            self._footer_buf.append((data, self._links > 0))
        if self._in_title:
            self.title += data
        elif not self._skip and not self._chrome:
            (self._cell if self._cell is not None else self._buf).append(data)
            self._plain = self._plain or bool(data.strip() and not self._bold)
            if self._layout_cell is not None and data.strip():
                self._layout_cell[1][0 if self._links else 1] += len(data.strip())

    def _end_layout_cell(self) -> None:
        """End a cell of a layout table; a cell of links only is the page's menu and goes."""
        if self._layout_cell is None:
            return
        self.flush()
        start, (linked, other) = self._layout_cell
        if linked and not other:
            del self.blocks[start:]
        self._layout_cell = None

    def _end_cell(self) -> None:
        """Close the open cell; a cell spanning columns or rows holds its text in each (the row below
        gets it where it has no cell of its own: `rowspan`)."""
        if self._cell is not None and self._row is not None:
            self._spanned()
            text = normalize_ws("".join(self._cell))
            rows, columns = self._cell_span
            for _ in range(columns):
                if rows > 1:
                    self._spans[len(self._row)] = [text, rows - 1]
                self._row.append(text)
        self._cell = None

    def _spanned(self) -> None:
        """The cells of rows above that span down into the open row, at its next columns."""
        while self._row is not None and (above := self._spans.get(len(self._row))):
            self._row.append(above[0])
            above[1] -= 1
            if not above[1]:
                del self._spans[len(self._row) - 1]

    def _end_row(self) -> None:
        """Close the open row (HTML lets a page leave out `</td>` and `</tr>`)."""
        self._end_cell()
        self._spanned()
        if self._row:
            if not self._rows:
                self._header = True if self._row_th else None  # all <th>: the column names; else table_lines guesses
            self._rows.append(self._row)
        self._row = None


def load_html(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_html(b"<nav>Menu</nav><h1>Doel</h1><p>Tekst.</p>", "a.html")[0]
             == [Block("heading", "Doel"), Block("paragraph", "Tekst.")]
    """
    text = decode_text(data, name)
    try:
        tables = LayoutTables()
        tables.feed(text)
        tables.close()
        parser = _HTMLBlocks(tables.layout)
        parser.feed(text)
        parser.close()
    except AssertionError as exc:  # html.parser's answer to a malformed `<![...[` section
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="HTML")) from exc
    title = normalize_ws(parser.title)
    return parser.blocks + contact_blocks(parser.footer_lines), {"title": title} if title else {}

