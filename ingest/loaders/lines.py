"""Shared text heuristics: lines to blocks, readable text, wrapped lines and damaged glyphs.

Pure functions on strings. `blocks_from_lines` is what plain .txt files go through, so its
output must stay exactly as it is (the seed corpus' chunk ids depend on it). The line joining
and glyph repair are for text that comes out of a layout (PDF, OCR), never for .txt.
Deliberately not done here: anything that needs positions or fonts (see `pdf_layout`).
"""

from __future__ import annotations

import re
import unicodedata

from assistant.records import Block, BlockKind
from assistant.text import LIST_ITEM, NUMBERED_ITEM, normalize_ws

# A readable text has words: at least MIN_WORDS of them, and they make up at least
# MIN_WORD_SHARE of the whitespace-separated tokens (so digit tables, base64 and hex dumps fail).
MIN_WORDS = 3
MIN_WORD_SHARE = 0.1

LIST_MARK = LIST_ITEM  # one definition of a list line: the loaders mark what the answers read as items
_SENTENCE_PUNCT = (".", ",", ";", "!")
SENTENCE_END = (".", "!", "?", ":", ";")
# A line of a table of contents: a title, a dot leader, a page number ("3 Resultaten ........ 12").
# It repeats the headings without their text, so it would be found for them; the loaders drop it.
TOC_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}\s*$|…{2,}\s*\d{1,3}\s*$")
# A letter's or memo's subject line ("Onderwerp: Besluit over uw aanvraag"): its title, rather than the
# letterhead above it or a template's metadata.
SUBJECT = re.compile(r"^(?:onderwerp|betreft|subject)\s*:\s*(\S.{2,150}?)\s*$", re.IGNORECASE)
SUBJECT_WITHIN = 12  # blocks from the start
# A field on a line of its own ("Datum: 3 december 2026", "Ons kenmerk: WMO-1187"): no wrapped sentence.
FIELD_LINE = re.compile(r"^[A-Z][\w]*(?:\s[\w]+){0,2}:\s+\S")
# A line drawn across the page to separate parts: no text, and no heading over what follows.
RULE_LINE = re.compile(r"[-=_*~─━═—–]{3,}")
TOC_HEADING = re.compile(r"(?:inhoud|inhoudsopgave|inhoudstafel|contents|table of contents)\s*:?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,30}(?:[-'’][^\W\d_]+)*")
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…–—•*/"
# Words after a suspended hyphen ("zorg- en welzijn"): the hyphen there is real.
_SUSPENDED_HYPHEN_NEXT = {"en", "of", "en/of", "noch", "tot"}
_HYPHENS = ("-", "\u2010")
_SOFT_HYPHEN = "\u00ad"
# Four or more single letters in a row ("B e l e i d"): letter-spaced typesetting.
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?=[\s.,;:!?)]|$)")
# A short capitalised word or one with a capital or digit inside is an abbreviation or name
# ("Wlz-", "eHealth-"): its hyphen is part of a compound, not a line-end hyphenation.
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,3}|\w+[A-Z0-9]\w*")


def is_heading_like(line: str) -> bool:
    """Short, capitalised and not ending like a sentence.

    Example: (is_heading_like("Doel"), is_heading_like("Dit is de tekst.")) == (True, False)
    """
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and not line.endswith(_SENTENCE_PUNCT)
        and not (line.endswith(":") and len(words) > 3)  # a list introduction, not a heading
        and not line[0].islower()
    )


def classify(lines: list[str]) -> list[BlockKind]:
    """The block kind of each (already cleaned, non-empty) line.

    A run of three or more short lines is read as a heading followed by list items; one-word
    lines inside such a run stay headings (a sub-heading over its own list).

    Example: classify(["Doel", "Dit is de tekst.", "• een punt"]) == ["heading", "paragraph", "list_item"]
    """
    kinds: list[BlockKind] = []
    signature = False  # short lines after a closing ("Groet," / "Marloes Jansen" / "Teamleider"): no headings
    for i, line in enumerate(lines):
        listed, heading = bool(LIST_MARK.match(line)), is_heading_like(line)
        signature = not listed and heading and _signs(lines, i, signature)
        if listed:
            kinds.append("list_item")
        elif heading and not signature:
            kinds.append("heading")
        else:
            kinds.append("paragraph")
    i = 0
    while i < len(kinds):
        if kinds[i] != "heading":
            i += 1
            continue
        j = i
        while j + 1 < len(kinds) and kinds[j + 1] == "heading":
            j += 1
        if j - i >= 2:
            for k in range(i + 1, j + 1):
                if len(lines[k].split()) > 1:
                    kinds[k] = "list_item"
        i = j + 1
    return kinds


SIGNATURE_WORDS = 6


def _signs(lines: list[str], i: int, signing: bool) -> bool:
    """Whether heading-like line `i` signs off: it follows a line that ends in a comma (a heading
    never continues a sentence: "Met vriendelijke groet," / "Marloes Jansen"), or a line that did so,
    and is short (her role under her name)."""
    return i > 0 and len(lines[i].split()) <= SIGNATURE_WORDS and (lines[i - 1].endswith(",") or signing)


def letter_subject(texts: list[str]) -> str:
    """The subject of a letter or memo: the text after "Onderwerp:" or "Betreft:" near the start.

    Example: letter_subject(["Gemeente Oostdorp", "Onderwerp: Besluit over uw aanvraag", "Geachte heer,"]) == "Besluit over uw aanvraag"
    """
    return next((m.group(1) for text in texts[:SUBJECT_WITHIN] if (m := SUBJECT.match(text))), "")


def numbered_headings(lines: list[str], kinds: list[BlockKind]) -> list[BlockKind]:
    """A numbered short line over a paragraph or bullets ("1. Opening en doel" / "Jeroen opende de sessie.")
    is a section heading (also over a list numbered in another style: "3. Bij een melding" over
    "1) Bevestig ..."), and so are the next numbers that stand over one, unless a line ending
    in ":" introduces number 1: then they are the items of a list, each with its explanation
    ("... drie knelpunten:" / "1. Fragmentatie" / "Elke afdeling heeft ...").

    Example: numbered_headings(["1. Doel", "Wij willen dit.", "2. Afspraken", "Wij doen dat."],
                               ["list_item", "paragraph", "list_item", "paragraph"])
             == ["heading", "paragraph", "heading", "paragraph"]
    """
    kinds = list(kinds)
    sections: dict[tuple[str, int], bool] = {}  # (style, number) -> a section heading (else a list item)
    for i, line in enumerate(lines):
        match = NUMBERED_ITEM.match(line)
        if not match or kinds[i] != "list_item":
            continue
        number = int(match.group(1))
        over_paragraph = i + 1 < len(lines) and (kinds[i + 1] == "paragraph" or (  # or over bullets, or "1)" under "3."
            kinds[i + 1] == "list_item" and _numbered_style(lines[i + 1]) != _numbered_style(line)))
        introduced = number == 1 and i > 0 and lines[i - 1].endswith(":")
        style = _numbered_style(line)
        sections[style, number] = over_paragraph and is_heading_like(line[match.end():].lstrip()) and not introduced and (
            number == 1 or sections.get((style, number - 1), False))
        if sections[style, number]:
            kinds[i] = "heading"
    return kinds


def _numbered_style(line: str) -> str:
    """The delimiter of a numbered line ("." or ")"), "" for any other line."""
    match = NUMBERED_ITEM.match(line)
    return line[match.end(1)] if match else ""


def clean_lines(lines: list[str]) -> list[str]:
    """Whitespace collapsed; empty lines, lone brackets and rules ("=====", "-----") dropped.

    Example: clean_lines([" a  b ", "", ")", "======"]) == ["a b"]
    """
    cleaned = [normalize_ws(line) for line in lines]
    return [line for line in cleaned if line and line not in {")", "("} and not RULE_LINE.fullmatch(line)]


def blocks_from_lines(lines: list[str], page: int | None = None) -> list[Block]:
    """Classify plain-text lines (one paragraph per line) into blocks.

    Example: [b.kind for b in blocks_from_lines(["Doel", "Dit is de tekst.", "• een punt"])]
             == ["heading", "paragraph", "list_item"]
    """
    cleaned = clean_lines(lines)
    return [Block(kind=k, text=t, page=page) for k, t in zip(numbered_headings(cleaned, classify(cleaned)), cleaned)]


def readable(text: str) -> bool:
    """Enough real words to be worth indexing: at least MIN_WORDS words of two or more letters,
    which make up at least MIN_WORD_SHARE of the tokens (digit tables and base64 fail).

    Example: (readable("Zorg thuis werkt."), readable("12 34 %% 56 ab")) == (True, False)
    """
    tokens = text.split()
    words = sum(1 for token in tokens if _WORD.fullmatch(token.strip(_PUNCTUATION)))
    return words >= MIN_WORDS and words >= MIN_WORD_SHARE * len(tokens)


def has_letters(text: str) -> bool:
    """At least one word of two letters: not a page number, not punctuation.

    Example: (has_letters("1"), has_letters("1 Inleiding")) == (False, True)
    """
    return any(_WORD.fullmatch(token.strip(_PUNCTUATION)) for token in text.split())


def rejoin(left: str, right: str) -> str:
    """Join two wrapped lines of one paragraph, repairing a word hyphenated at the line end.

    The hyphen is dropped only between two lower-case letters ("cliëntprofie-" + "len"); it
    stays before a capital or digit ("KIK-" + "V"), after an abbreviation ("Wlz-" + "indicatie")
    and before "en"/"of" (a suspended hyphen: "zorg- en welzijn"). A range's en dash between two
    numbers joins them ("2027–" + "2030").

    Example: (rejoin("cliëntprofie-", "len zijn"), rejoin("KIK-", "V"), rejoin("zorg-", "en welzijn"))
             == ("cliëntprofielen zijn", "KIK-V", "zorg- en welzijn")
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    if left.endswith(_SOFT_HYPHEN):
        return left[:-1] + right
    if left.endswith(_HYPHENS) and len(left) > 1 and left[-2].isalnum():
        if right.split(" ", 1)[0].lower() in _SUSPENDED_HYPHEN_NEXT:
            return f"{left} {right}"
        word = left[:-1].rsplit(" ", 1)[-1]
        if left[-2].islower() and right[0].islower() and not _ABBREVIATION.fullmatch(word):
            return left[:-1] + right
        return left + right
    if left.endswith("\u2013") and left[-2:-1].isdigit() and right[0].isdigit():  # a range: "2027–" + "2030"
        return left + right
    return f"{left} {right}"


def join_lines(lines: list[str]) -> str:
    """Example: join_lines(["De cliënt-", "profielen zijn", "klaar."]) == "De cliëntprofielen zijn klaar." """
    text = ""
    for line in lines:
        text = rejoin(text, line) if text else line.strip()
    return normalize_ws(text)


def repair_glyphs(text: str) -> str:
    """Undo typesetting in extracted text: NFKC (ligatures ﬁ ﬂ ﬀ ﬃ ﬄ, non-breaking and other
    odd spaces) and letter-spaced words ("B e l e i d" -> "Beleid"). Only for PDF and OCR text:
    NFKC also turns "½" into "1⁄2", which a plain text file should keep as it is.

    Example: repair_glyphs("De ﬁnanciering van B e l e i d") == "De financiering van Beleid"
    """
    text = unicodedata.normalize("NFKC", text)
    return _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)
