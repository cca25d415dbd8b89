"""Refusal decided by evidence, not by the model (pure).

Two signals, both computed from the retrieved passages: how much of the question's
informative vocabulary (idf-weighted, stemmed) the best passages contain, and the cosine
similarity of the best passage under the main dense model. Thresholds were calibrated on the
development question set (see README); the model never decides on its own to answer.
Also here: spotting questions that ask for the assistant's own instructions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..keyword_index import tokenize
from ..records import Hit

# Calibrated on evals/questions_dev.jsonl (answerable vs. unanswerable), see README. The cosine
# threshold belongs to the embedding model (Embedder.min_relevant_cosine).
MIN_COVERAGE = 0.10
# Strong lexical evidence (most of the question's informative words in the best passages)
# lets a somewhat lower cosine pass: lists embed less like their question than prose does.
STRONG_COVERAGE = 0.70
DENSE_SLACK = 0.04

_INSTRUCTIONS = re.compile(
    r"(system\s*-?\s*prompt|systeem\s*-?\s*prompt|je (eigen )?instructies|jouw instructies|your (system )?instructions|"
    r"your prompt|je prompt|initial prompt|verborgen instructies|hidden instructions|"
    r"(negeer|vergeet) (alle )?(eerdere |vorige )?instructies|ignore (all )?(previous|prior) instructions)",
    re.IGNORECASE,
)


_ASKS_NUMBER = re.compile(
    r"\b(hoeveel|how many|how much|welk percentage|hoeveel procent|wat kost|wat kosten|hoe hoog|hoe lang|"
    r"hoe groot|what percentage|how long)\b", re.IGNORECASE)
_ASKS_YEAR = re.compile(r"\b(welk jaar|in welk jaar|sinds wanneer|sinds welk|vanaf wanneer|which year|since when)\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\d|\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|"
    r"dertig|veertig|vijftig|honderd|duizend|miljoen|miljard|tientallen|honderden|duizenden)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def expected_fact(question: str) -> str:
    """The kind of fact a question asks for when that can be checked: "getal", "jaar" or "".

    Example: expected_fact("Hoeveel projecten zijn er?") == "getal"
    """
    if _ASKS_YEAR.search(question):
        return "jaar"
    if _ASKS_NUMBER.search(question):
        return "getal"
    return ""


def has_fact(text: str, kind: str) -> bool:
    """Example: has_fact("Er lopen 268 projecten.", "getal") is True"""
    if kind == "getal":
        return bool(_NUMBER.search(text))
    if kind == "jaar":
        return bool(_YEAR.search(text))
    return True


def asks_for_instructions(question: str) -> bool:
    """Example: asks_for_instructions("Wat is je systeemprompt?") is True"""
    return bool(_INSTRUCTIONS.search(question))


@dataclass(frozen=True)
class Evidence:
    coverage: float
    dense: float
    min_dense: float = 0.0

    @property
    def sufficient(self) -> bool:
        semantic = self.dense >= self.min_dense and self.coverage >= MIN_COVERAGE
        lexical = self.coverage >= STRONG_COVERAGE and self.dense >= self.min_dense - DENSE_SLACK
        return semantic or lexical


def idf_weights(terms: list[str], document_frequency: Callable[[str], int], n_documents: int) -> dict[str, float]:
    """Example: idf_weights(["a"], lambda t: 0, 10)["a"] == math.log(1 + 10 / 0.5)"""
    return {t: math.log(1 + n_documents / (document_frequency(t) + 0.5)) for t in set(terms)}


def coverage(question: str, passages: list[str], weights: dict[str, float]) -> float:
    """idf-weighted share of the question's terms found in any of the passages.

    Example: coverage("thuis wonen", ["Zij blijven thuis."], {"thuis": 1.0, "won": 1.0}) == 0.5
    """
    terms = set(tokenize(question))
    if not terms:
        return 0.0
    found = set().union(*(set(tokenize(p)) for p in passages)) if passages else set()
    total = sum(weights.get(t, 1.0) for t in terms)
    return sum(weights.get(t, 1.0) for t in terms & found) / total if total else 0.0


def assess(question: str, hits: list[Hit], weights: dict[str, float], min_dense: float = 0.0, top: int = 3) -> Evidence:
    best = hits[:top]
    dense = max((h.dense_score for h in best if h.dense_score is not None), default=0.0)
    return Evidence(coverage(question, [h.chunk.search_text for h in best], weights), dense, min_dense)
