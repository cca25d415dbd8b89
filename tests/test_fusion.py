import pytest

from assistant.fusion import rrf
from assistant.retrieval import best_per_chunk


def test_rrf_exact_scores():
    assert rrf([["a", "b"], ["b", "c"]], k=1) == [("b", 1 / 3 + 1 / 2), ("a", 1 / 2), ("c", 1 / 3)]


def test_rrf_weights_change_the_winner():
    assert rrf([["a", "b"], ["b", "a"]], k=1, weights=[2.0, 1.0])[0][0] == "a"
    assert rrf([["a", "b"], ["b", "a"]], k=1, weights=[1.0, 2.0])[0][0] == "b"


def test_rrf_ties_keep_first_seen_order():
    assert [i for i, _ in rrf([["x"], ["y"]], k=60)] == ["x", "y"]


def test_rrf_needs_one_weight_per_ranking():
    with pytest.raises(ValueError):
        rrf([["a"]], weights=[1.0, 2.0])


def test_windows_collapse_to_their_chunks_in_order():
    assert best_per_chunk([("a:1", 0.9), ("b:0", 0.8), ("a:0", 0.7)]) == [("a", 0.9), ("b", 0.8)]
