"""Other forms of a Dutch word: the conjugations of a regular verb and its -ing noun, and separable
verbs written apart (pure). Compounds: compounds.py.

The stemmer reduces "organiseren" to "organiser" but leaves "organiseerde" and "georganiseerd"
as they are, so a question in the past tense misses a document in the infinitive ("Wie
organiseerde de workshop?" against "hoe organiseren we het"). `forms` lists the other forms a
word can have when it is a form of a regular (weak) verb: the stem is found by taking off a
participle's ge- (also after a separable particle: aan-ge-jaagd; none after an unstressed prefix:
be-taald) and an ending (-de, -te, -den,
-ten, -d, -t, -en, -ing, -ingen), respelled for the syllable it ends up in (organiseer /
organiser-en, jaag / jag-en, leef / lev-en, zet / zett-en), and given every ending again. The
past tense and participle endings follow the 't kofschip rule (-te after t, k, f, s, ch, p,
-de after the rest), so "planten" is not read as a past tense of "plan".

Strong and irregular verbs change their vowel instead (nemen / nam / genomen): their forms come
from a table of the common ones (`STRONG`), also with a separable particle (aan-genomen, nam ... aan)
or an unstressed prefix (ver-schoven, be-sloten).
The vocabulary (spelling.py) keeps the forms its corpus has, for words the corpus lacks.
"""

from __future__ import annotations

from collections.abc import Mapping

VOWELS = set("aeiouy")
VOICELESS = ("t", "k", "f", "s", "ch", "p")  # 't kofschip: -te(n) and -t after these, -de(n) and -d after the rest
PARTICLES = ("aan", "af", "bij", "door", "in", "mee", "na", "om", "onder", "op", "over", "terug", "toe", "uit",
             "vast", "voor", "weg", "samen", "los", "open", "dicht", "neer", "terecht", "vrij")
MIN_STEM = 3
# Unstressed prefixes: a verb that starts with one has its participle without ge- ("betalen":
# "betaald", "herhalen": "herhaald", "ontvouwen": "ontvouwd").
UNSTRESSED = ("be", "ver", "ont", "her")


def _voiceless(stem: str) -> bool:
    return stem.endswith(VOICELESS)


def _agrees(stem: str, ending: str) -> bool:
    """Whether a past-tense or participle ending fits the stem: -te(n)/-t after t, k, f, s, ch, p;
    -de(n)/-d after the rest, and after f and s too when the infinitive has v or z (leefde, reisde)."""
    if ending.startswith("t"):
        return _voiceless(stem)
    return not stem.endswith(("t", "k", "ch", "p"))


def _past(stem: str) -> str:
    return "t" if _voiceless(stem) else "d"


# Strong and irregular verbs: the stem (as in "ik neem") -> past singular, past plural, participle.
# General Dutch, not a corpus's words; "zijn", "hebben", "worden", the modal verbs, "doen" and "zeggen"
# are stop or asking words.
STRONG: dict[str, tuple[str, str, str]] = {
    "neem": ("nam", "namen", "genomen"), "kom": ("kwam", "kwamen", "gekomen"), "geef": ("gaf", "gaven", "gegeven"),
    "krijg": ("kreeg", "kregen", "gekregen"), "blijf": ("bleef", "bleven", "gebleven"),
    "schrijf": ("schreef", "schreven", "geschreven"), "kijk": ("keek", "keken", "gekeken"),
    "kies": ("koos", "kozen", "gekozen"), "vind": ("vond", "vonden", "gevonden"),
    "begin": ("begon", "begonnen", "begonnen"), "zie": ("zag", "zagen", "gezien"), "ga": ("ging", "gingen", "gegaan"),
    "sta": ("stond", "stonden", "gestaan"), "houd": ("hield", "hielden", "gehouden"), "loop": ("liep", "liepen", "gelopen"),
    "draag": ("droeg", "droegen", "gedragen"), "vraag": ("vroeg", "vroegen", "gevraagd"),
    "spreek": ("sprak", "spraken", "gesproken"), "bied": ("bood", "boden", "geboden"), "sluit": ("sloot", "sloten", "gesloten"),
    "schuif": ("schoof", "schoven", "geschoven"), "stijg": ("steeg", "stegen", "gestegen"), "lijk": ("leek", "leken", "geleken"),
    "blijk": ("bleek", "bleken", "gebleken"), "lig": ("lag", "lagen", "gelegen"), "zit": ("zat", "zaten", "gezeten"),
    "help": ("hielp", "hielpen", "geholpen"), "trek": ("trok", "trokken", "getrokken"), "breng": ("bracht", "brachten", "gebracht"),
    "denk": ("dacht", "dachten", "gedacht"), "zoek": ("zocht", "zochten", "gezocht"), "koop": ("kocht", "kochten", "gekocht"),
    "rijd": ("reed", "reden", "gereden"), "grijp": ("greep", "grepen", "gegrepen"), "wijs": ("wees", "wezen", "gewezen"),
    "val": ("viel", "vielen", "gevallen"), "laat": ("liet", "lieten", "gelaten"), "weet": ("wist", "wisten", "geweten"),
    "tref": ("trof", "troffen", "getroffen"), "meet": ("mat", "maten", "gemeten"), "lees": ("las", "lazen", "gelezen"),
    "werf": ("wierf", "wierven", "geworven"), "breek": ("brak", "braken", "gebroken"), "dwing": ("dwong", "dwongen", "gedwongen"),
    "win": ("won", "wonnen", "gewonnen"), "bind": ("bond", "bonden", "gebonden"), "verlies": ("verloor", "verloren", "verloren"),
    "weeg": ("woog", "wogen", "gewogen"), "vang": ("ving", "vingen", "gevangen"), "hang": ("hing", "hingen", "gehangen"),
    "gelijk": ("geleek", "geleken", "geleken"), "sterf": ("stierf", "stierven", "gestorven"), "schiet": ("schoot", "schoten", "geschoten"),
    "geniet": ("genoot", "genoten", "genoten"), "verdwijn": ("verdween", "verdwenen", "verdwenen"), "wijk": ("week", "weken", "geweken"),
    "snijd": ("sneed", "sneden", "gesneden"), "lijd": ("leed", "leden", "geleden"), "vergeet": ("vergat", "vergaten", "vergeten"),
    "beveel": ("beval", "bevalen", "bevolen"), "sla": ("sloeg", "sloegen", "geslagen"), "treed": ("trad", "traden", "getreden"),
    "schijn": ("scheen", "schenen", "geschenen"), "geld": ("gold", "golden", "gegolden"), "roep": ("riep", "riepen", "geroepen"),
    "zend": ("zond", "zonden", "gezonden"), "hef": ("hief", "hieven", "geheven"),
}
# Those whose infinitive and present are not the stem's regular ones ("komen", not "kommen"; "gaan", "gaat").
IRREGULAR: dict[str, tuple[str, str]] = {
    "kom": ("komen", "komt"), "ga": ("gaan", "gaat"), "sta": ("staan", "staat"), "zie": ("zien", "ziet"), "sla": ("slaan", "slaat"),
}


def _strong_forms() -> dict[str, set[str]]:
    """Every strong verb, with each particle and unstressed prefix, as stem -> its irregular forms
    (with the infinitive and present where those are irregular too). The participle keeps ge- after
    a particle (aan-ge-nomen), not after a prefix (ver-schoven)."""
    out: dict[str, set[str]] = {}
    for stem, (past, pasts, participle) in STRONG.items():
        own = set(IRREGULAR.get(stem, ()))
        for particle in ("", *PARTICLES):
            out[particle + stem] = {particle + f for f in (past, pasts, participle, *own)}
        bare = participle[2:] if participle.startswith("ge") else participle
        for prefix in UNSTRESSED:
            out[prefix + stem] = {prefix + f for f in (past, pasts, bare, *own)}
    return out


def _strong_stems(forms_of: dict[str, set[str]]) -> dict[str, set[str]]:
    """The other way round: each irregular form -> the stems it is a form of."""
    out: dict[str, set[str]] = {}
    for stem, made in forms_of.items():
        for form in made:
            out.setdefault(form, set()).add(stem)
    return out


STRONG_FORMS = _strong_forms()
STRONG_STEMS = _strong_stems(STRONG_FORMS)


def stems(word: str) -> set[str]:
    """The verb stems `word` can be a form of (spelled as in "ik organiseer").

    Example: stems("georganiseerd") == {"organiseer"}
    """
    if word in STRONG_STEMS:  # genomen, aangenomen, nam, verschoven: a strong verb's stem, not the regular guess
        return set(STRONG_STEMS[word])
    bases = {word: False}
    for particle in ("", *PARTICLES):
        head = particle + "ge"
        if word.startswith(head) and len(word) - len(head) >= MIN_STEM:
            bases[particle + word[len(head):]] = True  # a participle
    out: set[str] = set()
    for base, participle in bases.items():
        if participle and base.endswith(("t", "d")) and (len(base) <= MIN_STEM or not _agrees(base[:-1], base[-1])):
            out.add(base)  # ge-zet, ge-wed: the stem ends in the participle's consonant
        for ending in ("den", "ten", "de", "te", "d", "t", "ingen", "ing", "en"):
            without_ge = ending == "d" and base.startswith(UNSTRESSED)  # "betaald": a participle without ge-
            if not base.endswith(ending) or (participle and ending not in ("d", "t")) or (not participle and ending == "d"
                                                                                          and not without_ge):
                continue
            stem = base[: -len(ending)]
            if ending in ("en", "ing", "ingen"):
                found = _closed(stem) if stem else set()
            elif ending != "t" and not _agrees(stem, ending):
                continue  # "planten" is no past tense of "plan" ('t kofschip)
            else:
                found = {stem}
            out |= {s for s in found if len(s) >= MIN_STEM and any(ch in VOWELS for ch in s)}
    if word in STRONG_FORMS:
        out.add(word)  # a strong verb's stem that ends like a form ("sluit", "weet", "zit")
    if strong := {s for s in out if s in STRONG_FORMS}:
        out = strong  # "opnemen" is op-neem, not also a regular "opnem" (both spellings _closed allows)
    if not out and len(word) >= MIN_STEM and word[-1] not in VOWELS:
        out.add(word)  # the word may be the stem itself
    return out


_DIGRAPHS = frozenset({"aa", "ee", "oo", "uu", "ie", "oe", "eu", "ou", "au", "ei", "ui"})


def _closed(stem: str) -> set[str]:
    """How a stem spelled before -en may be spelled at the end of a word: organiser -> organiseer,
    jag -> jaag, lev -> leef, zett -> zet; both spellings where stress decides (belemmer, organiser)."""
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return {stem[:-1]}  # zett(en) -> zet
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in "aeou" and _single(stem[-3:-1]):
        return {stem, stem[:-1] + stem[-2] + stem[-1]}
    return {stem}


def _open(stem: str) -> set[str]:
    """How a stem may be spelled before -en: organiseer -> organiser, jaag -> jag, leef -> lev,
    zet -> zett (one syllable, short vowel)."""
    if len(stem) >= 4 and stem[-1] not in VOWELS and stem[-2] == stem[-3] and stem[-2] in "aeou" \
            and _single(stem[-4:-2]):
        stem = stem[:-2] + stem[-1]
    elif _syllables(stem) == 1 and stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3:-2] not in VOWELS:
        return {stem + stem[-1]}
    if stem[-1] in "fs" and stem[-2] in VOWELS:
        return {stem[:-1] + {"f": "v", "s": "z"}[stem[-1]], stem}
    return {stem}


def _single(pair: str) -> bool:
    """Whether the vowel that ends `pair` is a vowel of its own: after a consonant, or after a vowel
    it forms no Dutch digraph with (evalu-eren: "evalueer"; not ki-ezen: "kies").

    Example: (_single("se"), _single("ue"), _single("ie")) == (True, True, False)
    """
    return pair[:1] not in VOWELS or pair not in _DIGRAPHS


def _syllables(stem: str) -> int:
    return sum(1 for i, ch in enumerate(stem) if ch in VOWELS and (i == 0 or stem[i - 1] not in VOWELS))


def forms(word: str) -> set[str]:
    """The other forms of `word` (folded, lower case) if it is a form of a regular verb: present,
    past tense, participle (ge-, after a particle too), infinitive and -ing noun.

    Example: {"organiseren", "georganiseerd", "organiseert"} <= forms("organiseerde")
    """
    out: set[str] = set()
    for stem in stems(word):
        # A strong verb's past and participle are its own (nam, genomen), not the regular ones ("geneemd").
        strong = STRONG_FORMS.get(stem)
        irregular = strong is not None and any(stem == head + s for head in ("", *PARTICLES, *UNSTRESSED)
                                               for s in IRREGULAR)  # (aan)komen, (op)staan
        made = set() if irregular or stem.endswith("t") else {stem + "t"}  # "hij zet", not "zett"
        for past in () if strong else {"t", "d"} if stem.endswith(("f", "s")) else {_past(stem)}:  # leefde, kuste
            made |= {stem + past + "e", stem + past + "en", "ge" + stem + (past if not stem.endswith(past) else "")}
            if stem.startswith(UNSTRESSED) and len(stem) - 2 >= MIN_STEM:
                made.add(stem + (past if not stem.endswith(past) else ""))  # betaald, herhaald
            for particle in PARTICLES:
                rest = stem[len(particle):]
                if stem.startswith(particle) and len(rest) >= MIN_STEM:
                    made.add(particle + "ge" + rest + (past if not rest.endswith(past) else ""))
        for before_en in () if irregular else _open(stem):
            made |= {before_en + "en", before_en + "ing", before_en + "ingen"}
        out |= made | (strong or set())
    out.discard(word)
    return out


def particle_verbs(word: str) -> set[str]:
    """The separable verbs `word` can be a form of, as particle + stem; empty for other words.

    Example: particle_verbs("opgeleverd") == {"oplever"}
    """
    return {s for s in stems(word) for p in PARTICLES if s.startswith(p) and len(s) - len(p) >= MIN_STEM}


def split_particle_verbs(words: list[str]) -> set[str]:
    """The separable verbs a clause may write apart, as particle_verbs spells them: a main clause puts
    the particle at the end ("Het levert meer werkplezier op" holds "oplever"). Every verb form in
    the clause is paired with every particle in it; only a question's own verbs are looked up.

    Example: "oplever" in split_particle_verbs(["het", "levert", "meer", "werkplezier", "op"])
    """
    present = [p for p in PARTICLES if p in words]
    if not present:
        return set()
    return {p + stem for w in words if w not in PARTICLES for stem in stems(w) | {w} for p in present}


def written_apart(particles: Mapping[str, set[str]], words: list[str]) -> set[str]:
    """The terms of `particles` (a term -> the separable verbs it can be a form of) that a clause's
    `words` write apart ("aanlever" in "zij leveren hun cijfers aan").

    Example: written_apart({"oplever": {"oplever"}}, ["het", "levert", "veel", "op"]) == {"oplever"}
    """
    split = split_particle_verbs(words)
    return {t for t, verbs in particles.items() if verbs & split}


def apart_verbs(question: list[str]) -> dict[str, set[str]]:
    """The separable verbs (particle + stem) the `question`'s words may write apart, each with those
    words. A particle is one when it stands next to the verb ("om mee te doen" too) or ends the
    question ("Hoe vraag ik het aan"); elsewhere it is a preposition ("gegevens in de Zorgatlas gevuld"
    is no "invullen"). Found once per question; `written_together` looks for them in a text.

    Example: apart_verbs(["als", "er", "een", "pagina", "los", "zit"])["loszit"] == {"los", "zit"}
    """
    verbs: dict[str, set[str]] = {}
    for i, particle in enumerate(question):
        if particle not in PARTICLES:
            continue
        after = i + 2 if question[i + 1:i + 2] == ["te"] else i + 1  # "om mee te doen"
        near = [j for j in (i - 1, after) if 0 <= j < len(question)] if i < len(question) - 1 else range(len(question))
        for j in near:
            if question[j] not in PARTICLES:
                for stem in stems(question[j]) | {question[j]}:
                    verbs.setdefault(particle + stem, set()).update((particle, question[j]))
    return verbs


def written_together(verbs: Mapping[str, set[str]], words: list[str]) -> set[str]:
    """The question's words (`verbs`: apart_verbs) of a separable verb it writes apart ("los", "zit")
    which `words` write as one word ("loszitten"): the other way round from written_apart.

    Example: written_together(apart_verbs(["als", "er", "een", "pagina", "los", "zit"]), ["pagina's", "loszitten"]) == {"los", "zit"}
    """
    if not verbs:
        return set()
    starts = tuple(p for p in PARTICLES if any(verb.startswith(p) for verb in verbs))
    found: set[str] = set()
    for word in set(words):
        if word.startswith(starts) and word not in PARTICLES:
            for verb in particle_verbs(word) & verbs.keys():
                found |= verbs[verb]
    return found
