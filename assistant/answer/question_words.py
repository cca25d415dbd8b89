"""The question's words for the decision (pure): how much each tells, which one must be found, and
which one a refusal names when no passage holds it.

A word's weight is what it tells in general Dutch or English (spelling.information), not the corpus's
idf: a few documents that happen not to use a common word ("doet", "altijd") would make it the rarest.
The words that only ask for a kind of fact ("hoe lang", "in welk jaar") do not count; the shape of
that fact is checked instead (fact_kinds.py). A passage's words include the other names of the
acronyms it writes and the whole words of its bracketed forms. decision.py turns them into signals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ..compounds import apart
from ..glossary import names_of_acronyms
from ..keyword_index import tokenize
from ..spelling import information
from ..text import bracketed_words, split_sentences, suspended_compounds
from ..word_forms import written_apart, written_together
from .extractive import ASKING_WORDS
from .fact_kinds import ASKS, OPEN, SHAPES
from .facts import NUMBER_WORDS, Fact

# Kinds of fact whose question phrase is grammar, not content ("hoeveel", "wat kost", "wat is het
# telefoonnummer"): every kind with a shape the quotes are checked for, and a count (a number with
# what is counted).
SHAPED = frozenset(SHAPES) | {"getal"}

# "Wat gebeurt er als ...?" asks what happens: the verb counts where a passage writes it ("Wat moet er
# gebeuren als ...": "... moet er gebeuren"), and is no word to find where none does ("Als de doelen
# niet gehaald worden, stelt de stuurgroep de ambities bij").
HAPPENING = frozenset(tokenize("gebeurt gebeuren gebeurd gebeurde gebeurden"))


def named_in_parts(terms: Mapping[str, float], words: set[str], question: str = "") -> set[str]:
    """The question's compound terms that `words` hold in parts: a hyphenated term whose parts are all
    there ("ICT-capaciteit": "De ICT-afdeling heeft weinig capaciteit"; a hyphenated word also yields its
    parts, tokenize), or a closed compound whose head is there as a word of its own and whose first part
    starts a word (compounds.apart, on the word as the `question` writes it, if given: "videoprogramma's":
    "programma's voor een videoconsult").

    Example: named_in_parts({"ict-capaciteit": 5.0}, {"ict", "afdel", "capaciteit"}) == {"ict-capaciteit"}
    """
    typed = _as_typed(question)
    return {t for t in terms if t not in words and (
        all((found := tokenize(part)) and set(found) <= words for part in t.split("-")) if "-" in t
        else t in typed and apart(typed[t], words))}


@functools.lru_cache(maxsize=256)
def _as_typed(question: str) -> dict[str, str]:
    """The question's words as written (lower case), by their stem."""
    return {found[0]: word for word in re.findall(r"[\w'’-]+", question.lower()) if len(found := tokenize(word)) == 1}


def rarest_term(terms: Mapping[str, float]) -> str:
    """The question's most informative term; numbers and count words do not count (how many
    things a list has is checked by counting, not by finding the word).

    Example: rarest_term({"vier": 5.0, "stap": 3.0, "zorg": 1.0}) == "stap"
    """
    words = [t for t in terms if not any(ch.isdigit() for ch in t) and t not in NUMBER_WORDS]
    return max(words, key=lambda t: (terms[t], t)) if words else ""


def asked_term(terms: Mapping[str, float], own: set[str]) -> str:
    """The term a question must find: its rarest, and in a follow-up the rarest of its own words.
    "En wat betekent dat voor de financiering? (over: KIK-V)" asks about financing; passages on
    KIK-V alone do not answer it.

    Example: asked_term({"kikv": 6.0, "financiering": 3.0}, {"financiering"}) == "financiering"
    """
    return rarest_term({t: w for t, w in terms.items() if t in own}) or rarest_term(terms)


def as_written(question: str, name: tuple[str, ...]) -> str:
    """A name of the question (names.named: its words without "de", "van") as the user wrote it.

    Example: as_written("Wie is Sanne de Boer?", ("Sanne", "Boer")) == "Sanne de Boer"
    """
    found = re.search(rf"\b{re.escape(name[0])}\b.*?\b{re.escape(name[-1])}\b", question)
    return found.group(0) if found and len(found.group(0).split()) <= 2 * len(name) else " ".join(name)


# How often, said two ways: "wekelijks" is "per week", "elke week", "iedere week" (and back).
PERIODS = {"dag": "dagelijks", "week": "wekelijks", "maand": "maandelijks", "jaar": "jaarlijks"}
_PER_PERIOD = re.compile(r"\b(?:per|elke|iedere)\s+(" + "|".join(PERIODS) + r")\b|\b(" + "|".join(PERIODS.values()) + r")\b", re.I)


def written_terms(text: str) -> set[str]:
    """The terms of a passage, with the other names of the acronyms and long forms it writes, the
    whole words of its bracketed forms ("(koepel)organisaties": "koepelorganisaties") and of its
    suspended hyphens ("bed- en deursensoren": "bedsensoren"), and the other way of saying how often
    ("één keer per week": "wekelijks").

    Example: tokenize("wekelijks")[0] in written_terms("Zij komen één keer per week.")
    """
    periods = [PERIODS[m[1].lower()] if m[1] else next(k for k, v in PERIODS.items() if v == m[2].lower())
               for m in _PER_PERIOD.finditer(text)]
    return set(tokenize(f"{text}\n{' '.join(names_of_acronyms(text, written=True))}\n{' '.join(bracketed_words(text))}\n"
                        f"{' '.join(suspended_compounds(text))}\n{' '.join(periods)}"))


def without_fact_phrase(question: str, fact: Fact) -> str:
    """The question without the words that ask for a kind of fact whose shape the quotes are checked
    for ("hoe lang", "in welk jaar"): whether a passage holds the word "lang" tells nothing.

    Example: without_fact_phrase("In welk jaar begon het?", expected_fact("In welk jaar?")) == "  begon het?"
    """
    phrase = dict(ASKS).get(fact.kind) if fact.kind in SHAPED else None
    rest = phrase.sub(" ", question, count=1) if phrase else question
    if fact.kind == "tijd":  # "wanneer is het loket open": "open" asks too
        rest = re.sub(rf"\b(?:{OPEN})(?=\s*\?*\s*$)", " ", rest, flags=re.IGNORECASE)
    return rest


def informativeness(text: str, terms: Mapping[str, float]) -> dict[str, float]:
    """The weight of each of the question's `terms` for coverage: what its word tells in general
    Dutch or English (spelling.information), the most telling form when a term stands for several
    words. A corpus's own idf overrates a common word that its few documents happen not to use
    ("doet", "altijd"), and missing that word says little about whether the question is answered.

    Example: informativeness("Wat doet het zorgkantoor?", {"doet": 4.0, "zorgkantor": 2.0})["zorgkantor"] > 5.0
    """
    best: dict[str, float] = {}
    for word in re.findall(r"[\w-]+", text):
        for term in tokenize(word):
            if term in terms:
                best[term] = max(best.get(term, 0.0), information(word))
    return {t: best.get(t, information(t)) for t in terms}


def missing_word(text: str, weights: Mapping[str, float], found: set[str], own: set[str]) -> str:
    """The word of the question, as written, that tells most (`weights`) of those whose term no
    passage holds (`found`): the one a refusal names, chosen as `asked_term` chooses (its own words
    before an earlier topic's, no numbers or count words), asking words ("noemt") left out.

    Example: missing_word("Wat doet de gemeente tegen zwerfafval?", {"doet": 3.3, "gemeent": 4.6, "zwerfafval": 7.5},
                          {"gemeent"}, {"doet", "gemeent", "zwerfafval"}) == "zwerfafval"
    """
    term = asked_term({t: w for t, w in weights.items() if t not in found and t not in ASKING_WORDS}, own)
    return next((w for w in re.findall(r"[\w-]+", text) if term and term in tokenize(w)), "")


def split_verbs(particles: Mapping[str, set[str]], text: str) -> set[str]:
    """The question's terms that are separable verbs (extractive.particle_terms) which `text` writes
    apart within a sentence: "Hoe vaak moeten aanbieders cijfers aanleveren?" is covered by
    "Aanbieders leveren elk kwartaal cijfers aan."

    Example: split_verbs({"aanlever": {"aanlever"}}, "Zij leveren elk kwartaal cijfers aan.") == {"aanlever"}
    """
    if not particles:
        return set()
    return set().union(*(written_apart(particles, re.findall(r"[^\W\d_]+", sentence.lower()))
                         for sentence in split_sentences(text)))


def joined_verbs(verbs: Mapping[str, set[str]], text: str) -> set[str]:
    """The question's terms that write a separable verb apart (`verbs`: word_forms.apart_verbs of the
    question) which `text` writes as one word: "Wat als er een pagina los zit?" is covered by "als er
    pagina's loszitten" (the other way round from split_verbs; word_forms.written_together).

    Example: joined_verbs(apart_verbs(["als", "er", "een", "pagina", "los", "zit"]), "Als er pagina's loszitten.") == set(tokenize("los zit"))
    """
    return set(tokenize(" ".join(written_together(verbs, re.findall(r"[^\W\d_]+", text.lower())))))
