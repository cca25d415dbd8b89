"""The numbers Word shows before numbered paragraphs, which the XML does not hold as text (pure over
the package's XML).

A paragraph is numbered by its own `w:numPr` or by its style's (the "List Number" style); the
numbering part (`numbering.xml`) gives each list's levels a format and a pattern ("%1.", "%1.%2").
Counting goes in document order per list and level; a level restarts when a shallower one counts
on. Without the number, "Wat is het tweede speerpunt?" finds no second item and a heading loses its
chapter number. Formats read: decimal, letters and Roman numerals; bullets and the rest get no
label. Deliberately not done: `w:lvlOverride`'s restarts, legal numbering, list numbers in text
boxes and table cells, a style's numbering inherited through `w:basedOn` or linked from a level
(`w:lvl/w:pStyle`, as numbered headings often are).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.parts.document import DocumentPart
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def formatted(n: int, fmt: str) -> str | None:
    """A count in a Word number format; None for a format without a number (a bullet).

    Example: [formatted(3, f) for f in ("decimal", "lowerLetter", "upperRoman", "bullet")] == ["3", "c", "III", None]
    """
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return None


class Numbering:
    """The label of each numbered paragraph, counted in the order `label` is asked."""

    def __init__(self, part: DocumentPart) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, pattern, start)
        self._style_num: dict[str, tuple[str, int]] = {}  # styleId -> (numId, level)
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in numbering.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(_VAL, "") if fmt is not None else "", text.get(_VAL, "") if text is not None else "",
                    int(start.get(_VAL, "1")) if start is not None else 1)
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in numbering.findall(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            if ref is not None and ref.get(_VAL) in abstract:
                self._levels[node.get(f"{_W}numId")] = abstract[ref.get(_VAL)]
        for style in part.styles.element.findall(f"{_W}style"):
            num = _num_pr(style.find(f"{_W}pPr"))
            if num is not None:
                self._style_num[style.get(f"{_W}styleId")] = num

    def label(self, paragraph: _Element) -> str:
        """The number Word shows before this paragraph ("2.", "3.1", "b)"), or ""; counts it."""
        ppr = paragraph.find(f"{_W}pPr")
        num = _num_pr(ppr)
        if num is None and ppr is not None and (style := ppr.find(f"{_W}pStyle")) is not None:
            num = self._style_num.get(style.get(_VAL))
        if num is None or num[0] not in self._levels:  # numId 0: numbering switched off for this paragraph
            return ""
        num_id, level = num
        levels = self._levels[num_id]
        counts = self._counts.setdefault(num_id, {})
        counts[level] = counts.get(level, levels.get(level, ("", "", 1))[2] - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        fmt, pattern, _ = levels.get(level, ("", "", 1))
        if formatted(1, fmt) is None:
            return ""

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            at_fmt, _, at_start = levels.get(at, ("decimal", "", 1))
            return formatted(counts.get(at, at_start), at_fmt) or ""
        return re.sub(r"%([1-9])", number, pattern).strip()


def _num_pr(ppr: _Element | None) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's or style's `w:numPr`; None without one. A numId of "0"
    (numbering switched off, also against the style's) is returned as such: no list has it."""
    if ppr is None or (num_pr := ppr.find(f"{_W}numPr")) is None:
        return None
    num_id, level = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
    if num_id is None or num_id.get(_VAL) is None:
        return None
    return num_id.get(_VAL), int(level.get(_VAL, "0")) if level is not None else 0
