"""The evidence rule for refusal, used when no decision model is fitted (pure).

Two signals, both computed from the retrieved passages: how much of the question's
informative vocabulary (idf-weighted, stemmed) the best passages contain, and the cosine
similarity of the best passage under the main dense model. Thresholds were calibrated on the
development question set (see README); the model never decides on its own to answer.
The quotes must also hold the kind of fact asked for (facts.py) and mention the names the
question names (names.py). Also here: spotting questions that ask for the assistant's own
instructions, and the idf weights every signal uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..keyword_index import tokenize
from ..records import Hit

# Calibrated on evals/questions_dev.jsonl (answerable vs. unanswerable), see README. The cosine
# threshold belongs to the embedding model (Embedder.min_relevant_cosine). A best passage somewhat
# below it still counts when more of the question's words are in the passages (lists and short
# questions embed less like their passage than prose does): (how far below, coverage then needed).
EVIDENCE_TIERS = ((0.0, 0.10), (0.02, 0.50), (0.04, 0.70))

_INSTRUCTIONS = re.compile(
    r"(system\s*-?\s*prompt|systeem\s*-?\s*prompt|je (eigen )?instructies|jouw instructies|your (system )?instructions|"
    r"your prompt|je prompt|initial prompt|verborgen instructies|hidden instructions|"
    r"(negeer|vergeet) (alle )?(eerdere |vorige )?instructies|ignore (all )?(previous|prior) instructions)",
    re.IGNORECASE,
)


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
        return any(self.dense >= self.min_dense - below and self.coverage >= needed for below, needed in EVIDENCE_TIERS)


def idf_weights(terms: list[str], document_frequency: Callable[[str], int], n_documents: int) -> dict[str, float]:
    """Example: idf_weights(["a"], lambda t: 0, 10)["a"] == math.log(1 + 10 / 0.5)"""
    return {t: math.log(1 + n_documents / (document_frequency(t) + 0.5)) for t in set(terms)}


def coverage(question: str, passages: list[str], weights: dict[str, float],
             keep: Callable[[str], bool] | None = None) -> float:
    """idf-weighted share of the question's terms found in any of the passages. `keep` limits
    the terms (an English question: only words the corpus has, its Dutch glossary terms among them).

    Example: coverage("thuis wonen", ["Zij blijven thuis."], {"thuis": 1.0, "won": 1.0}) == 0.5
    """
    terms = {t for t in tokenize(question) if keep is None or keep(t)}
    if not terms:
        return 0.0
    found = set().union(*(set(tokenize(p)) for p in passages)) if passages else set()
    total = sum(weights.get(t, 1.0) for t in terms)
    return sum(weights.get(t, 1.0) for t in terms & found) / total if total else 0.0


def assess(question: str, hits: list[Hit], weights: dict[str, float], min_dense: float = 0.0, top: int = 3,
           keep: Callable[[str], bool] | None = None) -> Evidence:
    best = hits[:top]
    dense = max((h.dense_score for h in best if h.dense_score is not None), default=0.0)
    return Evidence(coverage(question, [h.chunk.search_text for h in best], weights, keep), dense, min_dense)
