"""The vectors of the sentence windows, in one SQLite file next to the index (no HNSW).

A chunk scores by its best window, but only the chunks some ranking already found need their
windows scored: the dense chunk search and BM25 over chunks and windows name the candidates,
and the windows of those are read here and compared with the question exactly. Measured on the
dev, extra and public external sets, that gives the same top chunks and the same answers as a
nearest-neighbour search over all windows, while no window index has to sit in memory (at 100k
chunks that index was ~700k vectors, over 1 GB). Vectors are stored as float16 (cosine within
1e-3 of float32), one row per window, indexed by chunk; writes are transactions, so a crash
leaves whole writes or none.
With a Chroma server (`CHROMA_URL`) the windows stay in a collection on that server
(`ChromaWindowStore`, same interface), so every app instance reading it has them.
Not done here: which windows a chunk has (windows.py), the chunk stores (store.py).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .embeddings import Embedder

FILE_NAME = "windows.sqlite3"
VERSION = "sqlite-f16-1"  # part of the index signature: another layout rebuilds the index
_BATCH = 500  # chunk ids per IN (...) query, under SQLite's parameter limit
OWNER_PAGE = 5000  # window rows per Chroma get when listing owners (ChromaWindowStore.owners)


class WindowStore:
    """Window vectors by window id ("chunk id:first unit"), with their chunk and source."""

    kind = "windows"
    version = VERSION

    def __init__(self, path: Path, embedder: Embedder) -> None:
        self.path = path
        self.embedder = embedder
        self._local = threading.local()

    # ------------------------------------------------------------------ connection
    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS windows (id TEXT PRIMARY KEY, chunk_id TEXT NOT NULL, "
                       "source TEXT NOT NULL, vector BLOB NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS windows_chunk ON windows (chunk_id)")
            db.commit()
            self._local.db = db
        return db

    # ------------------------------------------------------------------ writing
    def write_windows(self, windows: list[tuple[str, str, dict]], vectors: np.ndarray) -> None:
        """(window id, text, metadata with chunk_id and source) rows and their vectors."""
        rows = [(wid, meta.get("chunk_id", wid.rsplit(":", 1)[0]), meta.get("source", ""),
                 np.asarray(vector, dtype=np.float16).tobytes())
                for (wid, _, meta), vector in zip(windows, vectors)]
        with self._db as db:
            db.executemany("INSERT OR REPLACE INTO windows VALUES (?, ?, ?, ?)", rows)

    def delete_windows_of(self, chunk_ids: list[str]) -> None:
        with self._db as db:
            for part in _parts(chunk_ids):
                db.execute(f"DELETE FROM windows WHERE chunk_id IN ({_marks(part)})", part)

    def drop(self) -> None:
        with self._db as db:
            db.execute("DELETE FROM windows")

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM windows").fetchone()[0]

    def window_ids_of(self, chunk_ids: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _parts(chunk_ids):
            found.update(r[0] for r in self._db.execute(f"SELECT id FROM windows WHERE chunk_id IN ({_marks(part)})", part))
        return found

    def owners(self) -> dict[str, tuple[str, str]]:
        """Every window id with its (chunk id, source)."""
        return {wid: (cid, source) for wid, cid, source in self._db.execute("SELECT id, chunk_id, source FROM windows")}

    def vectors_of(self, chunk_ids: Iterable[str]) -> tuple[list[tuple[str, str]], np.ndarray]:
        """[(window id, chunk id)] and their vectors (float32, one row each) for these chunks."""
        keys: list[tuple[str, str]] = []
        blobs: list[bytes] = []
        for part in _parts(list(chunk_ids)):
            for wid, cid, blob in self._db.execute(
                    f"SELECT id, chunk_id, vector FROM windows WHERE chunk_id IN ({_marks(part)})", part):
                keys.append((wid, cid))
                blobs.append(blob)
        if not blobs:
            return [], np.zeros((0, 0), dtype=np.float32)
        return keys, np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1).astype(np.float32)

    def search_within(self, vector: np.ndarray, chunk_ids: Iterable[str], k: int) -> list[tuple[str, float, str]]:
        return best_windows(vector, *self.vectors_of(chunk_ids), k)


class ChromaWindowStore:
    """The same interface over a Chroma collection, for an index on a Chroma server: every app
    instance reading that server sees the windows (the memory is the server's)."""

    kind = "windows"
    version = "chroma"

    def __init__(self, client, embedder: Embedder) -> None:
        from .store import ChromaStore

        self._chroma = ChromaStore(client, embedder, kind="windows")
        self.embedder = embedder

    @property
    def _collection(self):
        return self._chroma.collection

    def write_windows(self, windows: list[tuple[str, str, dict]], vectors: np.ndarray) -> None:
        for i in range(0, len(windows), _BATCH):
            part = windows[i : i + _BATCH]
            self._collection.upsert(ids=[w[0] for w in part], documents=[w[1] for w in part],
                                    metadatas=[w[2] for w in part], embeddings=vectors[i : i + _BATCH])

    def delete_windows_of(self, chunk_ids: list[str]) -> None:
        for part in _parts(chunk_ids):
            self._collection.delete(where={"chunk_id": {"$in": part}})

    def drop(self) -> None:
        self._chroma.drop()

    def count(self) -> int:
        return self._chroma.count()

    def window_ids_of(self, chunk_ids: list[str]) -> set[str]:
        return {wid for part in _parts(chunk_ids)
                for wid in self._collection.get(where={"chunk_id": {"$in": part}}, include=[])["ids"]}

    def owners(self) -> dict[str, tuple[str, str]]:
        """window id -> (chunk id, source), read a page at a time (a server may hold millions)."""
        out: dict[str, tuple[str, str]] = {}
        offset = 0
        while True:
            page = self._collection.get(include=["metadatas"], limit=OWNER_PAGE, offset=offset)
            out.update({wid: ((m or {}).get("chunk_id", ""), (m or {}).get("source", ""))
                        for wid, m in zip(page["ids"], page["metadatas"])})
            if len(page["ids"]) < OWNER_PAGE:
                return out
            offset += OWNER_PAGE

    def vectors_of(self, chunk_ids: Iterable[str]) -> tuple[list[tuple[str, str]], np.ndarray]:
        keys: list[tuple[str, str]] = []
        rows: list[np.ndarray] = []
        for part in _parts(list(chunk_ids)):
            page = self._collection.get(where={"chunk_id": {"$in": part}}, include=["embeddings", "metadatas"])
            keys.extend((wid, (m or {}).get("chunk_id", "")) for wid, m in zip(page["ids"], page["metadatas"]))
            rows.extend(np.asarray(e, dtype=np.float32) for e in page["embeddings"])
        return keys, (np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32))

    def search_within(self, vector: np.ndarray, chunk_ids: Iterable[str], k: int) -> list[tuple[str, float, str]]:
        return best_windows(vector, *self.vectors_of(chunk_ids), k)


def best_windows(vector: np.ndarray, keys: list[tuple[str, str]], vectors: np.ndarray, k: int) -> list[tuple[str, float, str]]:
    """The `k` windows most similar to `vector` (cosine: all vectors have unit length), best
    first, as (window id, score, chunk id).

    Example: best_windows(np.array([1., 0.]), [("a:0", "a"), ("b:0", "b")], np.array([[0., 1.], [1., 0.]]), 1)
             == [("b:0", 1.0, "b")]
    """
    if not keys:
        return []
    scores = vectors @ np.asarray(vector, dtype=np.float32)
    order = np.argsort(-scores, kind="stable")[:k]
    return [(keys[i][0], float(scores[i]), keys[i][1]) for i in order]


def _parts(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)]


def _marks(part: list[str]) -> str:
    return ",".join("?" * len(part))
