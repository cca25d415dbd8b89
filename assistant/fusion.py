"""Reciprocal rank fusion (pure).

score(d) = sum over rankings r of weight_r / (k + rank_r(d)), ranks starting at 1.
Not done here: producing the rankings or cutting to top-k for display.
"""

from __future__ import annotations

from collections.abc import Sequence


def rrf(rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists; ties keep the order in which ids were first seen.

    Example: rrf([["a", "b"], ["b", "c"]], k=1) == [("b", 1/3 + 1/2), ("a", 1/2), ("c", 1/3)]
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("rrf: one weight per ranking")
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for position, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + position)
    first_seen = {item: i for i, item in enumerate(dict.fromkeys(x for r in rankings for x in r))}
    return sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
