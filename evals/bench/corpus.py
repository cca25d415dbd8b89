"""Synthetic Dutch-like filler chunks and clustered random unit vectors (pure, fixed seed)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import accumulate

import numpy as np

from assistant.records import Chunk

from .config import CHUNKS_PER_DOCUMENT, SEED, SENTENCES_PER_CHUNK, SPREAD

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
