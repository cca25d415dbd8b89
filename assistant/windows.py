"""Sentence windows of a chunk, for multi-vector retrieval (pure).

A chunk of ~200 tokens dilutes the one sentence a question is about. Each chunk is also indexed
as overlapping windows of two units (sentences or list items), prefixed with the chunk's
context; a chunk scores by its best window. Windows are derived from the chunk text, so the
keyword side needs no storage and the dense side can always be rebuilt.
"""

from __future__ import annotations

from .answer.citations import passage_units
from .records import Chunk

WINDOW_UNITS = 2
WINDOW_STRIDE = 1  # a window starts at every unit: each sentence is in two windows


def windows(chunk: Chunk) -> list[tuple[str, str, dict]]:
    """(window id, text to embed, metadata) for every window of the chunk.

    Example: [w[0] for w in windows(Chunk("c1", "s", "T", "", "Een. Twee. Drie.", "T", 0))]
             == ["c1:0", "c1:1", "c1:2"]
    """
    units = passage_units(chunk.text)
    out = []
    for i in range(0, len(units), WINDOW_STRIDE):
        text = " ".join(units[i : i + WINDOW_UNITS])
        # With the document's title, unlike a chunk (records.Chunk.embedding_text): two sentences
        # alone say too little (dense-only recall@1 on dev 0.663 with it, 0.640 without; sentence choice 0.872 vs 0.837).
        out.append((f"{chunk.id}:{i}", f"{chunk.context}\n{text}" if chunk.context else text,
                    {"chunk_id": chunk.id, "source": chunk.source, "type": chunk.type}))
    return out
