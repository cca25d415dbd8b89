"""The vector store seam: a small `VectorStore` protocol and its Chroma implementation.

Chroma runs embedded (a persistent folder) or as a client of a `chroma run` server
(`CHROMA_URL`); the rest of the code cannot tell the difference. Chunk metadata lives here and
this store is the source of truth: the keyword index is derived from it.
We always hand Chroma our own embedding function, so it never tries to download a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from .embeddings import Embedder
from .records import Chunk

PAGE = 2000  # rows per Chroma get/add call


class VectorStore(Protocol):
    """What the rest of the code needs from a store of chunks (windows: window_store.py)."""

    def count(self) -> int: ...
    def write(self, chunks: list[Chunk], vectors: np.ndarray) -> None: ...
    def relabel(self, chunks: list[Chunk]) -> None: ...
    def delete(self, ids: list[str]) -> None: ...
    def chunks(self, where: dict | None = None) -> Iterator[Chunk]: ...
    def existing_ids(self, ids: list[str]) -> set[str]: ...
    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]: ...


def collection_name(embedder_name: str, kind: str = "chunks") -> str:
    """Example: collection_name("st:/m/x") == "chunks_st_m_x" """
    safe = "".join(c if c.isalnum() else "_" for c in embedder_name).strip("_")
    return f"{kind}_{safe}"[:60]


def make_client(data_dir: Path, chroma_url: str = ""):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=chroma_settings)


class ChromaStore:
    """One Chroma collection of chunks for one embedding model (`kind` names the collection).
    Sentence windows are not here: window_store.py."""

    def __init__(self, client, embedder: Embedder, kind: str = "chunks") -> None:
        self._client = client
        self.embedder = embedder
        self.kind = kind
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            self._collection = self._client.get_or_create_collection(
                name=collection_name(self.embedder.name, self.kind),
                embedding_function=self.embedder.chroma_function(),
                metadata={"hnsw:space": "cosine"},
            )
        return self._collection

    def count(self) -> int:
        return self.collection.count()

    def write(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        for i in range(0, len(chunks), PAGE):
            part = chunks[i : i + PAGE]
            self.collection.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
                embeddings=vectors[i : i + PAGE],
            )

    def relabel(self, chunks: list[Chunk]) -> None:
        """New metadata for stored chunks whose embedded text is unchanged: their vectors are kept
        (written again whole, so a key the new metadata lacks is gone)."""
        for i in range(0, len(chunks), PAGE):
            part = chunks[i : i + PAGE]
            stored = self.collection.get(ids=[c.id for c in part], include=["embeddings"])
            vectors = dict(zip(stored["ids"], stored["embeddings"]))
            present = [c for c in part if c.id in vectors]
            if present:
                self.write(present, np.asarray([vectors[c.id] for c in present], dtype=np.float32))

    def search_meta(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float, dict]]:
        count = self.count()
        if count == 0:
            return []
        result = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=min(k, count), where=where,
            include=["distances", "metadatas"],
        )
        return [(cid, 1.0 - float(d), m or {}) for cid, d, m in zip(result["ids"][0], result["distances"][0], result["metadatas"][0])]

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), PAGE):
            self.collection.delete(ids=ids[i : i + PAGE])

    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), PAGE):
            found.update(self.collection.get(ids=ids[i : i + PAGE], include=[])["ids"])
        return found

    def chunks(self, where: dict | None = None) -> Iterator[Chunk]:
        offset = 0
        while True:
            page = self.collection.get(where=where, limit=PAGE, offset=offset, include=["documents", "metadatas"])
            for cid, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                yield Chunk.from_metadata(cid, text, meta or {})
            if len(page["ids"]) < PAGE:
                return
            offset += PAGE

    def search(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        return [(cid, score) for cid, score, _ in self.search_meta(vector, k, where)]

    def drop(self) -> None:
        try:
            self._client.delete_collection(collection_name(self.embedder.name, self.kind))
        except Exception:  # noqa: BLE001 - the collection may not exist yet
            pass
        self._collection = None


def by_source(chunks: Iterable[Chunk]) -> dict[str, list[Chunk]]:
    grouped: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        grouped.setdefault(chunk.source, []).append(chunk)
    return grouped
