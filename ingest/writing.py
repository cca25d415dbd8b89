"""The second pass of ingest: embed and write what a document misses, and delete what is stale.

Writes go windows first, then the chunk stores; deletes go windows and the second model first, the
main store last. The main store is the source of truth: a run killed at any point leaves
orphans that `sweep_orphans` removes, never a chunk without its windows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant import messages as msg
from assistant.embeddings import Embedder
from assistant.index import Index
from assistant.records import Chunk
from assistant.retrieval import build_keyword_indexes
from assistant.store import ChromaStore
from assistant.windows import windows

from .report import IngestReport

OnProgress = Callable[[float, float, str], None]  # (done, total, label)

# Texts per embedding call, so progress moves at least every ~128 texts (e5's own batch of 512
# windows is over a minute on a busy 2-core machine). Within a call the runtime still sorts by
# length; a bigger slice pads a little less, a smaller one reports more often.
EMBED_SLICE = 128



@dataclass
class Planned:
    """One document's writes, worked out while reading and done in the second pass."""

    name: str
    windows: list[tuple[str, str, dict]]  # missing windows, all stores' chunks go after them
    chunks: list[tuple[ChromaStore, list[Chunk]]]  # (store, missing chunks) per chunk store
    stale_ids: list[str]
    relabel: list[Chunk] = field(default_factory=list)  # stored chunks with new metadata, same embedded texts

    @property
    def texts(self) -> int:
        return len(self.windows) + sum(len(missing) for _, missing in self.chunks)


def same_vectors(old: Chunk, new: Chunk) -> bool:
    """Whether two versions of a chunk embed the same texts (the chunk and its windows), so only
    their metadata differs: where its sections start, a publisher or date from sources.toml.

    Example: same_vectors(Chunk("c", "s", "T", "", "Een.", "T", 0), Chunk("c", "s", "T", "", "Een.", "T", 0, date="2024")) is True
    """
    return old.embedding_text == new.embedding_text and windows(old) == windows(new)


def plan_document(index: Index, name: str, chunks: list[Chunk], stale_ids: list[str],
                   rewrite: set[str], relabel: list[Chunk] | None = None) -> Planned:
    """The missing windows and chunks of one document (and those in `rewrite`, stored with
    outdated metadata and other texts to embed; those in `relabel` only get their new metadata)."""
    missing_windows: list[tuple[str, str, dict]] = []
    if index.window_store is not None:
        present = index.window_store.window_ids_of([c.id for c in chunks])
        missing_windows = [w for c in chunks for w in windows(c) if w[0] not in present or c.id in rewrite]
    missing = []
    for store in index.stores:
        present = store.existing_ids([c.id for c in chunks])
        missing.append((store, [c for c in chunks if c.id not in present or c.id in rewrite]))
    return Planned(name, missing_windows, missing, stale_ids, list(relabel or []))


class TextCounter:
    """Counts embedded texts for `on_progress` (pass 2 of `ingest`)."""

    def __init__(self, on_progress: OnProgress, total: int) -> None:
        self.on_progress, self.total, self.done = on_progress, total, 0

    def add(self, texts: int, name: str) -> None:
        self.done += texts
        self.on_progress(self.done, self.total, msg.INGEST_EMBEDDING.format(name=name))


def sweep_orphans(index: Index, chunks: list[Chunk]) -> None:
    """Delete what an interrupted run can leave outside the main store (the source of truth):
    windows and second-model chunks of chunks it does not hold. Counts are compared first, so
    an index without orphans costs only count queries."""
    ids = {c.id for c in chunks}
    for store in index.stores[1:]:
        if store.count() != len(ids):
            store.delete([c.id for c in store.chunks() if c.id not in ids])
    window_store = index.window_store
    if window_store is not None and window_store.count() != sum(len(windows(c)) for c in chunks):
        owners = {cid for cid, _ in window_store.owners().values()}
        window_store.delete_windows_of(sorted(owners - ids))


def index_has(store, ids: list[str]) -> bool:
    return len(store.existing_ids(ids)) == len(set(ids))


def remove_documents(index: Index, sources: list[str]) -> int:
    """Delete documents by source name; returns the number of chunks removed."""
    with index.write_lock():
        removed = 0
        manifest = index.read_manifest()
        for source in sources:
            ids = [c.id for c in index.store.chunks(where={"source": source})]
            delete_chunks(index, ids)
            removed += len(ids)
            manifest.get("documents", {}).pop(source, None)
        build_keyword_indexes(index, sorted(index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id)))
        index.write_manifest(manifest)
    return removed


def delete_chunks(index: Index, ids: list[str]) -> None:
    """Windows and the second model first, the main store last: until the main store lets go
    of a chunk, the next run sees it and finishes an interrupted delete."""
    if index.window_store is not None:
        index.window_store.delete_windows_of(ids)
    for store in reversed(index.stores):
        store.delete(ids)


def write_group(index: Index, group: list[Planned], report: IngestReport, counter: TextCounter) -> None:
    """Embed and write the missing windows and chunks of a few documents at once, then drop their
    stale ones. Embedding them together fills the runtime's batches (a page of a few chunks alone
    leaves them half empty) and makes one store write per group. Windows go first: a chunk is
    only visible once its windows are there. Stale chunks go last, main store last of all (see
    `delete_chunks`); a run killed half-way is completed by the next one (`sweep_orphans`)."""
    counter.add(0, group[0].name)
    missing_windows = [w for plan in group for w in plan.windows]
    if missing_windows:
        store = index.window_store
        names = [plan.name for plan in group for _ in plan.windows]
        vectors, seconds = embed(store.embedder, [w[1] for w in missing_windows], counter, names)
        report.seconds_embedding_windows += seconds
        started = time.perf_counter()
        store.write_windows(missing_windows, vectors)
        report.seconds_store += time.perf_counter() - started
    for position, (store, _) in enumerate(group[0].chunks):
        missing = [c for plan in group for c in plan.chunks[position][1]]
        if missing:
            names = [plan.name for plan in group for _ in plan.chunks[position][1]]
            vectors, seconds = embed(store.embedder, [c.embedding_text for c in missing], counter, names)
            report.seconds_embedding_chunks += seconds
            started = time.perf_counter()
            store.write(missing, vectors)
            report.seconds_store += time.perf_counter() - started
            if store is index.store:
                report.chunks_written += len(missing)
    relabel = [c for plan in group for c in plan.relabel]
    if relabel:
        started = time.perf_counter()
        for store in index.stores:
            store.relabel(relabel)
        report.seconds_store += time.perf_counter() - started
        report.chunks_relabelled += len(relabel)
    stale_ids = [cid for plan in group for cid in plan.stale_ids]
    if stale_ids:
        started = time.perf_counter()
        delete_chunks(index, stale_ids)
        report.seconds_store += time.perf_counter() - started
    report.chunks_deleted += len(stale_ids)


def embed(embedder: Embedder, texts: list[str], counter: TextCounter, names: list[str]) -> tuple[np.ndarray, float]:
    """Embed in slices of at most `EMBED_SLICE` texts (and of no more than the embedder's own
    batch), counting each slice under the name of the document its last text belongs to;
    returns the vectors and the seconds spent embedding."""
    step = max(1, min(EMBED_SLICE, getattr(embedder, "batch_size", EMBED_SLICE)))
    parts, seconds = [], 0.0
    for i in range(0, len(texts), step):
        started = time.perf_counter()
        parts.append(embedder.embed_batch(texts[i : i + step], "passage"))
        seconds += time.perf_counter() - started
        counter.add(len(texts[i : i + step]), names[min(i + step, len(texts)) - 1])
    return np.vstack(parts), seconds

