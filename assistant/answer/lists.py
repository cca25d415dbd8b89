"""Lists in the top passages, for extractive answers (pure).

A list is its introduction (a unit ending in ":" followed by items) and its consecutive items.
Which list a question asks for: the one of the size it names ("welke zes ..."), the one whose
introduction names what it asks for ("welke bouwblokken"), the numbered part it points at
("het tweede knelpunt"). A list is given whole: its introduction may end the chunk before,
its items may run on into the next chunk of the same document.
Not done here: scoring units (sentence_scores.py), the choice of the best unit (extractive.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from ..keyword_index import tokenize
from ..records import Hit
from ..rewrite import split_topic
from ..text import ENUMERATED, NUMBERED_ITEM
from .facts import NUMBER_WORDS, expected_fact
from .units import MAX_CHARS, MAX_IMPLICIT_ITEM_WORDS, MAX_SENTENCES, Unit

T = TypeVar("T")

_LIST_NOUN = re.compile(
    r"\b(?:welke|noem(?: de)?|wat zijn de|which|what are the)\s+(?:(?:" + "|".join(NUMBER_WORDS) + r"|\d+)\s+)?"
    r"([\w'-]+)(?:\s+([\w'-]+))?", re.IGNORECASE)


NAMED_LIST_PREFERENCE = 0.6  # "welke bouwblokken": a list introduced as bouwblokken, at this share of the best
SHORT_INTRO_WORDS = 8  # a list introduction this short gets the sentence before it too

def per_list(units: list[Unit], measure: Callable[[list[Unit]], T]) -> dict[int, T]:
    """For every unit of a list (its introduction and items): `measure` of the whole list, by id(unit)."""
    out: dict[int, T] = {}
    group: list[Unit] = []

    def close() -> None:
        value = measure(group)
        out.update((id(u), value) for u in group)

    for unit in units:
        continues = group and unit.is_item and unit.hit_index == group[-1].hit_index
        if not continues:
            if any(u.is_item for u in group):
                close()
            group = []
        if unit.is_item or unit.introduces or continues:
            group.append(unit)
    if any(u.is_item for u in group):
        close()
    return out


def list_words(units: list[Unit]) -> dict[int, set[str]]:
    """For every unit of a list: the whole list's words, by id(unit)."""
    return per_list(units, lambda group: set(tokenize(" ".join(u.text for u in group))))


def list_nouns(question: str) -> set[str]:
    """What a list question asks for, as terms: "Welke zes belemmeringen kwamen ..." -> the stems
    of "belemmeringen" and "kwamen" (the noun is one of the two words after "welke")."""
    return set(tokenize(" ".join(list_noun_words(question))))


def list_noun_words(question: str) -> set[str]:
    """What a list question asks for, as the question writes it (stopwords left out): "Wat zijn de
    bewegingen in de regio?" -> {"bewegingen"}; list_nouns gives their stems."""
    match = _LIST_NOUN.search(split_topic(question)[0])
    return {w.lower() for w in match.groups() if w and tokenize(w)} if match else set()  # no stopwords ("in")


def count_asked(question: str) -> int | None:
    """How many things the question asks for: "Welke zes belemmeringen ..." -> 6."""
    fact = expected_fact(question)
    return int(fact.about[0]) if fact.kind == "opsomming" else None


def list_sizes(units: list[Unit]) -> dict[int, int]:
    """For every unit of a list (its introduction and items): the number of items, by id(unit)."""
    return per_list(units, lambda group: sum(u.is_item for u in group))


_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
             "achtste": 8, "negende": 9, "tiende": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
             "fifth": 5, "sixth": 6}
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+([\w-]+)", re.IGNORECASE)


def _number_of(text: str, noun: frozenset[str] = frozenset()) -> int | None:
    """The number of a numbered part: "2. Onvoldoende inrichting", "Fase 2: ...", "Stap 3 ...", or a
    part named by the noun asked about ("het derde perceel": a table row "Perceel: 3; Inhoud: ...").

    Example: _number_of("Perceel: 3; Inhoud: Zorgtechnologie", frozenset(tokenize("perceel"))) == 3
    """
    match = NUMBERED_ITEM.match(text) or re.match(r"^\s*(?:fase|stap|punt|deel|onderdeel|niveau|thema|pijler|bouwblok|ronde|"
                                                 r"phase|step|part|level)\s+(\d{1,2})\s*[:.)-]?\s", text, re.IGNORECASE)
    if match:
        return int(match.group(1))
    named = re.match(r"^\s*([^\W\d_][\w-]*)\s*:?\s+(\d{1,2})\s*[:;.)-]?(?:\s|$)", text)
    return int(named.group(2)) if named and noun and set(tokenize(named.group(1))) & noun else None


def ordinals_numbered(question: str, quotes: list[str]) -> set[str]:
    """The ordinal of "het tweede speerpunt" (as a term) when a quote is that numbered part ("2. ..."):
    the quote says "second" by its number, not by the word.

    Example: ordinals_numbered("Wat is het tweede speerpunt?", ["2. Een vaste casemanager."]) == set(tokenize("tweede"))
    """
    match = _ORDINAL.search(split_topic(question)[0])
    if not match:
        return set()
    n, noun = _ORDINALS[match.group(1).lower()], frozenset(tokenize(match.group(2)))
    lines = [line for quote in quotes for line in quote.split("\n")]
    return set(tokenize(match.group(1))) if any(_number_of(line, noun) == n for line in lines) else set()


def numbered_part(question: str, units: list[Unit], hits: list[Hit]) -> list[Unit]:
    """A question about "het tweede knelpunt" or "de derde fase": the part numbered so, of a
    list or series about that noun, with the lines that explain it (up to the next part)."""
    own, _ = split_topic(question)
    match = _ORDINAL.search(own)
    if not match:
        return []
    n, noun = _ORDINALS[match.group(1).lower()], frozenset(tokenize(match.group(2)))
    if not noun:
        return []
    candidates = []
    for unit in units:
        if _number_of(unit.text, noun) != n:
            continue
        before = " ".join(u.text for u in units if u.hit_index == unit.hit_index and u.position <= unit.position)
        chunk = hits[unit.hit_index].chunk
        if noun & set(tokenize(f"{chunk.heading} {chunk.context} {before}")):
            candidates.append(unit)
    if not candidates:
        return []
    best = max(candidates, key=lambda u: u.score)
    follow = _neighbour(hits, best.hit_index, +1)  # the part may run on there
    part = [best]
    for unit in ([u for u in units if u.hit_index == best.hit_index and u.position > best.position]
                 + [u for u in units if u.hit_index == follow]):
        if (_number_of(unit.text, noun) is not None or unit.is_heading or len(part) >= MAX_SENTENCES
                or sum(len(u.text) for u in part) + len(unit.text) > MAX_CHARS):
            break
        part.append(unit)
    return part


def sentence_before(units: list[Unit], unit: Unit) -> list[Unit]:
    """The unit just before `unit` in its paragraph (none at the start of a paragraph)."""
    return [u for u in units if u.hit_index == unit.hit_index and u.line == unit.line and u.position == unit.position - 1]


def introduction_score(units: list[Unit], intro: Unit) -> float:
    """A list introduction judged with the sentence before it ("... de zes bouwblokken. Dit zijn
    ze:" says what the list is)."""
    return max([intro.score] + [u.score for u in sentence_before(units, intro)])


def _introduction_words(units: list[Unit], intro: Unit) -> set[str]:
    """An introduction's words with those of the sentence before it in its paragraph ("... de zes
    bouwblokken. Dit zijn de volgende zes:" introduces bouwblokken)."""
    return set(tokenize(" ".join(u.text for u in [*sentence_before(units, intro), intro])))


def named_list(units: list[Unit], best: Unit, nouns: set[str], words: set[str] = frozenset()) -> Unit:
    """For a question that names what it lists ("welke bouwblokken ..."): a list whose
    introduction names it, rather than a list whose items merely mention it (three steps that
    each use "the six bouwblokken" are no list of bouwblokken). `best` stays when its own list's
    introduction names it, when no other introduction does, or when that one scores less than
    NAMED_LIST_PREFERENCE of `best` (its score with the sentence before it). `words`: the
    question's own forms of those nouns (list_noun_words)."""
    groups = per_list(units, lambda group: [u for u in group if u.introduces])
    if best.is_item or best.introduces:
        own = groups.get(id(best), [])
        if any(nouns & _introduction_words(units, u) for u in own):
            return best
    named = {}
    for unit in units:
        if unit.introduces and id(unit) in groups and nouns & _introduction_words(units, unit):
            named[id(unit)] = (introduction_score(units, unit), unit)
    if not named:
        return _named_in_prose(units, best, nouns, words)
    score, unit = max(named.values(), key=lambda pair: pair[0])
    return unit if score >= NAMED_LIST_PREFERENCE * best.score else best


def _named_in_prose(units: list[Unit], best: Unit, nouns: set[str], words: set[str] = frozenset()) -> Unit:
    """No list introduction in the passages names what the question asks for (not even inside a
    compound): then a list is no answer when a sentence that names it in its own words scores at
    least NAMED_LIST_PREFERENCE of `best` ("welke bewegingen": "... zijn nieuwe bewegingen nodig:
    zelf als het kan, thuis als het kan" rather than a list of programmes). A sentence with the
    question's own word form comes first: "welke bewegingen" asks for the set that "nieuwe
    bewegingen nodig" introduces, of which "Beweging Thuis als het kan: ..." is one."""
    def names(unit: Unit) -> bool:  # also inside a compound: "rijbewijscategorieën" names "rijbewijs"
        return any(noun in word for word in tokenize(unit.text) for noun in nouns)

    introductions = [u for u in units if u.introduces or u.text.rstrip().endswith(":")]  # also one whose items are elsewhere
    if not (best.is_item or best.introduces) or any(names(u) for u in introductions):
        return best
    prose = [u for u in units if not (u.is_item or u.introduces or u.is_heading) and names(u)]
    same_form = [u for u in prose if words & set(re.findall(r"[\w'-]+", u.text.lower()))]
    for group in (same_form, prose):
        found = max(group, key=lambda u: u.score, default=None)
        if found is not None and found.score >= NAMED_LIST_PREFERENCE * best.score:
            return found
    return best


def whole_list(units: list[Unit], best: Unit) -> list[Unit]:
    """The list around `best`: its introduction (the unit just before the first item) and items."""
    items = [u for u in units if u.is_item]
    if not items:
        return [best]
    # Find the run of consecutive item lines containing or following best.
    anchor = best if best.is_item else next(u for u in items if u.position > best.position)
    run = [anchor]
    for u in items:
        if u.position > run[-1].position and u.line == run[-1].line + 1:
            run.append(u)
    for u in reversed([u for u in items if u.position < anchor.position]):
        if u.line == run[0].line - 1:
            run.insert(0, u)
    before = [u for u in units if u.position < run[0].position and not u.is_item and not u.is_heading]
    intro = before[-1:] if before and len(before[-1].text.split()) >= 3 else []
    # "Dit zijn de volgende drie:" says little on its own; the sentence before it names the subject.
    if intro and len(intro[0].text.split()) < SHORT_INTRO_WORDS and len(before) > 1 and before[-2].line >= intro[0].line - 1:
        intro = before[-2:]
    return intro + run


def _neighbour(hits: list[Hit], h: int, step: int) -> int | None:
    """The index of the retrieved chunk `step` places after hit `h` in the same document, if any."""
    chunk = hits[h].chunk
    return next((i for i, hit in enumerate(hits) if hit.chunk.source == chunk.source
                 and hit.chunk.ordinal == chunk.ordinal + step), None)


def list_introduction(units: list[Unit], hits: list[Hit], whole: list[Unit]) -> list[Unit]:
    """The introduction of a list that starts at the top of its chunk, from the end of the
    previous chunk of the same document when that chunk was retrieved too."""
    first = whole[0]
    if not first.is_item or any(u.position < first.position and not u.is_heading
                                for u in units if u.hit_index == first.hit_index):
        return []
    before = _neighbour(hits, first.hit_index, -1)
    tail = [u for u in units if u.hit_index == before and not u.is_heading]
    if not tail or not tail[-1].text.rstrip().endswith(":"):
        return []
    if len(tail[-1].text.split()) < SHORT_INTRO_WORDS and len(tail) > 1:
        return tail[-2:]
    return tail[-1:]


def list_continuation(units: list[Unit], hits: list[Hit], best: Unit) -> list[Unit]:
    """Leading items of the next chunk of the same document when a list runs past its chunk
    and that chunk was retrieved too."""
    own = [u for u in units if u.hit_index == best.hit_index]
    if not own or not own[-1].is_item:
        return []
    follow = _neighbour(hits, best.hit_index, +1)
    if follow is None:
        return []
    leading: list[Unit] = []
    follow_units = [u for u in units if u.hit_index == follow]
    prose = bool(ENUMERATED.match(own[-1].text))  # "Ten derde ...": only "Ten vierde ..." continues it
    for unit in follow_units:
        if prose and not ENUMERATED.match(unit.text):
            break
        whole_line = sum(1 for u in follow_units if u.line == unit.line) == 1
        # A short line continues the list; one that ends with ":" only when items follow it (a
        # sub-list of the last item), not when it introduces nothing (a site's "share this page:").
        dangling = unit.text.rstrip().endswith(":") and not unit.introduces
        implicit = whole_line and len(unit.text.split()) <= MAX_IMPLICIT_ITEM_WORDS and not dangling
        if not (unit.is_item or implicit):
            break
        unit.is_item = True
        leading.append(unit)
    return leading
