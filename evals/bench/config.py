"""What the benchmark measures, at which sizes, against which bars; its Dutch messages."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import ZorgError

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
QUESTIONS_FILE = Path(__file__).parent.parent / "questions_dev.jsonl"
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
