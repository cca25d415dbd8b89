"""Chroma as a server (`chroma run`, CHROMA_URL): ingest, ask, restart the server, ask again.

A real server on 127.0.0.1 with a free port and a folder in tmp_path, always stopped in the
fixture's teardown. The fake embedder keeps it fast; the local data folder holds only derived
data (keyword index, manifest), so it can be thrown away and is rebuilt from the server.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from assistant.index import open_index
from assistant.keyword_index import index_key
from assistant.service import Assistant
from assistant.settings import Settings
from evals.bench import ChromaServer
from ingest.pipeline import ingest

pytestmark = pytest.mark.slow

QUESTION = "Wat houdt de beweging Thuis als het kan in?"


@pytest.fixture
def server(tmp_path) -> Iterator[ChromaServer]:
    chroma = ChromaServer(tmp_path / "chroma-server")
    try:
        yield chroma.start()
    finally:
        chroma.stop()


@pytest.fixture
def remote(settings: Settings, server: ChromaServer) -> Settings:
    return settings.with_(chroma_url=server.url)


def answer_of(settings: Settings) -> tuple[str, list[tuple[str, str, str]]]:
    answer = Assistant(settings).ask(QUESTION)
    assert not answer.refused
    return answer.text, [(c.source, c.chunk_id, c.quote) for c in answer.citations]


def test_server_url_is_local_and_alive(server):
    assert server.url == f"http://127.0.0.1:{server.port}"
    assert server.alive()


def test_ingest_ask_restart_ask(remote, server):
    report = ingest(open_index(remote), warn=lambda message: None)
    assert (report.added, report.skipped) == (2, [])
    assert not (remote.data_dir / "chroma").exists()  # the vectors live in the server
    assert not list(remote.data_dir.glob("*.sqlite3"))  # the windows' too
    first = answer_of(remote)
    assert first[1][0][0] == "corpus/beleid.txt"

    server.restart()
    assert answer_of(remote) == first  # a fresh Assistant: nothing was lost

    again = ingest(open_index(remote), warn=lambda message: None)
    assert (again.added, again.unchanged, again.chunks_written, again.total) == (0, 2, 0, report.total)


def test_keyword_index_is_rebuilt_from_the_server(remote):
    ingest(open_index(remote), warn=lambda message: None)
    first = answer_of(remote)
    index = open_index(remote)
    ids = [chunk.id for chunk in index.store.chunks()]
    folder = index.keyword_dir / "chunks"
    assert [p.name for p in folder.iterdir()] == [index_key(ids)]

    shutil.rmtree(remote.data_dir / "keyword")
    assert answer_of(remote) == first
    assert [p.name for p in folder.iterdir()] == [index_key(ids)]


def test_another_instance_on_the_same_server_has_the_windows(remote, tmp_path):
    ingest(open_index(remote), warn=lambda message: None)
    first = answer_of(remote)
    other = remote.with_(data_dir=tmp_path / "andere-instantie")  # another machine: its own data folder
    assert open_index(other).window_store.count() == open_index(remote).window_store.count() > 0
    assert answer_of(other) == first
