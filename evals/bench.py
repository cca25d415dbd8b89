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

Not done here: answer quality at scale. Random vectors carry no meaning (they never outrank a
real passage in the dense rankings), so only the seed questions' answers mean anything; quality
is measured by the evals (runner.py). Server runs use servers started here on 127.0.0.1 and
ignore CHROMA_URL.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import accumulate
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import ZorgError
from assistant.records import Chunk
from assistant.settings import Settings

SEED = 7
SAMPLE = 200  # texts embedded with the real model to measure its throughput
SENTENCES_PER_CHUNK = 6  # ~90 words, ~180 tokens and six windows: like the seed corpus
CHUNKS_PER_DOCUMENT = 20
BATCH = 1000  # synthetic chunks generated and written per step (bounded memory)
CENTRES = 256  # topics the filler's random vectors cluster around
SPREAD = 0.05  # noise per dimension around a centre
RETRIEVAL_QUESTIONS = 100  # p95 of 100 is the 5th slowest: a stall or two does not decide it
ANSWER_QUESTIONS = 15
LLM_QUESTIONS = 3
STORES = ("embedded", "server")
QUESTIONS_FILE = Path(__file__).with_name("questions_dev.jsonl")
SERVER_START_SECONDS = 60.0

# Targets from the issue "Beyond one laptop" (see the README's section on performance).
REINGEST_MAX_S = 3.0
RETRIEVAL_P95_MAX_MS = 150.0
RETRIEVAL_TARGET_SIZE = 100_000
GROWTH_FROM, GROWTH_TO = 1_000, 100_000
FIRST_TOKEN_MAX_S = 8.0
ANSWER_P50_MAX_MS = 300.0
RSS_WITHOUT_LLM_MAX_GB = 1.0
RSS_WITH_LLM_MAX_GB = 3.0

# Texts the user reads (Dutch). Kept here rather than in assistant/messages.py: only the
# benchmark shows them, and assistant/ must not depend on evals/.
MET, MISSED, NOT_MEASURED, INFO = "gehaald", "niet gehaald", "niet gemeten", "ter info"
BAD_SIZES = "Ongeldige --sizes {text!r}: geef positieve gehele getallen, gescheiden door komma's (bijv. 1000,10000)."
BAD_STORE = "Onbekende opslag {value!r}. Kies uit: embedded, server, both."
CHROMA_MISSING = "Het programma `chroma` is niet gevonden ({path}). Installeer chromadb in deze omgeving: pip install chromadb."
CHROMA_NO_START = "De Chroma-server op {url} startte niet binnen {seconds:.0f} s. Laatste regels van {log}:\n{tail}"
PART_LABELS = {
    "query_embedding": "vraag embedden",
    "dense_chunks": "vectorzoeken tekstdelen",
    "dense_windows": "vectorzoeken vensters",
    "keyword_fusion": "BM25, fusie en de rest",
}


class BenchError(ZorgError):
    pass


# ---------------------------------------------------------------------- synthetic corpus
SUBJECTS = (
    "De wijkverpleegkundige", "Het zorgkantoor", "De cliënt", "De mantelzorger", "Het wijkteam",
    "De huisarts", "De zorgaanbieder", "De gemeente", "De specialist ouderengeneeskunde", "De regio",
    "Het netwerk", "De verzekeraar", "De zorgmedewerker", "De projectleider", "De ergotherapeut",
    "De praktijkondersteuner",
)
VERBS = (
    "bespreekt", "plant", "ondersteunt", "evalueert", "registreert", "organiseert", "financiert",
    "begeleidt", "verbetert", "meet", "deelt", "controleert", "start", "borgt", "verkent", "kiest",
)
PREFIXES = (
    "zorg", "wijk", "thuis", "beeld", "medicatie", "leefstijl", "cliënt", "team", "data", "regio",
    "dag", "nacht", "welzijn", "herstel", "preventie", "revalidatie", "sensor", "alarm",
)
HEADS = (
    ("het", "plan"), ("het", "overleg"), ("de", "afspraak"), ("het", "protocol"), ("het", "gesprek"),
    ("het", "verslag"), ("de", "monitor"), ("het", "budget"), ("de", "coach"), ("de", "planning"),
    ("de", "app"), ("de", "training"), ("het", "dossier"), ("de", "evaluatie"), ("de", "pilot"),
    ("het", "contract"), ("de", "werkwijze"), ("de", "ondersteuning"),
)
PLACES = (
    "in de wijk", "via een beeldscherm", "samen met de mantelzorger", "binnen de Wlz",
    "na overleg met de huisarts", "in het verpleeghuis", "op afstand", "tijdens de avonddienst",
    "in de regio Twente", "met een digitale tool", "bij de cliënt thuis", "volgens de richtlijn",
)
PURPOSES = (
    "de cliënt langer thuis kan wonen", "er minder reistijd nodig is", "de werkdruk daalt",
    "de zorg beter past", "het team tijd overhoudt", "de kosten dalen", "de kwaliteit stijgt",
    "fouten sneller opvallen", "de regie bij de cliënt blijft",
)
HEADINGS = ("Aanleiding", "Doel", "Aanpak", "Resultaten", "Randvoorwaarden", "Financiering", "Evaluatie", "Vervolg")


def _zipf(count: int) -> tuple[float, ...]:
    """Cumulative Zipf weights: as in real text a few words are common and most are rare.

    Example: _zipf(3) == (1.0, 1.5, 1.8333333333333333)
    """
    return tuple(accumulate(1.0 / rank for rank in range(1, count + 1)))


_PREFIX_WEIGHTS, _HEAD_WEIGHTS = _zipf(len(PREFIXES)), _zipf(len(HEADS))


def dutch_sentences(rng: random.Random) -> Iterator[str]:
    """Endless Dutch-like sentences about care, drawn from a fixed vocabulary with `rng`.

    Objects are compound nouns ("het medicatieoverleg") of a Zipf-drawn prefix and head.

    Example: next(dutch_sentences(random.Random(1))).endswith(".") is True
    """
    while True:
        prefix = rng.choices(PREFIXES, cum_weights=_PREFIX_WEIGHTS)[0]
        article, head = rng.choices(HEADS, cum_weights=_HEAD_WEIGHTS)[0]
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {article} {prefix}{head} {rng.choice(PLACES)}"
        if rng.random() < 0.3:
            sentence += f" in {rng.randint(2019, 2030)}"
        if rng.random() < 0.3:
            sentence += f" voor {rng.randint(2, 5000)} cliënten"
        if rng.random() < 0.5:
            sentence += f", zodat {rng.choice(PURPOSES)}"
        yield sentence + "."


def synthetic_chunks(count: int, seed: int = SEED) -> Iterator[Chunk]:
    """`count` synthetic chunks of `SENTENCES_PER_CHUNK` sentences, grouped in documents of
    `CHUNKS_PER_DOCUMENT` under `synthetisch/`. The same seed gives the same chunks and ids.

    Example: [c.ordinal for c in synthetic_chunks(3)] == [0, 1, 2]
    """
    from ingest.chunking import chunk_id

    sentences = dutch_sentences(random.Random(seed))
    for number in range(count):
        document, ordinal = divmod(number, CHUNKS_PER_DOCUMENT)
        source = f"synthetisch/document-{document + 1:05d}.txt"
        title = f"Synthetisch beleidsstuk {document + 1}"
        heading = HEADINGS[ordinal % len(HEADINGS)]
        context = f"{title} — {heading}"
        text = " ".join(next(sentences) for _ in range(SENTENCES_PER_CHUNK))
        yield Chunk(
            id=chunk_id(source, context, text), source=source, title=title, heading=heading, text=text,
            context=context, ordinal=ordinal, publisher="Synthetisch", date="2024", type="synthetisch",
            doc_chunks=min(CHUNKS_PER_DOCUMENT, count - document * CHUNKS_PER_DOCUMENT),
        )


def unit_vectors(rng: np.random.Generator, rows: int, dim: int) -> np.ndarray:
    """Random float32 vectors of length 1 (uniform on the sphere).

    Example: unit_vectors(np.random.default_rng(0), 2, 3).shape == (2, 3)
    """
    vectors = rng.standard_normal((rows, dim), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def clustered_unit_vectors(rng: np.random.Generator, centres: np.ndarray, rows: int, spread: float = SPREAD) -> np.ndarray:
    """Random unit vectors scattered around randomly picked `centres` (rows of unit vectors);
    with the default spread two vectors of one centre have a cosine of about 0.5.

    Real embeddings cluster by topic, while uniform noise on the sphere is the worst case for an
    HNSW index: on two cores it inserts about three times slower and slows down as the index
    grows. So the filler is clustered, to load the store roughly as real text would.
    Example: clustered_unit_vectors(np.random.default_rng(0), np.eye(2, 3, dtype=np.float32), 4).shape == (4, 3)
    """
    picked = centres[rng.integers(0, len(centres), rows)]
    noisy = picked + spread * rng.standard_normal(picked.shape, dtype=np.float32)
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


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
        return {
            "seed_corpus": asdict(self.seed),
            "embedding": {**asdict(self.embedding), "extrapolated": True},
            "runs": [{**asdict(r), "store_chunks_per_s": r.store_chunks_per_s} for r in self.runs],
            "llm": asdict(self.llm) if self.llm else None,
            "bars": [{**asdict(b), "status": b.status} for b in check_bars(self)],
            "cpu_count": self.cpu_count,
            "load_average": list(self.load_average),
        }


# ---------------------------------------------------------------------- targets and report
def _run(result: BenchResult, size: int | None = None) -> StoreRun | None:
    """The run the single-number targets are judged on: embedded when measured (one laptop),
    else server; at `size`, or the largest size."""
    for store in STORES:
        runs = [r for r in result.runs if r.store == store and (size is None or r.size == size)]
        if runs:
            return max(runs, key=lambda r: r.size)
    return None


def check_bars(result: BenchResult) -> list[Bar]:
    """Every target with its status and, where missed, a one-line reason (pure)."""
    seed = result.seed
    startup = max(0.0, seed.reingest_cold_s - seed.reingest_s)
    bars = [Bar("opnieuw inlezen basiscorpus (ongewijzigd, als los commando)", seed.reingest_cold_s, REINGEST_MAX_S, "s",
                strict=True, reason=f"{startup:.1f} s is opstarten van Python en laden van de modules; het inlezen zelf {seed.reingest_s:.1f} s")]

    target = _run(result, RETRIEVAL_TARGET_SIZE)
    label = f"zoeken p95 bij {RETRIEVAL_TARGET_SIZE} tekstdelen ({target.store if target else 'embedded'})"
    if target is None:
        bars.append(Bar(label, None, RETRIEVAL_P95_MAX_MS, "ms", reason=f"draai met --sizes …,{RETRIEVAL_TARGET_SIZE}"))
    else:
        part, ms = max(target.retrieval_parts_p50_ms.items(), key=lambda kv: kv[1], default=("", 0.0))
        bars.append(Bar(label, target.retrieval_p95_ms, RETRIEVAL_P95_MAX_MS, "ms",
                        reason=f"grootste deel: {PART_LABELS.get(part, part)} ({ms:.0f} ms mediaan)"))

    for store in STORES:
        small = next((r for r in result.runs if r.store == store and r.size == GROWTH_FROM), None)
        large = next((r for r in result.runs if r.store == store and r.size == GROWTH_TO), None)
        if small and large:
            bars.append(Bar(f"groei zoeken p95 {GROWTH_FROM}→{GROWTH_TO} ({store})",
                            large.retrieval_p95_ms / small.retrieval_p95_ms, None, "×"))

    llm = result.llm
    label = "lokaal taalmodel: eerste token (p50)"
    if llm is None or not llm.available or llm.first_token_p50_ms is None:
        bars.append(Bar(label, None, FIRST_TOKEN_MAX_S, "s", reason=llm.reason if llm else "overgeslagen"))
    else:
        bars.append(Bar(label, llm.first_token_p50_ms / 1000, FIRST_TOKEN_MAX_S, "s",
                        reason=f"de prompt wordt op {llm.threads} kernen verwerkt; traagste {llm.first_token_max_ms / 1000:.1f} s"))

    largest = _run(result)
    label = f"extractief antwoord p50 ({largest.store}, {largest.size} tekstdelen)" if largest else "extractief antwoord p50"
    if largest is None or largest.answer_p50_ms is None:
        bars.append(Bar(label, None, ANSWER_P50_MAX_MS, "ms", reason="geen antwoorden gemeten"))
    else:
        bars.append(Bar(label, largest.answer_p50_ms, ANSWER_P50_MAX_MS, "ms",
                        reason=f"zoeken alleen kost al {largest.retrieval_p50_ms:.0f} ms (mediaan)"
                        if largest.retrieval_p50_ms > ANSWER_P50_MAX_MS / 2 else
                        f"zinnen kiezen en citaten controleren kosten {largest.answer_p50_ms - largest.retrieval_p50_ms:.0f} ms"))

    if largest is None:
        bars.append(Bar("piekgeheugen zonder taalmodel", None, RSS_WITHOUT_LLM_MAX_GB, "GB"))
    else:
        rows = largest.size + largest.windows
        held = (f"de Chroma-index ({rows} vectoren van tekstdelen en vensters), de tekstdelentabel en BM25 staan in dit proces"
                if largest.store == "embedded" else "de tekstdelentabel en BM25 staan in dit proces; de vectoren in de server")
        bars.append(Bar(f"piekgeheugen zonder taalmodel ({largest.store}, {largest.size} tekstdelen)",
                        largest.peak_rss_mb / 1024, RSS_WITHOUT_LLM_MAX_GB, "GB", reason=held))
    if llm is None or not llm.available:
        bars.append(Bar("piekgeheugen met taalmodel", None, RSS_WITH_LLM_MAX_GB, "GB", reason=llm.reason if llm else "overgeslagen"))
    else:
        bars.append(Bar(f"piekgeheugen met taalmodel ({llm.store}, {llm.size} tekstdelen)", llm.total_rss_mb / 1024,
                        RSS_WITH_LLM_MAX_GB, "GB",
                        reason=f"de app {llm.peak_rss_mb_with:.0f} MB, het taalmodelproces "
                               f"{llm.model_server_rss_mb or 0:.0f} MB"))
    return bars


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


TABLE_COLUMNS = (
    ("opslag", 8), ("tekstdelen", 10), ("vensters", 8), ("schrijf/s", 9), ("embed s*", 8), ("bm25 s", 6),
    ("opstart s", 9), ("1e antw s", 9), ("zoek p50", 8), ("zoek p95", 8), ("antw p50", 8), ("RSS MB", 6),
    ("server MB", 9), ("belasting", 9),
)


def format_table(runs: list[StoreRun]) -> str:
    """One line per store and size; times in ms unless the header says s (pure)."""
    header = "  ".join(name.ljust(width) if i == 0 else name.rjust(width) for i, (name, width) in enumerate(TABLE_COLUMNS))
    lines = [header]
    for r in runs:
        cells = [r.store, str(r.size), str(r.windows), _num(r.store_chunks_per_s, 0), _num(r.embedding_s_estimated, 0),
                 _num(r.keyword_s), _num(r.warm_up_s), _num(r.first_answer_s), _num(r.retrieval_p50_ms),
                 _num(r.retrieval_p95_ms), _num(r.answer_p50_ms), _num(r.peak_rss_mb, 0), _num(r.server_peak_rss_mb, 0),
                 _num(r.load_1m)]
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, (_, w)) in enumerate(zip(cells, TABLE_COLUMNS))))
    return "\n".join(lines)


def format_bar(bar: Bar) -> str:
    """Example: format_bar(Bar("x", 1.0, 3.0, "s", strict=True)) == "gehaald       x: 1.0 s (norm < 3 s)" """
    if bar.limit is None:
        norm = ""
    else:
        norm = f" (norm {'<' if bar.strict else '<='} {bar.limit:g} {bar.unit})"
    if bar.value is None:
        value = "-"
    elif bar.unit == "×":
        value = f"{bar.value:.2f}×"
    else:
        value = f"{bar.value:.{2 if bar.unit == 'GB' else 1}f} {bar.unit}"
    line = f"{bar.status:<14}{bar.label}: {value}{norm}"
    if bar.status in (MISSED, NOT_MEASURED) and bar.reason:
        line += f" — {bar.reason}"
    return line


def format_report(result: BenchResult) -> str:
    """The whole printed report: seed corpus, embedding, the table, the LLM, the targets."""
    from ingest.pipeline import format_times

    seed, emb = result.seed, result.embedding
    lines = [
        f"Machine: {result.cpu_count} kernen, belasting (1/5/15 min) "
        f"{' / '.join(f'{x:.1f}' for x in result.load_average) or '-'}; andere processen maken de tijden langer.",
        f"Basiscorpus: {seed.chunks} tekstdelen, {seed.windows} vensters; eerste keer inlezen {seed.ingest_s:.1f} s; "
        f"opnieuw inlezen ongewijzigd {seed.reingest_s:.2f} s in dit proces, {seed.reingest_cold_s:.2f} s als los commando",
        "  eerste keer — " + format_times(seed.reading_s, seed.chunking_s, seed.embedding_chunks_s,
                                         seed.embedding_windows_s, seed.store_s, seed.keywords_s, seed.ingest_s),
        f"Embedding ({emb.model}, {emb.dim} dimensies): {emb.chunks_per_s:.1f} tekstdelen/s en {emb.windows_per_s:.1f} "
        f"vensters/s, gemeten op {emb.sample} + {emb.sample} synthetische teksten (model laden {emb.load_s:.1f} s)",
        "",
        format_table(result.runs),
        "* embed s is geschat: geëxtrapoleerd uit de steekproef, want de synthetische tekstdelen en vensters kregen "
        "willekeurige eenheidsvectoren. schrijf/s: synthetische tekstdelen per seconde, vensters inbegrepen. "
        "Zoeken en antwoorden in ms, met echte vraag-embeddings. RSS: piekgeheugen van het proces dat zoekt en "
        "antwoordt; server MB: van de Chroma-server. belasting: van de machine (1 min) aan het eind van de meting.",
    ]
    llm = result.llm
    if llm is not None:
        lines.append("")
        if llm.available:
            lines.append(
                f"Lokaal taalmodel ({llm.store}, {llm.size} tekstdelen, {llm.threads} threads): model laden {llm.load_s:.1f} s, "
                f"eerste token p50 {_num(llm.first_token_p50_ms and llm.first_token_p50_ms / 1000)} s "
                f"(traagste {_num(llm.first_token_max_ms and llm.first_token_max_ms / 1000)} s), antwoord p50 "
                f"{_num(llm.answer_p50_ms and llm.answer_p50_ms / 1000)} s, {llm.answered}/{llm.asked} beantwoord; "
                f"piekgeheugen app {llm.peak_rss_mb_before:.0f} MB zonder en {llm.peak_rss_mb_with:.0f} MB met taalmodel, "
                f"taalmodelproces {_num(llm.model_server_rss_mb, 0)} MB")
        else:
            lines.append(f"Lokaal taalmodel: niet gemeten ({llm.reason})")
    lines += ["", "Normen:"] + ["  " + format_bar(bar) for bar in check_bars(result)]
    return "\n".join(lines)


def write_plot(result: BenchResult, path: Path) -> Path:
    """Retrieval latency (p50 and p95) against corpus size, one line pair per store."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for store in STORES:
        runs = sorted((r for r in result.runs if r.store == store), key=lambda r: r.size)
        if not runs:
            continue
        sizes = [r.size for r in runs]
        ax.plot(sizes, [r.retrieval_p95_ms for r in runs], marker="o", label=f"{store} p95")
        ax.plot(sizes, [r.retrieval_p50_ms for r in runs], marker=".", linestyle="--", label=f"{store} p50")
    ax.axhline(RETRIEVAL_P95_MAX_MS, color="grey", linewidth=0.8, linestyle=":", label=f"norm p95 {RETRIEVAL_P95_MAX_MS:g} ms")
    ax.set_xscale("log")
    ax.set_xlabel("tekstdelen in de index")
    ax.set_ylabel("zoektijd per vraag (ms)")
    ax.set_title("Zoeklatentie tegen corpusgrootte")
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# ---------------------------------------------------------------------- chroma server
def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ChromaServer:
    """A `chroma run` child process on 127.0.0.1 over a persistent folder (context manager).

    `start()` waits for the heartbeat with bounded retries; `stop()` terminates it (kills it after
    a grace period). A restart keeps folder and port, so a client URL stays valid.
    Not a deployment: no authentication, no TLS, local only.
    """

    def __init__(self, path: Path, port: int | None = None, executable: Path | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.executable = executable or Path(sys.executable).with_name("chroma")
        self.log_path = path.with_name(path.name + ".log")
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        try:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
            with opener.open(f"{self.url}/api/v2/heartbeat", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def start(self, timeout_s: float = SERVER_START_SECONDS) -> ChromaServer:
        if not self.executable.is_file():
            raise BenchError(CHROMA_MISSING.format(path=self.executable))
        self.path.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [str(self.executable), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self._process.poll() is None:
            if self.alive():
                return self
            time.sleep(0.2)
        self.stop()
        tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-5:])
        raise BenchError(CHROMA_NO_START.format(url=self.url, seconds=timeout_s, log=self.log_path, tail=tail))

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)

    def restart(self) -> ChromaServer:
        self.stop()
        return self.start()

    def peak_rss_mb(self) -> float | None:
        return process_peak_rss_mb(self.pid) if self.pid else None

    def __enter__(self) -> ChromaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


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
        targets.append((index.window_store, "search_meta", "dense_windows"))
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
    """Copy every row (vector included) of one ChromaStore into another; returns the count."""
    page = source.collection.get(include=["documents", "metadatas", "embeddings"])
    if not page["ids"]:
        return 0
    vectors = np.asarray(page["embeddings"], dtype=np.float32)
    rows = list(zip(page["ids"], page["documents"], [m or {} for m in page["metadatas"]]))
    if target.kind == "windows":
        target.write_windows(rows, vectors)
    else:
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
