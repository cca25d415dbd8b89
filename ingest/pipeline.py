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
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant import messages as msg
from assistant.errors import ZorgError
from assistant.index import Index
from assistant.retrieval import build_keyword_indexes
from assistant.store import by_source

from .chunking import CHUNKER_VERSION, ChunkSizes
from .files import (
    chunk_file,
    discover,
    discover_with_roots,
    folder_manifest,
    parse_file,
    parser_fingerprint,
    prepare_chunks,
    read_supported,
    source_name,
)
from .report import IngestReport, format_times
from .sources import MANIFEST_NAME
from .writing import (
    OnProgress,
    Planned,
    TextCounter,
    delete_chunks,
    index_has,
    plan_document,
    remove_documents,
    same_vectors,
    sweep_orphans,
    write_group,
)

__all__ = ["IngestReport", "discover", "format_times", "ingest", "prepare_chunks", "remove_documents", "source_name"]

Progress = Callable[[Iterable, str, int], Iterable]

DEFAULT_SIZES = ChunkSizes()


def _no_progress(items: Iterable, label: str, total: int) -> Iterable:
    return items


def _no_report(done: float, total: float, label: str) -> None:
    return None


def index_signature(index: Index) -> dict[str, str]:
    return {
        "embedding": index.store.embedder.name,
        "second_embedding": index.second_store.embedder.name if index.second_store else "",
        "chunker": CHUNKER_VERSION,
        "windows": index.window_store.version if index.window_store is not None else "",
    }


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


def ingest(
    index: Index,
    paths: list[Path] | None = None,
    sync: bool | None = None,
    progress: Progress = _no_progress,
    warn: Callable[[str], None] = print,
    sizes: ChunkSizes = DEFAULT_SIZES,
    on_progress: OnProgress = _no_report,
) -> IngestReport:
    """Bring the index up to date with `paths` (default: the corpus folder, synced, and the uploads folder).

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
    if paths is None:  # the corpus and the uploaded documents: after a rebuild the uploads come back too
        paths = [corpus, *([settings.uploads_dir] if settings.uploads_dir.is_dir() else [])]
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
        planned: list[Planned] = []
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
            # Only the metadata changed (where sections start, a date from sources.toml): no new vectors.
            relabel = [c for c in chunks if c.id in outdated and same_vectors(old[c.id], c)]
            changed = (set(new_ids) != set(old) or bool(outdated)
                       or not all(index_has(store, new_ids) for store in index.stores[1:]))
            if changed:
                planned.append(plan_document(index, path.name, chunks, sorted(set(old) - set(new_ids)),
                                             outdated - {c.id for c in relabel}, relabel))
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
        counter = TextCounter(on_progress, sum(p.texts for p in planned))
        group: list[Planned] = []
        grouped = 0
        for plan in progress(planned, msg.EMBED_PROGRESS, len(planned)):
            group.append(plan)
            grouped += plan.texts
            if grouped >= settings.ingest_group_texts or plan is planned[-1]:
                write_group(index, group, report, counter)
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
            delete_chunks(index, ids)
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

