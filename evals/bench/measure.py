"""Measuring: percentiles, peak memory, and the probes that run in fresh processes (re-ingest, serving, the LLM)."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from assistant.settings import Settings


# ---------------------------------------------------------------------- pure helpers
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile with linear interpolation between ranks (numpy's default).

    Example: percentile([10, 20, 30, 40], 50) == 25.0
    """
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)



def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    VmHWM where Linux has it: `ru_maxrss` survives exec, so a probe spawned by a large parent
    would report the parent's peak (fork, then exec). ru_maxrss (KiB on Linux) elsewhere.
    """
    return process_peak_rss_mb(os.getpid()) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of another process (VmHWM), None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None



# ---------------------------------------------------------------------- probes (fresh processes)
def in_fresh_process(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn(*args) in a newly spawned Python process: its memory peak is its own, and nothing
    is imported yet, as for a user starting a command."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _timed(fn: Callable[..., Any], bucket: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            bucket.append((time.perf_counter() - started) * 1000)

    return wrapper


@contextmanager
def _timed_parts(index: Any) -> Iterator[dict[str, list[float]]]:
    """Time the parts of retrieval (ms per call) by wrapping methods of this process's own
    index objects for the duration of the block; `retrieve` itself is unchanged."""
    parts: dict[str, list[float]] = {"query_embedding": [], "dense_chunks": []}
    targets = [(index.store.embedder, "embed_batch", "query_embedding"), (index.store, "search", "dense_chunks")]
    if index.window_store is not None:
        parts["dense_windows"] = []
        targets.append((index.window_store, "search_within", "dense_windows"))
    for owner, method, part in targets:
        setattr(owner, method, _timed(getattr(owner, method), parts[part]))
    try:
        yield parts
    finally:
        for owner, method, _ in targets:
            delattr(owner, method)  # the class's method is visible again


def reingest_probe(settings: Settings) -> int:
    """`ingest` of the unchanged corpus in a fresh process; the caller times it from outside,
    so interpreter start and imports count, as for `zorgassistent ingest`."""
    from assistant.index import open_index
    from ingest.pipeline import ingest

    return ingest(open_index(settings), warn=lambda message: None).chunks_written


def serve_probe(settings: Settings, retrieval_questions: list[str], answer_questions: list[str]) -> dict[str, Any]:
    """Warm-up, retrieval latency (with a per-part split) and extractive answers, as a fresh
    serving process would see them. Returns plain numbers (runs in a fresh process)."""
    from assistant.service import Assistant

    started = time.perf_counter()
    assistant = Assistant(settings.with_(answer_mode="extractive"))
    retriever = assistant.retriever  # chunk table, keyword indexes, embedding model
    k = max(settings.top_k, 10)
    retriever.retrieve(retrieval_questions[0], k=k)  # the vector index is loaded on first use
    warm_up_s = time.perf_counter() - started

    totals: list[float] = []
    with _timed_parts(retriever.index) as parts:
        for question in retrieval_questions:
            begun = time.perf_counter()
            retriever.retrieve(question, k=k)
            totals.append((time.perf_counter() - begun) * 1000)
    split = {name: percentile(values, 50) for name, values in parts.items() if len(values) == len(totals)}
    if len(split) == len(parts):
        split["keyword_fusion"] = percentile([t - sum(v[i] for v in parts.values()) for i, t in enumerate(totals)], 50)

    begun = time.perf_counter()
    assistant.ask(answer_questions[0])  # term weights over all chunks are computed once
    first_answer_s = time.perf_counter() - begun
    answers = [assistant.ask(question) for question in answer_questions]
    latencies = [a.latency_ms for a in answers]
    return {
        "warm_up_s": warm_up_s,
        "first_answer_s": first_answer_s,
        "retrieval_p50_ms": percentile(totals, 50),
        "retrieval_p95_ms": percentile(totals, 95),
        "retrieval_parts_p50_ms": split,
        "answer_p50_ms": percentile(latencies, 50) if latencies else None,
        "answered": sum(not a.refused for a in answers),
        "asked": len(answers),
        "peak_rss_mb": peak_rss_mb(),
        "load_1m": os.getloadavg()[0],
    }


def llm_probe(settings: Settings, questions: list[str]) -> dict[str, Any]:
    """Local LLM (in its own server process): peak memory of the app before and with it, start
    and test-answer time, time to first token and answer latency on a few questions, and the
    model server's own peak memory (runs in a fresh process)."""
    from assistant.model_server import shared_server
    from assistant.service import Assistant

    assistant = Assistant(settings.with_(answer_mode="llm"))
    retriever = assistant.retriever
    for question in questions:  # everything an answer needs except the model
        retriever.retrieve(question, k=max(settings.top_k, 10))
    assistant.weights([])
    before = peak_rss_mb()
    server = shared_server(assistant.settings)
    started = time.perf_counter()
    status = server.probe()  # starts the process, loads the model, answers a test prompt
    load_s = time.perf_counter() - started
    if not status.works or assistant.generator.name != "llm":
        return {"available": False, "reason": status.text()}
    answers = [assistant.ask(question) for question in questions]
    first = [a.first_token_ms for a in answers if a.first_token_ms is not None and a.mode == "llm"]
    server_rss = process_peak_rss_mb(server.pid) if server.pid else None
    server.stop()
    return {
        "available": True, "threads": settings.llm_threads, "load_s": load_s,
        "first_token_p50_ms": percentile(first, 50) if first else None,
        "first_token_max_ms": max(first) if first else None,
        "answer_p50_ms": percentile([a.latency_ms for a in answers], 50),
        "answered": sum(not a.refused for a in answers), "asked": len(answers),
        "peak_rss_mb_before": before, "peak_rss_mb_with": peak_rss_mb(), "model_server_rss_mb": server_rss,
        "load_1m": os.getloadavg()[0],
    }
