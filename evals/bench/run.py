"""The run: the seed corpus ingested for real, filled up to each size, served per store in a fresh process."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.records import Chunk
from assistant.settings import Settings

from .config import (
    ANSWER_QUESTIONS,
    BAD_SIZES,
    BAD_STORE,
    BATCH,
    CENTRES,
    LLM_QUESTIONS,
    QUESTIONS_FILE,
    RETRIEVAL_QUESTIONS,
    SAMPLE,
    SEED,
    STORES,
)
from .corpus import clustered_unit_vectors, synthetic_chunks, unit_vectors
from .measure import in_fresh_process, llm_probe, reingest_probe, serve_probe
from .records import BenchResult, EmbeddingRun, LlmRun, SeedRun, StoreRun
from .report import write_plot
from .server import ChromaServer


def parse_sizes(text: str) -> list[int]:
    """Example: parse_sizes("1000, 10000") == [1000, 10000]"""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        sizes = []
    if not sizes or any(size <= 0 for size in sizes):
        raise ValueError(BAD_SIZES.format(text=text))
    return sorted(set(sizes))


def stores_for(choice: str) -> tuple[str, ...]:
    """Example: stores_for("both") == ("embedded", "server")"""
    match choice:
        case "embedded" | "server":
            return (choice,)
        case "both":
            return STORES
        case _:
            raise ValueError(BAD_STORE.format(value=choice))


def load_questions(path: Path = QUESTIONS_FILE) -> list[str]:
    """The answerable questions without history of an eval set, in file order."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if r.get("answerable", True) and not r.get("history")]



# ---------------------------------------------------------------------- the run
def _release_clients() -> None:
    """Drop this process's embedded Chroma systems, so a folder can be read by a probe or
    removed, and its memory is given back between sizes."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _seed(settings: Settings, folder: Path, log: Callable[[str], None]) -> SeedRun:
    from assistant.index import open_index
    from ingest.pipeline import ingest

    shutil.rmtree(folder, ignore_errors=True)
    seed_settings = settings.with_(data_dir=folder, chroma_url="")
    log(f"Basiscorpus inlezen met {settings.embedding} …")
    started = time.perf_counter()
    first = ingest(open_index(seed_settings), warn=log)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    index = open_index(seed_settings)
    ingest(index, warn=log)
    reingest_s = time.perf_counter() - started
    windows = index.window_store.count() if index.window_store is not None else 0
    _release_clients()
    started = time.perf_counter()
    in_fresh_process(reingest_probe, seed_settings)
    reingest_cold_s = time.perf_counter() - started
    return SeedRun(chunks=first.total, windows=windows, ingest_s=ingest_s, embedding_s=first.seconds_embedding,
                   store_s=first.seconds_store, reingest_s=reingest_s, reingest_cold_s=reingest_cold_s,
                   reading_s=first.seconds_reading, chunking_s=first.seconds_chunking,
                   embedding_chunks_s=first.seconds_embedding_chunks,
                   embedding_windows_s=first.seconds_embedding_windows, keywords_s=first.seconds_keywords)


def _embedding(settings: Settings, log: Callable[[str], None]) -> EmbeddingRun:
    from assistant.embeddings import make_embedder
    from assistant.windows import windows

    embedder = make_embedder(settings.embedding)
    log(f"Embeddingsnelheid meten op {SAMPLE} tekstdelen en {SAMPLE} vensters …")
    started = time.perf_counter()
    embedder.warm_up()
    embedder.embed_batch(["opwarmen"], "passage")  # the passage runtime too (e5: torch, loaded on first use)
    load_s = time.perf_counter() - started
    chunks = list(synthetic_chunks(SAMPLE, seed=SEED + 1))
    window_texts = [w[1] for c in chunks for w in windows(c)][:SAMPLE]
    started = time.perf_counter()
    vectors = embedder.embed_batch([c.search_text for c in chunks], "passage")
    chunk_s = time.perf_counter() - started
    started = time.perf_counter()
    embedder.embed_batch(window_texts, "passage")
    window_s = time.perf_counter() - started
    return EmbeddingRun(model=embedder.name, sample=SAMPLE, dim=int(vectors.shape[1]), load_s=load_s,
                        chunks_per_s=SAMPLE / max(chunk_s, 1e-9), windows_per_s=len(window_texts) / max(window_s, 1e-9))


def _copy(source, target) -> int:
    """Copy every row (vector included) of one store into another; returns the count."""
    if target.kind == "windows":
        owners = source.owners()
        keys, vectors = source.vectors_of(sorted({cid for cid, _ in owners.values()}))
        target.write_windows([(wid, "", {"chunk_id": cid, "source": owners[wid][1]}) for wid, cid in keys], vectors)
        return len(keys)
    page = source.collection.get(include=["documents", "metadatas", "embeddings"])
    if not page["ids"]:
        return 0
    vectors = np.asarray(page["embeddings"], dtype=np.float32)
    rows = list(zip(page["ids"], page["documents"], [m or {} for m in page["metadatas"]]))
    target.write([Chunk.from_metadata(cid, text, meta) for cid, text, meta in rows], vectors)
    return len(rows)


def _fill(settings: Settings, seed_dir: Path, size: int, dim: int) -> dict[str, Any]:
    """The seed corpus copied in, synthetic chunks and windows up to `size`, then the keyword
    index built as `ingest` would. Returns the counts and write times."""
    from assistant.index import open_index
    from assistant.retrieval import build_keyword_indexes
    from assistant.windows import windows

    seed_index = open_index(settings.with_(data_dir=seed_dir, chroma_url=""))
    index = open_index(settings)
    seed_chunks = _copy(seed_index.store, index.store)
    seed_windows = _copy(seed_index.window_store, index.window_store) if index.window_store is not None else 0
    synthetic = max(0, size - seed_chunks)
    rng = np.random.default_rng(SEED)
    centres = unit_vectors(rng, CENTRES, dim)
    generator = synthetic_chunks(synthetic)
    written_windows = 0
    write_s = 0.0
    for start in range(0, synthetic, BATCH):
        batch = [next(generator) for _ in range(min(BATCH, synthetic - start))]
        batch_windows = [w for c in batch for w in windows(c)] if index.window_store is not None else []
        chunk_vectors = clustered_unit_vectors(rng, centres, len(batch))
        window_vectors = clustered_unit_vectors(rng, centres, len(batch_windows))
        started = time.perf_counter()
        if index.window_store is not None:  # windows first, as in ingest: a chunk is complete once visible
            index.window_store.write_windows(batch_windows, window_vectors)
        index.store.write(batch, chunk_vectors)
        write_s += time.perf_counter() - started
        written_windows += len(batch_windows)
    started = time.perf_counter()
    build_keyword_indexes(index, sorted(index.store.chunks(), key=lambda c: (c.source, c.ordinal, c.id)))
    keyword_s = time.perf_counter() - started
    return {"size": seed_chunks + synthetic, "synthetic": synthetic, "windows": seed_windows + written_windows,
            "synthetic_windows": written_windows, "write_s": write_s, "keyword_s": keyword_s}


def _store_run(settings: Settings, store: str, size: int, folder: Path, seed_dir: Path, embedding: EmbeddingRun,
               questions: list[str], log: Callable[[str], None]) -> tuple[StoreRun, Settings, ChromaServer | None]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    server = ChromaServer(folder / "chroma-server") if store == "server" else None
    run_settings = settings.with_(data_dir=folder, chroma_url=server.url if server else "")
    if server:
        server.start()
    try:
        log(f"{store}, {size} tekstdelen: schrijven …")
        filled = _fill(run_settings, seed_dir, size, embedding.dim)
        _release_clients()
        if server:  # serve from a fresh server: its memory peak is that of serving, and data must survive
            server.restart()
        log(f"{store}, {size} tekstdelen: zoeken en antwoorden meten …")
        retrieval = [questions[i % len(questions)] for i in range(RETRIEVAL_QUESTIONS)]
        measured = in_fresh_process(serve_probe, run_settings, retrieval, questions[:ANSWER_QUESTIONS])
        server_peak = server.peak_rss_mb() if server else None
    except BaseException:
        if server:
            server.stop()
        raise
    estimated = (filled["synthetic"] / embedding.chunks_per_s + filled["synthetic_windows"] / embedding.windows_per_s)
    run = StoreRun(store=store, size=filled["size"], synthetic=filled["synthetic"], windows=filled["windows"],
                   write_s=filled["write_s"], keyword_s=filled["keyword_s"], embedding_s_estimated=estimated,
                   server_peak_rss_mb=server_peak, **measured)
    return run, run_settings, server


def run_bench(settings: Settings, sizes: Sequence[int], out: Path, stores: Sequence[str] = STORES,
              with_llm: bool = True, questions: list[str] | None = None,
              log: Callable[[str], None] = lambda message: print(message, file=sys.stderr)) -> BenchResult:
    """Run every measurement, write `bench.json` and `zoeklatentie.png` into `out`, return the
    result. Working data goes to `settings.data_dir / "bench"`; each store and size is removed
    once measured, so at most one large index is on disk at a time."""
    from assistant.models import is_installed

    questions = questions or load_questions()
    work = settings.data_dir / "bench"
    seed_dir = work / "basis"
    seed = _seed(settings, seed_dir, log)
    embedding = _embedding(settings, log)
    runs: list[StoreRun] = []
    llm: LlmRun | None = None
    largest = (stores[0], max(sizes))  # where the LLM is measured: one laptop, the biggest corpus
    for store in stores:
        for size in sorted(sizes):
            folder = work / f"{store}-{size}"
            run, run_settings, server = _store_run(settings, store, size, folder, seed_dir, embedding, questions, log)
            runs.append(run)
            try:
                if (store, size) == largest:
                    if not with_llm:
                        llm = LlmRun(available=False, reason="overgeslagen (--no-llm)")
                    elif not is_installed(settings.local_llm_path):
                        llm = LlmRun(available=False, reason="het lokale taalmodel is niet geïnstalleerd")
                    else:
                        log("Lokaal taalmodel meten …")
                        measured = in_fresh_process(llm_probe, run_settings, questions[:LLM_QUESTIONS])
                        llm = LlmRun(store=store, size=run.size, **measured)
            finally:
                if server:
                    server.stop()
                shutil.rmtree(folder, ignore_errors=True)
    result = BenchResult(seed=seed, embedding=embedding, runs=runs, llm=llm, cpu_count=os.cpu_count() or 0,
                         load_average=tuple(round(x, 2) for x in os.getloadavg()))
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    write_plot(result, out / "zoeklatentie.png")
    return result
