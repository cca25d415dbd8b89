"""The index on disk: the Chroma store(s), the keyword index folder and a small manifest.

`open_index(settings)` gives an `Index` with the stores for the configured embedding models:
chunks in Chroma, their sentence windows in SQLite (on a Chroma server: there; window_store.py).
The manifest records which embedding models and chunker built the index, so ingestion can
rebuild on a mismatch and the app can show what is in use. A file lock keeps two processes
from writing to one embedded store at once.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as msg
from .embeddings import Embedder, make_embedder
from .errors import IndexLockedError
from .settings import Settings
from .store import ChromaStore, collection_name, make_client
from .window_store import ChromaWindowStore, WindowStore

MANIFEST = "manifest.json"


@dataclass
class Index:
    settings: Settings
    store: ChromaStore
    second_store: ChromaStore | None = None
    window_store: WindowStore | ChromaWindowStore | None = None
    _client: object = field(default=None, repr=False)

    @property
    def keyword_dir(self) -> Path:
        return self.settings.data_dir / "keyword" / self.store.embedder.name.replace("/", "_").replace(":", "_")

    @property
    def manifest_path(self) -> Path:
        return self.settings.data_dir / MANIFEST

    def read_manifest(self) -> dict:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_manifest(self, manifest: dict) -> None:
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.manifest_path)

    def drop_old_windows(self) -> None:
        """Delete the Chroma window collection of indexes built before the window file (they
        held every window in HNSW); nothing when there is none."""
        if not isinstance(self.window_store, WindowStore):  # on a server, that collection is the window store
            return
        name = collection_name(self.store.embedder.name, "windows")
        if name in {getattr(c, "name", c) for c in self._client.list_collections()}:
            self._client.delete_collection(name)

    @property
    def stores(self) -> list[ChromaStore]:
        """The chunk stores (main embedding model first)."""
        return [s for s in (self.store, self.second_store) if s is not None]

    @contextmanager
    def write_lock(self, wait: bool = False):
        """Exclusive lock for writers; a second writer gets a clear Dutch message."""
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.settings.data_dir / "ingest.lock"
        with open(path, "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError as exc:
                raise IndexLockedError(msg.INDEX_LOCKED.format(path=path)) from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def open_index(settings: Settings, embedder: Embedder | None = None, second: Embedder | None = None) -> Index:
    client = make_client(settings.data_dir, settings.chroma_url)
    embedder = embedder or make_embedder(settings.embedding)
    if second is None and settings.second_embedding:
        second = make_embedder(settings.second_embedding)
    return Index(
        settings=settings,
        store=ChromaStore(client, embedder),
        second_store=ChromaStore(client, second) if second else None,
        window_store=(ChromaWindowStore(client, embedder) if settings.chroma_url else
                      WindowStore(settings.data_dir / f"{collection_name(embedder.name, 'windows')}.sqlite3", embedder)),
        _client=client,
    )
