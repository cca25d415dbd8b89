"""The fitted ranker: its features (pure), the stored model, the fit, and its use by the retriever.
All on tiny synthetic data; no names from the project's corpus."""

import numpy as np
import pytest

from assistant import fitted
from assistant.rank_features import FEATURES, Signals, feature_rows
from assistant.records import Chunk
from evals.calibrate import Question, by_model, fit, holds, scores
from evals.fitting import fit_linear, fit_listwise


def chunk(cid, source, text, ordinal=0, n=3, title="Titel", heading=""):
    return Chunk(cid, source, title, heading, text, title, ordinal, doc_chunks=n)


CHUNKS = {
    "a0": chunk("a0", "a.txt", "De aanvraag kost 40 euro per jaar.", 0, 2, title="Vergunning"),
    "a1": chunk("a1", "a.txt", "Openingstijden van het loket staan online.", 1, 2, title="Vergunning", heading="Loket"),
    "b0": chunk("b0", "b.txt", "Een fiets heeft twee wielen.", 0, 1, title="Fietsen"),
}


def rows_for(signals, terms=None, fact=0):
    return feature_rows(signals, list(CHUNKS), CHUNKS, terms or {"vergunning": 2.0, "kost": 1.0},
                        lambda cid: set(CHUNKS[cid].text.lower().replace(".", "").split()),
                        lambda cid: set(CHUNKS[cid].title.lower().split()),
                        lambda cid: set(CHUNKS[cid].heading.lower().split()),
                        lambda c: fact, {"a0": 0.5, "a1": 0.25})


def column(rows, name):
    return [row[FEATURES.index(name)] for row in rows]


def test_scores_are_relative_to_the_best_candidate_and_missing_ones_get_the_floor():
    signals = Signals({"dense_chunk": {"a0": (1, 0.9), "a1": (2, 0.7)}})
    rows = rows_for(signals)
    assert len(rows) == 3 and all(len(r) == len(FEATURES) for r in rows)
    assert column(rows, "dense_chunk") == pytest.approx([0.0, -0.2, -0.2])  # b0: not retrieved = the floor
    assert column(rows, "rr_dense_chunk") == [1.0, 0.5, 0.0]
    assert column(rows, "fused") == [1.0, 0.5, 0.0]


def test_word_features_weigh_informative_terms():
    rows = rows_for(Signals({"dense_chunk": {"a0": (1, 0.9)}}))
    # "vergunning" (idf 2) is in a0's title, "kost" (idf 1) in its text only.
    assert column(rows, "title_share")[0] == pytest.approx(2 / 3)
    assert column(rows, "term_share")[0] == pytest.approx(1 / 3)
    assert column(rows, "heading_share") == [0.0, 0.0, 0.0]


def test_document_features():
    signals = Signals({"dense_chunk": {"a1": (1, 0.9), "b0": (4, 0.5)},
                       "bm25_chunk": {"a0": (1, 3.0)}})
    rows = rows_for(signals)
    assert column(rows, "document_share") == [1.0, 1.0, 0.0]  # both rankings have a.txt in their top 3
    assert column(rows, "lead_share") == [0.5, 0.0, 1.0]      # first chunk of a 2-chunk and a 1-chunk document
    assert column(rows, "lead") == [1.0, 0.0, 1.0]            # a document's first chunk, however long the document


def test_what_a_list_question_asks_for_is_counted_in_the_chunks_own_text():
    signals = Signals({"dense_chunk": {"a0": (1, 0.9)}})
    words = {"a0": ["fiets", "fiets", "wiel"], "a1": ["wiel"], "b0": []}
    rows = feature_rows(signals, list(CHUNKS), CHUNKS, {"fiets": 1.0}, lambda cid: set(), lambda cid: set(),
                        lambda cid: set(), lambda c: 0, {}, frozenset({"fiets"}), lambda cid: words[cid])
    assert column(rows, "asked_count") == pytest.approx([np.log(3), 0.0, 0.0])
    assert set(column(rows_for(signals), "asked_count")) == {0.0}  # no list question: no signal


def test_fact_feature_is_signed():
    signals = Signals({"dense_chunk": {"a0": (1, 0.9)}})
    assert set(column(rows_for(signals, fact=1), "fact_present")) == {1.0}
    assert set(column(rows_for(signals, fact=-1), "fact_present")) == {-1.0}


def test_candidates_interleave_the_rankings_in_depth_order():
    signals = Signals({"x": {"a": (1, 1.0), "b": (2, 0.5), "c": (3, 0.1)}, "y": {"c": (1, 9.0), "d": (2, 1.0)}})
    assert signals.candidates(2) == ["a", "c", "b", "d"]


def test_model_round_trip_and_feature_mismatch(tmp_path):
    model = fitted.LinearModel(("p", "q"), np.array([1.0, 0.0]), np.array([2.0, 1.0]), np.array([1.0, -1.0]), 0.5)
    model = fitted.LinearModel(model.features, model.mean, model.scale, model.coef, model.intercept, about={"embedding": "e5"})
    fitted.save(model, "m", tmp_path)
    loaded = fitted.load("m", ("p", "q"), "e5", folder=tmp_path)
    assert loaded is not None and loaded.logits([[3.0, 1.0]])[0] == pytest.approx(0.5 + 1.0 - 1.0)
    assert fitted.load("m", ("p", "other"), "e5", folder=tmp_path) is None  # fitted on other features: not used
    assert fitted.load("m", ("p", "q"), "use", folder=tmp_path) is None  # with another embedding model: neither
    assert fitted.load("missing", ("p", "q"), folder=tmp_path) is None
    # A value far outside the fit counts as 4 standard deviations, no more.
    assert loaded.logits([[1e6, 1.0]])[0] == pytest.approx(0.5 + 4.0 - 1.0)
    parts = loaded.contributions([3.0, 1.0])
    assert sum(parts.values()) == pytest.approx(loaded.logits([[3.0, 1.0]])[0] - loaded.intercept)


def synthetic_questions(n=40, seed=0):
    """Questions whose answer chunk has the highest first feature; the other features are noise."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        rows = rng.normal(size=(6, len(FEATURES)))
        gold = int(rng.integers(0, 6))
        rows[gold, 0] += 4.0
        texts = [f"tekst {i} {j}" for j in range(6)]
        out.append(Question("s", f"q{i}", [[texts[gold]]], texts, texts, rows,
                            np.array([int(j == gold) for j in range(6)]), texts[::-1], texts[::-1]))
    return out


def test_fit_learns_the_signal_and_ranks_the_answer_first():
    train, test = synthetic_questions(60, 1), synthetic_questions(30, 2)
    model = fit(train, c=1.0)
    assert int(np.argmax(np.abs(model.coef))) == 0 and model.coef[0] > 0
    assert scores(test, by_model(model))["recall@1"] >= 0.9
    assert scores(test, lambda q: q.fused_texts)["recall@1"] < 0.5  # the reversed order is no good


def test_evidence_label_ignores_spacing_but_not_words():
    assert holds("Vanaf  2023\nis er", [["Vanaf 2023 is"]])
    assert not holds("Vanaf 2024 is er", [["Vanaf 2023 is"]])


def test_retriever_orders_by_the_fitted_model_and_falls_back_to_fusion(settings, monkeypatch):
    from assistant.index import open_index
    from assistant.retrieval import HybridRetriever
    from ingest.pipeline import ingest

    ingest(open_index(settings), warn=lambda m: None)
    retriever = HybridRetriever(open_index(settings))
    query = "thuis als het kan"
    found, _ = retriever.signals(query)
    monkeypatch.setattr(fitted, "load", lambda *args, **kwargs: None)
    assert retriever.ordered(query, found) == retriever.fused(found)
    # A model that only trusts "the chunk is long" puts the longest candidate first.
    length = FEATURES.index("log_length")
    coef = np.zeros(len(FEATURES))
    coef[length] = 1.0
    model = fitted.LinearModel(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef, 0.0)
    monkeypatch.setattr(fitted, "load", lambda *args, **kwargs: model)
    first = retriever.ordered(query, found)[0][0]
    candidates = [c for c in found.candidates(20) if c in retriever.chunks]
    assert first == max(candidates, key=lambda c: len(retriever.chunks[c].text.split()))
    # A query that is no question (the planner's themes) keeps the fusion, model or not.
    assert retriever.ordered(query, found, fitted_order=False) == retriever.fused(found)


def levelled_questions(n, seed):
    """Each question's answer has a higher first feature than its other candidates, but the level
    of that feature differs from question to question by much more than that margin; the second
    feature is a weak sign of an answer on any level (set for 60% of answers, 40% of the others)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        gold = int(rng.integers(0, 5))
        rows = np.zeros((5, 2))
        rows[:, 0] = rng.normal(scale=3.0) + rng.normal(scale=0.1, size=5)
        rows[gold, 0] += 1.0
        rows[:, 1] = rng.random(5) < np.where(np.arange(5) == gold, 0.6, 0.4)
        out.append((rows, np.array([int(j == gold) for j in range(5)])))
    return out


def test_the_per_question_fit_orders_within_a_question_where_the_per_candidate_fit_cannot():
    train, test = levelled_questions(200, 3), levelled_questions(100, 4)
    first = lambda model: np.mean([np.argmax(model.logits(rows)) == np.argmax(labels) for rows, labels in test])  # noqa: E731
    features = ("niveau", "zwak")
    listwise = fit_listwise(train, features)
    pointwise = fit_linear(np.vstack([r for r, _ in train]), np.concatenate([y for _, y in train]), features, 0.01)
    assert first(listwise) >= 0.95
    assert first(pointwise) < 0.8

