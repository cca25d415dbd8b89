"""Pure text helpers shared by chunking, retrieval and citation checking.

Deliberately small: whitespace normalisation, accent folding, a Dutch-aware sentence
splitter, the verbatim quote check and the paragraph around a quote. No tokenizer models, no
language detection beyond a word-list heuristic.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = {
    "o.a", "c.q", "bijv", "bv", "b.v", "d.w.z", "m.b.t", "i.c.m", "t/m", "ca", "nl", "e.d", "enz",
    "dhr", "mevr", "mw", "dr", "prof", "ir", "drs", "mr", "nr", "blz", "vs", "etc", "e.g", "i.e",
    "zgn", "z.g.a", "m.u.v", "i.p.v", "t.a.v", "t.b.v", "evt", "incl", "excl", "resp", "jl", "st",
}
# A list item: a bullet, "1." / "1)" or "a." / "a)" at the start of a line.
LIST_ITEM = re.compile(r"^\s*(?:[•\-\*–·▪◦●]|\d{1,2}[.)]|[a-z][.)])\s+")
# A numbered line's number ("3. Stuur de link"; group 1), on any line of a text.
NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})[.)](?=\s)", re.MULTILINE)
# A sentence that is an item of an enumeration in prose: "Ten eerste ...", "Ten tweede ...", "Ten slotte ...".
ENUMERATED = re.compile(r"^\s*(?:ten\s+(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|slotte)|"
                        r"first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally)\b", re.IGNORECASE)
# How a text gives a way to reach someone (patterns, compiled where used): a Dutch phone number
# ("06 12 34 56 78", "(030) 123 45 67", "0800-1234", "14 020"), an e-mail address, a web address, a
# postal address ("1234 AB", "Raadhuisplein 1", "Postbus 12").
# An area code may stand apart from the number by a spaced dash ("0800 - 1234 567").
_AREA = r"(?:\s?[-–]\s?|\s)?"
# Nine digits after the 0; the area code (one to three of them) may stand apart.
_NINE = "|".join(rf"\d(?:[\s-]?\d){{{n - 1}}}{_AREA}\d(?:[\s-]?\d){{{8 - n}}}" for n in (1, 2, 3))
PHONE = (r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:" + _NINE + r")(?!\d)"
         r"|\(0\d{2,3}\)[\s-]?\d(?:[\s-]?\d){5,6}(?!\d)|\b0[89]00" + _AREA + r"\d{3,4}(?:[\s-]?\d{2,3})?\b|(?<!\d)14\s?0\d{2,3}\b")
EMAIL = r"[\w.+-]+@[\w-]+\.[\w.]+"
URL = r"https?://|\bwww\.[\w-]+|\b[\w-]+\.(?:nl|com|org|eu|be|net)\b"
POSTAL = r"(?-i:\b\d{4}\s?[A-Z]{2}\b)|\b[\w-]+(?:straat|weg|laan|plein|singel|gracht|kade|dijk)\s+\d+|\bpostbus\s+\d+"
CONTACT_DETAIL = re.compile("|".join((PHONE, EMAIL, POSTAL)), re.IGNORECASE)
_SENTENCE_END = re.compile(r"([.!?]+[\"'’”)]*)(\s+)(?=[\"'‘“(]*[A-ZÀ-ÖØ-Þ0-9•])")


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip.

    Example: normalize_ws("a \\n  b\\t") == "a b"
    """
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case, drop accents and collapse whitespace, for matching only (never for display).

    Example: fold("Cliënt  Ondersteuning") == "client ondersteuning"
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return normalize_ws(stripped.lower().replace("’", "'").replace("‘", "'"))


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; the pieces joined by spaces give the normalised text back.

    Example: split_sentences("Dit is o.a. zo. Daarna 3.2 meer!") == ["Dit is o.a. zo.", "Daarna 3.2 meer!"]
    """
    text = normalize_ws(text)
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        candidate = text[start:end]
        last_word = candidate.rsplit(" ", 1)[-1].rstrip(".!?\"'’”)").lower()
        if match.group(1).startswith(".") and (
            last_word in _ABBREVIATIONS
            or re.fullmatch(r"[a-z]", last_word)
            or re.fullmatch(r"\d{1,2}(\.\d+)*\.?", candidate.strip())  # a list number "1."
        ):
            continue
        sentences.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


_EN_WORDS = {
    "the", "what", "which", "how", "does", "is", "are", "of", "and", "who", "why", "when", "where",
    "do", "in", "for", "to", "a", "an", "can", "should", "about", "according", "describe", "list",
    "with", "many", "much", "name", "mean", "its", "their", "i", "my", "you", "your", "there", "this",
    "was", "were", "did", "will", "would", "have", "has", "get", "need", "from", "they", "it",
}
_NL_WORDS = {
    "de", "het", "een", "wat", "welke", "hoe", "is", "zijn", "van", "en", "wie", "waarom", "wanneer",
    "waar", "in", "voor", "naar", "kan", "moet", "over", "volgens", "noem", "met", "hoeveel", "dat",
    "die", "er", "op", "bij", "wordt", "worden", "houdt", "welk", "ik", "je", "u", "mijn", "heb",
    "heeft", "hebben", "mag", "krijg", "krijgt", "kost", "ook", "nog", "niet", "dit", "deze", "hij", "zij", "ze",
}
# A question that opens with one of these and has no Dutch word of the list is English ("Which hospitals offer home monitoring?").
_EN_OPENERS = {"what", "which", "how", "who", "why", "when", "where", "does", "do", "did", "can", "should", "are"}


_QUOTED = re.compile(r"(?<!\w)['‘\"“][^'’\"”\n]+['’\"”](?!\w)")


# "bed- en deursensoren", "zorg- of welzijnsorganisaties": the first word's head is the second's.
_SUSPENDED = re.compile(r"\b([^\W\d_]{2,})-\s+(?:en|of|en/of)\s+([^\W\d_]{6,})")
SUSPENDED_HEAD = 4
_BRACKETED = re.compile(r"(?<![\w(])\(([^\W\d_]+)\)([^\W\d_]+)|([^\W\d_]+)\(([^\W\d_]+)\)(?![\w)])")


def bracketed_words(text: str) -> list[str]:
    """The whole words that a word with a bracketed part stands for besides its bare form:
    "(koepel)organisaties" is also "koepelorganisaties", "zorg(aanbieders)" also "zorgaanbieders".

    Example: bracketed_words("(koepel)Organisaties en patiënt(en)") == ["koepelOrganisaties", "patiënten"]
    """
    return [f"{m[1]}{m[2]}" if m[1] else f"{m[3]}{m[4]}" for m in _BRACKETED.finditer(text)]


def suspended_compounds(text: str) -> list[str]:
    """The compounds a suspended hyphen leaves out: "bed- en deursensoren" holds "bedsensoren". Where
    the second word's head starts is not known, so every ending of four letters or more is tried
    ("bedeursensoren", ..., "bedsensoren", "bedensoren", ...): only the real word matches a question's.

    Example: "bedsensoren" in suspended_compounds("De bed- en deursensoren melden het.")
    """
    return [m[1] + m[2][k:] for m in _SUSPENDED.finditer(text) for k in range(1, len(m[2]) - SUSPENDED_HEAD + 1)]


def is_english(text: str) -> bool:
    """A cheap word-list guess whether a question is English rather than Dutch.

    Example: is_english("What are the six building blocks?") is True
    Example: is_english("How many projects ran under 'Waardigheid en trots in de regio'?") is True
    Example: (is_english("Which hospitals offer home monitoring?"), is_english("Welk merk tablet krijg ik?")) == (True, False)
    """
    text = _QUOTED.sub(" ", text)  # a quoted name or title is in the language of its document
    words = re.findall(r"[a-zA-Z']+", text.lower())
    en = sum(w in _EN_WORDS for w in words)
    nl = sum(w in _NL_WORDS for w in words)
    return (en >= 2 and en > nl) or (bool(words) and words[0] in _EN_OPENERS and not nl and len(words) >= 3)


def quote_in_document(quote: str, document: str) -> bool:
    """Whitespace-normalised verbatim check, the same one the evaluation uses.

    Example: quote_in_document("thuis  wonen", "blijven thuis\\nwonen.") is True
    """
    return normalize_ws(quote) in normalize_ws(document)


MAX_BLOCK_LINES, MAX_BLOCK_WORDS = 3, 8  # a signature or contact block: name, role, organisation


def lines_above(text: str, quote: str) -> str:
    """The short lines right above the quote's first line that no sentence ends: the block a
    contact line sits in ("Marieke Smit", "Teamcoach Wijkteam Noord" above "06 12 34 56 78").

    Example: lines_above("Groet,\nAnna Smit\nTeamcoach\n06 12 34 56 78", "06 12 34 56 78") == "Groet,\nAnna Smit\nTeamcoach"
    """
    start = text.find(quote)
    if start < 0:
        return ""
    block: list[str] = []
    for line in reversed(text[:start].rstrip("\n").split("\n") if text[:start].strip() else []):
        line = line.strip()
        if not line or len(block) == MAX_BLOCK_LINES or len(line.split()) > MAX_BLOCK_WORDS or line.endswith((".", "?", "!", ":")):
            break
        block.insert(0, line)
    return "\n".join(block)


def paragraph_of(text: str, quote: str) -> str:
    """The lines of `text` that the quote spans (a paragraph is one line of passage text). A list
    item is read with the line that introduces its list: "1. Transformatie vraagt ..." is the first
    of "de volgende zes belemmeringen", and says so only there.

    Example: paragraph_of("Intro:\n1. Een\n2. Twee", "2. Twee") == "Intro:\n2. Twee"
    """
    start = text.find(quote)
    if start < 0:
        return quote
    first = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start + len(quote))
    own = text[first:end if end >= 0 else len(text)]
    if not LIST_ITEM.match(own):
        return own
    before = text[:first].split("\n")[:-1]
    while before and LIST_ITEM.match(before[-1]):
        before.pop()
    return f"{before[-1]}\n{own}" if before and before[-1].strip() else own


# Words that make a sentence lean on the one before it: the consequence of a condition ("Heeft u een
# auto? Dan ..."), a word that points back ("Dit", "Daarbij", "Daarnaast"), a pronoun for what was
# named before ("Zij", "Hun") or a clause that goes on ("Maar", "Of geld opneemt ..."). Quoted alone,
# such a sentence says something else than the document, or little.
_LEANS = frozenset("dan dit dat deze die daar hier daarbij daardoor daarvoor daarmee daarom daarnaast hierbij hierdoor "
                   "hiervoor hiermee bovendien tevens zo ook zij ze hun hen anderzijds enerzijds vervolgens daarna "
                   "want maar en of".split())
_EARLY_POINTER = re.compile(r"^(?:[\w'’-]+\s+){1,3}(?:deze|dit|dezelfde|hetzelfde)\s+\w")  # "De regels voor deze dienst ..."


def refers_back(sentence: str) -> bool:
    """Whether a sentence (or list item) leans on the one before it.

    Example: refers_back("Dan betaalt u niets.") and refers_back("De regels voor deze dienst staan in de wet.")
    Example: not refers_back("De molen draait op zaterdag.")
    """
    folded = fold(LIST_ITEM.sub("", sentence))
    first = re.match(r"[^\W\d_]+", folded)
    return bool(first and first.group(0) in _LEANS) or bool(_EARLY_POINTER.match(folded))
