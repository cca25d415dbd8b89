"""Deterministic evaluation metrics (pure). No LLM judge.

Evidence is a list of groups of alternative substrings; a context matches a group when it
contains one alternative (whitespace-normalised). A question's evidence rank is the rank by
which every group has been matched; recall@k is whether that rank is <= k.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence

from assistant.text import fold, normalize_ws


def evidence_rank(contexts: Sequence[str], evidence: Sequence[Sequence[str]]) -> int | None:
    """1-based rank at which all evidence groups are covered; None when never.

    Example: evidence_rank(["a b", "c d"], [["c d"]]) == 2
    """
    if not evidence:
        return None
    normalised = [normalize_ws(c) for c in contexts]
    worst = 0
    for group in evidence:
        alternatives = [normalize_ws(a) for a in group]
        rank = next((i for i, c in enumerate(normalised, start=1) if any(a in c for a in alternatives)), None)
        if rank is None:
            return None
        worst = max(worst, rank)
    return worst


def recall_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def keyword_coverage(answer: str, keywords: Sequence[str]) -> float:
    """Share of keywords (each "a|b" = alternatives) found in the answer, accent- and case-folded.

    Example: keyword_coverage("Zes bouwblokken", ["zes|6", "bouwblok", "fase"]) == 2 / 3
    """
    if not keywords:
        return 1.0
    text = fold(answer)
    found = sum(any(fold(alt) in text for alt in kw.split("|")) for kw in keywords)
    return found / len(keywords)


def citation_valid(quote: str, document_text: str) -> bool:
    """Example: citation_valid("thuis  wonen", "blijven thuis\\nwonen") is True"""
    q = normalize_ws(quote)
    return bool(q) and q in normalize_ws(document_text)


def quote_is_evidence(quotes: Sequence[str], evidence: Sequence[Sequence[str]]) -> bool:
    """Whether a cited quote carries (a part of) the passage that answers the question.

    Example: quote_is_evidence(["Mensen wonen thuis."], [["wonen thuis"]]) is True
    """
    quotes_n = [normalize_ws(q) for q in quotes]
    for group in evidence:
        for alt in group:
            a = normalize_ws(alt)
            if any(a in q or (len(q) >= 20 and q in a) for q in quotes_n):
                return True
    return False


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile. Example: percentile([1, 2, 3, 4], 50) == 2"""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[index]


def summarize(rows: Sequence[dict]) -> dict[str, float]:
    """Aggregate per-question scores (as produced by `score_row`) into the metrics table."""
    answerable = [r for r in rows if r["answerable"] and r["has_evidence"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in rows if r["answerable"] and not r["refused"]]
    citations = [ok for r in rows for ok in r["citation_ok"]]
    out = {
        "questions": len(rows),
        "recall@1": statistics.fmean(recall_at(r["rank"], 1) for r in answerable) if answerable else 0.0,
        "recall@3": statistics.fmean(recall_at(r["rank"], 3) for r in answerable) if answerable else 0.0,
        "recall@5": statistics.fmean(recall_at(r["rank"], 5) for r in answerable) if answerable else 0.0,
        "mrr": statistics.fmean(reciprocal_rank(r["rank"]) for r in answerable) if answerable else 0.0,
        "keyword_coverage": statistics.fmean(r["keywords"] for r in rows if r["answerable"]) if any(r["answerable"] for r in rows) else 0.0,
        "answered_rate": len(answered) / max(1, sum(r["answerable"] for r in rows)),
        "refusal_accuracy": statistics.fmean(r["refused"] for r in unanswerable) if unanswerable else 0.0,
        "citation_validity": statistics.fmean(citations) if citations else 0.0,
        "answered_without_citation": float(sum(1 for r in answered if not r["citation_ok"])),
        "quote_is_evidence": statistics.fmean(r["quote_evidence"] for r in answered) if answered else 0.0,
        "median_answer_chars": statistics.median(r["answer_chars"] for r in answered) if answered else 0.0,
        "latency_p50_ms": percentile([r["latency_ms"] for r in rows], 50),
        "latency_p95_ms": percentile([r["latency_ms"] for r in rows], 95),
        "retrieval_p50_ms": percentile([r["retrieval_ms"] for r in rows], 50),
        "retrieval_p95_ms": percentile([r["retrieval_ms"] for r in rows], 95),
    }
    ttft = [r["first_token_ms"] for r in rows if r.get("first_token_ms")]
    if ttft:
        out["first_token_p50_ms"] = percentile(ttft, 50)
    return out


def score_row(question: dict, result: dict, documents: dict[str, str]) -> dict:
    """Scores of one question from its input line and its output line."""
    evidence = question.get("evidence") or []
    rank = evidence_rank([c["text"] for c in result["contexts"]], evidence)
    quotes = [c["quote"] for c in result["citations"]]
    return {
        "id": question["id"],
        "kind": question.get("kind", "vraag"),
        "answerable": bool(question.get("answerable", True)),
        "has_evidence": bool(evidence),
        "rank": rank,
        "refused": bool(result["refused"]),
        "keywords": 0.0 if result["refused"] else keyword_coverage(result["answer"], question.get("keywords") or []),
        "citation_ok": [citation_valid(c["quote"], documents.get(c["source"], "")) for c in result["citations"]],
        "quote_evidence": quote_is_evidence(quotes, evidence) if evidence else True,
        "answer_chars": len(re.sub(r"\s*\[\d+\]", "", result["answer"])),
        "latency_ms": float(result["latency_ms"]),
        "retrieval_ms": float(result.get("retrieval_ms", 0.0)),
        "first_token_ms": result.get("first_token_ms"),
        "decision": (result.get("decision") or {}).get("kind", ""),
        "reason": (result.get("decision") or {}).get("reason", ""),
    }
