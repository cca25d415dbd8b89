"""The kinds of fact a question can ask for, as one table (data, no logic).

Each row: the kind, the phrases (regular-expression alternatives, Dutch and English) by which a
question asks for it, and the shape of the fact in a sentence that gives it. The first row whose
phrases match decides (a question with "sinds wanneer" asks for a year even though it also has
"wanneer"). `facts.expected_fact` reads the question side, `facts.has_fact` the answer side;
for a list, a role and a count the answer side also needs the question's words (how many items,
which role, what is counted), which `has_fact` handles.

Why each kind: a question for a year, until when something runs, a date, how long something runs, a duration, how often, a percentage, an amount, contact
details, a time of day, who wrote it, a list of n things, a role holder, what something is or does, or a number can be answered
with a neighbouring sentence about the same topic that lacks exactly that fact; checking its shape in the quotes catches that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import EMAIL, PHONE, POSTAL, URL

# The numbers a question counts with ("welke zes ..."); also used by the extractive selection.
NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "voorjaar|najaar|zomer|winter|kwartaal|january|february|march|june|july|august|october")
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
COUNT_WORDS = ("twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|"
               "dertig|veertig|vijftig|honderd|duizend|miljoen|miljard|tientallen|honderden|duizenden")

_DURATION = (rf"(\d+|\b(een|{COUNT_WORDS}|anderhalf|enkele|paar))\s+(\w+\s+)?(minuten|minuut|uur|uren|"
             r"dagen|dag|dagdelen|dagdeel|weken|week|maanden|maand|jaar|jaren|kwartaal|kwartalen|werkdagen)\b")

# A period something recurs in ("elk kwartaal", "elke ochtend", "iedere maandag", "om de twee weken").
_PERIOD = rf"(?:dag|week|maand|kwartaal|jaar|ochtend|middag|avond|nacht|werkdag|weekend|dienst|{WEEKDAYS}|day|month|quarter|year|morning|evening|night)\b"
_PERIODS = r"(?:dagen|weken|maanden|kwartalen|jaar)\b"

# Contact details: a Dutch phone number (10 digits, or a 0800/0900/14 number), an e-mail address,
# a web address, a postcode with its capitals ("2023 en" is none) or a street with its number.
_PHONE, _EMAIL, _URL, _POSTAL = PHONE, EMAIL, URL, POSTAL  # assistant/text.py: also what a page footer keeps


# How a question says that a desk can be visited or called ("wanneer is de klantenservice bereikbaar").
OPEN = "open|geopend|bereikbaar|reachable"


# Words by which "wat is X ..." asks about an aspect or a relation of X, not what X is.
_ASPECT_WORDS = ("van", "bij", "voor", "in", "op", "met", "tussen", "volgens", "over", "naar", "uit", "door", "aan",
                 "om", "tot", "onder", "dat", "die", "er", "ervan", "daarvan", "nu", "dan", "precies", "eigenlijk",
                 "of", "tegen", "rond", "rondom", "binnen", "buiten", "zonder", "sinds", "na", "via", "per", "zelf",
                 "daar", "hier", "allemaal", "for", "on", "with", "between", "about", "according", "used")


# Words by which "wat is de eerste stap" asks for a part of a sequence (lists.numbered_part), not what a thing is.
_ORDINAL_WORDS = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
                  "laatste", "volgende", "vorige", "first", "second", "third", "fourth", "fifth", "last", "next")

# What "Wat is X?" or "Wat doet X?" asks about: a plain subject of at most four words that ends the
# question, no pronoun, article or ordinal first and no aspect word inside ("de rol van X" is an aspect).
_SUBJECT = (r"(?P<subject>(?!(?:er|dat|die|dit|deze|hier|het|je|u|jij|de|een|the|an?|" + "|".join(_ORDINAL_WORDS) + r")\b)[\w'’-]+"
            r"(?: (?!(?:" + "|".join(_ASPECT_WORDS) + r")\b)[\w'’/-]+){0,3})(?=\s*\?\s*$)")


@dataclass(frozen=True)
class FactKind:
    kind: str
    asks: str         # question phrases; named groups carry what the answer side needs
    shape: str = ""   # the fact in a sentence ("" : checked with the question's words)


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind("jaar", r"welk jaar|in welk jaar|sinds wanneer|sinds welk|vanaf wanneer|which year|since when",
             r"\b(19|20)\d\d\b"),
    # Until when something runs or must be done: where it ends ("loopt t/m eind 2021", "uiterlijk 1
    # december"), not any date ("Vanaf 2023 is ... beschikbaar" does not say when it stops).
    # (What "wanneer loopt ... af" encloses is the question's content: a lookahead, as for "auteur";
    # so in every phrase that spans words of the question.)
    FactKind("einde", r"tot wanneer|uiterlijk wanneer|until when|by when|"
                      r"wanneer (?:loopt|lopen|liep|liepen)\b(?=[^?]*\baf\b)|wanneer (?:verloopt|verlopen|eindigt|eindigen|stopt|stoppen)|"
                      r"when (?:does|do|will|did)(?= .+ (?:end|expire|run out))",
             rf"(\btot en met|\bt/m|\btot|\buntil|\bthrough|\buiterlijk|\bvóór|\bbefore|\bby|\beindigt|\bverloopt|\bafgelopen)"
             rf"\s+(\S+\s+){{0,3}}((19|20)\d\d|({MONTHS}|{WEEKDAYS}|eind|einde|end)\b|\d{{1,2}}[.:]\d{{2}}\b)|"
             # the date first, the verb that ends it after ("dat op 31 december 2026 afloopt")
             rf"\b((19|20)\d\d|{MONTHS})\s+(\S+\s+){{0,2}}(afloopt|aflopen|afliep|afliepen|eindigt|eindigen|verloopt|verlopen|stopt|stoppen)\b"),
    # "wanneer" that asks for a moment (not "wanneer is zorg passend", which asks for a condition)
    FactKind("datum", r"per wanneer|op welke datum|welke datum|in welke maand|"
                      r"wanneer vond|wanneer vindt|wanneer loopt|wanneer verloopt|wanneer eindigt|"
                      r"wanneer (?:start|starten|startte|startten|begint|beginnen|begon|begonnen)\b|"
                      r"on what date|when (was|were|did)|in which month",
             rf"\b(19|20)\d\d\b|\b({MONTHS})\b|\b\d{{1,2}}[-/]\d{{1,2}}[-/]\d{{2,4}}\b"),
    FactKind("procent", r"hoeveel procent|welk percentage|wat is het percentage|what percentage",
             r"%|\bprocent\b|\bpercent"),
    FactKind("bedrag", r"wat kost|wat kosten|hoeveel kost|hoeveel geld|hoeveel extra geld|hoeveel budget|hoeveel subsidie|"
                       r"hoeveel euro|(?:hoeveel|wat) (?:betaalt|betalen|betaalde|betaalden)\b|hoeveel (?:investeert|investeren|bedraagt|bedragen)\b|"
                       r"(?:wat|hoeveel) (?:verdien|verdient|verdienen|verdiende|verdienden)\b|"
                       r"wat is het (uur)?tarief|welk (uur)?tarief|wat is de prijs|welke prijs|hoe duur|"
                       r"how much does|what does(?= .* cost)|(wat|hoe groot|hoe hoog) (is|was|wordt) het budget|"
                       r"welk (budget|bedrag)|hoeveel bedraagt|what is the budget|hourly rate|"
                       r"what is the (rate|price|fee|tariff)|how much (money|funding|budget|subsidy)",
             r"€|\beuro\b|\bEUR\b"),
    # How to reach someone: the quotes must hold what is asked, a phone number, an e-mail address, a
    # web address or a postal address (any of them for "contactgegevens"). A passage that only names
    # the organisation answers "wat is het telefoonnummer van X" with nothing; "welke website ..."
    # may ask for a name, so only "wat is de website" asks for an address.
    FactKind("telefoon", r"telefoonnummer|telefoonnr|welk nummer (?:kan|moet) ik bellen|phone number|"
                         r"wat is (?:het|zijn|haar|je|uw) (?:mobiele )?nummer|"
                         r"\b(?:storings|alarm|service|nood|contact|info)nummer", _PHONE),
    FactKind("email", r"e-?mailadres|mailadres|e-?mail address", _EMAIL),
    FactKind("website", r"wat is (?:het|de) (?:website|url|webadres|internetadres)|webadres|internetadres|"
                        r"what is the (?:website|url|web address)", _URL),
    FactKind("adres", r"(?:post|bezoek)adres|wat is (?:het|de) adres|waar is (?:het|de) kantoor|"
                      r"what is the address", _POSTAL),
    FactKind("contact", r"contactgegevens|hoe (?:kan ik|neem ik) contact(?: (?:op|opnemen|leggen|zoeken)\b)?|hoe bereik ik|"
                        r"contact details|how (?:can|do) i (?:contact|reach|get in touch)", "|".join((_PHONE, _EMAIL, _URL, _POSTAL))),
    # Who wrote a text: an article or a blog names its author in a byline ("Door: Anna de Wit",
    # "Tekst: ...", "geschreven door ...", "Door Anna de Wit" alone on its line; "Door X zijn de partijen
    # ..." opens a sentence and names no author). What "wie heeft ... geschreven" encloses is the
    # question's content (a lookahead: question_words.without_fact_phrase leaves it for the coverage).
    # Minutes name who took them as "Verslag: Ilse Mulder" or "Notulist: ..."; "wie maakte het verslag" asks that.
    # An e-mail names its writer on its first line, "Van: Marloes Jansen".
    # a byline alone on its line, perhaps with its date after a separator ("Door Sanne de Groot · 3 november 2026")
    FactKind("auteur", r"wie (?:schreef|schrijft|heeft(?= .{0,60} geschreven))|wie is de (?:auteur|schrijver|notulist)|door wie is(?= .{0,60} geschreven)|"
                       r"wie (?:maakte|notuleerde)(?= (?:het|de|dit) (?:verslag|notulen)\b)|who wrote|who is the author",
             r"(?:^|\n)\s*(?:door|auteur|tekst|van|written by|by|from)\s*:\s*(?-i:[A-Z])|\b(?:door|auteur|tekst|verslag|notulen|notulist)\s*:\s*(?-i:[A-Z])|"
             r"(?:^|\n)\s*(?:door|written by|by)\s+(?-i:[A-Z])[\w'.-]*(?:\s+[\w'.-]+){0,4}\s*(?:[·|,–]\s*[^\n]*)?(?:\n|$)|"
             r"\bgeschreven door\s+(?:(?-i:[a-z])[\w-]+\s+)?(?-i:[A-Z])"),  # "door onderzoeksbureau Zorgwijzer"
    # A time of day ("openingstijden", "hoe laat", "wanneer is het loket open": "wanneer is" and "open"
    # ask, the rest names what, question_words.without_fact_phrase): the quotes must hold a clock time.
    FactKind("tijd", r"openingstijden|openingsuren|(?:om )?hoe laat|wanneer (?:is|zijn)(?= (?:\S+\s+){1,4}?(?:" + OPEN + r")\s*(?:\?|$))|"
                     r"opening hours|what time|when is(?= (?:\S+\s+){1,4}?(?:" + OPEN + r")\s*(?:\?|$))",
             r"\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\s*(?:uur|u)\b|\b\d{1,2}\s*(?:am|pm)\b|"
             r"\b(?:een|" + "|".join(NUMBER_WORDS) + r")\s+uur\b"),  # "van negen tot zes uur"
    # How often something happens: a frequency ("elk kwartaal", "twee keer per jaar", "jaarlijks"),
    # not a sentence that only names the thing done.
    FactKind("frequentie", r"hoe vaak|hoe dikwijls|hoeveel keer|hoeveel maal|met welke frequentie|how often|how many times",
             rf"\b(?:elke|elk|iedere|ieder|every|each)\s+(?:\w+\s+)?{_PERIOD}|\b(?:per|a)\s+{_PERIOD}|\bom de\s+(?:\w+\s+)?{_PERIODS}|"
             r"\b(?:\d+|een|één|twee|drie|vier|vijf|zes|tien|enkele|meerdere|two|three|several)\s+(?:keer|keren|maal|times)\b|"
             r"\b(?:dagelijks|wekelijks|tweewekelijks|maandelijks|driemaandelijks|halfjaarlijks|jaarlijks|tweejaarlijks|"
             r"daily|weekly|monthly|quarterly|yearly|annually|twice)\b"),
    FactKind("opsomming", r"(?:welke|noem(?: de)?|wat zijn de|which|what are the|name the) "
                          r"(?P<count>" + "|".join(NUMBER_WORDS) + r"|[2-9]|1[0-9])"),
    # "Wie is Jan Jansen?": who a named person is, which texts give in an apposition ("Jan Jansen,
    # coördinator van ...", "Jan Jansen (ZN)") or a sentence about the name ("Jansen is ..."). The name
    # is written with capitals; "wie is verantwoordelijk" asks for a person, not about one.
    FactKind("persoon", r"(?:wie|who) (?:is|was) (?P<person>(?-i:[A-Z][\w'-]+(?:\s+(?:van|de|der|den|ter|ten|van der|van den))?"
                        r"(?:\s+[A-Z][\w'-]+)*))(?=\s*[?.!]?\s*$)"),
    # The role is the noun, past an adjective ("wie is de huidige leverancier": a leverancier, not "huidige");
    # one holder ("wie is de ...") is named (has_fact), a group ("wie zijn de oliemannetjes") may be "wij".
    # "Voor wie is de regeling bedoeld?", "Aan wie is de brief gericht?": a preposition makes "wie" no role holder.
    FactKind("rol", r"(?<!voor )(?<!aan )(?<!met )(?<!van )(?<!bij )(?<!door )(?<!naar )(?<!over )(?<!tegen )(?<!to )(?<!for )"
                    r"wie (?P<number>is|was|zijn|waren) (?:de|het) (?:[\w-]+e\s+)?"
                    r"(?P<role>(?!(?:van|bij|voor|in|op|met|namens|binnen|der|den)\b)[\w-]+)"),
    # How long something runs or applies: a duration, or where it ends ("loopt t/m eind 2021"); a
    # wait or a treatment ("hoe lang duurt ...") only by a duration (the next row).
    FactKind("looptijd", r"hoe lang (?:loopt|lopen|liep|liepen|geldt|gelden|blijft|blijven|bestaat|bestaan)|"
                         r"how long (?:does|do|will|did)(?= .+ (?:run|apply|last))",
             _DURATION + rf"|(\btot en met|\bt/m|\btot|\buntil|\bthrough)\s+(\S+\s+){{0,2}}((19|20)\d\d|({MONTHS}))\b"),
    FactKind("duur", r"hoe lang(?: (?:duurt|duren|duurde|duurden)\b)?|how long|(?:binnen )?hoeveel (dagen|weken|maanden|jaar|tijd)|hoe snel|binnen welke termijn|"
                     r"op welke termijn|how (?:fast|quickly|soon)",
             _DURATION),
    # "Wat is X?", "Wat zijn de X?": what X is, which a text gives where it introduces X ("X: ...",
    # "X (...)", "(X)" after its long form, "X is ...", a sentence about X that starts with it).
    # A passage that only names X in passing ("zoals X en Y") holds the word and not the answer.
    # Only a plain subject: "wat is de rol van ..." asks about an aspect, not what something is; and
    # "wat zijn de tips?" asks which ones (a list), where "wat zijn schaduwwachtlijsten?" asks what they are.
    FactKind("definitie", r"^(?:en )?(?:wat|what) (?:(?:is|betekent|betekenen) (?:(?:een|de|het|an?|the) )?|(?:zijn|are) )"
                          + _SUBJECT),
    # "Wat doet X?": what X does, which a text says where it introduces X or makes it the subject
    # ("X helpt ...", "Anna (X)"); a passage that names X in passing ("het register voor X") does not.
    FactKind("activiteit", r"^(?:en )?wat (?:doet|doen) (?:(?:een|de|het) )?" + _SUBJECT),
    FactKind("getal", r"hoeveel|how many|how much|hoe hoog|hoe groot"),
)

ASKS = tuple((k.kind, re.compile(rf"\b(?:{k.asks})\b", re.IGNORECASE)) for k in FACT_KINDS)
# The kinds that ask about a subject the question names ("Wat is X?", "Wat doet X?"): answered where
# a text introduces X (facts._introduces); X itself is the fact, not a name the quotes must also hold.
ABOUT_SUBJECT = frozenset({"definitie", "activiteit"})
SHAPES = {k.kind: re.compile(k.shape, re.IGNORECASE) for k in FACT_KINDS if k.shape}
