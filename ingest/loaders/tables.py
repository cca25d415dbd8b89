"""Table rows as readable lines, so a label stays with its cells in one block.

One shape for every format (Markdown, DOCX): with a header row each cell is named by its
column ("Kolom: waarde; Kolom2: waarde2"); without one the first cell labels the rest
("Label: cel1; cel2"). Deliberately not done: column spans, nested layout, number formatting.
"""

from __future__ import annotations

import re

from assistant.text import normalize_ws

# A first row reads as a header when each of its cells is a short label, not a sentence.
MAX_HEADER_WORDS = 6
_YEAR = re.compile(r"(19|20)\d\d")


def row_text(cells: list[str], header: list[str] | None = None) -> str:
    """One table row as text; empty cells are left out, a repeated (merged) cell counts once.
    Under a header a value repeated in the next column holds for both columns, which are
    named together ("Extra en Plus: € 60").

    Example: (row_text(["Wlz", "Wet langdurige zorg"]), row_text(["1", "ja"], ["Nr", "Klaar"]), row_text(["Datum:", "12 mei"]),
              row_text(["Meter", "€ 60", "€ 60"], ["Middel", "Extra", "Plus"]))
             == ("Wlz: Wet langdurige zorg", "Nr: 1; Klaar: ja", "Datum: 12 mei", "Middel: Meter; Extra en Plus: € 60")
    """
    cells = [normalize_ws(c) for c in cells]
    if header is not None:
        names = [normalize_ws(h) for h in header] + [""] * max(0, len(cells) - len(header))
        pairs = _named_together([(n, c) for n, c in zip(names, cells) if c])
        return "; ".join(f"{n}: {c}" if n and n != c else c for n, c in pairs)
    values = [c for _, c in _named_together([("", c) for c in cells if c])]  # a merged cell, repeated, counts once
    if len(values) < 2:
        return values[0] if values else ""
    return f"{values[0].rstrip(':')}: {'; '.join(values[1:])}"


def looks_like_header(cells: list[str]) -> bool:
    """Short labels, no sentences, no numbers but a year that names a column after the first cell
    ("Post | 2025 | 2026").

    Example: (looks_like_header(["Bouwblok", "Doel", "Actie"]), looks_like_header(["Wlz", "Dit is zo."]),
              looks_like_header(["Post", "2025", "2026"]), looks_like_header(["2025", "12", "14"]))
             == (True, False, True, False)
    """
    cells = [normalize_ws(c) for c in cells]
    return (
        len(cells) >= 2
        and all(cells)
        and len(set(cells)) == len(cells)
        and all(len(c.split()) <= MAX_HEADER_WORDS and not c.endswith(".") for c in cells)
        and not any(c.replace(",", "").replace(".", "").isdigit() and not (i and _YEAR.fullmatch(c)) for i, c in enumerate(cells))
    )


def table_lines(rows: list[list[str]], header: bool | None = None) -> list[str]:
    """Every row of a table as one line. `header=None` guesses: a first row of short labels
    over at least two more rows of three or more columns (a two-column table is read as label
    and value, the common layout of a definitions table).

    Example: table_lines([["Term", "Uitleg"], ["Wlz", "Wet langdurige zorg"]], header=True)
             == ["Term: Wlz; Uitleg: Wet langdurige zorg"]
    """
    rows = [r for r in rows if any(normalize_ws(c) for c in r)]
    if header is None:
        header = len(rows) >= 3 and len(rows[0]) >= 3 and looks_like_header(rows[0])
    if header and len(rows) >= 2:
        names, body = rows[0], rows[1:]
        return [line for r in body if (line := row_text(r, names))]
    return [line for r in rows if (line := row_text(r))]


def _named_together(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive columns with the same value as one pair, their distinct names joined (unnamed: the
    value once, as a horizontally merged cell that a format repeats)."""
    groups: list[tuple[list[str], str]] = []
    for name, value in pairs:
        if groups and groups[-1][1] == value:
            if name and name not in groups[-1][0]:
                groups[-1][0].append(name)
        else:
            groups.append(([name] if name else [], value))
    return [(_joined(names), value) for names, value in groups]


def _joined(names: list[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
