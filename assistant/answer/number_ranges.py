"""Whether a text covers a number of the question by a range it states (pure).

A user asks from their own situation: "Moet ik lesgeld betalen als ik 20 ben?", "Hoeveel
overdrachtsbelasting betaal ik als ik 40 ben?". The text answers with a bound, not with the
number: "als u 18 jaar of ouder bent", "Kopers van 35 jaar of ouder betalen 2%". The names check
(names.py) asks that the quotes name every number of the question; a bound that includes the
number names it too.

Only with the same unit on both sides: the question's ("12 jaar", "40 kilo"; "als ik 40 ben" is an
age, in years) and the bound's ("18 jaar of ouder", "van 18 tot 35 jaar", "vanaf uw 65e": years).
"Vanaf 1 april" or "meer dan 10 dagen" say nothing about someone of 20, and a question whose
number has no unit is not covered by any bound. "Tot" excludes its bound ("van 18 tot 35 jaar",
then "35 jaar of ouder"), "tot en met" includes it, as do "of ouder" and "vanaf".
"""

from __future__ import annotations

import re

from ..keyword_index import tokenize
from ..text import fold

AGE = "jar"  # the unit of an age, as tokenize stems "jaar" and "jaren"

_PERSON = r"(?:ik|u|je|jij|hij|zij|ze|mijn \w+|ons \w+|uw \w+)"
_BE = r"(?:ben|bent|is|word|wordt|was|zijn|worden|werd)"
# "ik ben 20", "als ik 40 ben", "wanneer mijn zoon 16 wordt": an age without the word "jaar"
_AGE_IN_QUESTION = (rf"\b{_PERSON}\s+{_BE}\s+(?P<a>\d+)\b(?!\s*(?:euro|procent|%|[.,]\d))",
                    rf"\b{_PERSON}\s+(?P<a>\d+)\s+{_BE}\b")
_ORDINAL_END = r"(?:e|ste|de)"  # "vanaf je 16e": an age
_UNIT = r"(?:\s+(?P<unit>[a-z]+))?"
_OWNER = r"(?:(?:je|uw|zijn|haar|de|het)\s+)?"

# (pattern, lower bound included?, upper bound included?) over folded text; groups lo / hi, unit
_BOUNDS = (
    (rf"\b(?:van|tussen)\s+(?P<lo>\d+)\s+(?:[a-z]+\s+)?(?P<op>tot en met|t/m|tot|en)\s+(?P<hi>\d+){_UNIT}", True, None),
    (rf"(?<![\d.,])(?P<lo>\d+)\s*(?:-|–|t/m)\s*(?P<hi>\d+){_UNIT}", True, True),
    (rf"(?<![\d.,])(?P<lo>\d+){_UNIT}\s+(?:of|en)\s+(?:ouder|meer|hoger|langer)\b", True, None),
    (rf"\b(?:vanaf|minimaal|minstens|ten minste|tenminste)\s+{_OWNER}(?P<lo>\d+)(?P<ord>{_ORDINAL_END})?\b{_UNIT}", True, None),
    (rf"\b(?:ouder dan|meer dan|boven)\s+{_OWNER}(?P<lo>\d+)(?P<ord>{_ORDINAL_END})?\b{_UNIT}", False, None),
    (rf"(?<![\d.,])(?P<hi>\d+){_UNIT}\s+(?:of|en)\s+(?:jonger|minder|lager|korter)\b", None, True),
    (rf"\b(?:tot en met|t/m|maximaal|hooguit|hoogstens|niet meer dan|ten hoogste)\s+{_OWNER}(?P<hi>\d+)(?P<ord>{_ORDINAL_END})?\b{_UNIT}",
     None, True),
    (rf"\b(?:jonger dan|minder dan|onder|tot)\s+{_OWNER}(?P<hi>\d+)(?P<ord>{_ORDINAL_END})?\b{_UNIT}", None, False),
)
_AGE_IN_TIME = ("maand", "wek", "dag")  # a young child's age: "jonger dan 3 maanden" is no age in years
_AGED = re.compile(r"\b(?:ouder|jonger)\b")
_COMPILED = tuple((re.compile(p), lo, hi) for p, lo, hi in _BOUNDS)


def _stem(word: str) -> str:
    found = tokenize(word)
    return found[0] if found else ""


def unit_of(question: str, number: str) -> str:
    """The unit of `number` in the question, stemmed: the word after it, or an age ("als ik 40 ben");
    "" when it has none.

    Example: unit_of("Mogen kinderen van 12 jaar werken?", "12") == "jar"
    Example: unit_of("Moet ik lesgeld betalen als ik 20 ben?", "20") == "jar"
    """
    folded = fold(question)
    for pattern in _AGE_IN_QUESTION:
        if any(m.group("a") == number for m in re.finditer(pattern, folded)):
            return AGE
    # the word after it, past the other numbers of a list ("14 of 15 jaar", "12-16 jaar")
    after = re.search(rf"(?<![\d.,]){re.escape(number)}(?:\s*(?:of|en|tot|t/m|-|–)\s*\d+)*\s*-?\s*([a-z]+)", folded)
    return _stem(after.group(1)) if after else ""


def covers(text: str, number: str, unit: str) -> bool:
    """Whether `text` states a range with the same `unit` that includes `number`.

    Example: covers("U betaalt lesgeld als u 18 jaar of ouder bent.", "20", "jar") is True
    Example: covers("Kopers van 18 tot 35 jaar betalen niets.", "35", "jar") is False
    """
    if not unit or not number.isdigit():
        return False
    n = int(number)
    folded = fold(text)
    taken: list[tuple[int, int]] = []  # "tot 35 jaar" in "van 18 tot 35 jaar" is no range of its own
    for pattern, lo_in, hi_in in _COMPILED:
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            groups = m.groupdict()
            bound_unit = _stem(groups.get("unit") or "")
            units = {bound_unit}
            if groups.get("ord") or (_AGED.search(m.group(0)) and bound_unit not in _AGE_IN_TIME):
                units.add(AGE)  # "vanaf je 16e", "18 of ouder", "jonger dan 16 mogen ..." (not "jonger dan 3 maanden")
            if unit not in units:
                continue
            if groups.get("lo") is not None:
                lo = int(groups["lo"])
                if n < lo or (n == lo and not lo_in):
                    continue
            if groups.get("hi") is not None:
                hi = int(groups["hi"])
                included = hi_in if hi_in is not None else groups.get("op") != "tot"
                if n > hi or (n == hi and not included):
                    continue
            return True
    return False
