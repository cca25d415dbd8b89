import pytest

from evals.metrics import (
    citation_valid,
    evidence_rank,
    keyword_coverage,
    percentile,
    quote_is_evidence,
    recall_at,
    reciprocal_rank,
    score_row,
    summarize,
)


def test_evidence_rank_all_groups_and_alternatives():
    contexts = ["De eerste tekst.", "Thuis als het kan\nwonen.", "Zelf als het kan."]
    assert evidence_rank(contexts, [["kan wonen"]]) == 2
    assert evidence_rank(contexts, [["bestaat niet", "Zelf als"]]) == 3
    assert evidence_rank(contexts, [["eerste"], ["Zelf"]]) == 3
    assert evidence_rank(contexts, [["nergens"]]) is None
    assert evidence_rank(contexts, []) is None


@pytest.mark.parametrize(("rank", "k", "expected"), [(1, 1, 1.0), (2, 1, 0.0), (5, 5, 1.0), (None, 5, 0.0)])
def test_recall_at(rank, k, expected):
    assert recall_at(rank, k) == expected


def test_reciprocal_rank():
    assert (reciprocal_rank(4), reciprocal_rank(None)) == (0.25, 0.0)


def test_keyword_coverage_folds_case_and_accents():
    assert keyword_coverage("Zes bouwblokken voor cliënten", ["zes|6", "bouwblok", "fase", "clienten"]) == 0.75
    assert keyword_coverage("iets", []) == 1.0


def test_citation_validity_is_whitespace_normalised_but_exact():
    assert citation_valid("thuis  wonen", "blijven thuis\nwonen")
    assert not citation_valid("thuis wonen!", "blijven thuis wonen.")
    assert not citation_valid("", "tekst")


def test_quote_is_evidence():
    assert quote_is_evidence(["Mensen wonen thuis zo lang het kan."], [["wonen thuis"]])
    assert not quote_is_evidence(["Iets anders."], [["wonen thuis"]])


def test_percentile_nearest_rank():
    assert [percentile([1, 2, 3, 4], p) for p in (50, 95, 100)] == [2, 4, 4]
    assert percentile([], 50) == 0.0


def test_summarize_exact():
    documents = {"corpus/a.txt": "Mensen wonen thuis. Zelf als het kan."}
    questions = [
        {"id": "1", "question": "?", "answerable": True, "evidence": [["wonen thuis"]], "keywords": ["thuis", "zelf"]},
        {"id": "2", "question": "?", "answerable": False},
    ]
    results = [
        {"answer": "Mensen wonen thuis. [1]", "refused": False, "latency_ms": 10.0,
         "citations": [{"source": "corpus/a.txt", "quote": "Mensen wonen thuis."},
                       {"source": "corpus/a.txt", "quote": "verzonnen citaat"}],
         "contexts": [{"text": "x"}, {"text": "Mensen wonen thuis."}]},
        {"answer": "Dat staat niet in de documenten.", "refused": True, "latency_ms": 30.0, "citations": [], "contexts": []},
    ]
    metrics = summarize([score_row(q, r, documents) for q, r in zip(questions, results)])
    assert metrics["recall@1"] == 0.0 and metrics["recall@3"] == 1.0 and metrics["mrr"] == 0.5
    assert metrics["keyword_coverage"] == 0.5
    assert metrics["citation_validity"] == 0.5
    assert metrics["refusal_accuracy"] == 1.0 and metrics["answered_rate"] == 1.0
    assert metrics["latency_p50_ms"] == 10.0 and metrics["latency_p95_ms"] == 30.0
