"""Extractive answers: the best sentences of the top passages, verbatim, each with `[n]`.

No LLM. Sentences are scored by idf-weighted overlap with the question (the passage's
heading counts for half), by the dense similarity of the sentence windows the retriever
already computed (no extra model call), and a small prior for the passage's rank. Lists are kept whole:
when the best match is a list or its introduction, the introduction and all items are given
(the introduction may end the chunk before, the items may run on into the next one). A
publisher's name in the question ("volgens ZK zorgkantoor") chose the document and does not
choose sentences; the opening of a section whose heading matches the question gets a bonus.
Units come from units.py, lists from lists.py.
Not done here: verification (citations.py) and refusal (refusal.py) — the service applies both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..glossary import expand
from ..keyword_index import term_share, tokenize
from ..records import Hit
from ..rewrite import TOPIC_WEIGHT, split_topic
from ..text import LIST_ITEM, is_english
from ..word_forms import particle_verbs
from .along import with_fact_line, with_named_units
from .facts import Fact, expected_fact, has_fact
from .lists import (
    count_asked,
    introduction_score,
    list_continuation,
    list_introduction,
    list_noun_words,
    list_nouns,
    list_sizes,
    list_words,
    named_list,
    numbered_part,
    whole_list,
)
from .sentence_scores import RANK_PRIOR, score_rows, unit_rows
from .units import MAX_CHARS, MAX_SENTENCES, Unit, data_units, with_antecedents

# A list item that opens with a subordinating word ("Als er pagina's loszitten.") is a clause of the
# sentence that introduces the list ("In deze gevallen moet u een nieuw paspoort aanvragen:").
_CLAUSE = re.compile(r"(?:als|indien|wanneer|zodra|omdat|doordat|tenzij|mits|zolang|if|when|unless)\b", re.IGNORECASE)
_LIST_QUESTION = re.compile(
    r"\b(welke|noem|wat zijn|opsomming|lijst|which|list|name the|what are|"
    r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\b",
    re.IGNORECASE,
)


# When the best unit lacks what the question asks for (a fact, a list, a count), another unit
# that has it is the answer when it scores at least this share of the best:
FACT_PREFERENCE = 0.6  # it holds the fact asked for (a number, a year, ...)
LIST_PREFERENCE = 0.85  # it introduces a list, for a list question
COUNT_PREFERENCE = 0.5  # "welke zes ...": it introduces a list of six
PARAGRAPH_BONUS = 0.1  # when adding sentences: the best sentence's own paragraph first
def _score_all(units: list[Unit], hits: list[Hit], terms: dict[str, float], fact=None, wants_list: bool = False,
               names: set[str] = frozenset(), list_nouns: set[str] = frozenset(), fitted: bool = True,
               scorer: Callable[[list[list[float]]], list[float]] | None = None, question: str = "") -> None:
    """Score every unit (sentence_scores.py): by `scorer` when given, else by the fitted model
    when there is one and `fitted`, else by the hand-set weights."""
    rows = unit_rows(units, hits, terms, fact, wants_list, names, list_nouns, list_words(units), particle_terms(terms.keys(), question),
                     question)
    scores = scorer(rows) if scorer is not None else score_rows(rows, fitted)
    for unit, score in zip(units, scores):
        unit.score = score


# Words with which a question points at a document ("welke regelingen noemt het zorgkantoor"),
# back at the conversation ("daarop"), at what it asks ("waarheen", "waarvoor") or at any activity
# ("wat doet Noordhof"), and the conjunctions that join its clauses ("voordat"): the answer sentence rarely
# contains them, so they do not choose between sentences. (Not stop words: as such, v6 of the tokenizer,
# they changed BM25's document lengths enough to lose browser b001's definition from the top passages.)
# Every form: a question's "noemt" is matched to the form its corpus has ("noemden"), which must still ask.
ASKING_WORDS = frozenset(tokenize(
    "noemt noemen noemde noemden genoemd beschrijft beschrijven beschreef beschreven vermeldt vermelden vermeldde "
    "vermeldden zegt zeggen zei zeiden gezegd schrijft schrijven schreef schreven geschreven omschrijft omschrijven omschreef "
    "omschreven verstaat verstaan verstond verstonden bedoelt bedoeld bedoelen bedoelde bedoelden "
    "betekent betekenen betekende betekenden houdt inhoudt inhouden hield hielden "
    "mentions mention say says describe describes mean means "
    "daarop daarin daarvan daarvoor daarmee daaraan daaruit daarover daardoor daartoe hierop hierin hiervan "
    "hiervoor hiermee hieraan hieruit hierover hierdoor hierbij hierna erop erin ervan ervoor ermee eraan eruit "
    "erover erdoor erbij waaraan waarbij waardoor waarheen waarin waarmee waarna waarnaar waarop waarover "
    "waaruit waarvan waarvoor waartoe waarvandaan vandaan gehad geworden doe doet doen deed deden gedaan kun "
    # the conjunctions that join the question's clauses ("Hoe lang duurt het voordat ik ...?")
    "voordat nadat zodat zodra totdat terwijl doordat hoewel indien tenzij "
    # the verbs of position, which say only where something is ("Waar zit de centrale post?": "op de post in Purmerend")
    "zit zitten zat zaten ligt liggen lag lagen bevindt bevinden bevond bevonden"))


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


def particle_terms(terms, question: str) -> dict[str, set[str]]:
    """The question's terms that are forms of a separable verb, with those verbs: "Wat heeft het
    opgeleverd?" -> {"opgeleverd": {"oplever"}}, found in "het levert meer werkplezier op"."""
    out: dict[str, set[str]] = {}
    for word in re.findall(r"[^\W\d_]+", question.lower()):
        if verbs := particle_verbs(word):
            out.update({t: verbs for t in tokenize(word) if t in terms})
    return out


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


def unit_features(question: str, hits: list[Hit], weights: dict[str, float]) -> tuple[list[Unit], list[list[float]]]:
    """The units an answer may use and their sentence_scores.FEATURES (for `zorgassistent calibrate`)."""
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = data_units(hits)
    fact, wants_list = _cues(question)
    return units, unit_rows(units, hits, terms, fact, wants_list, names, list_nouns(question), list_words(units),
                            particle_terms(terms.keys(), question), question)


def select(question: str, hits: list[Hit], weights: dict[str, float],
           scorer: Callable[[list[list[float]]], list[float]] | None = None) -> list[Unit]:
    """The units that make up the answer, in reading order. `scorer`: another way to score the
    units' FEATURES rows (calibration compares them)."""
    if not hits:
        return []
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = data_units(hits)
    if not units:
        return []
    fact, wants_list = _cues(question)
    _score_all(units, hits, terms, fact, wants_list, names, list_nouns(question), scorer=scorer, question=question)
    chosen = with_antecedents(_choose(question, units, hits, terms, fact, wants_list), units)
    return with_fact_line(with_named_units(question, chosen, units, hits), units, hits, fact)


def _choose(question: str, units: list[Unit], hits: list[Hit], terms: dict[str, float], fact: Fact | None,
            wants_list: bool) -> list[Unit]:
    """The units that answer, scored: the numbered part asked for, a list, or the best sentence
    with what reads on from it."""
    if numbered := numbered_part(question, units, hits):  # "En wat houdt het tweede knelpunt in?"
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
        lists = list_words(units)
        intros = [u for u in units if u.introduces and term_share(terms, lists.get(id(u)) or set(tokenize(u.text))) >= 0.5 * own]
        if intros and max(u.score for u in intros) >= LIST_PREFERENCE * best.score:
            best = max(intros, key=lambda u: u.score)
    if asked := count_asked(question):  # "welke zes ...": the list with six items
        sizes = list_sizes(units)
        if sizes.get(id(best)) != asked:
            said = {id(u): introduction_score(units, u) for u in units if u.introduces and sizes.get(id(u)) == asked}
            counted = [u for u in units if id(u) in said]
            if counted and max(said.values()) >= COUNT_PREFERENCE * best.score:
                best = max(counted, key=lambda u: said[id(u)])
    if wants_list and (nouns := list_nouns(question)):  # "welke bouwblokken": the list of bouwblokken
        best = named_list(units, best, nouns, list_noun_words(question))
    same_chunk = [u for u in units if u.hit_index == best.hit_index]

    # Lists: the best unit is an item, or introduces items, or the question asks for a list.
    items_after = [u for u in same_chunk if u.is_item and u.position > best.position]
    intro = best.text.rstrip().endswith(":") and items_after and items_after[0].line == best.line + 1
    if intro or (wants_list and (best.is_item or (items_after and items_after[0].line <= best.line + 1))):
        whole = whole_list(same_chunk, best)
        return list_introduction(units, hits, whole) + whole + list_continuation(units, hits, best)
    if best.is_item:  # one item answers a "what is X" question on its own; a clause needs what it hangs on
        return ([u for u in same_chunk if u.introduces and u.position < best.position][-1:]
                if _CLAUSE.match(LIST_ITEM.sub("", best.text)) else []) + [best]

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


def focused_passages(question: str, hits: list[Hit], weights: dict[str, float], max_tokens: int, count) -> dict[int, str]:
    """The most relevant units over all passages, verbatim, within a token budget: passage
    number (1-based) -> its chosen units in document order. Keeps the LLM prompt small and
    on topic; quotes found in an excerpt are found in its chunk.
    """
    names = _names(question, hits, weights)
    terms = _terms(question, weights, names)
    units = data_units(hits)
    _score_all(units, hits, terms, *_cues(question), names, fitted=False, question=question)  # compared with the rank prior below
    best = max(units, key=lambda u: u.score, default=None)
    chosen: list[Unit] = []
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
    passages: dict[int, list[Unit]] = {}
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
