"""The ingestion pipeline: files -> chunks -> embeddings -> store, incrementally.

Chunk ids are content hashes. Per document: the chunks that are new get embedded and written,
then the document's stale chunks are deleted (write-then-delete, so a crash never leaves a
document without text; a crash in between is finished by the next run). With `sync=True`
(the default for the corpus folder) documents that disappeared from the folder are removed.
The manifest records embedding models and chunker version; a mismatch rebuilds everything.
Bad files are skipped with a Dutch reason; the rest of the batch is ingested, and a skipped
file keeps the version that was ingested before. Deletes run main store last and a final sweep
removes orphaned windows, so a run killed at any point is completed by the next one.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant import messages as msg
from assistant.errors import (
    InputFileError,
    UnreadableFileError,
    UnsupportedFileError,
    ZorgError,
)
from assistant.index import Index
from assistant.records import Chunk
from assistant.retrieval import build_keyword_indexes
from assistant.store import by_source
from assistant.tokens import count_tokens
from assistant.windows import windows

from .chunking import CHUNKER_VERSION, ChunkSizes, chunk_blocks
from .loaders import SUPPORTED_SUFFIXES, load_bytes
from .sources import MANIFEST_NAME, document_meta, read_manifest

Progress = Callable[[Iterable, str, int], Iterable]
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
    seconds_embedding: float = 0.0
    seconds_store: float = 0.0

    def summary(self) -> str:
        return msg.INGEST_SUMMARY.format(
            documents=self.documents, added=self.added, unchanged=self.unchanged, removed=self.removed,
            skipped=len(self.skipped), chunks_written=self.chunks_written,
            chunks_deleted=self.chunks_deleted, total=self.total,
        )


def _no_progress(items: Iterable, label: str, total: int) -> Iterable:
    return items


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
    }


def prepare_chunks(path: Path, source: str, manifest: dict, max_bytes: int, sizes: ChunkSizes) -> list[Chunk]:
    """Read, check and chunk one file. Raises a ZorgError with the Dutch reason to skip it."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(msg.FILE_UNSUPPORTED.format(name=path.name, suffix=path.suffix or "(geen)"))
    data = read_limited(path, max_bytes)
    blocks, embedded = load_bytes(data, path.name)
    meta = document_meta(source, path, blocks, embedded, manifest)
    sha = hashlib.sha256(data).hexdigest()
    return unique_chunks(chunk_blocks(blocks, meta, count_tokens, sizes, doc_sha256=sha))


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
) -> IngestReport:
    """Bring the index up to date with `paths` (default: the corpus folder, synced)."""
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
                old=f"{old.get('embedding', '?')} / {old.get('chunker', '?')}",
                new=f"{signature['embedding']} / {signature['chunker']}",
            )
            warn(report.rebuilt_reason)
            for store in [*index.stores, index.window_store]:
                if store is not None:
                    store.drop()
            manifest = {}
        documents: dict[str, dict] = dict(manifest.get("documents", {}))
        existing = by_source(index.store.chunks())
        source_meta_cache: dict[Path, dict] = {}
        seen: set[str] = set()
        skipped: set[str] = set()  # sources whose file was refused this run

        for path in progress(files, msg.INGEST_PROGRESS, len(files)):
            source = source_name(path, corpus, settings.uploads_dir, roots[path])
            seen.add(source)
            folder = path.resolve().parent
            if folder not in source_meta_cache:
                source_meta_cache[folder] = folder_manifest(folder, warn)
            if path.name == MANIFEST_NAME:
                continue
            try:
                chunks = prepare_chunks(path, source, source_meta_cache[folder], int(settings.max_file_mb * 1e6), sizes)
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
                _write_document(index, chunks, sorted(set(old) - set(new_ids)), report, rewrite=outdated)
                report.added += 1
            else:
                report.unchanged += 1
            first = chunks[0]
            previous = documents.get(source, {})
            documents[source] = {
                "title": first.title, "publisher": first.publisher, "date": first.date, "type": first.type,
                "sha256": first.doc_sha256, "chunks": len(chunks),
                "ingested_at": previous.get("ingested_at") if previous and not changed else time.strftime("%Y-%m-%d %H:%M"),
            }

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
        for source in sorted(stale):
            ids = [c.id for c in existing[source]]
            _delete_chunks(index, ids)
            report.chunks_deleted += len(ids)
            report.removed += 1
        documents = {s: d for s, d in documents.items() if s in seen or (s in existing and s not in stale)}

        all_chunks = sorted(index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id))
        report.total = len(all_chunks)
        sweep_orphans(index, all_chunks)
        build_keyword_indexes(index, all_chunks)
        index.write_manifest({"signature": signature, "documents": documents})
    return report


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
        # The window store yields its rows as Chunk records whose id is the window id.
        owners = {w.id.rsplit(":", 1)[0] for w in window_store.chunks()}
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


def _write_document(index: Index, chunks: list[Chunk], stale_ids: list[str], report: IngestReport,
                    rewrite: Collection[str] = ()) -> None:
    """Embed and write the missing chunks of one document (and their windows), and again those
    in `rewrite` (stored with outdated metadata), then drop its stale ones. Windows go first:
    a chunk is only visible once its windows are there. Stale chunks go last, main store last
    of all (see `_delete_chunks`)."""
    if index.window_store is not None:
        store = index.window_store
        present = store.window_ids_of([c.id for c in chunks])
        missing_windows = [w for c in chunks for w in windows(c) if w[0] not in present or c.id in rewrite]
        if missing_windows:
            started = time.perf_counter()
            vectors = store.embedder.embed_batch([w[1] for w in missing_windows], "passage")
            report.seconds_embedding += time.perf_counter() - started
            started = time.perf_counter()
            store.write_windows(missing_windows, vectors)
            report.seconds_store += time.perf_counter() - started
    for store in index.stores:
        present = store.existing_ids([c.id for c in chunks])
        missing = [c for c in chunks if c.id not in present or c.id in rewrite]
        if missing:
            started = time.perf_counter()
            vectors = store.embedder.embed_batch([c.search_text for c in missing], "passage")
            report.seconds_embedding += time.perf_counter() - started
            started = time.perf_counter()
            store.write(missing, vectors)
            report.seconds_store += time.perf_counter() - started
            if store is index.store:
                report.chunks_written += len(missing)
    if stale_ids:
        _delete_chunks(index, stale_ids)
    report.chunks_deleted += len(stale_ids)
