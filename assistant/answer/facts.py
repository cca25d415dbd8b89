"""The kind of fact a question asks for ("hoeveel", "welk jaar", "tot wanneer", ...) and whether
a text holds it (pure). The phrase patterns are one table: fact_kinds.py.
Not done here: names the question mentions (names.py), the decision (decision.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..glossary import translations
from ..keyword_index import tokenize
from ..text import ENUMERATED, LIST_ITEM, NUMBERED_ITEM, is_english, split_sentences
from ..word_forms import PARTICLES
from .fact_kinds import ABOUT_SUBJECT, ASKS, COUNT_WORDS, NUMBER_WORDS, SHAPES

_SEPARATOR = re.compile(r",|;|\sen\s|\sand\s|\sof\s", re.IGNORECASE)
# "hoeveel is de eigen bijdrage" asks the value of the bijdrage, and so does a subject right after the
# next word, which makes that word the verb: "hoeveel draagt het zorgkantoor bij" asks an amount of the
# zorgkantoor, "hoeveel krijg ik" of nothing named. Otherwise the word after "hoeveel" is counted.
_HOW_MANY = re.compile(r"\bhoeveel (?:[\w'-]+\s+(?:(?:de|het|een|mijn|uw|onze)\s+(?P<subject>(?:[\w'-]+\s+)?[\w'-]+)"
                       r"|(?:ik|je|jij|u|we|wij|ze|zij|hij|men|jullie)\b)|(?P<counted>(?:[\w'-]+\s+){0,1}[\w'-]+))", re.IGNORECASE)
# Units in which a number gives the value of something ("een bijdrage van 21,80 euro"), not things it counts.
_VALUE_UNITS = frozenset({"euro", "eur", "cent", "procent"})
# An amount of nothing: "Een cliëntondersteuner helpt u gratis" answers "Wat kost een cliëntondersteuner?".
_FREE = re.compile(r"\b(?:gratis|kosteloos|kostenloos|free of charge|for free|at no cost|zonder kosten|geen kosten|"
                   r"(?:kost|kosten|betaalt|betaal|betalen) (?:u |je |jij |het )?niets)\b", re.IGNORECASE)
_NUMBER = re.compile(rf"\d|\b({COUNT_WORDS})\b", re.IGNORECASE)
_COUNT_TOKEN = re.compile(rf"^\d+([.,]\d+)?$|^({COUNT_WORDS})$")
_YEAR = SHAPES["jaar"]
NEAR = 2  # a number and the thing it counts: adjacent, or one word (an adjective) between


@dataclass(frozen=True)
class Fact:
    """The kind of fact a question asks for when that can be checked in a quote: "getal",
    "jaar", "einde" (until when), "datum", "looptijd" (how long something runs), "duur", "frequentie" (how often), "procent", "bedrag", "telefoon",
    "email", "website", "adres", "contact" (any of those four), "tijd" (a time of day), "auteur" (who wrote it), "rol" (who holds a role), "persoon" (who a named person is), "definitie" (what something is), "opsomming" (n things) or ""
    (nothing checkable). `about`:
    the stems of what is counted ("hoeveel medewerkers") or the role asked for; for "persoon" the
    name's last word as written, for "definitie" the subject as written (and, asked in English, its
    Dutch terms from the glossary: "hybrid care", "hybride zorg")."""

    kind: str = ""
    about: tuple[str, ...] = ()
    named: bool = False  # "rol": one holder is asked for, so the sentence names someone (a capitalised word)
    measured: bool = False  # "getal": the value of a subject ("hoeveel is de bijdrage", "hoeveel draagt X bij"), no count

    def __bool__(self) -> bool:
        return bool(self.kind)

    @property
    def in_one_sentence(self) -> bool:
        """A number, a year, a role: one sentence holds it (a list spans several)."""
        return bool(self.kind) and self.kind != "opsomming"


def expected_fact(question: str) -> Fact:
    """The first kind of fact_kinds.FACT_KINDS the question asks for.

    Example: expected_fact("Hoeveel projecten zijn er?") == Fact("getal", ("project",))
    """
    for kind, asks in ASKS:
        found = asks.search(question)
        if not found:
            continue
        if kind == "opsomming":
            word = found.group("count").lower()
            return Fact(kind, (str(NUMBER_WORDS.get(word) or int(word)),))
        if kind == "persoon":  # the name's last word, as written: what the text describes
            return Fact(kind, (found.group("person").split()[-1],))
        if kind in ABOUT_SUBJECT:  # what is asked about, as written (in English also as the glossary says it in Dutch)
            subject = found.group("subject")
            return Fact(kind, (subject, *(translations(subject) if is_english(question) else [])))
        if kind == "rol":
            return Fact(kind, tuple(tokenize(found.group("role"))), named=found.group("number").lower() in ("is", "was"))
        if kind == "getal":
            found = _HOW_MANY.search(question)
            counted = found and (found.group("counted") or found.group("subject"))
            return Fact(kind, tuple(tokenize(counted)) if counted else (), measured=bool(found and found.group("subject")))
        return Fact(kind)
    return Fact()


def _related(written: str, asked: str) -> bool:
    """Whether a word of the text (`written`, a stem) names what the question asks about (`asked`):
    the same stem, or a compound with it as its head ("zorgmoment" is a moment). A Dutch compound
    ends in its head, so "minister" is not in "ministerie" nor "team" in "teamleider"; and only that
    way round: "ouder" names no "wethouder", as "team" names no "wijkteam".

    Example: _related("zorgmoment", "moment") and not _related("ministerie", "minister")
    Example: not _related("ouder", "wethouder")
    """
    return written == asked or (len(asked) >= 4 and written.endswith(asked))


def supported(quotes: list[str], fact: Fact, about: Callable[[str], bool] | None = None) -> bool:
    """Whether the cited quotes hold the fact asked for: a list counts over all quotes, other
    facts must sit in one sentence (a number and the thing it counts together). `about(sentence)`:
    whether a sentence is about what the question asks; the fact must sit in one that is, or in
    the next sentence of the same quote (a passage goes on about its subject: "X is nieuw. Die
    kost ..."). "Hoeveel kost X?" is not answered by another passage's price.

    Example: supported(["Er zijn 268 projecten. Het zijn zorgkantoren."], expected_fact("Hoeveel zorgkantoren?")) is False
    """
    if not quotes:
        return False
    if fact.kind == "opsomming":
        return has_fact("\n".join(quotes), fact)
    for quote in quotes:
        sentences = split_sentences(quote)
        if any(has_fact(s, fact) and (about is None or about(s) or (i > 0 and about(sentences[i - 1])))
               for i, s in enumerate(sentences)):
            return True
    return False


_NUMBER_OF = re.compile(r"\b(?:het|een|dit|dat)\s+aantal\s+((?:[^\W\d_][\w'-]*\s+)?[^\W\d_][\w'-]*)", re.IGNORECASE)
# A role noun (by its ending: -er, -ige, -ist, -eur, ...; not a preposition) right before a name and its particles.
_ROLE_NOUN = r"[^\W\d_][\w-]{2,}(?:er|ige|ist|eur|or|ant|ent|aris|ster|arts|coach|manager|hoofd)"
_ROLE_BEFORE = (r"\b(?!(?:onder|achter|tegenover|door|voor|over|naar|per)\b)" + _ROLE_NOUN + r"\s+"
                r"(?:(?-i:[A-Z])[\w'-]*\s+|(?:van|de|der|den|ter|ten)\s+){0,4}")
# The name as a cell of a table row with other cells ("Rol: Teamleider; Naam: Ahmed Yilmaz; Taak: roosters").
_IN_ROW = r"(?=.*;).*:\s*(?:[\w'.-]+\s+){{0,3}}{name}\s*(?:;|$)"
# A role right after the name where the text ends: a signature ("M. Janssens" / "voorzitter").
_ROLE_AFTER = r"\s+(?-i:[a-z])" + _ROLE_NOUN + r"(?:\s+(?:van|bij)\s+[^.!?\n]{1,60})?\s*$"
# A table row as the loaders write it, every cell labelled by its column ("Indicator: Medewerkers getraind; 2026: 312"):
# what it counts is named in one cell, the count stands in another.
_TABLE_ROW = re.compile(r"^[^:;\n]{1,60}:\s*[^;\n]+(?:;\s*[^:;\n]{1,60}:\s*[^;\n]+)+\s*$")
# An amount: a number after "€" or before a unit of value (_VALUE_UNITS) or "%".
_AMOUNT = re.compile(rf"€\s*\d[\d.,]*|\d[\d.,]*\s*(?:{'|'.join(sorted(_VALUE_UNITS))}|%)(?!\w)", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d.,])\d{1,2}[.:][0-5]\d(?![\d.,])")  # "9.00", "17:30": a time of day counts nothing
_COUNT_THEN = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)*|{COUNT_WORDS})[ \t]+([^\W\d_][\w'-]*)(?:[ \t]+([^\W\d_][\w'-]*))?", re.IGNORECASE)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces.

    Example: _blanked("35 vacatures", [(0, 2)]) == "   vacatures"
    """
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _is_count(word: str) -> bool:
    """A number that counts: not a year, not an ordinal ("1e"). Example: _is_count("2200") is True"""
    return bool(_COUNT_TOKEN.match(word)) and not _YEAR.fullmatch(word)


_PARTICLES = "|".join(PARTICLES)


@lru_cache(maxsize=256)
def _introduces(subject: str) -> re.Pattern:
    """Where a text says what `subject` is or does: "X: ...", "X ingevoerd: ..." (a participle, then
    what it is), "X (...)", "X, een ..." (an apposition; "X, het
    Y en de Z" is a list), "X is/betekent/vormt ...", "... X. Dat betekent ..." (the next sentence defines it),
    "X waar/die ..." and "X, die ..." (a defining or describing clause; past the verb's particle too, "wijst een X aan die collega's helpt.",
    a clause that ends in a verb, not "voor die afdeling."; or what it is for, "richten een X op, zodat ..."), "X-standaard" (X in a compound that classifies it), "(X)" after
    its long form, "onder X verstaan", "de zogenoemde X", or a sentence that starts with it ("Het X vraagt ...",
    "Het nieuwe X", "Het project X" before a name).

    Example: bool(_introduces("GALA").search("regelingen zoals GALA (Gezond en Actief Leven Akkoord)")) is True
    Example: bool(_introduces("valpreventie").search("werkwijzen, zoals valpreventie en leefstijlmonitoring")) is False
    """
    # the words of the subject in order, an adjective between allowed ("passende zorg": "passende hybride zorg")
    x = r"[\s-]+(?:\w+\s+)?".join(re.escape(part) for part in re.split(r"[\s-]+", subject.strip()))
    # at a sentence's start an adjective may come first ("Het regionale X"), and before a name the
    # kind of thing it is ("Het project Samen Thuis koppelt ...")
    before = r"(?:(?-i:[a-z])[\w-]*\s+)?" if subject[:1].isupper() else r"(?:[\w-]+e\s+)?"
    return re.compile(
        rf"\b{x}\b[’'‘”\"]?\s*(?::|\s\w+(?:d|t|en)\s*:|\(|,\s+(?:een|an?|die|dat|waar|waarin|waarbij)\b|\s(?:is|zijn|was|waren|betekent|betekenen|staat\s+voor|"
        rf"houdt\s+in|vormt|vormen|wordt|worden|are|waar|waarin|waarbij|die|dat)\b|\s+(?:{_PARTICLES})\s+(?:die|dat)(?:\s+[\w'’-]+){{1,6}}?\s+\w+(?:t|en|de|te)\s*[.,;:]|\s+(?:{_PARTICLES}),?\s+(?:zodat|om)\s|-\w|"
        rf"\.\s+(?:dat|dit|daarmee|hiermee)\s+(?:betekent|houdt\s+in|bedoelen|wordt\s+bedoeld)\b)|\(\s*{x}\s*\)|\bonder\s+{x}\s+versta|"
        rf"\b(?:zogenoemde|zogenaamde|zogeheten|heet|heten|genoemd)\s+{x}\b|"
        rf"(?:^|[.!?]\s+|\n\s*)(?:(?:de|het|een|the|an?)\s+{before})?{x}\b", re.IGNORECASE)


def headed_by(heading: str, fact: Fact) -> bool:
    """Whether a section's heading (its last part) is the subject asked about ("Wat is het besluit?"
    under "Besluit", "Wat is X?" under the FAQ question itself): what follows says what it is or does.

    Example: headed_by("Brief › Besluit", expected_fact("Wat is het besluit?")) is True
    Example: headed_by("Brief › Bezwaar", expected_fact("Wat is het besluit?")) is False
    """
    if fact.kind not in ABOUT_SUBJECT or not heading:
        return False
    last = heading.split("›")[-1].strip()
    return any(re.fullmatch(rf"(?:(?:wat|what)\s+(?:is|zijn|doet|doen|betekent|is\s+het|is\s+de|is\s+een)\s+)?"
                            rf"(?:(?:de|het|een|the|an?)\s+)?{re.escape(subject)}\s*[?:]?", last, re.IGNORECASE)
               for subject in fact.about)


def has_fact(text: str, fact: Fact) -> bool:
    """Whether `text` holds the fact asked for: a number of the counted thing close by, a year,
    a percentage, an amount of money, the role asked about.

    Example: has_fact("Er lopen 268 projecten.", expected_fact("Hoeveel projecten?")) is True
    Example: has_fact("Er lopen 268 projecten.", expected_fact("Hoeveel zorgkantoren?")) is False
    """
    if fact.kind == "bedrag" and _FREE.search(text):
        return True
    if fact.kind in ("procent", "bedrag"):  # the sign or unit, and a number
        return bool(SHAPES[fact.kind].search(text)) and bool(_NUMBER.search(text))
    if fact.kind in SHAPES:  # a year, a date, a duration, contact details, a time of day: the shape alone
        return bool(SHAPES[fact.kind].search(text))
    if fact.kind == "opsomming":  # as many list lines or enumerated sentences, or one sentence naming as many things
        n = int(fact.about[0])
        sentences = split_sentences(text)
        return (sum(1 for line in text.split("\n") if LIST_ITEM.match(line)) >= n
                or sum(1 for sentence in sentences if ENUMERATED.match(sentence)) >= n
                or any(len(_SEPARATOR.findall(sentence)) >= n - 1 for sentence in sentences))
    if fact.kind == "persoon":  # an apposition after the name, a role right before it ("zegt wijkverpleegkundige Tim Vos") or ending a signature
        name = re.escape(fact.about[0])
        return bool(re.search(rf"\b{name}\s*(?:,\s*(?-i:[a-z])|\(|\s(?:is|was|werkt|werkte|namens)\b)", text, re.IGNORECASE)
                    or re.search(_IN_ROW.format(name=name), text, re.IGNORECASE)
                    or re.search(_ROLE_BEFORE + rf"{name}\b", text, re.IGNORECASE) or re.search(rf"\b{name}{_ROLE_AFTER}", text, re.IGNORECASE))
    if fact.kind in ABOUT_SUBJECT:
        return any(_introduces(subject).search(text) for subject in fact.about)
    words = tokenize(text)
    if fact.kind == "rol":  # the role, and for one holder a name after the sentence's first word ("Voorzitter: Karin Vos")
        # (a capital that opens a table cell is no name: "Rol: Functioneel beheerder; Taak: inrichting")
        return any(_related(w, r) for w in words for r in fact.about) and (
            not fact.named or any(m.group()[:1].isupper() and not text[:m.start()].rstrip().endswith((":", ";"))
                                  for m in list(re.finditer(r"[\w'-]+", text))[1:]))
    if fact.kind == "getal":
        if not fact.about:
            return bool(_NUMBER.search(text))
        # A count counts the content word right after it (or the one after that, past an adjective):
        # "35 vacatures" is no number of nurses, "twee jaar" no number of providers. A count followed
        # by no word ("projecten (268)"), a function word ("twee van de teams") or a unit of value
        # ("een bijdrage van 21,80 euro") is judged by its distance to the thing counted.
        # a time of day and the number of a numbered line ("3. Stuur de cliënt de link") count nothing
        text = _blanked(text, [m.span() for m in (*_CLOCK.finditer(text), *NUMBERED_ITEM.finditer(text))])
        counting_other: list[tuple[int, int]] = []
        for m in _COUNT_THEN.finditer(text):
            if not _is_count(m.group(1).lower()) or not tokenize(m.group(2)):
                continue
            after = tokenize(f"{m.group(2)} {m.group(3) or ''}")
            value = set(after[:2]) & _VALUE_UNITS or text[:m.start(1)].rstrip().endswith("€")
            # "€ 75.000 per aanvraag", "3 keer per week": an amount or a rate, no number of aanvragen or weeks
            if not (value and not fact.measured) and after[0] != "per" and any(
                    _related(t, a) for t in after for a in fact.about):
                return True
            if not value:  # "21,80 euro", "12 procent", "€ 500 extra": the value of what is asked, counting nothing
                counting_other.append(m.span(1))
        if not fact.measured:  # an amount counts nothing: "€ 75.000 per aanvraag" is no number of aanvragen
            counting_other += [m.span() for m in _AMOUNT.finditer(text)]
        words = tokenize(_blanked(text, counting_other))
        numbers = [i for i, w in enumerate(words) if _is_count(w)]
        if fact.measured:  # a value of the subject: a number that counts nothing else, in a sentence about it
            return bool(numbers) and any(_related(w, a) for w in words for a in fact.about)
        # "Het aantal cliënten dat beeldzorg ontvangt, steeg van 90 naar 260": the sentence counts what "aantal" names
        named = _NUMBER_OF.search(text)
        if named and numbers and any(_related(t, a) for t in tokenize(named.group(1)) for a in fact.about):
            return True
        things = [i for i, w in enumerate(words) if any(_related(w, a) for a in fact.about)]
        if things and numbers and _TABLE_ROW.match(text):  # "Indicator: Medewerkers getraind; 2026: 312": the row's number
            return True
        return any(abs(i - j) <= NEAR for i in numbers for j in things)
    return True


# Words that join the parts of one name ("Mirije van Dijk", "Kracht en zorg").
