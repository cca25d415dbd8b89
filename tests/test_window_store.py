"""The window vectors in SQLite: read back by chunk, scored only within the chunks asked for."""

import numpy as np

from assistant.embeddings import HashEmbedder
from assistant.window_store import WindowStore


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def store_with_windows(tmp_path) -> WindowStore:
    store = WindowStore(tmp_path / "w.sqlite3", HashEmbedder(dim=3))
    rows = [("a:0", "", {"chunk_id": "a", "source": "s1"}), ("a:1", "", {"chunk_id": "a", "source": "s1"}),
            ("b:0", "", {"chunk_id": "b", "source": "s2"}), ("c:0", "", {"chunk_id": "c", "source": "s2"})]
    store.write_windows(rows, np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0), unit(1, 0, 0.01)]))
    return store


def test_windows_are_read_back_by_chunk_close_to_what_was_written(tmp_path):
    store = store_with_windows(tmp_path)
    keys, vectors = store.vectors_of(["a"])
    assert keys == [("a:0", "a"), ("a:1", "a")] and vectors.dtype == np.float32
    assert np.allclose(vectors, [unit(1, 0, 0), unit(0, 1, 0)], atol=1e-3)
    assert store.count() == 4 and store.window_ids_of(["a", "c"]) == {"a:0", "a:1", "c:0"}
    assert store.owners()["b:0"] == ("b", "s2")


def test_only_the_windows_of_the_chunks_asked_for_are_scored(tmp_path):
    store = store_with_windows(tmp_path)
    # c:0 is the closest window overall, but chunk c is not a candidate.
    found = store.search_within(unit(1, 0, 0.01), ["a", "b"], k=2)
    assert [(wid, cid) for wid, _, cid in found] == [("a:0", "a"), ("b:0", "b")]
    assert found[0][1] > found[1][1]
    assert store.search_within(unit(1, 0, 0), [], k=3) == []


def test_deleting_a_chunks_windows_and_dropping_all(tmp_path):
    store = store_with_windows(tmp_path)
    store.delete_windows_of(["a"])
    assert store.window_ids_of(["a"]) == set() and store.count() == 2
    # A second connection (another process) sees the same rows.
    assert WindowStore(tmp_path / "w.sqlite3", HashEmbedder(dim=3)).count() == 2
    store.drop()
    assert store.count() == 0


def test_the_chroma_window_store_lists_owners_page_by_page(tmp_path, monkeypatch):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant import window_store
    from assistant.window_store import ChromaWindowStore

    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    store = ChromaWindowStore(client, HashEmbedder(dim=3))
    rows = [(f"c{i}:0", "tekst", {"chunk_id": f"c{i}", "source": f"s{i % 2}"}) for i in range(7)]
    store.write_windows(rows, np.stack([unit(1, i, 0) for i in range(7)]))
    monkeypatch.setattr(window_store, "OWNER_PAGE", 3)  # 7 rows: pages of 3, 3 and 1
    collection, sizes = store._collection, []
    real_get = collection.get

    def get(**kwargs):
        page = real_get(**kwargs)
        sizes.append(len(page["ids"]))
        return page

    monkeypatch.setattr(collection, "get", get)
    owners = store.owners()
    assert len(owners) == 7 and owners["c6:0"] == ("c6", "s0")
    assert sizes == [3, 3, 1]
