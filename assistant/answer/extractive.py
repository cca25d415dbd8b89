"""Extractive answers: the best sentences of the top passages, verbatim, each with `[n]`.

No LLM. Sentences are scored by idf-weighted overlap with the question (the passage's
heading counts for half) plus a small prior for the passage's rank. Lists are kept whole:
when the best match is a list or its introduction, the introduction and all items are given.
Not done here: verification (citations.py) and refusal (refusal.py) — the service applies both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..keyword_index import tokenize
from ..records import Hit
from .refusal import asks_for_instructions
from ..text import split_sentences

_LIST_ITEM = re.compile(r"^\s*(?:[•\-\*–·▪◦●]|\d{1,2}[.)]|[a-z][.)])\s+")
_LIST_QUESTION = re.compile(
    r"\b(welke|noem|wat zijn|opsomming|lijst|which|list|name the|what are|"
    r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\b",
    re.IGNORECASE,
)
RANK_PRIOR = (0.12, 0.06, 0.03, 0.0)
MAX_SENTENCES = 3
MAX_CHARS = 650


@dataclass
class _Unit:
    hit_index: int
    line: int
    position: int
    text: str
    is_item: bool
    score: float = 0.0


def _units(hits: list[Hit]) -> list[_Unit]:
    units: list[_Unit] = []
    for h, hit in enumerate(hits):
        position = 0
        for line_no, line in enumerate(hit.chunk.text.split("\n")):
            is_item = bool(_LIST_ITEM.match(line))
            for sentence in [line] if is_item else split_sentences(line):
                units.append(_Unit(h, line_no, position, sentence, is_item))
                position += 1
    return units


def _score(unit: _Unit, question_terms: dict[str, float], heading_terms: set[str]) -> float:
    total = sum(question_terms.values()) or 1.0
    words = set(tokenize(unit.text))
    overlap = sum(w for t, w in question_terms.items() if t in words)
    from_heading = sum(w for t, w in question_terms.items() if t in heading_terms and t not in words)
    return (overlap + 0.5 * from_heading) / total


def select(question: str, hits: list[Hit], weights: dict[str, float]) -> list[_Unit]:
    """The units that make up the answer, in reading order."""
    if not hits:
        return []
    terms = {t: weights.get(t, 1.0) for t in set(tokenize(question))}
    units = _units(hits)
    for unit in units:
        chunk = hits[unit.hit_index].chunk
        heading_terms = set(tokenize(f"{chunk.heading} {chunk.context}"))
        short_penalty = 0.5 if len(unit.text.split()) < 4 and not unit.is_item else 1.0
        unit.score = _score(unit, terms, heading_terms) * short_penalty + RANK_PRIOR[min(unit.hit_index, 3)]
    best = max(units, key=lambda u: u.score)
    same_chunk = [u for u in units if u.hit_index == best.hit_index]
    wants_list = bool(_LIST_QUESTION.search(question))

    # Lists: the best unit is an item, or introduces items, or the question asks for a list.
    items_after = [u for u in same_chunk if u.is_item and u.position > best.position]
    intro = best.text.rstrip().endswith(":") and items_after and items_after[0].line == best.line + 1
    if intro or (wants_list and (best.is_item or (items_after and items_after[0].line <= best.line + 1))):
        return _whole_list(same_chunk, best)
    if best.is_item:  # one item answers a "what is X" question on its own
        return [best]

    chosen = [best]
    following = [u for u in same_chunk if u.position == best.position + 1 and u.line == best.line]
    if following and (following[0].score >= 0.5 * best.score or len(best.text) < 100):
        chosen.append(following[0])
    for other in sorted(units, key=lambda u: -u.score):
        if len(chosen) >= MAX_SENTENCES or sum(len(u.text) for u in chosen) > MAX_CHARS - 150:
            break
        if other in chosen or other.score < 0.75 * best.score or other.is_item:
            continue
        if any(set(tokenize(other.text)) == set(tokenize(u.text)) for u in chosen):
            continue
        chosen.append(other)
    return sorted(chosen, key=lambda u: (u.hit_index != best.hit_index, u.hit_index, u.position))


def _whole_list(units: list[_Unit], best: _Unit) -> list[_Unit]:
    """The list around `best`: its introduction (the unit just before the first item) and items."""
    items = [u for u in units if u.is_item]
    if not items:
        return [best]
    # Find the run of consecutive item lines containing or following best.
    anchor = best if best.is_item else next(u for u in items if u.position > best.position)
    run = [anchor]
    for u in items:
        if u.position > run[-1].position and u.line == run[-1].line + 1:
            run.append(u)
    for u in reversed([u for u in items if u.position < anchor.position]):
        if u.line == run[0].line - 1:
            run.insert(0, u)
    before = [u for u in units if u.position < run[0].position and not u.is_item]
    intro = before[-1:] if before and len(before[-1].text.split()) >= 3 else []
    return intro + run


def focused_passages(question: str, hits: list[Hit], weights: dict[str, float], max_tokens: int, count) -> dict[int, str]:
    """The most relevant units over all passages, verbatim, within a token budget: passage
    number (1-based) -> its chosen units in document order. Keeps the LLM prompt small and
    on topic; quotes found in an excerpt are found in its chunk.
    """
    terms = {t: weights.get(t, 1.0) for t in set(tokenize(question))}
    # Document text is data: sentences that address the assistant are never put in the prompt.
    units = [u for u in _units(hits) if not asks_for_instructions(u.text)]
    for unit in units:
        chunk = hits[unit.hit_index].chunk
        heading_terms = set(tokenize(f"{chunk.heading} {chunk.context}"))
        unit.score = _score(unit, terms, heading_terms) + RANK_PRIOR[min(unit.hit_index, 3)]
    best = max(units, key=lambda u: u.score, default=None)
    chosen: list[_Unit] = []
    if best is not None:  # a list around the best unit comes whole, as in extractive answers
        keys = {(u.hit_index, u.position) for u in select(question, hits, weights)}
        chosen = [u for u in units if (u.hit_index, u.position) in keys]
    used = sum(count(u.text) for u in chosen)
    for unit in sorted(units, key=lambda u: -u.score):
        if unit in chosen or unit.score <= RANK_PRIOR[min(unit.hit_index, 3)]:
            continue
        cost = count(unit.text)
        if used + cost > max_tokens:
            continue
        chosen.append(unit)
        used += cost
    passages: dict[int, list[_Unit]] = {}
    for unit in sorted(chosen, key=lambda u: (u.hit_index, u.position)):
        passages.setdefault(unit.hit_index + 1, []).append(unit)
    out: dict[int, str] = {}
    for n, group in passages.items():
        lines: list[str] = []
        last_line = None
        for unit in group:
            if lines and unit.line == last_line and not unit.is_item:
                lines[-1] += " " + unit.text
            else:
                lines.append(unit.text)
            last_line = unit.line
        out[n] = "\n".join(lines)
    return out


class ExtractiveGenerator:
    """Writes the answer from verbatim sentences; `[n]` is the 1-based passage number."""

    name = "extractive"

    def __init__(self, weights_for=None) -> None:
        self._weights_for = weights_for or (lambda terms: {})

    def generate(self, question: str, hits: list[Hit], english: bool = False) -> Iterator[str]:
        chosen = select(question, hits, self._weights_for(tokenize(question)))
        lines: list[str] = []
        for unit in chosen:
            text = unit.text.strip()
            if unit.is_item:
                lines.append(f"{text} [{unit.hit_index + 1}]")
            elif lines and not lines[-1].startswith(("•", "-")) and not _LIST_ITEM.match(lines[-1]):
                lines[-1] += f" {text} [{unit.hit_index + 1}]"
            else:
                lines.append(f"{text} [{unit.hit_index + 1}]")
        yield "\n".join(lines)
