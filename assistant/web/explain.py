"""Why a question was refused, and how to ask it otherwise (pure).

Computed from the retrieved passages only, after the assistant decided to refuse: which words
of the question no nearby passage holds, which kind of fact was asked for, and one or two
rephrasings built from the headings of the nearest passages. This module explains a decision;
it never makes or changes one (that is answer/refusal.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import messages as msg
from ..answer.facts import expected_fact
from ..keyword_index import tokenize
from ..records import Hit
from ..spelling import information

NEAREST = 3  # passages shown (and searched for the question's words)
# Question words say what is asked, not what about: never "missing".
_QUESTION_WORDS = frozenset(tokenize("hoeveel welk welke wat wie waar wanneer waarom hoelang noem beschrijf leg uit "
                                     "how many what which who where when why"))
_WORD = re.compile(r"[\w][\w'’-]*")


@dataclass(frozen=True)
class Explanation:
    missing: tuple[str, ...]  # words of the question, as typed, that no retrieved passage holds
    fact: str  # the kind of fact asked for ("aantal", ...), or ""
    rephrasings: tuple[str, ...]
    nearest: tuple[Hit, ...]


def nearest_hits(hits: list[Hit], n: int = NEAREST) -> list[Hit]:
    """The best `n` hits, one per chunk."""
    out: list[Hit] = []
    for hit in hits:
        if all(h.chunk.id != hit.chunk.id for h in out):
            out.append(hit)
        if len(out) == n:
            break
    return out


def missing_words(question: str, hits: list[Hit]) -> list[str]:
    """The question's content words (as typed) whose stems no passage contains, the most telling
    first (spelling.information: "zwerfafval" before "doet"), as the decision's reason names them.

    Example: missing_words("Hoeveel projecten zijn er in Oostdorp?", [hit("Er zijn 268 projecten.")]) == ["Oostdorp"]
    """
    present = {t for h in hits for t in tokenize(h.chunk.search_text)}
    out: list[str] = []
    for word in _WORD.findall(question):
        stems = [t for t in tokenize(word) if t not in _QUESTION_WORDS]
        if stems and not any(t in present for t in stems) and word not in out:
            out.append(word)
    return sorted(out, key=information, reverse=True)


def topic_of(hit: Hit) -> str:
    """The most specific heading of a passage ("A › B?" -> "B"), else its title; no end mark."""
    heading = hit.chunk.heading.split(" › ")[-1] if hit.chunk.heading else ""
    return (heading or hit.chunk.title).strip().rstrip("?:.;!").strip()


def rephrasings(question: str, hits: list[Hit], n: int = 2) -> list[str]:
    """Up to `n` questions about the nearest passages' headings, each a different topic.

    Example: rephrasings("Wat kost beeldzorg?", [hit(heading="Financiering")]) ==
             ["Wat staat er in de documenten over Financiering?"]
    """
    out: list[str] = []
    asked = set(tokenize(question))
    for hit in hits:
        topic = topic_of(hit)
        if not topic or len(topic) > 90 or not tokenize(topic):
            continue
        text = msg.WEB_REPHRASE_QUESTION.format(topic=topic)
        if text not in out and set(tokenize(topic)) != asked:
            out.append(text)
        if len(out) == n:
            break
    return out


def explain(question: str, hits: list[Hit]) -> Explanation:
    nearest = nearest_hits(hits)
    fact = expected_fact(question)
    return Explanation(missing=tuple(missing_words(question, hits)),
                       fact=msg.WEB_FACT_NAMES.get(fact.kind, "") if fact else "",
                       rephrasings=tuple(rephrasings(question, nearest)), nearest=tuple(nearest))


def listed(words: list[str] | tuple[str, ...]) -> str:
    """Dutch enumeration in quotes.

    Example: listed(["a", "b", "c"]) == "‘a’, ‘b’ of ‘c’"
    """
    quoted = [f"‘{w}’" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " of " + quoted[-1]
