"""What an ingest run did and how long each stage took (`IngestReport`), in Dutch."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant import messages as msg


@dataclass
class IngestReport:
    documents: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_relabelled: int = 0  # new metadata, same embedded texts: the vectors stayed
    chunks_deleted: int = 0
    total: int = 0
    rebuilt_reason: str = ""
    # Wall-clock seconds per stage (time.perf_counter around each).
    seconds_reading: float = 0.0  # reading the bytes, hashing, parsing (loaders)
    seconds_chunking: float = 0.0
    seconds_embedding_chunks: float = 0.0  # all chunk stores (the second model too)
    seconds_embedding_windows: float = 0.0
    seconds_store: float = 0.0  # Chroma writes and deletes
    seconds_keywords: float = 0.0  # BM25 over chunks and windows
    seconds_total: float = 0.0  # the whole call; the rest is Chroma reads and bookkeeping

    @property
    def seconds_embedding(self) -> float:
        return self.seconds_embedding_chunks + self.seconds_embedding_windows

    def times(self) -> str:
        return format_times(self.seconds_reading, self.seconds_chunking, self.seconds_embedding_chunks,
                            self.seconds_embedding_windows, self.seconds_store, self.seconds_keywords,
                            self.seconds_total)

    def summary(self) -> str:
        return msg.INGEST_SUMMARY.format(
            documents=self.documents, added=self.added, unchanged=self.unchanged, removed=self.removed,
            skipped=len(self.skipped), chunks_written=self.chunks_written,
            chunks_deleted=self.chunks_deleted, total=self.total,
        ) + (msg.INGEST_RELABELLED.format(n=self.chunks_relabelled) if self.chunks_relabelled else "") + "\n" + self.times()


def format_times(reading: float, chunking: float, embedding_chunks: float, embedding_windows: float,
                 store: float, keywords: float, total: float) -> str:
    """One Dutch line with the time per stage; `overig` is what the stages do not cover.

    Example: format_times(1.2, 0.3, 5.0, 35.1, 2.0, 0.4, 44.5) == ("Tijd: lezen 1.2 s, tekstdelen maken 0.3 s, "
             "embedden 40.1 s (tekstdelen 5.0 s, vensters 35.1 s), opslaan 2.0 s, trefwoordindex 0.4 s, "
             "overig 0.5 s; totaal 44.5 s")
    """
    embedding = embedding_chunks + embedding_windows
    other = max(0.0, total - reading - chunking - embedding - store - keywords)
    return msg.INGEST_TIMES.format(reading=reading, chunking=chunking, embedding=embedding,
                                   embedding_chunks=embedding_chunks, embedding_windows=embedding_windows,
                                   store=store, keywords=keywords, other=other, total=total)

