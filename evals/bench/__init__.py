"""Performance benchmark: ingest throughput, re-ingest time, retrieval and answer latency and
peak memory, for the embedded Chroma store and a local `chroma run` server, at growing sizes.

A run is data plus measurement, like the evals:
- the seed corpus (`settings.corpus_dir`) is ingested for real with the configured embedder and
  then ingested again unchanged, timed in this process and in a fresh one (as the
  `zorgassistent ingest` command would be);
- every corpus size is the seed corpus plus synthetic Dutch-like filler chunks (fixed seed),
  written straight into the stores together with their sentence windows. The filler gets random
  unit vectors (clustered around random centres, as real embeddings cluster by topic): embedding
  100k chunks and their ~600k windows with e5 would take hours on two cores, so embedding
  throughput is measured on a sample of `SAMPLE` texts and extrapolated (the output says so).
  Queries are embedded by the real model;
- every store and size is served by a fresh process (spawn), so its peak RSS is its own: warm-up,
  retrieval latency (`HybridRetriever.retrieve`), extractive answers;
- once, at the largest size, the local LLM (when installed): time to first token, answer
  latency and peak memory measured before and after loading it.

Modules: config (sizes, bars, messages), corpus (synthetic filler), server (a local `chroma
run`), measure (percentiles, peak memory, probes in fresh processes), records, report (bars,
table, plot), run (the whole run).

Not done here: answer quality at scale. Random vectors carry no meaning (they never outrank a
real passage in the dense rankings), so only the seed questions' answers mean anything; quality
is measured by the evals (runner.py). Server runs use servers started here on 127.0.0.1 and
ignore CHROMA_URL.
"""

from .config import RETRIEVAL_TARGET_SIZE, RSS_WITHOUT_LLM_MAX_GB, BenchError
from .corpus import clustered_unit_vectors, dutch_sentences, synthetic_chunks, unit_vectors
from .measure import in_fresh_process, peak_rss_mb, percentile, process_peak_rss_mb
from .records import Bar, BenchResult, EmbeddingRun, LlmRun, SeedRun, StoreRun
from .report import check_bars, format_bar, format_report, format_table, write_plot
from .run import load_questions, parse_sizes, run_bench, stores_for
from .server import ChromaServer, free_port

__all__ = [
    "RETRIEVAL_TARGET_SIZE", "RSS_WITHOUT_LLM_MAX_GB", "Bar", "BenchError", "BenchResult", "ChromaServer",
    "EmbeddingRun", "LlmRun", "SeedRun", "StoreRun", "check_bars", "clustered_unit_vectors", "dutch_sentences",
    "format_bar", "format_report", "format_table", "free_port", "in_fresh_process", "load_questions",
    "parse_sizes", "peak_rss_mb", "percentile", "process_peak_rss_mb", "run_bench", "stores_for",
    "synthetic_chunks", "unit_vectors", "write_plot",
]
