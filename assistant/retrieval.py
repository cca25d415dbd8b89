"""Hybrid retrieval: dense (e5, optionally USE) + Dutch BM25, ordered by a fitted ranker.

The query is expanded with the glossary first. Dense over chunks and BM25 over chunks and over
their sentence windows each contribute `candidates` ids with scores; the windows of those chunks
are then scored densely (window_store.py: no index over all windows) for a fourth ranking. The
fitted ranker (`assistant/fitted/rank.json`, features in rank_features.py) orders their union,
or reciprocal rank fusion when no ranker is fitted. The top `k` become `Hit`s carrying the ranker's score and
the cosine similarity of the main dense model (used by the refusal logic). Chunk texts come from an in-memory table
loaded from the store once at warm-up.
Not done here: follow-up rewriting (rewrite.py), answering (answer/).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import fitted
from . import messages as msg
from .answer.facts import expected_fact, has_fact
from .answer.lists import list_nouns
from .corpus import Corpus
from .errors import NoIndexError
from .fusion import rrf
from .glossary import expand
from .index import Index
from .keyword_index import KeywordIndex, tokenize
from .rank_features import FEATURES, Signals, feature_rows
from .records import Chunk, Hit
from .spelling import Vocabulary
from .windows import windows


@dataclass(frozen=True)
class Filters:
    sources: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def where(self) -> dict | None:
        clauses = []
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.types:
            clauses.append({"type": {"$in": list(self.types)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, chunk: Chunk) -> bool:
        return (not self.sources or chunk.source in self.sources) and (not self.types or chunk.type in self.types)


def build_keyword_indexes(index: Index, chunks: list[Chunk]):
    """(Re)build the BM25 indexes over chunks and over their windows; loads them when current.
    The texts are only made for a rebuild: at 100k chunks the window texts alone take ~370 MB."""
    by_chunk = KeywordIndex.load_or_build(index.keyword_dir / "chunks", [c.id for c in chunks],
                                          lambda: [c.search_text for c in chunks])
    window_ids = [wid for c in chunks for wid, _, _ in windows(c)]
    by_window = KeywordIndex.load_or_build(index.keyword_dir / "windows", window_ids,
                                           lambda: [text for c in chunks for _, text, _ in windows(c)])
    return by_chunk, by_window



def best_per_chunk(window_hits: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A ranking of windows ("chunk:first sentence") as a ranking of their chunks, each with its
    best window's score.

    Example: best_per_chunk([("a:1", .9), ("b:0", .8), ("a:0", .7)]) == [("a", .9), ("b", .8)]
    """
    best: dict[str, float] = {}
    for wid, score in window_hits:
        best.setdefault(wid.rsplit(":", 1)[0], score)
    return list(best.items())


class HybridRetriever:
    """Rankings of dense chunks, dense windows, BM25 chunks, BM25 windows and, when configured,
    a second dense model over chunks, ordered by the fitted ranker. The RRF weights are the
    fallback when no ranker is fitted (and the baseline `zorgassistent calibrate` compares with)."""

    def __init__(self, index: Index, candidates: int = 40, rrf_k: int = 5,
                 weights: tuple[float, ...] = (1.0, 1.3, 1.3, 1.3, 0.5)) -> None:
        self.index = index
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.weights = weights
        self._corpus: Corpus | None = None
        self._keyword: KeywordIndex | None = None
        self._keyword_windows: KeywordIndex | None = None
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ loading
    def warm_up(self) -> None:
        with self._lock:
            if self._corpus is not None:
                return
            corpus = Corpus(self.index.store.chunks())
            if not len(corpus):
                raise NoIndexError(msg.NO_INDEX.format(data_dir=self.index.settings.data_dir))
            self._keyword, self._keyword_windows = build_keyword_indexes(self.index, list(corpus.chunks.values()))
            for store in self.index.stores:
                store.embedder.warm_up()
            self._corpus = corpus

    def reload(self) -> None:
        """Load the index again and swap the corpus whole (a question under way keeps the old one)."""
        with self._lock:
            self._corpus = None
            self.warm_up()

    @property
    def corpus(self) -> Corpus:
        self.warm_up()
        assert self._corpus is not None
        return self._corpus

    @property
    def chunks(self) -> Mapping[str, Chunk]:
        return self.corpus.chunks

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        return self.corpus.neighbours(chunk)

    def vocabulary(self) -> Vocabulary:
        return self.corpus.vocabulary

    def idf(self, terms: list[str]) -> dict[str, float]:
        return self.corpus.idf(terms)

    # ------------------------------------------------------------------ search
    def signals(self, query: str, filters: Filters | None = None) -> tuple[Signals, dict[str, list[tuple[int, float]]]]:
        """Every ranking with its scores, and the window cosines per chunk (used to score
        sentences in answers)."""
        self.warm_up()
        filters = filters or Filters()
        expanded = expand(query)
        where = filters.where()
        main = self.index.store
        vector = main.embedder.embed_batch([expanded], "query")[0]
        dense_chunk = _ranked(main.search(vector, self.candidates, where))
        allowed = {cid for cid, c in self.chunks.items() if filters.allows(c)} if where else None
        assert self._keyword is not None and self._keyword_windows is not None
        bm25_chunk = _ranked(self._keyword.search(expanded, self.candidates, allowed))
        window_allowed = None
        if allowed is not None:
            window_allowed = {wid for wid in self._keyword_windows.ids if wid.rsplit(":", 1)[0] in allowed}
        bm25_window = _ranked(best_per_chunk(self._keyword_windows.search(expanded, self.candidates * 3, window_allowed)))
        found = Signals()
        found.rankings["dense_chunk"] = dense_chunk
        window_scores: dict[str, list[tuple[int, float]]] = {}
        if self.index.window_store is not None:
            # Only the chunks a ranking found need their windows scored (window_store.py).
            found_chunks = set(dense_chunk) | set(bm25_chunk) | set(bm25_window)
            window_hits = self.index.window_store.search_within(vector, sorted(found_chunks), self.candidates * 3)
            for wid, score, cid in window_hits:
                window_scores.setdefault(cid, []).append((int(wid.rsplit(":", 1)[1]), score))
            found.rankings["dense_window"] = _ranked(best_per_chunk([(w, s) for w, s, _ in window_hits]))
        found.rankings["bm25_chunk"] = bm25_chunk
        found.rankings["bm25_window"] = bm25_window
        if self.index.second_store is not None:
            second = self.index.second_store
            found.rankings["second"] = _ranked(second.search(second.embedder.embed_batch([expanded], "query")[0], self.candidates, where))
        return found, window_scores

    def rankings(self, query: str, filters: Filters | None = None):
        """The separate rankings (id lists), the main model's cosine per chunk (best of chunk and
        window) and the window cosines per chunk."""
        found, window_scores = self.signals(query, filters)
        return [_ids(r) for r in found.rankings.values()], _cosines(found), window_scores

    def features(self, query: str, found: Signals, candidates: list[str]) -> list[list[float]]:
        """The FEATURES rows of the candidates (see rank_features)."""
        fact = expected_fact(query)
        terms = self.idf(tokenize(query))

        def fact_in(chunk: Chunk) -> int:
            return 0 if not fact else (1 if has_fact(chunk.text, fact) else -1)

        chunks = self.chunks
        return feature_rows(found, candidates, chunks, terms,
                            lambda cid: _tokens(chunks[cid].search_text),
                            lambda cid: _tokens(chunks[cid].title),
                            lambda cid: _tokens(chunks[cid].heading), fact_in, dict(self.fused(found)),
                            frozenset(list_nouns(query)), lambda cid: _token_list(chunks[cid].text))

    def fused(self, found: Signals) -> list[tuple[str, float]]:
        """The rankings fused by reciprocal rank fusion, best first."""
        return rrf([_ids(r) for r in found.rankings.values()], k=self.rrf_k, weights=self.weights[: len(found.rankings)])

    def ranker(self) -> fitted.LinearModel | None:
        """The fitted ranker, when there is one for this embedding model."""
        return fitted.load("rank", FEATURES, self.index.store.embedder.name)

    def ordered(self, query: str, found: Signals, fitted_order: bool = True) -> list[tuple[str, float]]:
        """Chunk ids best first with their score: by the fitted ranker when there is one
        (assistant/fitted/rank.json) and `fitted_order`, else by reciprocal rank fusion."""
        model = self.ranker() if fitted_order else None
        if model is None:
            return self.fused(found)
        candidates = [c for c in found.candidates(RANK_DEPTH) if c in self.chunks]
        if not candidates:
            return []
        logits = model.logits(self.features(query, found, candidates))
        order = sorted(range(len(candidates)), key=lambda i: -logits[i])
        return [(candidates[i], float(logits[i])) for i in order]

    def retrieve(self, query: str, k: int = 10, filters: Filters | None = None, fitted_order: bool = True) -> list[Hit]:
        """The top `k` chunks for a question. `fitted_order=False`: by reciprocal rank fusion, for
        queries that are no question (the ranker is fitted on questions; the planner's theme
        queries are not)."""
        chunks = self.chunks  # one corpus for the whole question, also when another is loaded meanwhile
        found, window_scores = self.signals(query, filters)
        cosines = _cosines(found)
        hits = []
        for cid, score in self.ordered(query, found, fitted_order):
            chunk = chunks.get(cid)
            if chunk is None:  # written by another process after warm-up; picked up on reload
                continue
            hits.append(Hit(chunk=chunk, score=score, rank=len(hits) + 1, dense_score=cosines.get(cid),
                            window_scores=tuple(sorted(window_scores.get(cid, [])))))
            if len(hits) == k:
                break
        return hits

    def as_langchain(self, k: int = 5):
        """This retriever as a LangChain `BaseRetriever` (for LCEL chains)."""
        from langchain_core.documents import Document
        from langchain_core.retrievers import BaseRetriever

        outer = self

        class _Retriever(BaseRetriever):
            def _get_relevant_documents(self, query: str, *, run_manager=None) -> list[Document]:
                return [
                    Document(page_content=h.chunk.text, metadata={**h.chunk.metadata(), "id": h.chunk.id, "score": h.score})
                    for h in outer.retrieve(query, k=k)
                ]

        return _Retriever()


RANK_DEPTH = 20  # candidates for the fitted ranker: every ranking's first 20 chunks


def _ranked(scored: list[tuple[str, float]]) -> dict[str, tuple[int, float]]:
    return {cid: (rank, score) for rank, (cid, score) in enumerate(scored, start=1)}


def _ids(ranking: dict[str, tuple[int, float]]) -> list[str]:
    return sorted(ranking, key=lambda cid: ranking[cid][0])


def _cosines(found: Signals) -> dict[str, float]:
    """The main dense model's cosine per chunk: the best of chunk and window."""
    out = {cid: s for cid, (_, s) in found.rankings.get("dense_chunk", {}).items()}
    for cid, (_, s) in found.rankings.get("dense_window", {}).items():
        out[cid] = max(out.get(cid, 0.0), s)
    return out


@lru_cache(maxsize=4096)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


@lru_cache(maxsize=4096)
def _token_list(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text))


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
