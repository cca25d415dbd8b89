"""Extractive answers: the best sentences of the top passages, verbatim, each with `[n]`.

No LLM. Sentences are scored by idf-weighted overlap with the question (the passage's
heading counts for half), by the dense similarity of the sentence windows the retriever
already computed (no extra model call), and a small prior for the passage's rank. Lists are kept whole:
when the best match is a list or its introduction, the introduction and all items are given
(the introduction may end the chunk before, the items may run on into the next one). A
publisher's name in the question ("volgens ZK zorgkantoor") chose the document and does not
choose sentences; the opening of a section whose heading matches the question gets a bonus.
Not done here: verification (citations.py) and refusal (refusal.py) — the service applies both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ..glossary import expand
from ..keyword_index import term_share, tokenize
from ..records import Hit
from ..rewrite import TOPIC_WEIGHT, split_topic
from ..text import LIST_ITEM, is_english, split_sentences
from .refusal import NUMBER_WORDS, Fact, asks_for_instructions, expected_fact, has_fact
from .sentence_scores import RANK_PRIOR, score_rows, unit_rows

T = TypeVar("T")

_LIST_QUESTION = re.compile(
    r"\b(welke|noem|wat zijn|opsomming|lijst|which|list|name the|what are|"
    r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\b",
    re.IGNORECASE,
)
MAX_SENTENCES = 4
MAX_CHARS = 650


MAX_IMPLICIT_ITEM_WORDS = 25


@dataclass(eq=False)
class _Unit:
    hit_index: int
    line: int
    position: int
    text: str
    is_item: bool
    score: float = 0.0
    dense: float | None = None
    is_heading: bool = False  # a heading, link line or question of the document: context, not an answer
    introduces: bool = False  # ends with ":" and list items follow


# Page furniture that points elsewhere ("Ga naar de inhoud", "(Voor meer informatie zie link: ...)"):
# it answers nothing, so it counts like a heading and is never taken for a bullet-less list item.
_NAVIGATION = re.compile(
    r"^\(?\s*(ga naar|lees (hier )?meer|klik (hier|op)|bekijk (hier |de |het )|(voor )?meer informatie(:| zie| kijk| op)|"
    r"zie (ook )?(link|hier|de website)|download|deel dit|terug naar|naar boven)(?!\w)", re.IGNORECASE)


def _is_context(text: str, is_heading: bool) -> bool:
    """A unit that frames the answer but is none: a heading, a link line, or a question the
    document asks ("Welke handvatten zijn in ontwikkeling?") and answers after it (a statement
    that ends on a question after a colon is no question)."""
    return is_heading or bool(_NAVIGATION.match(text)) or (text.rstrip().endswith("?") and ":" not in text)


# A list item worded as a question ("• Welke hulp is er van familie en naasten"): bullets often
# drop the question mark. The document asks it; it answers nothing.
_QUESTION_ITEM = re.compile(
    r"^(?:[•\-–*·]\s*|\d{1,2}[.)]\s*)?(wat|welke|welk|hoe|wie|waarom|wanneer|waar|hoeveel|waarmee|waarvoor|"
    r"what|which|how|who|why|when|where)\b(?!.*[.:!]\s*$)", re.IGNORECASE)


def _is_item(line: str, previous: str, previous_is_item: bool) -> bool:
    """A list item: a marked line, or a short line right after a list introduction or item
    (lists in web pages often lose their bullets)."""
    if LIST_ITEM.match(line):
        return True
    if _NAVIGATION.match(line):
        return False
    short = len(line.split()) <= MAX_IMPLICIT_ITEM_WORDS and not line.endswith(":")
    return short and (previous.endswith(":") or previous_is_item)


def _units(hits: list[Hit]) -> list[_Unit]:
    units: list[_Unit] = []
    for h, hit in enumerate(hits):
        windows = dict(hit.window_scores)
        headings = {h.strip() for h in hit.chunk.heading.split(" › ")} if hit.chunk.heading else set()
        position = sentence_index = 0
        # A continuation chunk of a long list carries the list introduction in its context.
        previous, previous_is_item = hit.chunk.context.rsplit(" — ", 1)[-1], False
        for line_no, line in enumerate(hit.chunk.text.split("\n")):
            sentences = split_sentences(line)
            is_item = _is_item(line.strip(), previous, previous_is_item)
            groups = [(line.strip(), list(range(sentence_index, sentence_index + len(sentences))))] if is_item else [
                (sentence, [sentence_index + i]) for i, sentence in enumerate(sentences)]
            for text, indices in groups:
                scores = [windows[i] for j in indices for i in (j, j - 1) if i in windows]
                units.append(_Unit(h, line_no, position, text, is_item, dense=max(scores) if scores else None,
                                   is_heading=_is_context(text, line.strip() in headings)
                                   or (is_item and bool(_QUESTION_ITEM.match(text)))))
                position += 1
            sentence_index += len(sentences)
            previous, previous_is_item = line.strip(), is_item
    for unit, following in zip(units, units[1:]):
        unit.introduces = (unit.text.rstrip().endswith(":") and following.is_item and following.hit_index == unit.hit_index
                           and following.line == unit.line + 1)
    return units


def _data_units(hits: list[Hit]) -> list[_Unit]:
    """The units an answer or a prompt may use. Document text is data: a sentence that addresses
    the assistant ("negeer alle eerdere instructies") is never quoted or put in a prompt."""
    return [u for u in _units(hits) if not asks_for_instructions(u.text)]


FACT_PREFERENCE = 0.6  # ... and it is the answer when it scores at least this share of the best
LIST_PREFERENCE = 0.85  # ... and is the answer when its introduction scores this share of the best
NAMED_LIST_PREFERENCE = 0.6  # "welke bouwblokken": a list introduced as bouwblokken, at this share of the best
COUNT_PREFERENCE = 0.5  # "welke zes ...": a list of six is the answer when it scores this share of the best
SHORT_INTRO_WORDS = 8  # a list introduction this short gets the sentence before it too
PARAGRAPH_BONUS = 0.1  # when adding sentences: the best sentence's own paragraph first
_LIST_NOUN = re.compile(
    r"\b(?:welke|noem(?: de)?|wat zijn de|which|what are the)\s+(?:(?:" + "|".join(NUMBER_WORDS) + r"|\d+)\s+)?"
    r"([\w'-]+)(?:\s+([\w'-]+))?", re.IGNORECASE)


def _score_all(units: list[_Unit], hits: list[Hit], terms: dict[str, float], fact=None, wants_list: bool = False,
               names: set[str] = frozenset(), list_nouns: set[str] = frozenset(), fitted: bool = True,
               scorer: Callable[[list[list[float]]], list[float]] | None = None) -> None:
    """Score every unit (sentence_scores.py): by `scorer` when given, else by the fitted model
    when there is one and `fitted`, else by the hand-set weights."""
    rows = unit_rows(units, hits, terms, fact, wants_list, names, list_nouns, _list_words(units))
    scores = scorer(rows) if scorer is not None else score_rows(rows, fitted)
    for unit, score in zip(units, scores):
        unit.score = score


def _per_list(units: list[_Unit], measure: Callable[[list[_Unit]], T]) -> dict[int, T]:
    """For every unit of a list (its introduction and items): `measure` of the whole list, by id(unit)."""
    out: dict[int, T] = {}
    group: list[_Unit] = []

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


def _list_words(units: list[_Unit]) -> dict[int, set[str]]:
    """For every unit of a list: the whole list's words, by id(unit)."""
    return _per_list(units, lambda group: set(tokenize(" ".join(u.text for u in group))))


def _list_nouns(question: str) -> set[str]:
    """What a list question asks for, as terms: "Welke zes belemmeringen kwamen ..." -> the stems
    of "belemmeringen" and "kwamen" (the noun is one of the two words after "welke")."""
    match = _LIST_NOUN.search(split_topic(question)[0])
    return set(tokenize(" ".join(w for w in match.groups() if w))) if match else set()


def _count_asked(question: str) -> int | None:
    """How many things the question asks for: "Welke zes belemmeringen ..." -> 6."""
    fact = expected_fact(question)
    return int(fact.about[0]) if fact.kind == "opsomming" else None


def _list_sizes(units: list[_Unit]) -> dict[int, int]:
    """For every unit of a list (its introduction and items): the number of items, by id(unit)."""
    return _per_list(units, lambda group: sum(u.is_item for u in group))


# Words with which a question points at a document ("welke regelingen noemt het zorgkantoor") or
# back at the conversation ("daarop"): the answer sentence rarely contains them, so they do not
# choose between sentences.
ASKING_WORDS = frozenset(tokenize(
    "noemt noemen genoemd beschrijft beschrijven beschreven vermeldt vermelden zegt zeggen gezegd "
    "schrijft schrijven geschreven omschrijft omschrijven verstaat verstaan bedoelt bedoeld bedoelen "
    "betekent betekenen houdt inhoudt inhouden "
    "mentions mention say says describe describes mean means "
    "daarop daarin daarvan daarvoor daarmee daaraan daaruit daarover daardoor daartoe hierop hierin hiervan "
    "hiervoor hiermee hieraan hieruit hierover hierdoor hierbij hierna erop erin ervan ervoor ermee eraan eruit "
    "erover erdoor erbij gehad geworden"))


def publisher_names(publisher: str) -> str:
    """The names in a publisher line, without its description.

    Example: publisher_names("ZK zorgkantoor, inkoopbeleid langdurige zorg (Wlz) 2024 / ZN") == "ZK zorgkantoor ZN"
    """
    return " ".join(re.split(r"[,(]", part, maxsplit=1)[0].strip() for part in publisher.split("/"))


def _terms(query: str, weights: dict[str, float], names: set[str] = frozenset()) -> dict[str, float]:
    """Question terms with their weights. In a follow-up the earlier topic found the passages;
    within them the follow-up's own words decide which sentences answer. A publisher's name
    ("volgens ZK zorgkantoor") chose the document; it does not choose the sentence."""
    question, topic = split_topic(query)
    own = set(tokenize(question)) - ASKING_WORDS
    terms = {t: weights.get(t, 1.0) * (1.0 if t in own else TOPIC_WEIGHT)
             for t in own | (set(tokenize(topic)) - ASKING_WORDS)}
    return {t: w for t, w in terms.items() if t not in names} or terms


MIN_NAME_WEIGHT = 1.0  # a word in most passages ("zorg" in "Zorg voor innoveren") names nothing


def _names(query: str, hits: list[Hit], weights: dict[str, float]) -> set[str]:
    """The publishers' names the question (its topic too, in a follow-up) mentions, as terms."""
    names = {t for hit in hits for t in tokenize(publisher_names(hit.chunk.publisher))}
    return {t for t in set(tokenize(query)) & names if weights.get(t, MIN_NAME_WEIGHT) >= MIN_NAME_WEIGHT}


def _cues(question: str) -> tuple[Fact | None, bool]:
    """What the question asks for beyond its words: a fact one sentence holds (a number, a
    year, ...; a list spans several, so not that) and whether it asks for a list."""
    fact = expected_fact(question)
    return (fact if fact.in_one_sentence else None), bool(_LIST_QUESTION.search(question))


def unit_features(question: str, hits: list[Hit], weights: dict[str, float]) -> tuple[list[_Unit], list[list[float]]]:
    """The units an answer may use and their sentence_scores.FEATURES (for `zorgassistent calibrate`)."""
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = _data_units(hits)
    fact, wants_list = _cues(question)
    return units, unit_rows(units, hits, terms, fact, wants_list, names, _list_nouns(question), _list_words(units))


def select(question: str, hits: list[Hit], weights: dict[str, float],
           scorer: Callable[[list[list[float]]], list[float]] | None = None) -> list[_Unit]:
    """The units that make up the answer, in reading order. `scorer`: another way to score the
    units' FEATURES rows (calibration compares them)."""
    if not hits:
        return []
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = _data_units(hits)
    if not units:
        return []
    fact, wants_list = _cues(question)
    _score_all(units, hits, terms, fact, wants_list, names, _list_nouns(question), scorer=scorer)
    if numbered := _numbered_part(question, units, hits):  # "En wat houdt het tweede knelpunt in?"
        return numbered
    best = max(units, key=lambda u: u.score)
    if fact and not has_fact(best.text, fact):  # the question asks for a number, a year, ...: give it
        with_fact = [u for u in units if has_fact(u.text, fact)]
        if with_fact and max(u.score for u in with_fact) >= FACT_PREFERENCE * best.score:
            best = max(with_fact, key=lambda u: u.score)
    # "welke ...": a list when one answers nearly as well (English words do not match the Dutch
    # text, so an English question's scores are too close together to judge this)
    if wants_list and not (best.introduces or best.is_item) and not is_english(question):
        own = term_share(terms, set(tokenize(best.text)))
        lists = _list_words(units)
        intros = [u for u in units if u.introduces and term_share(terms, lists.get(id(u)) or set(tokenize(u.text))) >= 0.5 * own]
        if intros and max(u.score for u in intros) >= LIST_PREFERENCE * best.score:
            best = max(intros, key=lambda u: u.score)
    if asked := _count_asked(question):  # "welke zes ...": the list with six items
        sizes = _list_sizes(units)
        if sizes.get(id(best)) != asked:
            # an introduction is judged with the sentence before it ("... de zes bouwblokken. Dit zijn ze:")
            said = {id(u): max([u.score] + [p.score for p in units if p.hit_index == u.hit_index
                                            and p.line == u.line and p.position == u.position - 1])
                    for u in units if u.introduces and sizes.get(id(u)) == asked}
            counted = [u for u in units if id(u) in said]
            if counted and max(said.values()) >= COUNT_PREFERENCE * best.score:
                best = max(counted, key=lambda u: said[id(u)])
    if wants_list and (nouns := _list_nouns(question)):  # "welke bouwblokken": the list of bouwblokken
        best = _named_list(units, best, nouns)
    same_chunk = [u for u in units if u.hit_index == best.hit_index]

    # Lists: the best unit is an item, or introduces items, or the question asks for a list.
    items_after = [u for u in same_chunk if u.is_item and u.position > best.position]
    intro = best.text.rstrip().endswith(":") and items_after and items_after[0].line == best.line + 1
    if intro or (wants_list and (best.is_item or (items_after and items_after[0].line <= best.line + 1))):
        whole = _whole_list(same_chunk, best)
        return _list_introduction(units, hits, whole) + whole + _list_continuation(units, hits, best)
    if best.is_item:  # one item answers a "what is X" question on its own
        return [best]

    chosen = [best]
    following = [u for u in same_chunk if u.position == best.position + 1 and u.line == best.line]
    if following and (following[0].score >= 0.5 * best.score or len(best.text) < 100):
        chosen.append(following[0])
    # The rest of the best sentence's paragraph reads on; it comes before others that score a bit more.
    same_paragraph = lambda u: u.hit_index == best.hit_index and u.line == best.line  # noqa: E731
    for other in sorted(units, key=lambda u: -(u.score + PARAGRAPH_BONUS * same_paragraph(u))):
        if len(chosen) >= MAX_SENTENCES or sum(len(u.text) for u in chosen) > MAX_CHARS - 150:
            break
        if other in chosen or other.score < 0.6 * best.score or other.is_item or other.introduces:
            continue
        if any(set(tokenize(other.text)) == set(tokenize(u.text)) for u in chosen):
            continue
        chosen.append(other)
    return sorted(chosen, key=lambda u: (u.hit_index != best.hit_index, u.hit_index, u.position))


_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
             "achtste": 8, "negende": 9, "tiende": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
             "fifth": 5, "sixth": 6}
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+([\w-]+)", re.IGNORECASE)


def _number_of(text: str) -> int | None:
    """The number of a numbered part: "2. Onvoldoende inrichting", "Fase 2: ...", "Stap 3 ..."."""
    match = re.match(r"^\s*(?:(\d{1,2})[.)]\s|(?:fase|stap|punt|deel|onderdeel|niveau|thema|pijler|bouwblok|ronde|"
                     r"phase|step|part|level)\s+(\d{1,2})\s*[:.)-]?\s)", text, re.IGNORECASE)
    return int(match.group(1) or match.group(2)) if match else None


def _numbered_part(question: str, units: list[_Unit], hits: list[Hit]) -> list[_Unit]:
    """A question about "het tweede knelpunt" or "de derde fase": the part numbered so, of a
    list or series about that noun, with the lines that explain it (up to the next part)."""
    own, _ = split_topic(question)
    match = _ORDINAL.search(own)
    if not match:
        return []
    n, noun = _ORDINALS[match.group(1).lower()], set(tokenize(match.group(2)))
    if not noun:
        return []
    candidates = []
    for unit in units:
        if _number_of(unit.text) != n:
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
        if (_number_of(unit.text) is not None or unit.is_heading or len(part) >= MAX_SENTENCES
                or sum(len(u.text) for u in part) + len(unit.text) > MAX_CHARS):
            break
        part.append(unit)
    return part


def _introduction_words(units: list[_Unit], intro: _Unit) -> set[str]:
    """An introduction's words with those of the sentence before it in its paragraph ("... de zes
    bouwblokken. Dit zijn de volgende zes:" introduces bouwblokken)."""
    before = [u for u in units if u.hit_index == intro.hit_index and u.line == intro.line
              and u.position == intro.position - 1]
    return set(tokenize(" ".join(u.text for u in [*before, intro])))


def _named_list(units: list[_Unit], best: _Unit, nouns: set[str]) -> _Unit:
    """For a question that names what it lists ("welke bouwblokken ..."): a list whose
    introduction names it, rather than a list whose items merely mention it (three steps that
    each use "the six bouwblokken" are no list of bouwblokken). `best` stays when its own list's
    introduction names it, when no other introduction does, or when that one scores less than
    NAMED_LIST_PREFERENCE of `best` (its score with the sentence before it)."""
    groups = _per_list(units, lambda group: [u for u in group if u.introduces])
    if best.is_item or best.introduces:
        own = groups.get(id(best), [])
        if any(nouns & _introduction_words(units, u) for u in own):
            return best
    named = {}
    for unit in units:
        if unit.introduces and id(unit) in groups and nouns & _introduction_words(units, unit):
            before = [u.score for u in units if u.hit_index == unit.hit_index and u.line == unit.line
                      and u.position == unit.position - 1]
            named[id(unit)] = (max([unit.score, *before]), unit)
    if not named:
        return best
    score, unit = max(named.values(), key=lambda pair: pair[0])
    return unit if score >= NAMED_LIST_PREFERENCE * best.score else best


def _whole_list(units: list[_Unit], best: _Unit) -> list[_Unit]:
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


def _list_introduction(units: list[_Unit], hits: list[Hit], whole: list[_Unit]) -> list[_Unit]:
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


def _list_continuation(units: list[_Unit], hits: list[Hit], best: _Unit) -> list[_Unit]:
    """Leading items of the next chunk of the same document when a list runs past its chunk
    and that chunk was retrieved too."""
    own = [u for u in units if u.hit_index == best.hit_index]
    if not own or not own[-1].is_item:
        return []
    follow = _neighbour(hits, best.hit_index, +1)
    if follow is None:
        return []
    leading: list[_Unit] = []
    follow_units = [u for u in units if u.hit_index == follow]
    for unit in follow_units:
        whole_line = sum(1 for u in follow_units if u.line == unit.line) == 1
        if not (unit.is_item or (whole_line and len(unit.text.split()) <= MAX_IMPLICIT_ITEM_WORDS)):
            break
        unit.is_item = True
        leading.append(unit)
    return leading


def focused_passages(question: str, hits: list[Hit], weights: dict[str, float], max_tokens: int, count) -> dict[int, str]:
    """The most relevant units over all passages, verbatim, within a token budget: passage
    number (1-based) -> its chosen units in document order. Keeps the LLM prompt small and
    on topic; quotes found in an excerpt are found in its chunk.
    """
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = _data_units(hits)
    _score_all(units, hits, terms, *_cues(question), names, fitted=False)  # compared with the rank prior below
    best = max(units, key=lambda u: u.score, default=None)
    chosen: list[_Unit] = []
    if best is not None:  # a list around the best unit comes whole, as in extractive answers
        keys = {(u.hit_index, u.position) for u in select(question, hits, weights)}
        chosen = [u for u in units if (u.hit_index, u.position) in keys]
    used = sum(count(u.text) for u in chosen)
    for unit in sorted(units, key=lambda u: -u.score):
        if unit in chosen or unit.score <= RANK_PRIOR[min(unit.hit_index, 3)]:
            continue
        cost = count(unit.text)
        if used + cost > max_tokens:
            continue
        chosen.append(unit)
        used += cost
    passages: dict[int, list[_Unit]] = {}
    for unit in sorted(chosen, key=lambda u: (u.hit_index, u.position)):
        passages.setdefault(unit.hit_index + 1, []).append(unit)
    out: dict[int, str] = {}
    for n, group in passages.items():
        lines: list[str] = []
        last_line = None
        for unit in group:
            if lines and unit.line == last_line and not unit.is_item:
                lines[-1] += " " + unit.text
            else:
                lines.append(unit.text)
            last_line = unit.line
        out[n] = "\n".join(lines)
    return out


class ExtractiveGenerator:
    """Writes the answer from verbatim sentences; `[n]` is the 1-based passage number."""

    name = "extractive"

    def __init__(self, weights_for=None) -> None:
        self._weights_for = weights_for or (lambda terms: {})

    def generate(self, question: str, hits: list[Hit], english: bool = False) -> Iterator[str]:
        if english:  # the Dutch words of the glossary are the ones the passages can contain
            question = expand(question)
        chosen = select(question, hits, self._weights_for(tokenize(question)))
        lines: list[str] = []
        for unit in chosen:
            text = unit.text.strip()
            if unit.is_item:
                lines.append(f"{text} [{unit.hit_index + 1}]")
            elif lines and not lines[-1].startswith(("•", "-")) and not LIST_ITEM.match(lines[-1]):
                lines[-1] += f" {text} [{unit.hit_index + 1}]"
            else:
                lines.append(f"{text} [{unit.hit_index + 1}]")
        yield "\n".join(lines)
