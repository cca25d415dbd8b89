"""Hybrid retrieval: dense (e5, optionally USE) + Dutch BM25, fused with reciprocal rank fusion.

The query is expanded with the glossary first. Every ranking contributes `candidates` ids;
RRF fuses them; the top `k` become `Hit`s carrying the fused score and the cosine similarity of
the main dense model (used by the refusal logic). Chunk texts come from an in-memory table
loaded from the store once at warm-up.
Not done here: follow-up rewriting (rewrite.py), answering (answer/).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from . import messages as msg
from .errors import NoIndexError
from .fusion import rrf
from .glossary import expand
from .index import Index
from .keyword_index import KeywordIndex
from .records import Chunk, Hit
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
    """(Re)build the BM25 indexes over chunks and over their windows; loads them when current."""
    by_chunk = KeywordIndex.load_or_build(index.keyword_dir / "chunks", [c.id for c in chunks], [c.search_text for c in chunks])
    all_windows = [w for c in chunks for w in windows(c)]
    by_window = KeywordIndex.load_or_build(index.keyword_dir / "windows", [w[0] for w in all_windows], [w[1] for w in all_windows])
    return by_chunk, by_window



def best_per_chunk(window_hits: list[tuple[str, float]], to_chunk) -> list[str]:
    """Collapse a ranking of windows into a ranking of their chunks (first = best window).

    Example: best_per_chunk([("a:1", .9), ("b:0", .8), ("a:0", .7)], lambda w: w.split(":")[0]) == ["a", "b"]
    """
    return list(dict.fromkeys(to_chunk(wid) for wid, _ in window_hits))


class HybridRetriever:
    """Rankings fused by RRF: dense chunks, dense windows, BM25 chunks, BM25 windows and,
    when configured, a second dense model over chunks. Weights were tuned on the development
    set (README); `rrf_k` is small because the rankings are short and precise at the top."""

    def __init__(self, index: Index, candidates: int = 40, rrf_k: int = 5,
                 weights: tuple[float, ...] = (1.0, 1.3, 1.3, 1.3, 0.5)) -> None:
        self.index = index
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.weights = weights
        self._chunks: dict[str, Chunk] | None = None
        self._keyword: KeywordIndex | None = None
        self._keyword_windows: KeywordIndex | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading
    def warm_up(self) -> None:
        with self._lock:
            if self._chunks is not None:
                return
            chunks = sorted(self.index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id))
            if not chunks:
                raise NoIndexError(msg.NO_INDEX.format(data_dir=self.index.settings.data_dir))
            self._keyword, self._keyword_windows = build_keyword_indexes(self.index, chunks)
            for store in self.index.stores:
                store.embedder.warm_up()
            self._chunks = {c.id: c for c in chunks}

    def reload(self) -> None:
        with self._lock:
            self._chunks = None
            self._keyword = None
        self.warm_up()

    @property
    def chunks(self) -> dict[str, Chunk]:
        self.warm_up()
        assert self._chunks is not None
        return self._chunks

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks before and after `chunk` in its document (for "show surrounding text")."""
        same = {c.ordinal: c for c in self.chunks.values() if c.source == chunk.source}
        return same.get(chunk.ordinal - 1), same.get(chunk.ordinal + 1)

    # ------------------------------------------------------------------ search
    def rankings(self, query: str, filters: Filters | None = None):
        """The separate rankings and the main model's cosine per chunk (best of chunk/window).
        Also returns the window cosines per chunk, used to score sentences in answers."""
        self.warm_up()
        filters = filters or Filters()
        expanded = expand(query)
        where = filters.where()
        main = self.index.store
        vector = main.embedder.embed_batch([expanded], "query")[0]
        dense = main.search(vector, self.candidates, where)
        cosines = dict(dense)
        rankings = [[cid for cid, _ in dense]]
        window_scores: dict[str, list[tuple[int, float]]] = {}
        if self.index.window_store is not None:
            window_hits = self.index.window_store.search_meta(vector, self.candidates * 3, where)
            for wid, score, meta in window_hits:
                cid = meta.get("chunk_id", "")
                cosines[cid] = max(cosines.get(cid, 0.0), score)
                window_scores.setdefault(cid, []).append((int(wid.rsplit(":", 1)[1]), score))
            rankings.append(best_per_chunk([(w, s) for w, s, _ in window_hits], lambda w: w.rsplit(":", 1)[0]))
        allowed = {cid for cid, c in self.chunks.items() if filters.allows(c)} if where else None
        assert self._keyword is not None and self._keyword_windows is not None
        rankings.append([cid for cid, _ in self._keyword.search(expanded, self.candidates, allowed)])
        window_allowed = None
        if allowed is not None:
            window_allowed = {wid for wid in self._keyword_windows.ids if wid.rsplit(":", 1)[0] in allowed}
        rankings.append(best_per_chunk(self._keyword_windows.search(expanded, self.candidates * 3, window_allowed),
                                       lambda w: w.rsplit(":", 1)[0]))
        if self.index.second_store is not None:
            second = self.index.second_store
            rankings.append([cid for cid, _ in second.search(second.embedder.embed_batch([expanded], "query")[0], self.candidates, where)])
        return rankings, cosines, window_scores

    def retrieve(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        rankings, cosines, window_scores = self.rankings(query, filters)
        fused = rrf(rankings, k=self.rrf_k, weights=self.weights[: len(rankings)])
        hits = []
        for cid, score in fused[:k]:
            chunk = self.chunks.get(cid)
            if chunk is None:  # written by another process after warm-up; picked up on reload
                continue
            hits.append(Hit(chunk=chunk, score=score, rank=len(hits) + 1, dense_score=cosines.get(cid),
                            window_scores=tuple(sorted(window_scores.get(cid, [])))))
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


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
