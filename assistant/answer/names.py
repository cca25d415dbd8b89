"""The names and numbers a question names, and whether the quotes mention them (pure), so
"Hoeveel projecten lopen er in Oostdorp?" is not answered with a count from another region.
Also: whether a question is elliptical ("En in dat jaar?") and who owns a count.
Not done here: the kind of fact (facts.py), the decision (decision.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..glossary import other_names
from ..keyword_index import DUTCH_STOPWORDS, tokenize
from ..records import Chunk
from ..text import fold, split_sentences
from .fact_kinds import ABOUT_SUBJECT, ASKS
from .facts import Fact, has_fact
from .number_ranges import covers, unit_of

_NAME_JOINERS = {"van", "de", "der", "den", "het", "en", "ten", "ter"}
_NAME_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?![^\W_])|[^\W_]+|[.?!:;]")  # a number is whole: "65e" is one word, not "6" and "5e"
_ORDINAL = re.compile(r"^\d+(e|ste|de|st|nd|rd|th)$")  # "65e", "18de", "21ste", "1st", "4th"


def _is_name_word(word: str, starts_sentence: bool) -> bool:
    """A capital inside the sentence (Oostdorp), one after the first letter (ZGO, iO, ZonMw), or a number."""
    if any(ch.isdigit() for ch in word):
        return not _ORDINAL.match(word.lower())
    if len(word) < 2:
        return False
    return any(ch.isupper() for ch in word[1:]) or (word[0].isupper() and not starts_sentence)


def named(question: str) -> list[tuple[str, ...]]:
    """The names and numbers a question mentions. Adjacent name words, also when joined by "van"
    or "en", are one name that any of its words stands for. The count in "welke zes ..." is none.

    Example: named("Hoeveel projecten lopen er in de regio Oostdorp?") == [("Oostdorp",)]
    Example: named("Welke tips gaf Mirije van Dijk aan 65-plussers?") == [("Mirije", "Dijk"), ("65",)]
    """
    names: list[tuple[str, ...]] = []
    current: list[str] = []
    joiners = 0
    starts_sentence = True
    for token in _NAME_TOKEN.findall(dict(ASKS)["opsomming"].sub(" ", question)):
        if token in ".?!:;":
            starts_sentence = True
        elif _is_name_word(token, starts_sentence):
            current.append(token)
            joiners = 0
            starts_sentence = False
        elif current and token.lower() in _NAME_JOINERS and joiners == 0:
            joiners = 1
        else:
            if current:
                names.append(tuple(current))
            current, joiners, starts_sentence = [], 0, False
    if current:
        names.append(tuple(current))
    return names


def elliptical(question: str) -> bool:
    """A follow-up that only names something else: it asks the previous question again, about that.

    Example: elliptical("En in Westmark?") is True
    Example: elliptical("En hoe kijken de zorgkantoren daartegen aan?") is False
    """
    names = named(question)
    said = set(tokenize(" ".join(word for name in names for word in name)))
    return bool(names) and not set(tokenize(question)) - said


def _mentions(words: set[str], name: tuple[str, ...]) -> bool:
    """Whether any word of the name occurs (folded; a longer word counts for a word of four letters
    or more, "Nederlandse" for "Nederland"; a typo for a word of six or more, "Waardigheidt";
    numbers exactly, also written as an ordinal: "65" in "op uw 65e"). An article or other function
    word of the name ("De" of "De Linde") is in every text: it names nothing.

    Example: _mentions({"de", "zorggroep", "waalstede"}, ("De", "Linde")) is False
    """
    for part in [p for p in name if fold(p) not in DUTCH_STOPWORDS] or name:
        word = fold(part)
        if word in words:
            return True
        if word.isdigit():
            if any(w.startswith(word) and _ORDINAL.match(w) and w[len(word)].isalpha() for w in words):
                return True
            continue
        if len(word) < 4:
            continue
        if any(w.startswith(word) or (len(word) >= 6 and _one_edit(word, w)) for w in words):
            return True
    return False


def mentions(chunk: Chunk, name: tuple[str, ...]) -> bool:
    """Whether a chunk (its text, heading, title or publisher) mentions a name of the question,
    written as the question does or as the glossary names it otherwise."""
    folded = fold(chunk.labelled_text)
    return _mentions(set(_NAME_TOKEN.findall(folded)), name) or _mentions_otherwise(folded, name)


def _one_edit(a: str, b: str) -> bool:
    """Whether one letter added, dropped or changed turns `a` into `b`. Example: _one_edit("noordhf", "noordhof") is True"""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


# "Hoeveel X heeft het Y": the count is Y's. (A bare name, "heeft Noordhof", is a name; see `named`.)
_OWNER = re.compile(r"\bhoeveel [\w'-]+(?: [\w'-]+)? (?:heeft|hebben|telt|tellen|bestaat|bestaan|omvat|omvatten|kent|"
                    r"kennen) (?:de|het|een) ([^?.!;]+)", re.IGNORECASE)
_OWNER_END = re.compile(r"\s+(?:van|in|binnen|bij|per|op|sinds|volgens|ongeveer|nu|momenteel|precies|uit|aan|voor|"
                        r"met|en|of)\b", re.IGNORECASE)


def owner(question: str) -> str:
    """Whose count a question asks for, when it says so with an article.

    Example: owner("Uit hoeveel medewerkers bestaat het centrale digitale zorgteam van Noordhof?") == "zorgteam"
    Example: owner("Hoeveel medewerkers heeft Noordhof?") == ""
    """
    match = _OWNER.search(question)
    return _OWNER_END.split(match.group(1))[0].split()[-1] if match else ""


@dataclass(frozen=True)
class Cited:
    """A verified quote in its place: the paragraph it sits in, and the heading, title and
    publisher of its passage."""

    quote: str
    paragraph: str
    about: str = ""


def passage_about(question: str, heading: str, title: str, publisher: str) -> str:
    """What a passage is about, for the names check: its heading, title and publisher. A publisher
    line can name every party of a document ("Ledenevent Oost (Noordhof, Westmark)"); under a heading
    that names one of them and none the question names, the passage is that party's, so the others
    in the publisher line do not count.

    Example: passage_about("Hoeveel teams heeft Westmark?", "Aanpak binnen Noordhof", "", "Ledenevent (Noordhof, Westmark)")
             == "Aanpak binnen Noordhof\n"
    """
    parties = {fold(word) for name in named(publisher) for word in name}
    in_heading = parties & set(_NAME_TOKEN.findall(fold(heading)))
    asked = set(_NAME_TOKEN.findall(fold(question)))
    if in_heading and not in_heading & asked and parties & asked:
        return f"{heading}\n{title}"
    return f"{heading}\n{title}\n{publisher}"


def unsupported_names(question: str, fact: Fact, cited: list[Cited], known: Callable[[str], bool] | None = None,
                      namings: Sequence[Callable[[str], bool]] | None = None) -> list[tuple[str, ...]]:
    """The names and numbers of the question that the evidence does not mention.

    - A fact that sits in one sentence (a number, a year) needs them in that sentence, in the
      paragraph before it (which sets its topic) or in what the passage is about; a sentence after
      it has moved on ("In Zuid-Vlakte doen veertien aanbieders mee. Westmark volgde." does not
      count the aanbieders in Westmark).
    - The owner of a count ("Hoeveel teams heeft het zorgteam?") must be in the number's own
      sentence or in what the passage is about.
    - Other answers need the names in the quotes' paragraphs or what the passages are about.
    - A number is also named by a bound that includes it, in the same unit ("als ik 20 ben": "18 jaar of ouder").

    `known` limits the names (an English question: only the words the corpus has, not "Dutch").
    `namings` (per cited quote): whether a sentence names what is asked; the fact's sentence is then
    one that also does, when there is one ("Hoe lang is de wachttijd voor een traplift in Brakel?" is
    not answered by Aalten's traplift and Brakel's "binnen twee weken een gesprek").

    Example: unsupported_names("Hoeveel projecten lopen er in Oostdorp?", expected_fact("Hoeveel projecten?"),
             [Cited("Er lopen 268 projecten.", "Er lopen 268 projecten.")]) == [("Oostdorp",)]
    """
    missing = []
    # What a question about a subject ("Wat is X?", "Wat doet X?") asks about is its name: missing that is the fact missing.
    if fact.in_one_sentence and fact.kind not in ABOUT_SUBJECT:
        holding = [(i, c, sentence) for i, c in enumerate(cited) for sentence in split_sentences(c.quote)
                   if has_fact(sentence, fact)]
        if namings is not None:
            holding = [(i, c, s) for i, c, s in holding if namings[i](s)] or holding
        texts = [f"{_up_to(c.paragraph, sentence)}\n{c.about}" for _, c, sentence in holding]
        if fact.kind == "getal" and (whose := owner(question)):
            said = fold("\n".join(f"{sentence}\n{c.about}" for _, c, sentence in holding))
            if not _mentions(set(_NAME_TOKEN.findall(said)), (whose,)):
                missing.append((whose,))
    else:
        texts = [f"{c.paragraph}\n{c.about}" for c in cited]
    names = [n for n in named(question) if known is None or any(known(part) for part in n)]
    folded = fold("\n".join(texts))
    words = set(_NAME_TOKEN.findall(folded))
    return missing + [n for n in names if not _mentions(words, n) and not _mentions_otherwise(folded, n)
                      and not _in_range(question, n, folded)]


def _in_range(question: str, name: tuple[str, ...], folded: str) -> bool:
    """A number of the question that the text covers by a bound with its unit: "als ik 20 ben" by
    "18 jaar of ouder" (number_ranges.py)."""
    return len(name) == 1 and name[0].isdigit() and covers(folded, name[0], unit_of(question, name[0]))


def _mentions_otherwise(folded: str, name: tuple[str, ...]) -> bool:
    """Whether the text names it as the glossary does otherwise ("Integraal Zorg Akkoord" for IZA)."""
    others = other_names(" ".join(name)) + [o for part in name for o in other_names(part)]
    return any(re.search(rf"(?<!\w){re.escape(fold(o))}(?!\w)", folded) for o in others)


def _up_to(paragraph: str, sentence: str) -> str:
    """The paragraph up to and including the sentence: what it says, and the topic set before it."""
    at = paragraph.find(sentence)
    return paragraph[:at + len(sentence)] if at >= 0 else sentence
