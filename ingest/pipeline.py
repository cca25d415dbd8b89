"""The ingestion pipeline: files -> chunks -> embeddings -> store, incrementally.

Chunk ids are content hashes. Per group of documents: the chunks that are new get embedded and
written, then the documents' stale chunks are deleted (write-then-delete, so a crash never leaves a
document without text; a crash in between is finished by the next run). With `sync=True`
(the default for the corpus folder) documents that disappeared from the folder are removed.
The manifest records embedding models and chunker version; a mismatch rebuilds everything.
Bad files are skipped with a Dutch reason; the rest of the batch is ingested, and a skipped
file keeps the version that was ingested before. Deletes run main store last and a final sweep
removes orphaned windows, so a run killed at any point is completed by the next one.

Two passes: every file is read and chunked first (so the number of texts to embed is known),
then the documents are embedded and written a few at a time (at least
`Settings.ingest_group_texts` texts, so small pages fill the embedding batches); `on_progress` reports both. A file
whose bytes, `sources.toml` entry, parser code and index signature match what the manifest
recorded, and whose chunk ids are all in the store, is not parsed again (see `reuse_key`).
Each stage is timed in the report (`IngestReport.times`).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np

from assistant import messages as msg
from assistant.embeddings import Embedder
from assistant.errors import (
    InputFileError,
    UnreadableFileError,
    UnsupportedFileError,
    ZorgError,
)
from assistant.index import Index
from assistant.records import Chunk
from assistant.retrieval import build_keyword_indexes
from assistant.store import ChromaStore, by_source
from assistant.tokens import count_tokens
from assistant.windows import windows

from .chunking import CHUNKER_VERSION, ChunkSizes, chunk_blocks
from .loaders import SUPPORTED_SUFFIXES, Loaded, load_bytes
from .sources import MANIFEST_NAME, document_meta, read_manifest

Progress = Callable[[Iterable, str, int], Iterable]
OnProgress = Callable[[float, float, str], None]  # (done, total, label)
# Texts per embedding call, so progress moves at least every ~128 texts (e5's own batch of 512
# windows is over a minute on a busy 2-core machine). Within a call the runtime still sorts by
# length; a bigger slice pads a little less, a smaller one reports more often.
EMBED_SLICE = 128
DEFAULT_SIZES = ChunkSizes()


@dataclass
class IngestReport:
    documents: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[str] = field(default_factory=list)
    chunks_written: int = 0
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
        ) + "\n" + self.times()


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


def _no_progress(items: Iterable, label: str, total: int) -> Iterable:
    return items


def _no_report(done: float, total: float, label: str) -> None:
    return None


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders into their supported files (sorted); missing paths raise InputFileError."""
    return [file for file, _ in discover_with_roots(paths)]


def discover_with_roots(paths: list[Path]) -> list[tuple[Path, Path]]:
    """Like `discover`, each file with the folder it was found under: the folder argument, or
    the file's own folder for a file argument (its source name is counted from there)."""
    files: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            files.extend((file, path) for file in found)
        elif path.is_file():
            files.append((path, path.parent))
        else:
            raise InputFileError(msg.FILE_MISSING.format(path=path))
    return files


def source_name(path: Path, corpus_dir: Path, uploads_dir: Path | None = None, root: Path | None = None) -> str:
    """How a document is named in citations: `corpus/<file>` inside the corpus, `uploads/<file>`
    for files uploaded in the web app, else `<folder>/<path in it>` from the folder it was
    ingested from (`root`). Never the machine's absolute path: a citation shows the source, and
    the same folder ingested from another place or machine must keep its ids.

    Example: source_name(Path("/r/corpus/a.txt"), Path("/r/corpus")) == "corpus/a.txt"
    Example: source_name(Path("/h/ik/beleid/2024/a.pdf"), Path("/r/corpus"), root=Path("/h/ik/beleid"))
             == "beleid/2024/a.pdf"
    """
    path = path.resolve()
    for folder in (corpus_dir, uploads_dir, root):
        if folder is None:
            continue
        try:
            return (Path(folder.resolve().name) / path.relative_to(folder.resolve())).as_posix()
        except ValueError:
            continue
    return f"{path.parent.name}/{path.name}"


def index_signature(index: Index) -> dict[str, str]:
    return {
        "embedding": index.store.embedder.name,
        "second_embedding": index.second_store.embedder.name if index.second_store else "",
        "chunker": CHUNKER_VERSION,
        "windows": index.window_store.version if index.window_store is not None else "",
    }


def prepare_chunks(path: Path, source: str, manifest: dict, max_bytes: int, sizes: ChunkSizes) -> list[Chunk]:
    """Read, check and chunk one file. Raises a ZorgError with the Dutch reason to skip it."""
    data = read_supported(path, max_bytes)
    return chunk_file(path, source, data, manifest, sizes, parse_file(data, path))


def read_supported(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file of a supported type (see `read_limited`); else UnsupportedFileError."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(msg.FILE_UNSUPPORTED.format(name=path.name, suffix=path.suffix or "(geen)"))
    return read_limited(path, max_bytes)


def parse_file(data: bytes, path: Path, on_page: Callable[[int, int], None] | None = None) -> Loaded:
    """Parse a file's bytes into blocks and embedded metadata (the slow part of reading)."""
    return load_bytes(data, path.name, on_page=on_page)


def chunk_file(path: Path, source: str, data: bytes, manifest: dict, sizes: ChunkSizes, loaded: Loaded) -> list[Chunk]:
    """Chunk a parsed file (cheap next to parsing) with its metadata."""
    blocks, embedded = loaded
    meta = document_meta(source, path, blocks, embedded, manifest)
    sha = hashlib.sha256(data).hexdigest()
    return unique_chunks(chunk_blocks(blocks, meta, count_tokens, sizes, doc_sha256=sha))


@cache
def parser_fingerprint() -> str:
    """A hash of the code that turns bytes into chunks: the loaders, the chunker, the metadata
    rules and the chunk record. A document parsed by other code is parsed again (its unchanged
    chunks keep their ids, so nothing is embedded twice). Not covered: the versions of the
    parsing libraries (pypdf, python-docx, ...) and of tesseract."""
    from assistant import records

    from . import chunking, loaders, sources

    files = sorted(Path(loaders.__file__).parent.glob("*.py"))
    files += [Path(module.__file__) for module in (chunking, sources, records)]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def reuse_key(file_sha256: str, meta_entry: dict[str, str], signature: dict[str, str], sizes: ChunkSizes) -> dict[str, str]:
    """What must be equal for a document's recorded chunks to still be what parsing its file
    would give: the file's bytes, its `sources.toml` entry, the parser code, the chunk sizes
    and the embedding models. Stored in the manifest next to the document.

    Example: reuse_key("ab", {}, {"embedding": "e5", "second_embedding": "", "chunker": "v4"}, ChunkSizes())["meta_sha256"]
             == hashlib.sha256(b"{}").hexdigest()
    """
    meta = json.dumps(meta_entry, sort_keys=True, ensure_ascii=False).encode()
    return {
        "sha256": file_sha256,
        "meta_sha256": hashlib.sha256(meta).hexdigest(),
        "chunker": f"{signature['chunker']} {sizes.target_tokens}/{sizes.max_tokens}/{sizes.min_tokens}",
        "parser": parser_fingerprint(),
        "embedding": signature["embedding"],
        "second_embedding": signature.get("second_embedding", ""),
    }


def ids_hash(ids: Iterable[str]) -> str:
    """Example: ids_hash(["b", "a"]) == ids_hash(["a", "b"])"""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


@dataclass
class _Planned:
    """One document's writes, worked out while reading and done in the second pass."""

    name: str
    windows: list[tuple[str, str, dict]]  # missing windows, all stores' chunks go after them
    chunks: list[tuple[ChromaStore, list[Chunk]]]  # (store, missing chunks) per chunk store
    stale_ids: list[str]

    @property
    def texts(self) -> int:
        return len(self.windows) + sum(len(missing) for _, missing in self.chunks)


def _plan_document(index: Index, name: str, chunks: list[Chunk], stale_ids: list[str],
                   rewrite: set[str]) -> _Planned:
    """The missing windows and chunks of one document (and those in `rewrite`, stored with
    outdated metadata)."""
    missing_windows: list[tuple[str, str, dict]] = []
    if index.window_store is not None:
        present = index.window_store.window_ids_of([c.id for c in chunks])
        missing_windows = [w for c in chunks for w in windows(c) if w[0] not in present or c.id in rewrite]
    missing = []
    for store in index.stores:
        present = store.existing_ids([c.id for c in chunks])
        missing.append((store, [c for c in chunks if c.id not in present or c.id in rewrite]))
    return _Planned(name, missing_windows, missing, stale_ids)


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused when larger than `max_bytes` (also when it grows while being
    read) or unreadable (gone since it was listed, no permission)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(max_bytes + 1) if size <= max_bytes else b""
            size = max(size, len(data))
    except OSError as exc:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=path.name, kind=path.suffix.lstrip(".").upper())) from exc
    if size > max_bytes:
        raise UnreadableFileError(
            msg.FILE_TOO_LARGE.format(name=path.name, size_mb=size / 1e6, limit_mb=max_bytes / 1e6)
        )
    return data


def unique_chunks(chunks: list[Chunk]) -> list[Chunk]:
    """Keep the first of chunks with the same id (the same text under the same heading, like a
    repeated contact block): one copy is enough, and Chroma refuses a write with duplicate ids.
    Ordinals are renumbered so neighbours stay adjacent.

    Example: unique_chunks([x, x, y]) keeps x and y, with ordinals 0 and 1
    """
    first: dict[str, Chunk] = {}
    for chunk in chunks:
        first.setdefault(chunk.id, chunk)
    if len(first) == len(chunks):
        return chunks
    return [replace(c, ordinal=i, doc_chunks=len(first)) for i, c in enumerate(first.values())]


def folder_manifest(folder: Path, warn: Callable[[str], None]) -> dict[str, dict[str, str]]:
    """The folder's `sources.toml`; a broken one is reported and ignored, never fatal."""
    try:
        return read_manifest(folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        warn(msg.SOURCES_TOML_INVALID.format(path=folder / MANIFEST_NAME, error=error))
        return {}


def ingest(
    index: Index,
    paths: list[Path] | None = None,
    sync: bool | None = None,
    progress: Progress = _no_progress,
    warn: Callable[[str], None] = print,
    sizes: ChunkSizes = DEFAULT_SIZES,
    on_progress: OnProgress = _no_report,
) -> IngestReport:
    """Bring the index up to date with `paths` (default: the corpus folder, synced).

    Progress, two ways (pass one):
    - `progress(items, label, total)` wraps an iterable and yields its items (tqdm's shape):
      first the files while they are read, then the documents while they are embedded.
    - `on_progress(done, total, label)` is called with the work done so far, in two counts
      that each start again at 0: while reading, `total` is the number of files and `done`
      counts files, with a PDF's pages as fractions (3.5 = half-way through the fourth file);
      while embedding, `total` is the number of texts to embed (chunks and windows, known
      once every file is chunked) and `done` the texts embedded. Embedding is most of the time,
      so its count gives a trustworthy estimate of the time left. `label` is Dutch and names
      the file at hand. Last comes one call with the keyword index label.
    Warnings go to `warn`, never into a progress line.
    """
    started_at = time.perf_counter()
    settings = index.settings
    corpus = settings.corpus_dir
    if paths is None:
        paths = [corpus]
        sync = True if sync is None else sync
    found = discover_with_roots(paths)
    files, roots = [file for file, _ in found], dict(found)
    report = IngestReport(documents=len(files))
    with index.write_lock():
        signature = index_signature(index)
        manifest = index.read_manifest()
        if manifest and manifest.get("signature") != signature:
            old = manifest.get("signature", {})
            report.rebuilt_reason = msg.INDEX_REBUILD.format(
                old=f"{old.get('embedding', '?')} / {old.get('chunker', '?')} / vensters {old.get('windows', 'chroma')}",
                new=f"{signature['embedding']} / {signature['chunker']} / vensters {signature['windows']}",
            )
            warn(report.rebuilt_reason)
            for store in [*index.stores, index.window_store]:
                if store is not None:
                    store.drop()
            index.drop_old_windows()
            manifest = {}
        documents: dict[str, dict] = dict(manifest.get("documents", {}))
        existing = by_source(index.store.chunks())
        source_meta_cache: dict[Path, dict] = {}
        seen: set[str] = set()
        skipped: set[str] = set()  # sources whose file was refused this run
        planned: list[_Planned] = []
        max_bytes = int(settings.max_file_mb * 1e6)

        # Pass 1: read and chunk every file; work out what each document needs written.
        for position, path in enumerate(progress(files, msg.INGEST_PROGRESS, len(files))):
            source = source_name(path, corpus, settings.uploads_dir, roots[path])
            seen.add(source)
            folder = path.resolve().parent
            if folder not in source_meta_cache:
                source_meta_cache[folder] = folder_manifest(folder, warn)
            if path.name == MANIFEST_NAME:
                continue
            on_progress(position, len(files), msg.INGEST_READING.format(name=path.name))

            def on_page(page: int, pages: int, position: int = position, name: str = path.name) -> None:
                on_progress(position + page / max(pages, 1), len(files),
                            msg.INGEST_READING_PAGE.format(name=name, page=page, pages=pages))

            folder_meta = source_meta_cache[folder]
            previous = documents.get(source, {})
            try:
                started = time.perf_counter()
                data = read_supported(path, max_bytes)
                key = reuse_key(hashlib.sha256(data).hexdigest(), folder_meta.get(path.name, {}), signature, sizes)
                old_ids = [c.id for c in existing.get(source, [])]
                if (all(previous.get(k) == v for k, v in key.items())
                        and previous.get("chunk_ids_sha256") == ids_hash(old_ids)
                        and all(index_has(store, old_ids) for store in index.stores[1:])):
                    report.seconds_reading += time.perf_counter() - started
                    report.unchanged += 1
                    on_progress(position + 1, len(files), msg.INGEST_READING.format(name=path.name))
                    continue
                loaded = parse_file(data, path, on_page)
                report.seconds_reading += time.perf_counter() - started
                started = time.perf_counter()
                chunks = chunk_file(path, source, data, folder_meta, sizes, loaded)
                report.seconds_chunking += time.perf_counter() - started
            except ZorgError as error:
                report.skipped.append(str(error))
                warn(str(error))
                seen.discard(source)
                skipped.add(source)
                continue
            old = {c.id: c for c in existing.get(source, [])}
            new_ids = [c.id for c in chunks]
            # Same id, other metadata: the chunk moved (ordinal), or the file or sources.toml changed.
            outdated = {c.id for c in chunks if c.id in old and old[c.id].metadata() != c.metadata()}
            changed = (set(new_ids) != set(old) or bool(outdated)
                       or not all(index_has(store, new_ids) for store in index.stores[1:]))
            if changed:
                planned.append(_plan_document(index, path.name, chunks, sorted(set(old) - set(new_ids)), outdated))
                report.added += 1
            else:
                report.unchanged += 1
            first = chunks[0]
            documents[source] = {
                "title": first.title, "publisher": first.publisher, "date": first.date, "type": first.type,
                "chunks": len(chunks), **key, "chunk_ids_sha256": ids_hash(new_ids),
                "ingested_at": previous.get("ingested_at") if previous and not changed else time.strftime("%Y-%m-%d %H:%M"),
            }
            on_progress(position + 1, len(files), msg.INGEST_READING.format(name=path.name))

        # Pass 2: embed and write, a few documents at a time, counted in texts.
        counter = _TextCounter(on_progress, sum(p.texts for p in planned))
        group: list[_Planned] = []
        grouped = 0
        for plan in progress(planned, msg.EMBED_PROGRESS, len(planned)):
            group.append(plan)
            grouped += plan.texts
            if grouped >= settings.ingest_group_texts or plan is planned[-1]:
                _write_group(index, group, report, counter)
                group, grouped = [], 0

        # Stale: corpus documents that disappeared (when syncing), and orphans of an interrupted
        # run (chunks of a source the manifest never recorded). A refused file keeps the version
        # that was ingested before: a broken copy must not wipe a good document from the index.
        corpus_name = corpus.resolve().name
        stale = {
            s for s in existing
            if s not in seen
            and not (s in skipped and s in documents)
            and ((sync and Path(s).parts[:1] == (corpus_name,)) or s not in documents)
        }
        started = time.perf_counter()
        for source in sorted(stale):
            ids = [c.id for c in existing[source]]
            _delete_chunks(index, ids)
            report.chunks_deleted += len(ids)
            report.removed += 1
        report.seconds_store += time.perf_counter() - started
        documents = {s: d for s, d in documents.items() if s in seen or (s in existing and s not in stale)}

        all_chunks = sorted(index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id))
        report.total = len(all_chunks)
        started = time.perf_counter()
        sweep_orphans(index, all_chunks)
        report.seconds_store += time.perf_counter() - started
        on_progress(counter.total, counter.total, msg.INGEST_KEYWORDS)
        started = time.perf_counter()
        build_keyword_indexes(index, all_chunks)
        report.seconds_keywords += time.perf_counter() - started
        index.write_manifest({"signature": signature, "documents": documents})
    report.seconds_total = time.perf_counter() - started_at
    return report


class _TextCounter:
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
            _delete_chunks(index, ids)
            removed += len(ids)
            manifest.get("documents", {}).pop(source, None)
        build_keyword_indexes(index, sorted(index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id)))
        index.write_manifest(manifest)
    return removed


def _delete_chunks(index: Index, ids: list[str]) -> None:
    """Windows and the second model first, the main store last: until the main store lets go
    of a chunk, the next run sees it and finishes an interrupted delete."""
    if index.window_store is not None:
        index.window_store.delete_windows_of(ids)
    for store in reversed(index.stores):
        store.delete(ids)


def _write_group(index: Index, group: list[_Planned], report: IngestReport, counter: _TextCounter) -> None:
    """Embed and write the missing windows and chunks of a few documents at once, then drop their
    stale ones. Embedding them together fills the runtime's batches (a page of a few chunks alone
    leaves them half empty) and makes one store write per group. Windows go first: a chunk is
    only visible once its windows are there. Stale chunks go last, main store last of all (see
    `_delete_chunks`); a run killed half-way is completed by the next one (`sweep_orphans`)."""
    counter.add(0, group[0].name)
    missing_windows = [w for plan in group for w in plan.windows]
    if missing_windows:
        store = index.window_store
        names = [plan.name for plan in group for _ in plan.windows]
        vectors, seconds = _embed(store.embedder, [w[1] for w in missing_windows], counter, names)
        report.seconds_embedding_windows += seconds
        started = time.perf_counter()
        store.write_windows(missing_windows, vectors)
        report.seconds_store += time.perf_counter() - started
    for position, (store, _) in enumerate(group[0].chunks):
        missing = [c for plan in group for c in plan.chunks[position][1]]
        if missing:
            names = [plan.name for plan in group for _ in plan.chunks[position][1]]
            vectors, seconds = _embed(store.embedder, [c.search_text for c in missing], counter, names)
            report.seconds_embedding_chunks += seconds
            started = time.perf_counter()
            store.write(missing, vectors)
            report.seconds_store += time.perf_counter() - started
            if store is index.store:
                report.chunks_written += len(missing)
    stale_ids = [cid for plan in group for cid in plan.stale_ids]
    if stale_ids:
        started = time.perf_counter()
        _delete_chunks(index, stale_ids)
        report.seconds_store += time.perf_counter() - started
    report.chunks_deleted += len(stale_ids)


def _embed(embedder: Embedder, texts: list[str], counter: _TextCounter, names: list[str]) -> tuple[np.ndarray, float]:
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
