"""How well each sentence (or list item) of the top passages answers the question (pure).

Every unit gets the named signals of FEATURES; a fitted logistic regression
(`assistant/fitted/select.json`, `zorgassistent calibrate`) turns them into the probability
that the unit carries the answer. Without a fitted model the hand-set weights below combine
them (the rule the project started with). extractive.py picks the best unit and completes
lists and paragraphs around it.
"""

from __future__ import annotations

import math
import re

from .. import fitted
from ..compounds import compound_parts
from ..keyword_index import term_share, tokenize
from ..records import Hit
from ..word_forms import apart_verbs, written_apart, written_together
from .facts import has_fact

FEATURES = (
    "lexical",          # idf-weighted share of the question's terms in the unit (a term only in the heading: half; a compound's start or head counts)
    "semantic",         # dense window similarity, scaled 0..1 over the units of this question
    "rank",             # 1 / (1 + the passage's rank - 1): the ranker's confidence in the passage
    "has_dense",        # the unit has a window similarity at all (1/0)
    "other_publisher",  # the question names a publisher and this passage is someone else's (1/0)
    "fact_present",     # the unit holds the kind of fact asked for (a number, a year) (1/0)
    "list_member",      # a list item or introduction, and the question asks for a list (1/0)
    "list_noun",        # a list introduction naming what the question asks for ("welke tips") (1/0)
    "heading",          # a heading, link line or question of the document: context, not an answer (1/0)
    "lead",             # one of the first two units under a heading or inline label ("X: ...") that matches the question (1/0)
    "short",            # fewer than four words and no list item (1/0)
    "document_lead",    # one of the first two text units of a document (its summary, often its answer) (1/0)
)

# The hand-set rule (used without a fitted model, and to focus prompts).
RANK_PRIOR = (0.12, 0.06, 0.03, 0.0)
LEXICAL_WEIGHT = 0.5  # the rest is the dense window similarity
FACT_BONUS = 0.15
LIST_BONUS = 0.1
LIST_NOUN_BONUS = 0.15
HEADING_FACTOR = 0.3
OTHER_PUBLISHER_PENALTY = 0.15
NAME_ONLY_DAMPING = 0.5  # dense similarity of a unit that shares only a publisher's name with the question
LEAD_MATCH, LEAD_UNITS, LEAD_BONUS = 0.6, 2, 0.2
# A document's first sentences summarise it (a FAQ page, a news article or a policy letter
# answers first): the same weight as the other structural cues (a fact, a named list).
DOCUMENT_LEAD_BONUS = 0.15
_LABEL = re.compile(r"^\W*((?:\S+\s+){0,7}?\S+):\s+\S")  # a label of at most eight words, then its text


def unit_rows(units: list, hits: list[Hit], terms: dict[str, float], fact=None, wants_list: bool = False,
              names: set[str] = frozenset(), list_nouns: set[str] = frozenset(),
              list_words: dict[int, set[str]] | None = None,
              particle_terms: dict[str, set[str]] | None = None, question: str = "") -> list[list[float]]:
    """FEATURES per unit (units.Unit). `names`: publishers' names the question mentions;
    `list_words`: for units of a list, the whole list's words; `particle_terms`: the question's
    terms that are separable verbs (word_forms.particle_verbs), found in a unit that writes them
    apart ("opgeleverd" in "het levert meer werkplezier op"); `question`: its words that write one
    apart, found in a unit that writes it as one word ("los zit" in "pagina's loszitten")."""
    asked = apart_verbs(re.findall(r"[^\W\d_]+", question.lower()))
    list_words = list_words or {}
    dense = [u.dense for u in units if u.dense is not None]
    lo, hi = (min(dense), max(dense)) if dense else (0.0, 0.0)
    context_terms = {h: set(tokenize(f"{hit.chunk.heading} {hit.chunk.context} {hit.chunk.publisher}"))
                     for h, hit in enumerate(hits)}
    # A unit under a later heading of its chunk reads under that heading, not the chunk's first one.
    section_terms = {(h, line): set(tokenize(f"{heading} {hit.chunk.title} {hit.chunk.publisher}"))
                     for h, hit in enumerate(hits) if hit.chunk.sections
                     for line, heading in enumerate(map(hit.chunk.heading_at, hit.chunk.line_starts()))
                     if heading != hit.chunk.heading}
    from .extractive import publisher_names

    named = {h for h, hit in enumerate(hits) if names & set(tokenize(publisher_names(hit.chunk.publisher)))}
    leads: set[int] = set()
    for h in {u.hit_index for u in units}:
        own = [u for u in units if u.hit_index == h]
        for i, unit in enumerate(own):
            if unit.is_heading and term_share(terms, set(tokenize(unit.text))) >= LEAD_MATCH:
                leads.update(id(u) for u in own[i + 1:i + 1 + LEAD_UNITS] if not u.is_heading)
            # An inline label is a heading too: "Beweging Thuis als het kan: Mensen ... blijven thuis."
            label = _LABEL.match(unit.text)
            if label and not unit.is_heading and term_share(terms, set(tokenize(label.group(1)))) >= LEAD_MATCH:
                leads.update(id(u) for u in own[i:i + LEAD_UNITS] if not u.is_heading)
    document_leads: set[int] = set()
    for h, hit in enumerate(hits):
        if hit.chunk.ordinal == 0:
            document_leads.update(id(u) for u in [u for u in units if u.hit_index == h and not u.is_heading][:LEAD_UNITS])
    rows = []
    for unit in units:
        short = len(unit.text.split()) < 4 and not unit.is_item
        factor = 0.5 if short else 1.0
        words = set(tokenize(unit.text))
        written = re.findall(r"[^\W\d_]+", unit.text.lower())
        words |= compound_parts(terms, words | set(written))  # "stalling" in "fietsenstalling"
        if particle_terms:
            words |= written_apart(particle_terms, written)
        if asked:
            words |= set(tokenize(" ".join(written_together(asked, written))))
        context = section_terms.get((unit.hit_index, unit.line), context_terms[unit.hit_index])
        lexical = (term_share(terms, words) + 0.5 * term_share(terms, context - words)) * factor
        semantic = (unit.dense - lo) / (hi - lo) if unit.dense is not None and hi > lo else 0.0
        in_list = list_words.get(id(unit), words)
        if in_list & names and not in_list & terms.keys():
            semantic *= NAME_ONLY_DAMPING
        rows.append([
            lexical, semantic * factor, 1.0 / (1 + unit.hit_index), 1.0 if dense else 0.0,
            1.0 if names and unit.hit_index not in named else 0.0,
            1.0 if fact and has_fact(unit.text, fact) else 0.0,
            1.0 if wants_list and (unit.introduces or unit.is_item) else 0.0,
            1.0 if unit.introduces and list_nouns & words else 0.0,
            1.0 if unit.is_heading else 0.0,
            1.0 if id(unit) in leads else 0.0,
            1.0 if short else 0.0,
            1.0 if id(unit) in document_leads else 0.0,
        ])
    return rows


def rule_score(row: list[float]) -> float:
    f = dict(zip(FEATURES, row))
    hit_index = round(1 / f["rank"] - 1)
    weight = LEXICAL_WEIGHT if f["has_dense"] else 1.0
    score = weight * f["lexical"] + (1 - weight) * f["semantic"] + RANK_PRIOR[min(hit_index, 3)]
    score += (-OTHER_PUBLISHER_PENALTY * f["other_publisher"] + FACT_BONUS * f["fact_present"]
              + LIST_BONUS * f["list_member"] + LIST_NOUN_BONUS * f["list_noun"])
    if f["heading"]:
        score *= HEADING_FACTOR
    return score + LEAD_BONUS * f["lead"] + DOCUMENT_LEAD_BONUS * f["document_lead"]


def model() -> fitted.LinearModel | None:
    """The fitted sentence model; calibrate writes one only when it beats the rule on every set."""
    return fitted.load("select", FEATURES)


def score_rows(rows: list[list[float]], use_model: bool = True) -> list[float]:
    """The score of each unit: the fitted probability, else the rule."""
    found = model() if use_model else None
    if found is None or not rows:
        return [rule_score(r) for r in rows]
    return [1.0 / (1.0 + math.exp(-z)) for z in found.logits(rows)]
