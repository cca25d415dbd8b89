"""The signals a fitted ranker combines, per (question, candidate chunk) (pure).

Every retriever (dense chunks, dense windows, BM25 chunks, BM25 windows, a second dense model)
contributes its rank and score; the rest is about the words: which share of the question's
informative (idf-weighted) terms the chunk and its heading hold, whether the chunk has the kind
of fact asked for, how strongly its document as a whole is retrieved. Scores are taken relative
to the best candidate of the same question, so that the same weights carry over to corpora and
embedding models with other score levels. No signal names a document, a region or a question.

Not done here: retrieving (retrieval.py), the weights and their fit (fitted.py, evals/calibrate.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .keyword_index import term_share
from .records import Chunk

# The order is the order of the weights in assistant/fitted/*.json.
FEATURES = (
    "dense_chunk",       # cosine of question and chunk, minus the best candidate's
    "dense_window",      # best window cosine, minus the best candidate's
    "bm25_chunk",        # BM25 of the chunk / best BM25 of the question
    "bm25_window",       # best window BM25 / best of the question
    "rr_dense_chunk",    # 1 / rank in each ranking (0 when not in it)
    "rr_dense_window",
    "rr_bm25_chunk",
    "rr_bm25_window",
    "term_share",        # idf-weighted share of the question's terms in the chunk (with its context)
    "title_share",       # the same for the document's title only
    "heading_share",     # the same for the chunk's section heading only
    "fact_present",      # the kind of fact asked for is in the chunk (+1), absent (-1), nothing asked (0)
    "document_share",    # share of the retrievers whose top 3 holds a chunk of the same document
    "document_best",     # this chunk is its document's best candidate by dense window score (1/0)
    "log_length",        # log of the chunk's length in words
    "lead_share",        # the document's first chunk (often its summary): 1 / chunks of the document, else 0
    "fused",             # reciprocal rank fusion of the rankings / the best fused score of the question
    "asked_count",       # log(1 + how often the chunk's own text names what a list question asks for: "welke bewegingen")
    "lead",              # the document's first chunk (1/0), however long the document
)

RANKINGS = ("dense_chunk", "dense_window", "bm25_chunk", "bm25_window", "second")


@dataclass
class Signals:
    """What the retrievers found for one question: per ranking name, chunk id -> (rank, score)."""

    rankings: dict[str, dict[str, tuple[int, float]]] = field(default_factory=dict)

    def candidates(self, depth: int) -> list[str]:
        """The union of every ranking's first `depth` chunks, in order of first appearance."""
        ordered = [sorted(r.items(), key=lambda kv: kv[1][0]) for r in self.rankings.values()]
        out: dict[str, None] = {}
        for position in range(depth):
            for ranking in ordered:
                if position < len(ranking):
                    out.setdefault(ranking[position][0], None)
        return list(out)


def _score(ranking: Mapping[str, tuple[int, float]], cid: str, floor: float) -> float:
    found = ranking.get(cid)
    return found[1] if found else floor


def feature_rows(signals: Signals, candidates: Sequence[str], chunks: Mapping[str, Chunk],
                 terms: Mapping[str, float], tokens_of: Callable[[str], set[str]],
                 title_tokens_of: Callable[[str], set[str]], heading_tokens_of: Callable[[str], set[str]],
                 fact_in: Callable[[Chunk], int], fused: Mapping[str, float],
                 asked: frozenset[str] = frozenset(), text_tokens_of: Callable[[str], Sequence[str]] | None = None,
                 ) -> list[list[float]]:
    """One row of FEATURES per candidate.

    `terms` are the question's stemmed terms with their idf; `tokens_of(id)`, `title_tokens_of(id)`
    and `heading_tokens_of(id)` give the stemmed words of a chunk, its title and its heading; `fact_in(chunk)` is +1/-1/0 as above;
    `fused` the reciprocal-rank-fusion score per chunk; `asked`: the stems of what a list question
    asks for ("welke bewegingen" -> {"beweg"}), counted in `text_tokens_of(id)` (the stemmed words
    of the chunk's own text, in order, repeats kept).
    """
    dense = signals.rankings.get("dense_chunk", {})
    window = signals.rankings.get("dense_window", {})
    bm25 = signals.rankings.get("bm25_chunk", {})
    bm25_window = signals.rankings.get("bm25_window", {})
    floors = {name: min((s for _, s in r.values()), default=0.0) for name, r in signals.rankings.items()}
    best_dense = max((s for _, s in dense.values()), default=0.0)
    best_window = max((s for _, s in window.values()), default=best_dense)
    best_bm25 = max((s for _, s in bm25.values()), default=0.0) or 1.0
    best_bm25_window = max((s for _, s in bm25_window.values()), default=0.0) or 1.0
    best_fused = max(fused.values(), default=0.0) or 1.0
    tops = [{chunks[c].source for c, (rank, _) in r.items() if rank <= 3 and c in chunks}
            for r in signals.rankings.values()]
    window_of = {cid: _score(window, cid, floors.get("dense_window", 0.0)) for cid in candidates}
    best_in_document: dict[str, float] = {}
    for cid in candidates:
        source = chunks[cid].source
        best_in_document[source] = max(best_in_document.get(source, -1.0), window_of[cid])
    rows = []
    for cid in candidates:
        chunk = chunks[cid]
        rr = [1.0 / r[cid][0] if cid in r else 0.0
              for r in (dense, window, bm25, bm25_window)]
        rows.append([
            _score(dense, cid, floors.get("dense_chunk", 0.0)) - best_dense,
            window_of[cid] - best_window,
            _score(bm25, cid, 0.0) / best_bm25,
            _score(bm25_window, cid, 0.0) / best_bm25_window,
            *rr,
            term_share(terms, tokens_of(cid)),
            term_share(terms, title_tokens_of(cid)),
            term_share(terms, heading_tokens_of(cid)),
            float(fact_in(chunk)),
            sum(chunk.source in top for top in tops) / max(1, len(tops)),
            1.0 if window_of[cid] >= best_in_document[chunk.source] else 0.0,
            math.log(1 + len(chunk.text.split())),
            1.0 / max(1, chunk.doc_chunks) if chunk.ordinal == 0 else 0.0,
            fused.get(cid, 0.0) / best_fused,
            math.log(1 + sum(t in asked for t in text_tokens_of(cid))) if asked and text_tokens_of else 0.0,
            1.0 if chunk.ordinal == 0 else 0.0,
        ])
    return rows
