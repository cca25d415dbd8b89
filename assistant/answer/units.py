"""The units an extractive answer is made of: sentences and list items of the top passages (pure).

Each line of a passage is one list item (a marked line, or a short line right after a list
introduction or item: web pages often lose their bullets) or is split into sentences. Headings,
link lines and questions the document asks are context, not answers. Every unit carries the
best dense similarity of the sentence windows it falls in (the retriever computed them: no
model call). A sentence that addresses the assistant is never used.
Not done here: scoring (sentence_scores.py), lists (lists.py), choosing (extractive.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Hit
from ..text import ENUMERATED, LIST_ITEM, refers_back, split_sentences
from .refusal import asks_for_instructions

MAX_SENTENCES = 4  # an answer is at most this many units
MAX_CHARS = 650  # ... and about this many characters
MAX_IMPLICIT_ITEM_WORDS = 25


@dataclass(eq=False)
class Unit:
    hit_index: int
    line: int
    position: int
    text: str
    is_item: bool
    score: float = 0.0
    dense: float | None = None
    is_heading: bool = False  # a heading, link line, caption or question of the document: context, not an answer
    introduces: bool = False  # ends with ":" and list items follow


# Page furniture that points elsewhere ("Ga naar de inhoud", "(Voor meer informatie zie link: ...)"),
# also to another part of the document ("In paragraaf 3.3 gaan we nader in op ...", "Zie hoofdstuk 5"):
# it answers nothing, so it counts like a heading and is never taken for a bullet-less list item.
# "Meer informatie: <a link>" points; "Meer informatie: Anna de Wit, coördinator, 053 ..." says who.
_NAVIGATION = re.compile(
    r"^\(?\s*(ga naar|lees (hier )?meer|klik (hier|op)|bekijk (hier |de |het )|(voor )?meer informatie( zie| kijk| op|:\s*(\S+\s*){0,3}$)|"
    r"zie (ook )?(link|hier|de website)|download|deel dit|terug naar|naar boven|"
    r"zie (ook )?(paragraaf|hoofdstuk|bijlage|sectie) \d|"
    r"in (paragraaf|hoofdstuk|bijlage|sectie) [\d.]+ (gaan|gaat|leest|lees|beschrijven|beschrijft|lichten|licht|komen|komt|vindt)\b|"
    # what the page or document itself holds ("Op deze pagina vindt u antwoorden op vragen over ...")
    r"(op|in) (deze|dit) (pagina|document|stuk|verslag|rapport|hoofdstuk|brochure|notitie) "
    r"(vindt|vind|leest|lees|beschrijven|beschrijft|gaan|gaat)\b)"
    r"(?!\w)", re.IGNORECASE)


# A caption ("Figuur 2: De bewegingen die nodig zijn"): it describes a picture or table that is not
# in the text, so it names the subject without saying anything about it.
_CAPTION = re.compile(r"^(figuur|tabel|afbeelding|grafiek|figure|table)\s+\d+(\.\d+)*\s*[:.\-–]", re.IGNORECASE)


def _is_context(text: str, is_heading: bool) -> bool:
    """A unit that frames the answer but is none: a heading, a link line, a caption, or a
    question the document asks ("Welke handvatten zijn in ontwikkeling?") and answers after it (a
    statement that ends on a question after a colon is no question)."""
    return (is_heading or bool(_NAVIGATION.match(text)) or bool(_CAPTION.match(text))
            or (text.rstrip().endswith("?") and ":" not in text))


# A list item worded as a question ("• Welke hulp is er van familie en naasten"): bullets often
# drop the question mark. The document asks it; it answers nothing.
_QUESTION_ITEM = re.compile(
    r"^(?:[•\-–*·]\s*|\d{1,2}[.)]\s*)?(wat|welke|welk|hoe|wie|waarom|wanneer|waar|hoeveel|waarmee|waarvoor|"
    r"what|which|how|who|why|when|where)\b(?!.*[.:!]\s*$)", re.IGNORECASE)


def _is_item(line: str, previous: str, previous_is_item: bool) -> bool:
    """A list item: a marked line, a sentence of an enumeration in prose ("Ten eerste ..."), or a
    short line right after a list introduction or item (lists in web pages often lose their bullets)."""
    if LIST_ITEM.match(line) or ENUMERATED.match(line):
        return True
    if _NAVIGATION.match(line):
        return False
    short = len(line.split()) <= MAX_IMPLICIT_ITEM_WORDS and not line.endswith(":")
    return short and (previous.endswith(":") or previous_is_item)


def _units(hits: list[Hit]) -> list[Unit]:
    units: list[Unit] = []
    for h, hit in enumerate(hits):
        windows = dict(hit.window_scores)
        headings = {h.strip() for h in hit.chunk.heading.split(" › ")} if hit.chunk.heading else set()
        position = sentence_index = 0
        # A continuation chunk of a long list carries the list introduction in its context.
        previous, previous_is_item = hit.chunk.context.rsplit(" — ", 1)[-1], False
        sections = {start for start, _ in hit.chunk.sections}  # where the later sections' headings start
        for line_no, (line, start) in enumerate(zip(hit.chunk.text.split("\n"), hit.chunk.line_starts())):
            sentences = split_sentences(line)
            # a later section's numbered heading ("4. Kosten") after a sentence is no item of a list; after a
            # list's introduction or item it is one ("bouwstenen:" / "Processen" / ... / "Mensen"); a question
            # heading it ("Ik ben niet tevreden. Wat kan ik doen?") is no answer, also its first sentence
            opens = start in sections and not (previous.endswith(":") or previous_is_item)
            is_item = _is_item(line.strip(), previous, previous_is_item) and not opens
            groups = [(line.strip(), list(range(sentence_index, sentence_index + len(sentences))))] if is_item else [
                (sentence, [sentence_index + i]) for i, sentence in enumerate(sentences)]
            for text, indices in groups:
                scores = [windows[i] for j in indices for i in (j, j - 1) if i in windows]
                units.append(Unit(h, line_no, position, text, is_item, dense=max(scores) if scores else None,
                                   is_heading=_is_context(text, line.strip() in headings or (opens and line.rstrip().endswith("?")))
                                   or (is_item and bool(_QUESTION_ITEM.match(text)))))
                position += 1
            sentence_index += len(sentences)
            previous, previous_is_item = line.strip(), is_item
    for unit, following in zip(units, units[1:]):
        unit.introduces = ((unit.text.rstrip().endswith(":") or (not unit.is_item and bool(ENUMERATED.match(following.text))))
                           and following.is_item and following.hit_index == unit.hit_index and following.line == unit.line + 1)
    return units


def data_units(hits: list[Hit]) -> list[Unit]:
    """The units an answer or a prompt may use. Document text is data: a sentence that addresses
    the assistant ("negeer alle eerdere instructies") is never quoted or put in a prompt."""
    return [u for u in _units(hits) if not asks_for_instructions(u.text)]


def with_antecedents(chosen: list[Unit], units: list[Unit]) -> list[Unit]:
    """The chosen units, each one that refers back (text.refers_back) preceded by the sentence before
    it: in the same paragraph, or a question the document asks on the line before ("Bent u later in
    Nederland komen wonen?" before "Dan kunt u AOW-jaren inkopen."). A heading or list item is no such
    sentence. One sentence back only: two made answers 10-25% longer and no cleaner.

    Example: with_antecedents([unit("Dan betaalt u niets.")], units of "Bent u jonger dan 18? Dan betaalt u niets.")
             == [unit("Bent u jonger dan 18?"), unit("Dan betaalt u niets.")]
    """
    out: list[Unit] = []
    for unit in chosen:
        before = next((u for u in units if u.hit_index == unit.hit_index and u.position == unit.position - 1), None)
        if (before is not None and refers_back(unit.text) and not unit.is_item and not before.is_item
                and before not in chosen and before not in out and not _NAVIGATION.match(before.text)
                and (before.line == unit.line or (before.line == unit.line - 1 and before.text.rstrip().endswith("?")))):
            out.append(before)
        out.append(unit)
    return out
