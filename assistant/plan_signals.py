"""Signals about one sentence of a policy document (pure): is it a recommendation, does it
name a region or organisation, is it an action or a warning, how much of the goal's topic does it
carry. Each signal is a small named function with an example; plan_select.py combines them.

- not a recommendation: a question, a navigation or link line ("Lees er hier meer over", "Ga
  naar"), a line that is mostly names and numbers (an event header, a caption), a dated report
  ("De huidige financiering loopt t/m eind 2021": a year or a month), a fragment;
- another region or organisation: a capitalised word that is not at the start of a sentence,
  that the corpus never writes in lower case and that the goal does not name (detected in
  general, not from a list of regions; the national scope "Nederland" applies everywhere and
  acronyms the glossary explains as terms, AVG or EPD, are terms, not names); a name the corpus
  knows this way also counts at the start of a sentence ("Noordhof heeft ...");
- weaker signs (penalties in the score): leaning on the previous sentence ("Dit", "Daarbij"),
  reported speech, a past-tense report.
Deliberately heuristics over Dutch function words and the corpus's own capitalisation, no
tagger or model. Not done here: scoring and choosing (plan_select.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .glossary import GLOSSARY, SYNONYMS, expand
from .keyword_index import tokenize
from .text import LIST_ITEM, fold, refers_back

MIN_WORDS = 6  # shorter lines are headings, captions and list labels
NATIONAL = frozenset({"nederland", "nederlandse"})  # the country's scope includes every region
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "voorjaar|najaar")
_DATED = re.compile(rf"\b(?:(?:19|20)\d{{2}}|{_MONTHS})\b")
_NAVIGATION = re.compile(
    r"\blees\b.*\bmeer\b|\bmeer (?:lezen|weten|informatie)\b|\bga naar\b|\bbekijk\b|\bklik\b|\bwebsite\b|"
    r"www\.|https?:|\bnew window\b|\bdeel deze\b|\bte vinden op\b|\b(?:paragraaf|hoofdstuk)\s+\d|"
    r"\b(?:onderstaande|bovenstaande|hieronder|hierboven)\b|\bdeze blog")
_WARNING = re.compile(
    r"\b(?:risico\w*|valkuil\w*|belemmer\w*|let op|knelpunt\w*|obstakel\w*|faal\w*|faalt|vastlo\w*|"
    r"uitdaging\w*|zonder|onvoldoende|te weinig|ontbree?k\w*|niet elke|mag .* niet|drempels?|niet eenvoudig|"
    r"lastig|moeilijk|onder druk|maar .*\bniet\b|geen sprake)\b")
_FUNCTION = frozenset("de het een dit dat deze die er in op voor met door bij om als zo ook wij we ze zij hij "
                      "je u men ons onze hun elk elke iedere alle veel meer niet geen wat wie hoe waar".split())
# Words that follow a noun, not an imperative, in second position.
_NOT_AFTER_IMPERATIVE = frozenset("en of in is zijn wordt worden heeft hebben kan kunnen moet moeten zal zullen "
                                  "van voor vraagt".split())
# Infinitives of verbs a recommendation often opens with, for a corpus too small to show them.
COMMON_INFINITIVES = frozenset("beginnen starten kiezen maken betrekken organiseren evalueren nemen doen leggen "
                               "bespreken vertellen ondersteunen focussen regelen plannen meten zetten "
                               "vastleggen".split())
_REPORT = re.compile(r"\b(?:werd|werden|was|waren|zagen|hadden|kwamen|gingen|(?:heeft|hebben) ge\w+(?:d|t|en))\b")
_SPEECH = re.compile(r"\b(?:zegt|vertelt|aldus|stelt|beaamt|vertelden)\s+[A-Z]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[.!?:;–(‘'\"“•]")
_STARTS = frozenset(".!?:;–(‘'\"“•")


# ---------------------------------------------------------------- signals
def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def is_question(text: str) -> bool:
    """Example: is_question("(Lees er hier meer over.)Waar zitten de grootste quick wins?") is True"""
    return "?" in text


def is_navigation(text: str) -> bool:
    """Example: is_navigation("Meer verslagen zijn te vinden op de website van Vitaal Oostdorp.") is True"""
    return bool(_NAVIGATION.search(fold(text)))


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def is_dated(text: str, this_year: int = 0) -> bool:
    """A report of its time: it names a year before `this_year`, or a month or season without a year.
    A statement whose every year is this year or later is a plan or an agreement, not news
    ("In 2027 komt er één nachtdienst"); with `this_year` 0 every date dates it.

    Example: is_dated("De huidige financiering loopt t/m eind 2021.", 2026) is True
    Example: is_dated("Vanaf 1 januari 2027 gaat de nachtdienst van start.", 2026) is False
    """
    folded = fold(text)
    if not _DATED.search(folded):
        return False
    years = [int(y) for y in _YEAR.findall(folded)]
    return not this_year or not years or min(years) < this_year


def is_header(text: str) -> bool:
    """Mostly capitalised words and numbers: an event header, a caption, a list of names.

    Example: is_header("Ledenevent OZA Oostdorp, Vitaal Oostdorp, TAZ Oostdorp: Zo doot wie dat!") is True
    """
    tokens = words(LIST_ITEM.sub("", text))
    marked = [t for t in tokens if t[0].isupper() or t[0].isdigit()]
    return len(tokens) > 0 and len(marked) / len(tokens) >= 0.5 and len(marked) >= 2


def is_fragment(text: str) -> bool:
    """A heading, a label or a list introduction, not a statement.

    Example: is_fragment("Dit zijn de volgende zes belemmeringen:") is True
    Example: is_fragment("waar de grootste quick wins zitten,") is True
    """
    bare = LIST_ITEM.sub("", text).strip()
    return (len(words(text)) < MIN_WORDS or bare.endswith((":", ",")) or bare[:1].islower()
            or "http" in bare)


def is_warning(text: str) -> bool:
    """Example: is_warning("Zonder draagvlak en adequate training is de kans groter dat een implementatie faalt.") is True"""
    return bool(_WARNING.search(fold(text)))


def is_speech(text: str) -> bool:
    """Someone's words in an interview or report: quotation marks or a speech verb with a name.

    Example: is_speech("‘Het is geen kwestie van knippen en plakken’, beaamt Jan Verschuren.") is True
    """
    return bool(re.search(r"[‘’“”]", text) or _SPEECH.search(text))


def is_report(text: str) -> bool:
    """What happened somewhere (past tense), not what to do.

    Example: is_report("Het heeft geresulteerd in 600 digitale zorgmomenten.") is True
    """
    return bool(_REPORT.search(fold(text)))


def leans_on_context(text: str) -> bool:
    """Out of context it says little (text.refers_back).

    Example: leans_on_context("Dit leidt tot grote druk op de zorg.") is True
    """
    return refers_back(text)


def _infinitives(stem: str) -> set[str]:
    """Dutch infinitives an imperative may belong to.

    Example: sorted(_infinitives("neem")) == ["neemen", "neemmen", "neemn", "nemen"]
    """
    forms = {stem}
    if stem[-1:] in ("s", "f"):  # kies → kiezen, geef → geven
        forms.add(stem[:-1] + {"s": "z", "f": "v"}[stem[-1]])
    out: set[str] = set()
    for form in forms:
        out |= {form + "en", form + "n", form + form[-1:] + "en"}  # doe → doen, begin → beginnen
        if len(form) > 2 and form[-2] == form[-3] and form[-2] in "aeou":  # neem → nemen, maak → maken
            out.add(form[:-3] + form[-2] + form[-1] + "en")
    return out


def is_imperative(text: str, vocabulary: set[str]) -> bool:
    """A recommendation in the imperative: the first word is a verb stem whose infinitive the
    corpus uses (or one of COMMON_INFINITIVES), or an infinitive that opens an action
    ("Opzetten van ...").

    Example: is_imperative("Begin klein: kies één afdeling.", set()) is True
    Example: is_imperative("Digitale zorg helpt.", {"helpen"}) is False
    """
    tokens = [fold(t) for t in words(LIST_ITEM.sub("", text))]
    if len(tokens) < 2 or tokens[0] in _FUNCTION:
        return False
    first = tokens[0]
    if first.endswith("en"):
        return tokens[1] == "van"
    if tokens[1] in _NOT_AFTER_IMPERATIVE:  # "Zorg en welzijn", "Inzicht in data", "Doel is ...": a noun
        return False
    if first == "zorg":  # the domain's noun; as a verb it is "Zorg ervoor dat ..."
        return tokens[1] in ("ervoor", "dat")
    known = vocabulary | COMMON_INFINITIVES
    if first.endswith("e"):
        return first + "n" in known
    return bool(_infinitives(first) & known)


def _term_acronyms() -> frozenset[str]:
    """Glossary acronyms that name a term (AVG, EPD, Wlz), not an organisation (ZGO, VWS): their
    long form has at most one capitalised word; the all-caps words in such a long form count too."""
    out: set[str] = set()
    for acronym, long_form in GLOSSARY.items():
        core = re.sub(r"\s*\(.*?\)", "", long_form)
        if sum(w[0].isupper() and not w.isupper() for w in words(core)) <= 1:
            out |= {fold(acronym)} | {fold(w) for w in words(core) if w.isupper() and len(w) > 1}
    return frozenset(out)


TERM_ACRONYMS = _term_acronyms()


def lowercase_vocabulary(texts: Iterable[str]) -> set[str]:
    """Every word the texts write in lower case somewhere (folded).

    Example: lowercase_vocabulary(["De Beweging thuis", "een beweging"]) == {"thuis", "een", "beweging"}
    """
    return {fold(w) for text in texts for w in words(text) if w.islower()}


def _capitalised(text: str) -> list[tuple[str, bool]]:
    """(word, at a sentence start) for every capitalised word of the text."""
    out: list[tuple[str, bool]] = []
    for line in text.split("\n"):  # a line (a heading, a list item) starts a sentence
        start = True
        for token in _TOKEN.findall(line):
            if token in _STARTS:
                start = True
                continue
            if token[:1].isupper() or any(c.isupper() for c in token[1:]):
                out.append((token, start and not any(c.isupper() for c in token[1:])))
            start = False
    return out


def proper_names(texts: Iterable[str], lowercase: set[str]) -> set[str]:
    """Words the corpus capitalises inside a sentence and never writes in lower case (folded):
    how a name at the start of a sentence ("Noordhof heeft ...") is recognised.

    Example: proper_names(["Zij werken bij Noordhof."], {"zij", "werken", "bij"}) == {"noordhof"}
    """
    return {fold(w).split("'")[0] for text in texts for w, start in _capitalised(text)
            if not start and fold(w).split("'")[0] not in lowercase}


def name_words(text: str, lowercase: set[str], allowed: set[str], proper: set[str] = frozenset()) -> tuple[str, ...]:
    """Names in the text that are not `allowed` (folded words of the goal): capitalised words not
    at a sentence start, or with a capital inside (ZGO, iO), that the corpus never writes in lower
    case, and `proper` names (see proper_names) anywhere.

    Example: name_words("Iemand vanuit Zuid-Vlakte hielp hen.", {"iemand", "hielp"}, set()) == ("Zuid", "Vlakte")
    """
    found: list[str] = []
    for token, start in _capitalised(text):
        folded = fold(token).split("'")[0]  # EPD's → epd
        if (len(folded) > 1 and (not start or folded in proper) and folded not in lowercase
                and folded not in allowed and folded not in NATIONAL and folded not in TERM_ACRONYMS):
            found.append(token)
    return tuple(dict.fromkeys(found))


def topic_share(topic: dict[str, float], text: str) -> float:
    """idf-weighted share of the topic's stems in the text; a stem sharing its first five letters
    with a word of the text (a part of a compound: beeldzorg, beeldbellen) counts half.

    Example: topic_share({"beeldzorg": 1.0, "wijkverpleg": 1.0}, "Beeldbellen in de wijkverpleging") == 0.75
    """
    total = sum(topic.values())
    if not total:
        return 0.0
    stems = set(tokenize(text))
    found = 0.0
    for term, weight in topic.items():
        if term in stems:
            found += weight
        elif len(term) >= 5 and any(len(s) >= 5 and s[:5] == term[:5] for s in stems):
            found += weight / 2
    return found / total


def synonyms(goal: str) -> str:
    """The goal with its glossary expansion, and the everyday words of a glossary entry whose
    policy terms the goal uses (the goal says "beeldzorg", the documents "beeldbellen").

    Example: "beeldbellen" in synonyms("Beeldzorg thuis") is True
    """
    folded = fold(goal)
    extra = [" ".join([*re.findall(r"[a-z]{5,}", pattern), terms]) for pattern, terms in SYNONYMS.items()
             if any(re.search(rf"\b{re.escape(t)}\b", folded) for t in terms.split() if len(t) >= 5)]
    return " ".join([expand(goal), *extra])
