"""Question words matched to the corpus vocabulary (pure).

A word of the question that no document contains is replaced by the corpus word it most
likely means:
- written without its hyphen or space, or with one too many ("KIKV", "zorg kantoor"): the
  corpus word that is the same once hyphens and spaces are dropped ("KIK-V", "zorgkantoor");
- an ordinary lower-case word with a typo ("bewegignen", "langdurge"): the most frequent corpus
  word within edit distance 1 (2 for words of 8 letters or more), words of 5 letters or more only.
- another form of a regular verb, or its -ing noun, when the corpus has that form and not this one
  ("organiseerde" as "organiseren", "belemmert" as "belemmeringen"; see word_forms.py).
- a compound the corpus only writes as its parts ("beeldbelgesprekken": "beeldbellen ... gesprekken"):
  the two parts, unless the corpus holds the word inside a longer compound (then it is found as it is).
A word is only a typo when it is no word at all: not another form of a corpus word (same stem,
"begeleid" for "begeleidt") and not a Dutch or English word (wordfreq's word lists), so
"uitschrijven" is never read as "inschrijven" nor "afschaffen" as "aanschaffen". Names
(capitalised words that are no Dutch or English word) are only folded, never corrected: a place
the corpus does not name must stay unknown, or a question about it would get an answer about another.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from . import compounds, word_forms
from .keyword_index import tokenize
from .text import fold

_WORD = re.compile(r"[^\W_](?:[\w'-]*[^\W_])?")
MIN_TYPO_LENGTH = 5
LONG_WORD = 8
MEANT_CACHE = 10_000  # words remembered per vocabulary (a corpus swapped on reload has a new one)
MIN_SPLIT_PART = 4  # the shortest part of a compound that is split (compounds.MIN_PART bounds another use)
REAL_WORD_ZIPF = 1.5  # wordfreq's Zipf frequency from which a word is a word (1.5: once in ~30 million words)


def zipf(word: str) -> float:
    """How common `word` is in Dutch or English, whichever is higher: wordfreq's Zipf frequency,
    log10 of its count per billion words (0 for a word neither list has; the lists ship with the package)."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "nl"), zipf_frequency(word, "en"))


def is_word(word: str) -> bool:
    """Whether `word` is a Dutch or English word."""
    return zipf(word) >= REAL_WORD_ZIPF


def information(word: str) -> float:
    """What finding `word` tells in general language: -log10 of its share of all words
    (9 - Zipf), so "doet" (Zipf 5.7) weighs 3.3 and "personeelstekorten" (1.1) 7.9.

    Example: information("de") < information("zorgkantoor") == 9.0 - zipf("zorgkantoor")
    """
    return 9.0 - zipf(word)


def _as_typed(word: str, spelling: str) -> str:
    """The corpus spelling in the case the user typed: a word written in lower case stays lower case
    when the corpus mostly capitalises it (a heading's "Bewegingen"), or it would read as a name.
    An acronym's capitals ("KIK-V") stay.

    Example: _as_typed("bewegignen", "Bewegingen") == "bewegingen" and _as_typed("kikv", "KIK-V") == "KIK-V"
    """
    if word[:1].islower() and spelling[:1].isupper() and spelling[1:] == spelling[1:].lower():
        return spelling[:1].lower() + spelling[1:]
    return spelling


class Vocabulary:
    def __init__(self, counts: Counter[str], surface: dict[str, str],
                 known_word: Callable[[str], bool] = is_word) -> None:
        self.counts = counts                    # folded word -> frequency
        self.surface = surface                  # folded word -> its most frequent spelling in the corpus
        self.known_word = known_word
        self.stems = set(tokenize(" ".join(counts)))
        # A compound's first part may drop a stem's last letter ("beeldbel" of "beeldbellen", stem "beeldbell").
        self._heads = self.stems | {stem[:-1] for stem in self.stems if len(stem) > MIN_SPLIT_PART}
        self.squashed: dict[str, str] = {}      # folded word without hyphens -> folded word
        for word, _ in counts.most_common():
            self.squashed.setdefault(word.replace("-", ""), word)
        self._by_length: dict[int, list[str]] = {}
        for word in counts:
            self._by_length.setdefault(len(word), []).append(word)
        # (word, verb_forms, short_verbs) -> what it means: a question is read more than once (retrieval, answer,
        # decision), and the edit-distance search over a large vocabulary takes a good part of a second.
        self._meant_cache: dict[tuple[str, bool, bool], str | None] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str], known_word: Callable[[str], bool] = is_word) -> Vocabulary:
        counts: Counter[str] = Counter()
        spellings: Counter[tuple[str, str]] = Counter()
        for text in texts:
            for word in _WORD.findall(text):
                folded = fold(word)
                counts[folded] += 1
                spellings[(folded, word)] += 1
        surface: dict[str, str] = {}
        for (folded, word), _ in spellings.most_common():
            surface.setdefault(folded, word)
        return cls(counts, surface, known_word)

    def knows(self, word: str) -> bool:
        return fold(word) in self.counts

    def correction(self, word: str, verb_forms: bool = False, short_verbs: bool = False) -> str | None:
        """The corpus spelling meant by an unknown word, or None.

        Example: Vocabulary.from_texts(["De KIK-V en de bewegingen."]).correction("KIKV") == "KIK-V"
        """
        meant = self._meant(word, verb_forms, short_verbs)
        return _as_typed(word, meant) if meant is not None else None

    def _meant(self, word: str, verb_forms: bool, short_verbs: bool = False) -> str | None:
        """The corpus spelling meant by an unknown word (see `correction`), as the corpus writes it."""
        key = (word, verb_forms, short_verbs)
        if key not in self._meant_cache:
            if len(self._meant_cache) > MEANT_CACHE:
                self._meant_cache.clear()
            self._meant_cache[key] = self._search(word, verb_forms, short_verbs)
        return self._meant_cache[key]

    def _search(self, word: str, verb_forms: bool, short_verbs: bool) -> str | None:
        folded = fold(word)
        if folded in self.counts or any(ch.isdigit() for ch in folded):
            return None
        squashed = self.squashed.get(folded.replace("-", ""))
        if squashed is not None:
            return self.surface[squashed]
        # Too short to tell a typo from another word; but a verb's other form is no guess, so with
        # `short_verbs` a short verb counts ("meld": "meldt"). Not always: a short strong past may be
        # read as a form that is also another verb ("vond ... plaats": "vinden").
        short = len(folded) < MIN_TYPO_LENGTH
        if (short and not (verb_forms and short_verbs)) or set(tokenize(folded)) <= self.stems:  # or another form it stems to
            return None
        real = self.known_word(folded)
        if verb_forms and (real or not word[:1].isupper()) and (form := self.other_form(folded)):
            return self.surface[form]
        if short or word[:1].isupper() or real:
            return None
        from rapidfuzz.distance import Levenshtein

        limit = 1 if len(folded) < LONG_WORD else 2
        best: tuple[int, int, str] | None = None
        for length in range(len(folded) - limit, len(folded) + limit + 1):
            for candidate in self._by_length.get(length, ()):
                distance = Levenshtein.distance(folded, candidate, score_cutoff=limit)
                if distance <= limit:
                    key = (distance, -self.counts[candidate], candidate)
                    if best is None or key < best:
                        best = key
        return self.surface[best[2]] if best else self.split(folded)

    def split(self, folded: str) -> str | None:
        """A compound the corpus only writes as its two parts, as those two words (folded). Each part
        has four letters or more; the first is a corpus word or stem, or a stem without its last letter,
        and a linking "s" may follow it; the second is a corpus word. The most frequent pair wins.

        Example: Vocabulary.from_texts(["Het beeldbellen groeide tot 900 gesprekken."]).split("beeldbelgesprekken")
                 == "beeldbel gesprekken"
        """
        best: tuple[int, str] | None = None
        for i in range(MIN_SPLIT_PART, len(folded) - MIN_SPLIT_PART + 1):
            first, tail = folded[:i], folded[i:]
            if first not in self.counts and first not in self._heads:
                continue
            for rest in (tail, tail[1:]) if tail.startswith("s") else (tail,):
                if len(rest) >= MIN_SPLIT_PART and rest in self.counts:
                    score = min(self.counts.get(first, 1), self.counts[rest])
                    if best is None or score > best[0]:
                        best = (score, f"{first} {rest}")
        if best is None or compounds.compound_parts({folded: 1.0}, self.counts.keys()):
            return None  # a word the corpus holds in a longer compound ("beeldzorg" in "beeldzorgteam") is found as it is
        return best[1]

    def other_form(self, folded: str) -> str | None:
        """The corpus's most frequent other form of a word that is a form of a regular verb
        (word_forms): a conjugation before its -ing noun.

        Example: Vocabulary.from_texts(["Hoe organiseren we het?"]).other_form("organiseerde") == "organiseren"
        """
        found = [f for f in word_forms.forms(folded) if f in self.counts]
        if not found:
            return None
        return max(found, key=lambda f: (not f.endswith(("ing", "ingen")), self.counts[f], f))

    def corrected(self, question: str, verb_forms: bool = False, short_verbs: bool = False) -> str:
        """The question with its unknown words replaced, and two words joined where the corpus
        writes them as one.

        Example: Vocabulary.from_texts(["Het zorgkantoor en de bewegingen."]).corrected("Welke bewegignen kent het zorg kantoor?")
                 == "Welke bewegingen kent het zorgkantoor?"
        """
        words = list(_WORD.finditer(question))
        out, last = [], 0
        skip = False
        for i, match in enumerate(words):
            if skip:
                skip = False
                continue
            word = match.group()
            nxt = words[i + 1] if i + 1 < len(words) else None
            replacement = None
            if nxt is not None and question[match.end():nxt.start()] == " ":
                joined = self.squashed.get(fold(word + nxt.group()).replace("-", ""), "")
                if joined and not (self.knows(word) and self.knows(nxt.group())
                                                  and self.counts[joined] < min(self.counts[fold(word)], self.counts[fold(nxt.group())])):
                    out.append(question[last:match.start()] + _as_typed(word, self.surface[joined]))
                    last, skip = nxt.end(), True
                    continue
            replacement = self.correction(word, verb_forms, short_verbs)
            out.append(question[last:match.start()] + (replacement or word))
            last = match.end()
        out.append(question[last:])
        return "".join(out)
