"""Crash safety and concurrent use of the index.

An ingest can die at any moment (SIGKILL, power loss, a full disk). Afterwards the index must
still open and answer, and the next ingest must finish the work: the same chunks, windows,
keyword index and manifest as a clean ingest, without duplicates or orphans. A second writer
gets a clear Dutch message instead of waiting forever.

Two kinds of tests: simulated crashes at every store call (fast, deterministic: an exception
nothing in the pipeline catches), and real `python -m assistant.cli ingest` processes killed
with SIGKILL (slow: each run starts Chroma).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import messages as msg
from assistant.index import open_index
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.window_store import WindowStore
from ingest.pipeline import ingest

WORDS = (
    "zorg thuis wijk cliënt naaste team digitale afspraak beeldbellen medicatie ondersteuning gemeente "
    "zorgkantoor wijkverpleging huisarts mantelzorger inzet planning regio samenwerking technologie "
    "monitoring leefstijl preventie welzijn"
).split()


def write_corpus(folder: Path, documents: int, seed: int = 7, sections: int = 6) -> Path:
    """Deterministic policy-like documents: titled sections of numbered, unique sentences."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        lines = [f"Document {n} over hybride zorg", ""]
        for s in range(sections):
            lines += [f"Onderwerp {n}.{s}", ""]
            for p in range(3):
                sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + f" (punt {n}-{s}-{p}-{i})."
                             for i in range(4)]
                lines += [" ".join(sentences), ""]
        (folder / f"doc{n:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def settings_for(data: Path, corpus: Path, group_texts: int = 1) -> Settings:
    """Document by document unless `group_texts` says otherwise: a crash at the n-th write
    then falls after n documents."""
    return Settings(data_dir=data, corpus_dir=corpus, embedding="fake", answer_mode="extractive",
                    ingest_group_texts=group_texts)


def snapshot(settings: Settings) -> dict:
    """Everything an ingest leaves behind, comparable between two data folders."""
    index = open_index(settings)
    chunks = {c.id: c for c in index.store.chunks()}
    windows = {wid: cid for wid, (cid, _) in index.window_store.owners().items()}
    keyword: dict[str, list[str]] = {}
    for kind in ("chunks", "windows"):
        folders = sorted((index.keyword_dir / kind).iterdir())
        assert len(folders) == 1, folders  # no stale keyword index left next to the current one
        keyword[kind] = json.loads((folders[0] / "ids.json").read_text())
    documents = index.read_manifest()["documents"]
    return {
        "chunks": {cid: (c.text, c.metadata()) for cid, c in chunks.items()},
        "windows": windows,
        "keyword": keyword,
        "documents": {s: {k: v for k, v in d.items() if k != "ingested_at"} for s, d in documents.items()},
        "count": index.store.count(),
    }


def assert_consistent(state: dict) -> None:
    """No duplicates and no orphans between the store, the windows and the keyword index."""
    chunk_ids = set(state["chunks"])
    assert state["count"] == len(chunk_ids)
    assert set(state["windows"].values()) == chunk_ids  # every chunk has windows, no window without chunk
    assert sorted(state["keyword"]["chunks"]) == sorted(chunk_ids)
    assert sorted(state["keyword"]["windows"]) == sorted(state["windows"])
    assert len(set(state["keyword"]["chunks"])) == len(state["keyword"]["chunks"])
    assert {meta["source"] for _, meta in state["chunks"].values()} == set(state["documents"])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:  # overrides the shared two-document corpus
    return write_corpus(tmp_path / "corpus", documents=6, sections=2)


def clean_state(tmp_path: Path, corpus: Path) -> dict:
    settings = settings_for(tmp_path / "schoon", corpus)
    ingest(open_index(settings), warn=lambda m: None)
    return snapshot(settings)


def test_incremental_update_equals_a_clean_ingest(tmp_path: Path, corpus: Path):
    """The baseline for every crash test: without a crash, an update of an edited corpus ends
    exactly where a clean ingest of it does. Chunks that keep their text but move (a section
    inserted above them) or get other metadata (sources.toml) are rewritten, not left stale."""
    settings = settings_for(tmp_path / "data", corpus)
    ingest(open_index(settings), warn=lambda m: None)
    edited = corpus / "doc02.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "Onderwerp 2.0", "Nieuw onderwerp\n\nDe regio start in 2025 met beeldbellen.\n\nOnderwerp 2.0"), encoding="utf-8")
    (corpus / "sources.toml").write_text('[[document]]\nfile = "doc04.txt"\ntype = "inkoopbeleid"\n', encoding="utf-8")
    report = ingest(open_index(settings), warn=lambda m: None)
    assert (report.added, report.unchanged) == (2, 4)
    state = snapshot(settings)
    assert_consistent(state)
    assert state == clean_state(tmp_path, corpus)


# ---------------------------------------------------------------- simulated crashes (fast)
class Crash(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing in the pipeline handles it."""


def crash_at(monkeypatch: pytest.MonkeyPatch, method: str, call: int) -> None:
    """Make the `call`-th use (0-based, over all stores) of a store method crash (windows: WindowStore)."""
    store = WindowStore if method in ("write_windows", "delete_windows_of") else ChromaStore
    original = getattr(store, method)
    counter = itertools.count()

    def crashing(self: ChromaStore, *args: object, **kwargs: object) -> object:
        if next(counter) == call:
            raise Crash(f"{method} #{call}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(store, method, crashing)


def change_corpus(corpus: Path) -> None:
    """What a user may do between the crash and the next run: remove one file, edit another."""
    (corpus / "doc01.txt").unlink()
    edited = corpus / "doc03.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Onderwerp 3.1", "Onderwerp 3.1 (herzien)"),
                      encoding="utf-8")


@pytest.mark.parametrize(("method", "call"), [
    *[("write_windows", n) for n in (0, 2, 5)],
    *[("write", n) for n in (0, 2, 5)],
])
def test_interrupted_first_ingest_is_completed_by_the_next(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path, method: str, call: int):
    # At the first write: in the middle of a group of documents embedded together.
    settings = settings_for(tmp_path / "data", corpus, group_texts=512 if call == 0 else 1)
    with monkeypatch.context() as patch:
        crash_at(patch, method, call)
        with pytest.raises(Crash):
            ingest(open_index(settings), warn=lambda m: None)
    change_corpus(corpus)
    ingest(open_index(settings), warn=lambda m: None)
    state = snapshot(settings)
    assert_consistent(state)
    assert state == clean_state(tmp_path, corpus)


@pytest.mark.parametrize(("method", "call"), [
    ("delete_windows_of", 0), ("delete_windows_of", 1), ("delete", 0), ("delete", 1), ("write", 0),
])
def test_interrupted_update_with_deletes_is_completed_by_the_next(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path, method: str, call: int):
    settings = settings_for(tmp_path / "data", corpus, group_texts=512 if call == 0 else 1)
    ingest(open_index(settings), warn=lambda m: None)
    change_corpus(corpus)
    with monkeypatch.context() as patch:
        crash_at(patch, method, call)
        with pytest.raises(Crash):
            ingest(open_index(settings), warn=lambda m: None)
    ingest(open_index(settings), warn=lambda m: None)
    state = snapshot(settings)
    assert_consistent(state)
    assert state == clean_state(tmp_path, corpus)


def test_windows_of_a_document_that_vanished_after_a_crash_are_swept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path):
    """The crash falls between a document's windows and its chunks; then the file is removed.
    The main store never saw the document, so only the final sweep can find its windows."""
    settings = settings_for(tmp_path / "data", corpus)
    with monkeypatch.context() as patch:
        crash_at(patch, "write", 1)  # doc00 complete, doc01 has windows but no chunks
        with pytest.raises(Crash):
            ingest(open_index(settings), warn=lambda m: None)
    windows = open_index(settings).window_store.owners().values()
    assert {source for _, source in windows} == {"corpus/doc00.txt", "corpus/doc01.txt"}
    change_corpus(corpus)  # removes doc01
    ingest(open_index(settings), warn=lambda m: None)
    state = snapshot(settings)
    assert_consistent(state)
    assert state == clean_state(tmp_path, corpus)


# ---------------------------------------------------------------- real processes (slow)
CLI_DOCUMENTS = 30


def cli_env(data: Path, corpus: Path) -> dict[str, str]:
    return {**os.environ, "ZORGASSISTENT_EMBEDDING": "fake", "ZORGASSISTENT_DATA": str(data),
            "ZORGASSISTENT_CORPUS": str(corpus), "ZORGASSISTENT_ANSWER_MODE": "extractive",
            "ZORGASSISTENT_INGEST_GROUP": "1", "PYTHONUNBUFFERED": "1"}  # document by document


def start_ingest(data: Path, corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest"], env=cli_env(data, corpus),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_progress(process: subprocess.Popen, documents: int, timeout: float = 120.0) -> bool:
    """Read the progress bar on stderr until `documents` files are written: the embedding stage
    names the document it works on, and documents are embedded and written one after another,
    so when the (n+1)-th name shows, n are in the store. False when the process ended first (or
    stopped reporting); the caller then retries with an earlier target."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:  # not select(): the test process may hold fds > 1024
        selector.register(process.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=1.0):
                if process.poll() is not None:
                    return False
                continue
            piece = os.read(process.stderr.fileno(), 65536)
            if not piece:
                return False
            seen += piece
            embedding = re.escape(msg.INGEST_EMBEDDING.split("{")[0].encode())
            names = dict.fromkeys(re.findall(embedding + rb"(\S+\.txt)", seen))
            if len(names) > documents:
                return True
    return False


def kill_mid_ingest(data: Path, corpus: Path, target: int) -> int:
    """Start an ingest and SIGKILL it once `target` documents are done; returns the number of
    documents that were done when it was killed (the target comes down if a run wins the race)."""
    for _ in range(4):
        process = start_ingest(data, corpus)
        try:
            reached = wait_for_progress(process, target)
            if reached and process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=30)
                assert process.returncode == -signal.SIGKILL
                return target
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        target = max(1, target // 2)
        shutil.rmtree(data, ignore_errors=True)  # the run finished: start over with an empty index
    pytest.fail("every ingest finished before it could be killed")


@pytest.fixture(scope="module")
def cli_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("cli") / "corpus", documents=CLI_DOCUMENTS)


@pytest.fixture(scope="module")
def cli_clean_state(tmp_path_factory: pytest.TempPathFactory, cli_corpus: Path) -> dict:
    data = tmp_path_factory.mktemp("schoon") / "data"
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=cli_env(data, cli_corpus),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return snapshot(settings_for(data, cli_corpus))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_ingest_process_leaves_an_index_that_answers_and_is_completed(
    tmp_path: Path, cli_corpus: Path, cli_clean_state: dict, seed: int
):
    data = tmp_path / "data"
    killed_after = kill_mid_ingest(data, cli_corpus, target=random.Random(seed).randint(2, 20))
    settings = settings_for(data, cli_corpus)

    # The half-written index opens and answers from what it has.
    written = {c.source for c in open_index(settings).store.chunks()}
    assert len(written) >= killed_after
    answer = Assistant(settings).ask("Wat staat er over beeldbellen en de wijkverpleging?")
    assert answer.text
    for citation in answer.citations:
        document = (cli_corpus / Path(citation.source).name).read_text(encoding="utf-8")
        assert " ".join(citation.quote.split()) in " ".join(document.split())

    # The next run finishes the work, exactly as a clean ingest would have done it.
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=cli_env(data, cli_corpus),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    state = snapshot(settings)
    assert_consistent(state)
    assert state == cli_clean_state


@pytest.mark.slow
def test_ingest_while_another_process_holds_the_lock_exits_1_with_the_message(tmp_path: Path, cli_corpus: Path):
    settings = settings_for(tmp_path / "data", cli_corpus)
    with open_index(settings).write_lock():  # a hang instead of the message raises TimeoutExpired
        result = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"],
                                env=cli_env(settings.data_dir, cli_corpus), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == msg.INDEX_LOCKED.format(path=settings.data_dir / "ingest.lock")
    assert result.stdout == ""


@pytest.mark.slow
def test_two_ingest_processes_one_waits_for_nothing_and_says_why(tmp_path: Path, cli_corpus: Path):
    data = tmp_path / "data"
    first = start_ingest(data, cli_corpus)
    try:
        assert wait_for_progress(first, 1), "the first ingest did not start writing"
        # Held where it is, the first keeps its lock while the second starts: on a quiet, fast host it
        # could finish its thirty small documents before the second process had imported its modules.
        os.kill(first.pid, signal.SIGSTOP)
        try:
            second = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=cli_env(data, cli_corpus),
                                    capture_output=True, text=True, timeout=120)
        finally:
            os.kill(first.pid, signal.SIGCONT)
        assert second.returncode == 1
        assert second.stderr.strip() == msg.INDEX_LOCKED.format(path=data / "ingest.lock")
    finally:
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert out.decode().startswith("Klaar: 30 document(en) bekeken, 30 nieuw of gewijzigd")
