"""Which statements of the retrieved passages a plan section quotes (pure).

A statement is a sentence or list item of a passage, verbatim. It serves a section when it is
on the section's theme *and* about the user's goal, and when it reads as a recommendation (the
signals in plan_signals.py). Units that are no recommendation never become candidates; the
others get a score: `WEIGHTS` over named features (the theme's share, the goal topic's share,
the dense similarity of the sentence window, the passage rank, and small bonuses and penalties).
`choose` then takes the best, one per passage first, and a statement that names another region
or organisation only when the section would otherwise stay short (at most `named` per plan).
Not done here: retrieval, verification or layout (plan.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .answer.citations import passage_units
from .answer.extractive import particle_terms
from .answer.refusal import coverage
from .keyword_index import term_share, tokenize
from .plan_signals import (
    is_dated,
    is_fragment,
    is_header,
    is_imperative,
    is_navigation,
    is_question,
    is_report,
    is_speech,
    is_warning,
    leans_on_context,
    name_words,
    topic_share,
)
from .records import Hit
from .text import LIST_ITEM, fold
from .word_forms import written_apart

MIN_THEME = 0.1  # idf share of the theme a statement must carry (heading counted half)
MAX_PER_PASSAGE = 1  # one statement per passage first; a second only when the section is short
HEADING_WEIGHT = 0.5
# The decision as data: named features and their weights, hand-set on the real corpus (issue 17).
WEIGHTS = {"theme": 1.0, "topic": 1.2, "dense": 0.5, "rank": 0.3, "imperative": 0.15, "leans": -0.3,
           "speech": -0.3, "report": -0.3}
RELATIVE_FLOOR = 0.6  # beyond the least, a statement must score this share of the section's best


@dataclass(frozen=True)
class Statement:
    """A candidate statement: the unit verbatim, where it stands, its signals and its score."""

    quote: str
    hit: Hit
    index: int  # unit index in the passage
    score: float
    names: tuple[str, ...] = ()  # name words the goal does not name
    topic: float = 0.0  # share of the goal's topic
    imperative: bool = False
    warning: bool = False


# ---------------------------------------------------------------- scoring and choosing
@dataclass(frozen=True)
class Context:
    """What the selection of one section knows: its theme, the goal, the corpus."""

    theme: str
    theme_weights: dict[str, float]
    topic: dict[str, float]  # goal stems -> idf weight
    allowed: set[str]  # folded words of goal and organisation
    lowercase: set[str]  # the corpus's lower-case vocabulary (names, imperatives)
    proper: set[str] = frozenset()  # the corpus's proper names (see proper_names)
    this_year: int = 0  # a statement dated before it is news, not advice (0: every dated statement)

    @cached_property
    def theme_terms(self) -> dict[str, float]:
        """The theme's stems with their weights (1.0 where `theme_weights` has none)."""
        return {t: self.theme_weights.get(t, 1.0) for t in tokenize(self.theme)}

    @cached_property
    def theme_particles(self) -> dict[str, set[str]]:
        """The theme's terms that are separable verbs ("samenwerken", "vastleggen"), with those verbs."""
        return particle_terms(self.theme_terms, self.theme)


def theme_share(context: Context, unit: str) -> float:
    """idf-weighted share of the theme's terms in a statement, a separable verb of the theme also
    where the statement writes it apart ("samenwerken" in "werken ... samen", "vastleggen" in
    "leggen ... vast": a report says it in its own words).

    Example: theme_share(Context("gegevens vastleggen", {}, {}, set(), set()), "Zij leggen gegevens vast.") == 1.0
    """
    words = set(tokenize(unit))
    if context.theme_particles:
        words |= written_apart(context.theme_particles, re.findall(r"[^\W\d_]+", unit.lower()))
    return term_share(context.theme_terms, words)


def candidates(hits: list[Hit], context: Context, dense: dict[tuple[str, int], float]) -> list[Statement]:
    """Every unit of the hits that can be a statement, scored; the others never appear.
    `dense` is the cosine of a unit's window with the theme-and-goal query, (chunk id, unit) → score."""
    values = list(dense.values())
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    out: list[Statement] = []
    for rank, hit in enumerate(hits):
        skip = {fold(hit.chunk.title), fold(hit.chunk.heading)}
        heading = coverage(context.theme, [hit.chunk.heading], context.theme_weights) if hit.chunk.heading else 0.0
        for index, unit in enumerate(passage_units(hit.chunk.text)):
            if (fold(LIST_ITEM.sub("", unit)).strip(" .:") in skip or is_fragment(unit) or is_question(unit)
                    or is_navigation(unit) or is_dated(unit, context.this_year) or is_header(unit)):
                continue
            theme = min(1.0, theme_share(context, unit) + HEADING_WEIGHT * heading)
            if theme < MIN_THEME:
                continue
            cosine = dense.get((hit.chunk.id, index), dense.get((hit.chunk.id, index - 1), low))
            imperative = is_imperative(unit, context.lowercase)
            features = {"theme": theme, "topic": topic_share(context.topic, unit),
                        "dense": (cosine - low) / (high - low) if high > low else 0.0,
                        "rank": 1 / (1 + rank), "imperative": float(imperative),
                        "leans": float(leans_on_context(unit)), "speech": float(is_speech(unit)),
                        "report": float(is_report(unit))}
            score = sum(WEIGHTS[name] * value for name, value in features.items())
            out.append(Statement(unit, hit, index, score, name_words(unit, context.lowercase, context.allowed, context.proper),
                                 features["topic"], imperative, is_warning(unit)))
    return sorted(out, key=lambda s: -s.score)


def choose(pool: list[Statement], n: int, least: int, named: int = 0,
           taken: Iterable[str] = ()) -> list[Statement]:
    """The best `n` statements of a pool sorted by score: one per passage first, no quote twice
    (nor one already `taken` elsewhere), none naming another region or organisation, except
    at most `named` of them when fewer than `least` would be chosen otherwise.

    Example: choose([], 3, 2) == []
    """
    seen = [fold(t) for t in taken]
    chosen: list[Statement] = []

    def fits(s: Statement, per_passage: int) -> bool:
        quote = fold(s.quote)
        return (s not in chosen
                and all(quote not in q and q not in quote for q in seen + [fold(c.quote) for c in chosen])
                and sum(c.hit.chunk.id == s.hit.chunk.id for c in chosen) < per_passage)

    floor = RELATIVE_FLOOR * max((s.score for s in pool if not s.names), default=0.0)
    for per_passage, limit in ((MAX_PER_PASSAGE, n), (MAX_PER_PASSAGE + 1, least), (MAX_PER_PASSAGE, least)):
        for s in pool:
            good = s.score >= floor or limit == least
            if len(chosen) < limit and good and not s.names and fits(s, per_passage):
                chosen.append(s)
    for s in pool:  # only when still short: a statement that names another region or organisation
        if len(chosen) < least and sum(bool(c.names) for c in chosen) < named and fits(s, MAX_PER_PASSAGE + 1):
            chosen.append(s)
    return chosen
