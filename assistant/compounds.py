"""Dutch compounds (pure): a question's word found as a part of a passage's compound, or a question's
compound found in its parts. Dutch writes a compound as one word ("beeldzorgteam", "internetdekking")
where English writes two; a passage on the "Beeldzorgteam" names "beeldzorg", and "programma's voor een
videoconsult" names "videoprogramma's". Which parts count, and why, is said at each bound below.
"""

from __future__ import annotations

from collections.abc import Mapping

from .keyword_index import tokenize
from .word_forms import PARTICLES

MIN_PART = 6  # shorter stems ("zorg", "wacht") are parts of too many unrelated compounds
MIN_HEAD = 3  # ... except as the head of a compound whose first part is a word itself (gemeente-raad)
MIN_MODIFIER = 5  # "voor-raad", "ge-val", "zorg-taak" are no kind of raad, val or taak to go by
# The first part of a compound that makes it another word, not a kind of its head (onder-zoek).
PREFIXES = frozenset(PARTICLES) | {"achter", "boven", "binnen", "buiten", "tegen", "onder", "tussen"}


def compound_parts(terms: Mapping[str, float], words: set[str], short_heads: bool = False) -> set[str]:
    """The question's `terms` (stems) that `words` (stems, or words as written) hold only as the start
    or the head of a compound (Dutch writes compounds as one word): "beeldzorg" in "beeldzorgteam",
    "monitor" in "thuismonitor", "stalling" in "fietsenstalling" (whose own stem, "fietsenstall", the
    stemmer cuts differently). With `short_heads`, a short term also as the head, after a word
    (`_modifier`): "raad" in "gemeenteraad", not in "voorraad" (whether a passage names it, for the
    decision; in choosing sentences it made every sentence with "minimumloon" one about "loon").

    Example: compound_parts({"beeldzorg": 5.0, "zorg": 1.0}, {"beeldzorgteam", "livio"}) == {"beeldzorg"}
    """
    def head(t: str, w: str) -> bool:  # a tail of w that is the word t stems from
        return any(w[i:].startswith(t) and tokenize(w[i:]) == [t] for i in range(1, len(w) - len(t) + 1))

    return {t for t in terms if t not in words and (
        (len(t) >= MIN_PART and any(len(w) > len(t) and (w.startswith(t) or w.endswith(t) or head(t, w)) for w in words))
        or (short_heads and MIN_HEAD <= len(t) < MIN_PART and any(w.endswith(t) and _modifier(w[: -len(t)]) for w in words)))}


MIN_APART = 5  # the first part of a compound written apart: "video" (programma), not "zorg" (team): in too many words


def apart(word: str, words: set[str]) -> bool:
    """Whether `words` (stems) hold a compound `word` (as written) in its two parts: its head as a word
    of its own and its first part at the start of a word ("videoprogramma's": "programma'" and
    "videoconsult"). The head is stemmed alone: "internetdekking" stems to "internetdek", "dekking" to itself.

    Example: apart("videoprogramma's", {"programma'", "videoconsult"}) and not apart("videoprogramma's", {"programma'"})
    """
    for i in range(MIN_APART, len(word) - MIN_HEAD):  # a head of four letters or more
        first, head = word[:i], tokenize(word[i:])
        if len(head) == 1 and head[0] in words and first not in PREFIXES and any(w.startswith(first) for w in words):
            return True
    return False


def _modifier(part: str) -> bool:
    """Whether `part`, before a short head, makes a kind of that head: a word of its own (after
    taking off a linking -s, -e or -en), MIN_MODIFIER letters or more, not a particle or preposition.

    Example: _modifier("gemeente") is True; _modifier("voor") is False
    """
    from .spelling import is_word  # spelling uses this module

    if len(part) < MIN_MODIFIER or part in PREFIXES:
        return False
    return any(is_word(p) for p in (part, part[:-1] if part.endswith(("s", "e")) else "", part[:-2] if part.endswith("en") else "")
               if len(p) >= MIN_MODIFIER and p not in PREFIXES)
