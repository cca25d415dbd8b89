"""What comes along with the sentences an extractive answer chose (pure): a sentence on each thing
the question names that they leave out, the sentence whose bound covers the question's number, and
the line that holds a byline or contact detail asked for. The sentence before one that refers back
comes along in units.with_antecedents. Not done here: choosing (extractive.py), scoring.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Hit
from .facts import Fact, has_fact
from .names import mentions, named
from .number_ranges import covers, unit_of
from .units import Unit

# Facts whose shape is the whole answer and that a document states once, about itself: its byline
# and its contact details. A sentence lexically close to the question rarely holds them.
LINE_FACTS = frozenset({"auteur", "telefoon", "email", "website", "adres", "contact"})


def with_named_units(question: str, chosen: list[Unit], units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """The chosen units, plus for each name of the question that none of them (nor what their
    passages are about) mentions, the best-scoring unit that does: a question about two things
    gets a sentence on each. A number of the question is no such part, except where a sentence
    covers it by a bound in its unit: "als ik 40 ben" gets "Kopers van 35 jaar of ouder ...".

    Example: with_named_units("Wat doen Noordhof en Zuidwijk?", [unit on Noordhof], units, hits)
             == [unit on Noordhof, best unit on Zuidwijk]
    """
    out = list(chosen)
    for name in named(question):
        if any(ch.isdigit() for part in name for ch in part):
            unit = unit_of(question, name[0]) if len(name) == 1 else ""
            said = [u for u in units if unit and covers(u.text, name[0], unit)]
            if said and not any(u in said or unit_mentions(u, hits, name) for u in out):
                out.append(max(said, key=lambda u: u.score))
            continue
        said = [u for u in units if unit_mentions(u, hits, name)]
        if not said or any(u in said for u in out):
            continue
        out.append(max(said, key=lambda u: u.score))
    return out


def with_fact_line(chosen: list[Unit], units: list[Unit], hits: list[Hit], fact: Fact | None) -> list[Unit]:
    """The chosen units, plus the line of the same document that holds the byline or contact detail
    asked for (LINE_FACTS) when none of them does: "Wie schreef het artikel over X?" gets "Door: Anna
    de Wit" from the article the answer quotes, never from another document.

    Example: with_fact_line([unit("Het artikel gaat over X.")], units of that article, hits, expected_fact("Wie schreef ...?"))
             == [unit("Het artikel gaat over X."), unit("Door: Anna de Wit")]
    """
    if not chosen or fact is None or fact.kind not in LINE_FACTS or any(has_fact(u.text, fact) for u in chosen):
        return chosen
    sources = {hits[u.hit_index].chunk.source for u in chosen}
    lines = [u for u in units if hits[u.hit_index].chunk.source in sources and has_fact(u.text, fact)]
    return [*chosen, max(lines, key=lambda u: u.score)] if lines else chosen


def unit_mentions(unit: Unit, hits: list[Hit], name: tuple[str, ...]) -> bool:
    """Whether the unit, or the heading, title or publisher of its passage, mentions the name."""
    chunk = hits[unit.hit_index].chunk
    return mentions(replace(chunk, text=unit.text), name)
