"""Dutch BM25 keyword index (bm25s), derived from the vector store's chunks.

Text is folded (lower case, accents off), split into words, Dutch stop words dropped and each
word stemmed with Snowball's `dutch_porter` (the plain `dutch` algorithm strips `ge-` and
mangles words). The index is persisted next to the store under a key made from the chunk ids,
so a stale or half-written index is simply rebuilt from the store.
Not done here: query expansion (glossary.py) and fusion (fusion.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable, Collection, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

from .text import fold

DUTCH_STOPWORDS = frozenset(
    """aan al alle alles als ander andere anders bij ben ben bent bij daar daarbij daarna daarom
    dan dat de deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben
    heeft hem het hier hij hoe hun iemand iets ik in is ja je jij jouw kan kon kunnen maar me meer
    men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tot
    uit uw van veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zei
    zich zij zijn zo zonder zou welke welk houdt waar wanneer waarom noem volgens staat staan gaat
    moeten moest moesten kunt konden willen wilt wilde wilden zullen zult zouden
    the of and to a in is are what which how does do for on with about""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("dutch_porter")


def tokenize(text: str) -> list[str]:
    """Fold, split, drop stop words, stem. Hyphenated words also yield their parts.

    Example: tokenize("De cliënten en zorgaanbieders") == ["client", "zorgaanbieder"]
    """
    words: list[str] = []
    for word in _WORD.findall(fold(text)):
        parts = [word, *word.split("-")] if "-" in word else [word]
        words.extend(p for p in parts if p and p not in DUTCH_STOPWORDS and (len(p) > 1 or p.isdigit()))
    return [_undoubled(s) for s in _stemmer().stemWords(words)]


def _undoubled(stem: str) -> str:
    """A stem without a doubled final consonant: the Porter stemmer undoubles only k, d and t, so
    "stappen", "plannen" and "rollen" kept "stapp", "plann", "roll" and missed "stap", "plan", "rol".

    Example: (_undoubled("stapp"), _undoubled("zorg"), _undoubled("zee")) == ("stap", "zorg", "zee")
    """
    return stem[:-1] if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouy" and stem[-1].isalpha() else stem


def term_share(terms: Mapping[str, float], words: Collection[str]) -> float:
    """The weighted share of the question's `terms` (stem -> idf) that occur among `words`.

    Example: term_share({"thuis": 3.0, "zorg": 1.0}, {"zorg", "wijk"}) == 0.25
    """
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in words) / total if total else 0.0


# Part of the persisted index's key: a change of stop words or stemming rebuilds the index.
# v2: "zelf" is no stop word ("Zelf als het kan" is one of the bewegingen).
# v3: every form of "moeten", "kunnen", "willen", "zullen" is a stop word, not only "moet", "kan", "wil",
# "zal". Not "mogen": "Mag ik ...?" asks whether something is allowed, and "mag u niet" answers it.
# v5: a stem's doubled final consonant is undoubled ("stappen" is "stap"). (v4 was an experiment
# that did not land.) "kun" stays a word here: as a stop word, dev q040 "Met welke uitgangspunten
# kun je ...?" lost its passage's "kun je" (rank 1 -> 2); answers need not hold it (ASKING_WORDS).
TOKENIZER_VERSION = "v5"


def index_key(ids: list[str]) -> str:
    return hashlib.sha256("\n".join([TOKENIZER_VERSION, *sorted(ids)]).encode()).hexdigest()[:16]


class KeywordIndex:
    """BM25 over a fixed list of chunk ids; `search` returns (id, score) best first."""

    def __init__(self, ids: list[str], model) -> None:
        self.ids = ids
        self._model = model

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> KeywordIndex:
        import bm25s

        model = bm25s.BM25(k1=1.2, b=0.75)
        tokens = [tokenize(t) or ["_leeg_"] for t in texts]
        model.index(tokens, show_progress=False)
        return cls(list(ids), model)

    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self._model.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps(self.ids))
        shutil.rmtree(folder, ignore_errors=True)
        tmp.replace(folder)

    @classmethod
    def load_or_build(cls, folder: Path | None, ids: list[str], texts: Callable[[], list[str]]) -> KeywordIndex:
        """Load the persisted index when it was built from exactly these ids, else rebuild it from
        `texts()` (called only then)."""
        import bm25s

        if not ids:
            return cls([], None)
        key = index_key(ids)
        target = folder / key if folder else None
        if target and (target / "ids.json").is_file():
            try:
                saved_ids = json.loads((target / "ids.json").read_text())
                if saved_ids == list(ids):
                    return cls(saved_ids, bm25s.BM25.load(str(target)))
            except (OSError, ValueError):
                pass
        index = cls.build(ids, texts())
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                if old.name != key:
                    shutil.rmtree(old, ignore_errors=True)
            index.save(target)  # type: ignore[arg-type]
        return index

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        tokens = tokenize(query)
        if not tokens or not self.ids or self._model is None:
            return []
        vocab = getattr(self._model, "vocab_dict", None)
        if vocab is not None:
            tokens = [t for t in tokens if t in vocab]
            if not tokens:
                return []
        scores = np.asarray(self._model.get_scores(tokens))
        if allowed is not None:
            mask = np.array([cid in allowed for cid in self.ids])
            scores = np.where(mask, scores, 0.0)
        order = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]
