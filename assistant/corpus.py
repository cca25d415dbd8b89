"""The loaded corpus: its chunks and what is derived from their text, never changed once built.

A `Corpus` is built from the store's chunks when the index is loaded and replaced whole when it
is reloaded (an upload, another process's ingest): a question that started on the old one reads
the old one to its end. It holds the chunks by id in reading order (source, ordinal), each
chunk's neighbours in its document, and, built on first use and then kept, the document
frequency of every stemmed word (for idf weights) and the vocabulary that the question's
words are matched to (spelling.py; its word lists take ~90 MB, so a process that never
answers a question never builds them).
Not done here: searching (retrieval.py), BM25 (keyword_index.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType

from .answer.refusal import idf_weights
from .keyword_index import tokenize
from .records import Chunk
from .spelling import Vocabulary


class Corpus:
    """Chunks by id (reading order), neighbours, document frequencies, vocabulary; immutable."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        ordered = sorted(chunks, key=lambda c: (c.source, c.ordinal, c.id))
        self.chunks: Mapping[str, Chunk] = MappingProxyType({c.id: c for c in ordered})
        self._at: Mapping[tuple[str, int], Chunk] = MappingProxyType({(c.source, c.ordinal): c for c in ordered})

    def __len__(self) -> int:
        return len(self.chunks)

    def __setattr__(self, name: str, value: object) -> None:
        if name in self.__dict__:
            raise AttributeError(f"Corpus is immutable: {name}")
        super().__setattr__(name, value)

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks before and after `chunk` in its document (for "show surrounding text" and
        lists that run on into the next chunk).

        Example: Corpus([a0, a1, b0]).neighbours(a1) == (a0, None)
        """
        return self._at.get((chunk.source, chunk.ordinal - 1)), self._at.get((chunk.source, chunk.ordinal + 1))

    @cached_property
    def document_frequency(self) -> Mapping[str, int]:
        """In how many chunks each stemmed word occurs."""
        df: Counter[str] = Counter()
        for chunk in self.chunks.values():
            df.update(set(tokenize(chunk.search_text)))
        return MappingProxyType(dict(df))

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The corpus words, to match the question's words to (spelling.py)."""
        return Vocabulary.from_texts(c.search_text for c in self.chunks.values())

    def idf(self, terms: list[str]) -> dict[str, float]:
        """The idf of each term in this corpus (answer/refusal.idf_weights)."""
        df = self.document_frequency
        return idf_weights(terms, lambda t: df.get(t, 0), max(1, len(self.chunks)))

    def knows(self, term: str) -> bool:
        """Whether any chunk has this stemmed word."""
        return self.document_frequency.get(term, 0) > 0
