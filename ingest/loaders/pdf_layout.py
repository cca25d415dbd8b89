"""PDF text layout (pure): positioned pieces of text -> lines -> paragraphs and headings.

Input is what pypdf's `visitor_text` reports: a piece of text with the position where it starts,
its font size and whether its font is bold. The rules, each with its reason:
- a piece of one to three digits in a smaller font after text on its line is a footnote
  marker ("jl.²"), and a column of bare numbers left of the text is margin line numbering;
- a line in the top or bottom band of the page that repeats (digits aside) at the same height
  on most pages (both of two) is a running header or footer; a page number there ("51", "Pagina
  3 van 3", up to three digits: a lone "2030" under a title is a year) goes on any page;
- a table of contents goes: its entries end in a dot leader and a page number (`lines.TOC_ENTRY`);
- a line continues the paragraph above it unless that line ended a sentence and there is
  extra space or that line stopped short, or the font changes, or the gap is a block gap, or
  the line starts a list item; hyphenated words are rejoined (see `lines.rejoin`);
- a paragraph in a larger or bold font is a heading; heading levels follow the font sizes.
- lines whose cells line up are a table, each row read with its column names (pdf_tables.py).
Deliberately not done: columns side by side on one baseline, rotated text.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .lines import (
    LIST_MARK,
    SENTENCE_END,
    TOC_ENTRY,
    TOC_HEADING,
    has_letters,
    is_heading_like,
    join_lines,
    repair_glyphs,
)
from .pdf_tables import table_rows

TOP_BOTTOM_BAND = 0.12  # share of the page height where headers and footers live
HEADING_SIZE = 1.15  # a line this much larger than the page's text is set as a heading
HEADING_LEADING = 1.6  # lines of one wrapped heading follow within this many times their size
FEW_LINES = 12  # a page with fewer lines (a slide) takes the length of a full line from the whole document
SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+\S")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{1,3})*")
_PAGE_NUMBER = re.compile(
    r"(?:(?:pagina|pag\.?|blz\.?|p\.|page)\s*)?\d{1,3}(?:\s*(?:van|/|of)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]",
    re.IGNORECASE,
)
# What a browser prints in the margins of a page: date and time with the page's title above, its
# address and "1/3" below ("12/8/26, 9:41 AM Jaarverslag 2026", "https://www.x.nl/zorg 1/3").
_PRINT_STAMP = re.compile(
    r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4},?\s+\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s.*)?|"
    r"(?:https?|file)://\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?")


@dataclass(frozen=True)
class Piece:
    text: str
    x: float
    y: float
    size: float
    bold: bool = False


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(p.text for p in self.pieces).split())

    @property
    def main(self) -> Piece:
        """The piece with the most characters: its font and baseline are the line's."""
        return max(self.pieces, key=lambda p: len(p.text.strip()))

    @property
    def x(self) -> float:
        return next((p.x for p in self.pieces if p.text.strip()), 0.0)

    @property
    def bold(self) -> bool:
        return all(p.bold for p in self.pieces if p.text.strip())


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float
    bold: bool
    row: bool = False  # a table's row, read with its column names: a paragraph, never a heading


@dataclass(frozen=True)
class Page:
    lines: list[Line]
    bottom: float
    top: float


def lines_from_pieces(pieces: list[Piece]) -> list[Line]:
    """Cut the pieces at pypdf's line breaks ("\\n" in a piece's text); blank lines dropped.

    Example: [l.text for l in lines_from_pieces([Piece("Zorg\\n", 0, 10, 9), Piece("thuis", 0, 0, 9)])]
             == ["Zorg", "thuis"]
    """
    lines, current = [], Line()
    for piece in pieces:
        parts = piece.text.split("\n")
        for number, part in enumerate(parts):
            if number:
                lines.append(current)
                current = Line()
            if part:
                current.pieces.append(Piece(part, piece.x, piece.y, piece.size, piece.bold))
    lines.append(current)
    return [line for line in lines if line.text]


def drop_markers(lines: list[Line]) -> list[Line]:
    """Footnote markers and margin line numbers out of the lines (see the module docstring)."""
    starts = Counter(round(line.x) for line in lines if len(line.text) >= 20 and not _NUMBER.fullmatch(line.text))
    body_left = starts.most_common(1)[0][0] if starts else None

    def in_margin(piece: Piece) -> bool:
        return body_left is not None and piece.x < body_left - piece.size and bool(_NUMBER.fullmatch(piece.text.strip()))

    margin_numbering = sum(1 for line in lines for p in line.pieces if in_margin(p)) >= 3
    out: list[Line] = []
    for line in lines:
        main = line.main
        kept = [p for i, p in enumerate(line.pieces)
                if not (margin_numbering and in_margin(p)) and not (i and _is_marker(p, main))]
        if kept and "".join(p.text for p in kept).strip():
            out.append(Line(kept))
    return out


def drop_contents(lines: list[Line]) -> list[Line]:
    """A page's lines without its table of contents: the entries and their "Inhoud" heading."""
    kept = [line for line in lines if not TOC_ENTRY.search(line.text)]
    if len(kept) < len(lines):
        kept = [line for line in kept if not TOC_HEADING.fullmatch(line.text.strip())]
    return kept


def _is_marker(piece: Piece, main: Piece) -> bool:
    return piece is not main and piece.size <= 0.8 * main.size and bool(_NUMBER.fullmatch(piece.text.strip()))


def drop_running(pages: list[Page]) -> list[list[Line]]:
    """Each page's lines without running headers, footers, page numbers and a browser's print stamps.

    Example: on three pages that each end in "Pagina n van 3" at y=30, those lines go.
    """
    def in_band(line: Line, page: Page) -> bool:
        band = TOP_BOTTOM_BAND * (page.top - page.bottom)
        return line.main.y > page.top - band or line.main.y < page.bottom + band

    def signature(line: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text.casefold()), round(line.main.y / 4)

    seen = Counter(sig for page in pages for sig in {signature(line) for line in page.lines if in_band(line, page)})
    repeated = {sig for sig, n in seen.items() if n >= max(2, len(pages) / 2)}
    return [
        [line for line in page.lines
         if not (in_band(line, page) and (signature(line) in repeated or _PAGE_NUMBER.fullmatch(line.text)
                                          or _PRINT_STAMP.fullmatch(unicodedata.normalize("NFKC", line.text))))]
        for page in pages
    ]


def paragraphs(lines: list[Line], document_full: float | None = None) -> list[Paragraph]:
    """Join a page's lines into paragraphs by layout (see the module docstring). A page of few lines
    (a slide) cannot tell how long a full line is: the whole document's (`document_full`) says it.

    Example: two lines 12 pt apart in a 10 pt font, the first not ending a sentence, are one paragraph.
    """
    if not lines:
        return []
    leading = _leading(lines)
    full = _full_length(lines)
    if document_full is not None and len(lines) < FEW_LINES:
        full = max(full or 0.0, document_full)
    text_size = statistics.median(line.main.size for line in lines)
    rows = table_rows(lines)  # a table's row is a paragraph of its own, read with its column names
    groups: list[list[Line]] = [[lines[0]]]
    for i, (above, line) in enumerate(itertools.pairwise(lines), start=1):
        below = lines[i + 1] if i + 1 < len(lines) else None
        if i in rows or i - 1 in rows or _breaks(above, line, leading, full, text_size) or _lone_label(above, line, below):
            groups.append([line])
        else:
            groups[-1].append(line)
    out, index = [], 0
    for group in groups:
        text = rows[index] if index in rows else join_lines([repair_glyphs(line.text) for line in group])
        out.append(Paragraph(text, group[0].main.size, all(line.bold for line in group), index in rows))
        index += len(group)
    return [p for p in out if p.text]


def _breaks(above: Line, line: Line, leading: float, full: float | None, text_size: float = 0.0) -> bool:
    """Whether `line` starts a new paragraph after `above`. Lines in a font larger than the page's
    text (`text_size`) are a heading wrapped over lines when they follow at their own leading:
    "Regiovisie langdurige zorg" / "Waalland 2026-2030" is one title, not two headings."""
    a, b = above.main, line.main
    gap = a.y - b.y
    text_above, text = above.text, line.text
    if LIST_MARK.match(text) or gap < -0.5 * a.size:  # a list item, or up the page: a new column
        return True
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size) or above.bold != line.bold:
        return True
    if text_size and a.size > HEADING_SIZE * text_size:  # a numbered line ("1.2 Doel") is a heading of its own
        return gap > HEADING_LEADING * a.size or text_above.endswith(SENTENCE_END) or bool(SECTION_NUMBER.match(text))
    if gap > 1.8 * leading:
        return True
    short = full is not None and len(text_above) < 0.7 * full
    if text_above.endswith(SENTENCE_END):
        indented = line.x > above.x + a.size
        return gap > 1.25 * leading or short or indented
    return short and not text[0].islower() and not text_above.endswith((",", "-", "\u2010"))


def _lone_label(above: Line, line: Line, below: Line | None) -> bool:
    """A short capitalised line between a finished sentence and a capitalised line (or the page
    end) stands alone: a heading or label set in the body font without extra space ("Doel")."""
    return (
        above.text.endswith(SENTENCE_END)
        and len(line.text.split()) <= 6
        and is_heading_like(line.text)
        and (below is None or not below.text[0].islower())
    )


def _leading(lines: list[Line]) -> float:
    """The page's usual distance between lines, kept between 1.0 and 1.6 times the font size
    (so a page of widely spaced single lines still shows its gaps)."""
    size = statistics.median(line.main.size for line in lines)
    gaps = [a.main.y - b.main.y for a, b in itertools.pairwise(lines)
            if 0 < a.main.y - b.main.y < 4 * a.main.size and abs(a.main.size - b.main.size) < 0.5]
    usual = statistics.median(gaps) if gaps else 1.2 * size
    return min(max(usual, 1.0 * size), 1.6 * size)


def full_length(pages: list[list[Line]]) -> float | None:
    """The length of a full line over the whole document (see _full_length)."""
    return _full_length([line for lines in pages for line in lines])


def _full_length(lines: list[Line]) -> float | None:
    """The length (in characters) of a line that runs to the right margin; None when a page
    has too few lines to say."""
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 3:
        return None
    return lengths[int(0.9 * (len(lengths) - 1))]


def body_size(pages: list[list[Line]]) -> float:
    """The font size of most of the text (by characters)."""
    sizes = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.main.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def is_heading(paragraph: Paragraph, body: float) -> bool:
    """Larger than the body text, or bold in a body that is not; short and not a sentence."""
    words = paragraph.text.split()
    return (
        not paragraph.row
        and (paragraph.size > 1.1 * body or paragraph.bold)
        and 0 < len(words) <= 14
        and not paragraph.text.endswith((".", ",", ";"))
        and has_letters(paragraph.text)
    )


def heading_levels(sizes: list[float]) -> dict[float, int]:
    """Example: heading_levels([14.0, 18.0, 14.0, 12.0]) == {18.0: 1, 14.0: 2, 12.0: 3}"""
    return {size: level for level, size in enumerate(sorted(set(sizes), reverse=True)[:6], start=1)}
