"""What a bench run records: the seed ingest, embedding throughput, each store and size, the LLM."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .config import INFO, MET, MISSED, NOT_MEASURED


# ---------------------------------------------------------------------- records
@dataclass
class SeedRun:
    """The seed corpus, ingested for real and then again unchanged."""

    chunks: int
    windows: int
    ingest_s: float
    embedding_s: float
    store_s: float
    reingest_s: float  # in this process, modules already imported
    reingest_cold_s: float  # a fresh process, as `zorgassistent ingest`
    # The first ingest per stage (IngestReport); embedding_s is chunks plus windows.
    reading_s: float = 0.0
    chunking_s: float = 0.0
    embedding_chunks_s: float = 0.0
    embedding_windows_s: float = 0.0
    keywords_s: float = 0.0


@dataclass
class EmbeddingRun:
    """The embedding model on a sample of synthetic chunks and windows."""

    model: str
    sample: int
    dim: int
    load_s: float
    chunks_per_s: float
    windows_per_s: float


@dataclass
class StoreRun:
    """One store at one size. Write times are of the synthetic filler only."""

    store: str
    size: int
    synthetic: int
    windows: int
    write_s: float
    keyword_s: float
    embedding_s_estimated: float
    warm_up_s: float
    first_answer_s: float
    retrieval_p50_ms: float
    retrieval_p95_ms: float
    answer_p50_ms: float | None
    answered: int
    asked: int
    peak_rss_mb: float
    retrieval_parts_p50_ms: dict[str, float] = field(default_factory=dict)
    server_peak_rss_mb: float | None = None
    load_1m: float = 0.0  # machine load when the probe ended: other work on the machine skews times

    @property
    def store_chunks_per_s(self) -> float | None:
        """Synthetic chunks written per second, their windows included."""
        return self.synthetic / self.write_s if self.synthetic and self.write_s > 0 else None


@dataclass
class LlmRun:
    available: bool
    reason: str = ""
    store: str = ""
    size: int = 0
    threads: int = 0
    load_s: float = 0.0
    first_token_p50_ms: float | None = None
    first_token_max_ms: float | None = None
    answer_p50_ms: float | None = None
    answered: int = 0
    asked: int = 0
    peak_rss_mb_before: float = 0.0
    peak_rss_mb_with: float = 0.0
    model_server_rss_mb: float | None = None  # the model runs in its own process
    load_1m: float = 0.0

    @property
    def total_rss_mb(self) -> float:
        """App and model server together: what the machine must hold."""
        return self.peak_rss_mb_with + (self.model_server_rss_mb or 0.0)


@dataclass(frozen=True)
class Bar:
    """A target: measured value against a limit (None: reported only)."""

    label: str
    value: float | None
    limit: float | None
    unit: str
    strict: bool = False  # "<" instead of "<="
    reason: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return NOT_MEASURED
        if self.limit is None:
            return INFO
        met = self.value < self.limit if self.strict else self.value <= self.limit
        return MET if met else MISSED


@dataclass
class BenchResult:
    seed: SeedRun
    embedding: EmbeddingRun
    runs: list[StoreRun]
    llm: LlmRun | None = None
    cpu_count: int = 0
    load_average: tuple[float, ...] = ()  # of the whole machine at the end: other work skews times

    def to_json(self) -> dict[str, Any]:
        from .report import check_bars  # the bars read these records: imported when written out

        return {
            "seed_corpus": asdict(self.seed),
            "embedding": {**asdict(self.embedding), "extrapolated": True},
            "runs": [{**asdict(r), "store_chunks_per_s": r.store_chunks_per_s} for r in self.runs],
            "llm": asdict(self.llm) if self.llm else None,
            "bars": [{**asdict(b), "status": b.status} for b in check_bars(self)],
            "cpu_count": self.cpu_count,
            "load_average": list(self.load_average),
        }
