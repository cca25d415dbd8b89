"""Tables in a PDF's lines (pure): rows of cells that line up, read as the other formats read them.

A PDF has no table, only pieces of text placed on the page. A line is a row when its pieces
start two or more cells, a cell starting past where the text before it surely ends (its
characters, at `CHAR_WIDTH` font sizes each, end `CELL_GAP` font sizes earlier or more); a run of at
least `MIN_ROWS` consecutive rows (a header among them) whose cells start at the same places (within `ALIGN` font
sizes) is a table: the alignment, not the gap, is what tells a table from running text. Each row then becomes one line as in HTML, DOCX and Markdown
(tables.table_lines: "Jaar: 2028; Budget: € 3,1 miljoen"), so a value keeps its column's name.
Justified or bold-mixed running text can break a line into pieces, but not at the same places on
three lines in a row; a list's mark before its text is part of the item, not a cell. Deliberately not done: a cell wrapped over two lines (the run ends there and
its lines stay plain text), ruled lines, columns of running text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lines import LIST_MARK
from .tables import table_lines

if TYPE_CHECKING:
    from .pdf_layout import Line

CHAR_WIDTH = 0.35  # a narrow character's width, in font sizes: a text ends no later than this says
CELL_GAP = 0.3    # the smallest gap before a new cell, in font sizes (a space and a bit)
ALIGN = 0.5       # how far the cells of two rows may start apart, in font sizes
MIN_ROWS = 3


def cells(line: Line) -> list[tuple[float, str]]:
    """The cells of a line: where each starts and its text.

    Example: with pieces "2028" at x=37 and " € 3,1 miljoen" at x=64 (11 pt),
             cells(line) == [(37, "2028"), (64, "€ 3,1 miljoen")]
    """
    found: list[tuple[float, list[str]]] = []
    reach = None
    for piece in line.pieces:
        if not piece.text.strip():
            continue
        if reach is None or piece.x > reach + CELL_GAP * piece.size:
            found.append((piece.x, []))
        found[-1][1].append(piece.text)
        reach = max(reach or piece.x, piece.x + CHAR_WIDTH * piece.size * len(piece.text.strip()))
    out = [(x, " ".join("".join(parts).split())) for x, parts in found]
    if len(out) >= 2 and LIST_MARK.fullmatch(out[0][1] + " "):  # "•" or "2." before the text: a list, not a cell
        out[:2] = [(out[0][0], f"{out[0][1]} {out[1][1]}")]
    return out


def table_rows(lines: list[Line]) -> dict[int, str]:
    """The lines that belong to a table, by index, each with its text as a row (tables.table_lines);
    a header row's line maps to "" (its names are in every row). A header may center its names: a
    line just above the rows counts as their header when each of its cells starts within its column.

    Example: lines "Jaar | Budget | Bron", "2027 | € 2 mln | IZA", "2028 | € 3 mln | IZA" with
             aligned cells -> {1: "Jaar: 2027; Budget: € 2 mln; Bron: IZA", 2: "...", 0: ""}
    """
    rows = [cells(line) for line in lines]
    out: dict[int, str] = {}
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and _aligned(rows[start], rows[end], lines[start].main.size):
            end += 1
        first = start - 1 if start and start - 1 not in out and _heads(rows[start - 1], rows[start], lines[start].main.size) else start
        if len(rows[start]) >= 2 and end - first >= MIN_ROWS and end - start >= 2:
            texts = [[text for _, text in row] for row in rows[first:end]]
            read = table_lines(texts)
            if len(read) == len(texts) - 1:  # the first row named the columns
                out[first] = ""
                out.update(zip(range(first + 1, end), read))
            else:
                out.update(zip(range(first, end), read))
        start = end
    return out


def _aligned(first: list[tuple[float, str]], row: list[tuple[float, str]], size: float) -> bool:
    return len(row) == len(first) >= 2 and all(abs(a - b) <= ALIGN * size for (a, _), (b, _) in zip(first, row))


def _heads(header: list[tuple[float, str]], row: list[tuple[float, str]], size: float) -> bool:
    """Whether `header`'s cells each start within the column of `row`'s cell below it."""
    starts = [x for x, _ in row]
    ends = starts[1:] + [float("inf")]
    return len(header) == len(row) >= 2 and all(s - ALIGN * size <= x < e for (x, _), s, e in zip(header, starts, ends))
