"""Which title a PDF has (pure): its metadata title when that names the document, else the heading
that does. A template's or a file's name ("Microsoft Word - x.docx", "Untitled") names nothing, nor
does a numbered section ("1. Aanleiding", "Artikel 1. Begripsbepalingen").
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.records import Block
from assistant.text import fold, normalize_ws

from .lines import has_letters
from .pdf_layout import SECTION_NUMBER, Paragraph, is_heading

_NOT_A_TITLE = {"none", "null", "untitled", "unknown", "naamloos", "titel", "title", "document", "microsoft word",
                "untitled document", "powerpoint-presentatie", "presentatie", "voorblad"}
_OFFICE_PREFIX = re.compile(r"^microsoft\s+(word|powerpoint|excel)\s*-", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.(docx?|dotx?|pdf|odt|rtf|pptx?|xlsx?|txt|indd|qxd|html?)$", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
# A numbered section, also with its word ("Artikel 3. Aanvrager", "Hoofdstuk 2 Doelen"): no document title.
_SECTION = re.compile(rf"{SECTION_NUMBER.pattern}|(?:artikel|hoofdstuk|paragraaf|bijlage|article|chapter|section)\s+\d{{1,3}}[a-z]?\b",
                      re.IGNORECASE)


def plausible_title(title: str, name: str) -> bool:
    """Whether a PDF's metadata title names the document, not its template or file.

    Example: [plausible_title(t, "x.pdf") for t in ("Inkoopbeleid 2025", "None", "Microsoft Word - x.docx", "51")]
             == [True, False, False, False]
    """
    title = normalize_ws(title)
    return (
        has_letters(title)
        and len(title) <= 200
        and title.casefold() not in _NOT_A_TITLE
        and not _OFFICE_PREFIX.match(title)
        and not _FILE_NAME.search(title)
        and title.casefold() != Path(name).stem.casefold()
    )


def choose_title(meta_title: str, first_page: list[Paragraph], blocks: list[Block], body: float, name: str) -> str:
    """The metadata title when plausible and not contradicted by page one (it shares a word of four
    letters or more with the first page's heading, or with its largest text: a title too long for a
    heading, "Regeling van de Minister ... (Subsidieregeling X)"); else that heading (the largest on
    page one); else the first heading with words anywhere; else "" (the pipeline falls back to the
    file name). A numbered heading ("1. Aanleiding", "Artikel 1. Begripsbepalingen") opens a
    section, it does not name the document.

    Example: choose_title("Sjabloon", [Paragraph("Inkoopbeleid 2025", 18, False)], [], 10, "x.pdf") == "Inkoopbeleid 2025"
    """
    headings = [p for p in first_page if is_heading(p, body) and not _SECTION.match(p.text)]
    heading = max(headings, key=lambda p: p.size).text if headings else ""
    heading = heading or next((b.text for b in blocks if b.kind == "heading" and has_letters(b.text)
                               and not _SECTION.match(b.text)), "")
    meta_title = normalize_ws(meta_title)
    if plausible_title(meta_title, name):
        largest = max(first_page, key=lambda p: p.size).text if first_page else ""
        words = set(_TITLE_WORD.findall(fold(meta_title)))
        if not heading or words & set(_TITLE_WORD.findall(fold(f"{heading} {largest}"))):
            return meta_title
    return heading
