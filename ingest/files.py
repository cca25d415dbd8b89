"""One file into chunks: finding files, naming their source, reading within the size limit,
parsing (the loaders) and chunking with the document's metadata.

Pure but for reading the file; nothing here touches the index (that is pipeline.py and writing.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from assistant import messages as msg
from assistant.errors import InputFileError, UnreadableFileError, UnsupportedFileError
from assistant.records import Chunk
from assistant.tokens import count_tokens

from .chunking import ChunkSizes, chunk_blocks
from .loaders import SUPPORTED_SUFFIXES, Loaded, load_bytes
from .sources import MANIFEST_NAME, document_meta, read_manifest


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
    rules, the chunk record and this module. A document parsed by other code is parsed again (its unchanged
    chunks keep their ids, so nothing is embedded twice). Not covered: the versions of the
    parsing libraries (pypdf, python-docx, ...) and of tesseract."""
    from assistant import records

    from . import chunking, loaders, sources

    files = sorted(Path(loaders.__file__).parent.glob("*.py"))
    files += [Path(module.__file__) for module in (chunking, sources, records)] + [Path(__file__)]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


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

