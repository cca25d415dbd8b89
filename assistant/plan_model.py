"""The records of a plan van aanpak and the small pure helpers around them.

A `Plan` is sections of parts; a part holds blocks: paragraphs, bullets and tables (`Table`:
a header and rows of cells, empty cells for the advisor to fill). Citation markers `[n]` point
at the plan's source list, which names each *document* once (`Source`: title, publisher, date,
and whether it is older than `OLD_AFTER_YEARS`). Every verified quote behind a marker is kept in
`Plan.citations`, numbered with its document's number, so a reader and a test can check it.
Not done here: choosing statements (plan_select.py), writing the plan (plan.py), export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import messages as msg
from .answer import prompts
from .records import Citation
from .text import LIST_ITEM, normalize_ws

OLD_AFTER_YEARS = 3  # a source older than this is marked ("bron uit 2020")
MAX_TITLE_CHARS = 90
MAX_ACTION_WORDS = 14  # an action is a line in a table, not a paragraph
_MARKER = re.compile(r"(?:\[\d+\])+")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class PlanRequest:
    goal: str
    organisation: str = ""
    phase: str = ""  # "" or a key of prompts.PLAN_PHASES


@dataclass(frozen=True)
class Block:
    """A paragraph (level 0) or a bullet (level 1); `[n]` markers are source numbers."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Table:
    """A real table: a header row and rows of cells ("" is a cell to fill in)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PlanPart:
    key: str
    heading: str  # "" when the part needs no sub-heading
    blocks: tuple[Block | Table, ...]
    citations: tuple[int, ...] = ()  # source numbers, in order of first use

    @property
    def empty(self) -> bool:
        return not self.citations


@dataclass(frozen=True)
class PlanSection:
    key: str
    heading: str
    parts: tuple[PlanPart, ...]
    lead: tuple[Block, ...] = ()  # the user's own input, shown before the parts, never cited

    @property
    def citations(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(n for part in self.parts for n in part.citations))

    def part(self, key: str) -> PlanPart | None:
        return next((p for p in self.parts if p.key == key), None)


@dataclass(frozen=True)
class Source:
    """One document of the source list."""

    n: int
    source: str
    title: str
    publisher: str = ""
    date: str = ""
    old: bool = False  # older than OLD_AFTER_YEARS when the plan was made

    @property
    def year(self) -> int | None:
        match = _YEAR.search(self.date)
        return int(match.group(0)) if match else None


@dataclass
class Plan:
    title: str
    request: PlanRequest
    sections: list[PlanSection]
    sources: list[Source]
    citations: list[Citation] = field(default_factory=list)  # every verified quote, `n` = its source
    mode: str = "extractive"
    notices: list[str] = field(default_factory=list)

    def section(self, key: str) -> PlanSection:
        return next(s for s in self.sections if s.key == key)


# ---------------------------------------------------------------- sources
class SourceList:
    """Source numbers for a whole plan, one per document, by first use; every quote is kept.

    Example: s = SourceList(2025); [s.number(a1), s.number(b), s.number(a2)] == [1, 2, 1]
    (a1 and a2 two quotes from document a)
    """

    def __init__(self, this_year: int) -> None:
        self.this_year = this_year
        self.sources: list[Source] = []
        self.citations: list[Citation] = []
        self._numbers: dict[str, int] = {}
        self._quotes: set[tuple[str, str]] = set()

    def said(self, source: str, quote: str) -> bool:
        """Whether this quote (or one containing it) of `source` is in the plan already."""
        quote = normalize_ws(quote)
        return any(known == source and quote in said for known, said in self._quotes)

    def number(self, citation: Citation) -> int:
        if citation.source not in self._numbers:
            n = self._numbers[citation.source] = len(self.sources) + 1
            source = Source(n, citation.source, citation.title, citation.publisher, citation.date)
            self.sources.append(replace(source, old=is_old(source, self.this_year)))
        n = self._numbers[citation.source]
        key = (citation.source, normalize_ws(citation.quote))
        if key not in self._quotes:
            self._quotes.add(key)
            self.citations.append(replace(citation, n=n))
        return n


def is_old(source: Source, this_year: int, years: int = OLD_AFTER_YEARS) -> bool:
    """Example: is_old(Source(1, "a", "A", date="2020-07-07"), 2025) is True"""
    return source.year is not None and this_year - source.year > years


# ---------------------------------------------------------------- text helpers
def renumber(text: str, mapping: dict[int, int]) -> str:
    """Replace local `[n]` markers by plan numbers; a number repeated in a run is written once.

    Example: renumber("Thuis wonen. [1][2][3]", {1: 4, 2: 1, 3: 4}) == "Thuis wonen. [4][1]"
    """
    def one_run(match: re.Match[str]) -> str:
        numbers = [mapping[int(n)] for n in re.findall(r"\d+", match.group(0))]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return _MARKER.sub(one_run, text)


def display(quote: str) -> str:
    """A quote as the plan shows it: without its list sign or list number (the export draws
    real lists), still a verbatim part of the quote.

    Example: display("3. Stimuleren veranderkracht vraagt aandacht") == "Stimuleren veranderkracht vraagt aandacht"
    """
    return LIST_ITEM.sub("", normalize_ws(quote)).strip()


def action_text(statement: str, limit: int = MAX_ACTION_WORDS) -> str:
    """An imperative statement as a short action: a long one is cut at its first clause (comma,
    semicolon or dash), the final full stop goes. Always a verbatim part of the statement.

    Example: action_text("Organiseer een regionaal lerend netwerk, om te leren van ieders innovaties.")
    == "Organiseer een regionaal lerend netwerk"
    Example: action_text("Begin klein: kies één afdeling of zorgpad voor een pilot.")
    == "Begin klein: kies één afdeling of zorgpad voor een pilot"
    """
    text = display(statement).rstrip(" .;")
    if len(text.split()) > limit or re.search(r",\s+(om|zodat|waardoor|want|maar)\b", text):
        text = re.split(r"\s*(?:[,;]|\s[–-]\s)\s*", text, maxsplit=1)[0]
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def parse_phase(value: str) -> str:
    """The phase key for what a user typed: a key, a label or "hybride <key>"; "" for none.

    Example: parse_phase("Hybride samenwerken") == "samenwerken"
    """
    text = normalize_ws(value or "").lower()
    if not text:
        return ""
    for key, label in prompts.PLAN_PHASES.items():
        if text in (key, f"hybride {key}", label.lower(), label.lower().split(" (")[0]):
            return key
    raise ValueError(msg.UNKNOWN_OPTION.format(value=value, what="fase", options=", ".join(prompts.PLAN_PHASES)))


def short_title(goal: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Example: short_title("Beeldzorg in de wijk", limit=12) == "Beeldzorg in…" """
    if len(goal) <= limit:
        return goal
    return goal[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
