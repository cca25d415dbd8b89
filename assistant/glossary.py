"""Dutch glossary of acronyms and names in Dutch care policy, used for query expansion.

`expand(query)` appends the long form of every acronym in the query (and the acronym of
every long form), and the policy words for everyday ones ("zzp'ers" -> personeel niet in
loondienst), so BM25 and the dense models see both. Deliberately a plain table:
easy to review, no model. Not done here: spelling correction.
"""

from __future__ import annotations

import re

from .text import fold, is_english

# acronym -> long form; variants of spelling map to the same entry via ALIASES.
GLOSSARY: dict[str, str] = {
    "IZA": "Integraal Zorgakkoord (Integraal Zorg Akkoord)",
    "WOZO": "programma Wonen, Ondersteuning en Zorg voor Ouderen (WoZo)",
    "GALA": "Gezond en Actief Leven Akkoord",
    "SPUK": "Specifieke uitkering (SPUK-regeling)",
    "DOS": "Domein Overstijgende Samenwerking (DOS-regeling)",
    "WLZ": "Wet langdurige zorg (Wlz)",
    "WMO": "Wet maatschappelijke ondersteuning (Wmo)",
    "ZVW": "Zorgverzekeringswet (Zvw)",
    "WZD": "Wet zorg en dwang (WZD)",
    "KIK-V": "Keteninformatie Kwaliteit Verpleeghuiszorg (KIK-V)",
    "IWLZ": "informatievoorziening in de Wet langdurige zorg (iWlz)",
    "MEDMIJ": "MedMij persoonlijke gezondheidsomgeving (PGO)",
    "PGO": "persoonlijke gezondheidsomgeving (PGO)",
    "MITZ": "Mitz toestemmingsvoorziening",
    "BGLZ": "basisgegevensset langdurige zorg (BgLZ)",
    "LVHC": "Laag Volume Hoog Complexe zorg (LVHC)",
    "PNIL": "personeel niet in loondienst (PNIL)",
    "V&V": "verpleging en verzorging (V&V)",
    "VV": "verpleging en verzorging (V&V)",
    "VWS": "ministerie van Volksgezondheid, Welzijn en Sport (VWS)",
    "ZONMW": "ZonMw",
    "ZN": "Zorgverzekeraars Nederland (ZN)",
    "CIZ": "Centrum indicatiestelling zorg (CIZ)",
    "GRZ": "geriatrische revalidatiezorg (GRZ)",
    "ELV": "eerstelijnsverblijf",
    "EPD": "elektronisch patiëntendossier (EPD)",
    "AVG": "Algemene verordening gegevensbescherming (AVG)",
    "REC": "regionale expertisecentra (REC/DEC)",
    "DEC": "expertisecentra (REC/DEC)",
    "WIR": "Waardigheid en trots in de regio (WIR)",
    "MP9": "medicatieoverdracht MP9-standaard",
    "GZ": "gehandicaptenzorg (GZ)",
    "GGZ": "geestelijke gezondheidszorg (GGZ)",
    "ANW": "avond, nacht en weekend (ANW)",
    "PPIT": "People, Process, Information en Technology (PPIT)",
    "FTE": "fte (voltijdbanen)",
    "CO2": "CO2-uitstoot",
    "PA": "physician assistant (PA)",
    "ICT": "ICT, IT",
}
# English care-policy terms -> Dutch, so English questions also match the Dutch keyword index.
EN_NL: dict[str, str] = {
    "building block": "bouwblok", "building blocks": "bouwblokken", "movement": "beweging",
    "movements": "bewegingen", "support structure": "ondersteuningsstructuur", "hybrid care": "hybride zorg",
    "care office": "zorgkantoor", "care administration office": "zorgkantoor", "long-term care": "langdurige zorg",
    "nursing home": "verpleeghuis", "nursing homes": "verpleeghuizen", "district nursing": "wijkverpleging",
    "home care": "zorg thuis", "sustainability": "verduurzaming", "preconditions": "randvoorwaarden",
    "conditions": "randvoorwaarden", "phase": "fase", "phases": "fasen", "barriers": "belemmeringen",
    "obstacles": "belemmeringen knelpunten", "bottlenecks": "knelpunten", "pitfalls": "knelpunten",
    "projects": "projecten", "region": "regio", "regional": "regionale", "waiting list": "wachtlijst",
    "waiting lists": "wachtlijsten", "data exchange": "gegevensuitwisseling", "prevention": "preventie",
    "informal care": "informele zorg", "care providers": "zorgaanbieders", "providers": "aanbieders",
    "healthcare professionals": "zorgprofessionals", "professionals": "professionals zorgprofessionals",
    "employees": "medewerkers", "staff": "medewerkers personeel", "technology": "technologie",
    "digital care": "digitale zorg", "at home": "thuis", "self-reliance": "zelfredzaamheid",
    "collaboration": "samenwerking", "cooperation": "samenwerking", "funding": "financiering bekostiging",
    "financing": "financiering", "contracting": "contractering", "interoperability": "interoperabiliteit",
    "registration": "registratie", "initiated": "geïnitieerd", "tools": "handvatten", "handles": "handvatten",
    "action plan": "plan van aanpak", "patients": "patiënten", "clients": "cliënten", "workshop": "workshop",
    "implementation": "implementatie", "maturity": "maturiteit volwassen", "fragmentation": "fragmentatie",
    "privacy": "privacy gegevensbescherming", "medication": "medicatie", "hospital": "ziekenhuis",
    "employer": "werkgeverschap", "progress report": "voortgangsrapportage", "quality framework": "kwaliteitskader",
    "dignity and pride": "Waardigheid en trots", "insurers": "zorgverzekeraars", "municipality": "gemeente",
    # general words of care, policy and reports, so that an English question also finds a Dutch report nobody
    # tuned on; not the words that point at the document itself ("article", "report": passages rarely write them)
    "municipalities": "gemeenten", "insurer": "zorgverzekeraar", "health insurer": "zorgverzekeraar",
    "health insurers": "zorgverzekeraars", "care provider": "zorgaanbieder", "provider": "aanbieder",
    "nurse": "verpleegkundige", "nurses": "verpleegkundigen", "district nurse": "wijkverpleegkundige",
    "district nurses": "wijkverpleegkundigen", "carer": "verzorgende", "carers": "verzorgenden",
    "informal carers": "mantelzorgers", "volunteers": "vrijwilligers", "gp": "huisarts", "gps": "huisartsen",
    "general practitioner": "huisarts", "general practitioners": "huisartsen", "doctor": "arts",
    "elderly": "ouderen", "older people": "ouderen", "residents": "inwoners bewoners", "inhabitants": "inwoners",
    "client": "cliënt", "patient": "patiënt", "employee": "medewerker", "staff shortage": "personeelstekort tekort",
    "shortage": "tekort", "deficit": "tekort", "vacancies": "vacatures", "sick leave": "ziekteverzuim verzuim",
    "absenteeism": "ziekteverzuim verzuim", "staff turnover": "verloop", "turnover": "omzet verloop",
    "revenue": "omzet", "costs": "kosten", "cost": "kosten", "price": "prijs", "fee": "vergoeding tarief",
    "fees": "vergoedingen tarieven", "rate": "tarief", "rates": "tarieven", "tariff": "tarief",
    "tariffs": "tarieven", "reimbursement": "vergoeding", "reimbursed": "vergoed",
    "money": "geld", "subsidy": "subsidie", "grant": "subsidie", "deductible": "eigen risico",
    "basic insurance": "basisverzekering", "purchasing": "inkoop", "procurement": "inkoop",
    "purchasing policy": "inkoopbeleid", "contract": "contract", "contracts": "contracten", "supplier": "leverancier",
    "suppliers": "leveranciers", "tender": "aanbesteding", "tendering": "aanbesteding", "award": "gunning gunnen",
    "awarded": "gegund gunning", "publish": "publiceren", "published": "gepubliceerd", "lot": "perceel",
    "lots": "percelen", "bid": "inschrijving", "bids": "inschrijvingen",
    "agreement": "akkoord afspraak", "agreements": "afspraken akkoorden", "agreed": "afgesproken",
    "policy": "beleid", "policy plan": "beleidsplan", "programme": "programma",
    "program": "programma", "law": "wet", "act": "wet", "government": "overheid rijksoverheid",
    "ministry": "ministerie", "goal": "doel", "goals": "doelen", "aim": "doel", "purpose": "doel",
    "objective": "doel", "target": "doel norm", "role": "rol", "vision": "visie", "strategy": "strategie",
    "culture": "cultuur", "leadership": "leiderschap", "quality": "kwaliteit", "satisfaction": "tevredenheid",
    "satisfied": "tevreden", "results": "resultaten", "result": "resultaat", "outcomes": "resultaten uitkomsten",
    "evaluation": "evaluatie", "annual report": "jaarverslag",
    "pilot": "pilot proef", "trial": "proef", "experiment": "experiment proef", "recommendations": "aanbevelingen",
    "recommendation": "aanbeveling", "lessons": "lessen", "steps": "stappen", "step": "stap",
    "risks": "risico's", "problems": "problemen knelpunten", "challenges": "uitdagingen knelpunten",
    "experiences": "ervaringen", "experience": "ervaring", "training": "training scholing",
    "skills": "vaardigheden", "digital skills": "digitale vaardigheden", "acceptance": "acceptatie",
    "trust": "vertrouwen", "support": "ondersteuning steun draagvlak", "standards": "standaarden",
    "standard": "standaard", "data": "gegevens data", "systems": "systemen", "care pathway": "zorgpad",
    "care pathways": "zorgpaden", "remote care": "zorg op afstand", "remote": "op afstand",
    "video calling": "beeldbellen", "video calls": "beeldbellen beeldzorg", "telemonitoring": "thuismonitoring",
    "home monitoring": "thuismonitoring", "lifestyle": "leefstijl",
    "fall prevention": "valpreventie", "falls": "vallen valincidenten", "dementia": "dementie",
    "disability care": "gehandicaptenzorg", "mental health care": "ggz geestelijke gezondheidszorg",
    "rehabilitation": "revalidatie", "nursing": "verpleging", "care home": "verpleeghuis",
    "neighbourhood": "wijk buurt", "neighborhood": "wijk buurt", "district team": "wijkteam", "night shift": "nachtdienst",
    "night care": "nachtzorg", "coordinator": "coördinator", "project leader": "projectleider",
    "chair": "voorzitter", "director": "directeur bestuurder", "board": "bestuur", "member": "lid",
    "members": "leden", "meeting": "bijeenkomst", "meetings": "bijeenkomsten", "event": "bijeenkomst event",
    "presentation": "presentatie", "phone number": "telefoonnummer",
    "address": "adres", "opening hours": "openingstijden", "application": "aanvraag", "apply": "aanvragen",
    "indication": "indicatie", "allowance": "toeslag", "benefit": "uitkering", "pension": "pensioen",
    "housing": "wonen huisvesting", "independently": "zelfstandig", "independent": "zelfstandig",
    "loneliness": "eenzaamheid", "wellbeing": "welzijn", "well-being": "welzijn", "health": "gezondheid",
    "care": "zorg", "digital": "digitaal digitale", "national": "landelijk landelijke", "local": "lokaal lokale",
    "members' event": "ledenevent", "members event": "ledenevent", "presented": "presenteerden gepresenteerd presentatie",
    "expect": "verwachten verwacht", "expects": "verwacht verwachten",
}
# Everyday Dutch words for concepts the policy texts name otherwise (pattern on folded text -> terms).
SYNONYMS: dict[str, str] = {
    r"zzp'?ers?|uitzendkrachten|uitzendkracht|flexwerkers?|flexkrachten|inhuur": "personeel niet in loondienst (PNIL)",
    r"mantelzorg(ers?)?": "informele zorg naasten",
    r"beeldbellen|videobellen|videoconsult(en)?": "zorg op afstand beeldzorg",
    r"telemonitoring|thuismeten": "thuismonitoring monitoring op afstand",
    r"e-?health|zorgtechnologie": "digitale zorg technologie",
    r"personeelstekort(en)?|krapte": "tekort aan zorgprofessionals arbeidsmarkt",
    r"belemmer(t|en|ingen|ing)|obstakels?|barrieres?|drempels?": "belemmeringen obstakels drempels knelpunten",
    r"wachttijd(en)?": "wachtlijsten",
}
ALIASES = {"WOZO": "WOZO", "WO-ZO": "WOZO", "KIKV": "KIK-V", "VENV": "V&V"}
_ACRONYM = re.compile(r"(?<![\w&-])([A-Za-z][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)?)(?![\w&-])")


# Each long form without its parenthesised variants, folded: what a query or name is matched against.
_CORES = {acronym: fold(re.sub(r"\s*\(.*?\)", "", long_form)) for acronym, long_form in GLOSSARY.items()}


def _lookup(token: str) -> str | None:
    key = token.upper()
    key = ALIASES.get(key, key)
    return GLOSSARY.get(key)


def other_names(name: str) -> list[str]:
    """How else the documents may write a name: an acronym's long forms (phrases, or single words
    that are acronyms themselves), or the acronym of a long form.

    Example: other_names("IZA") == ["Integraal Zorgakkoord", "Integraal Zorg Akkoord"]
    Example: other_names("Integraal Zorgakkoord") == ["IZA"]
    """
    names: list[str] = []
    if long_form := _lookup(name):
        parts = [p.strip() for p in re.split(r"[()]", long_form) if p.strip()]
        names += [p for p in parts if fold(p) != fold(name) and (" " in p or any(c.isupper() for c in p[1:]))]
    folded = fold(name)
    if len(folded) > 8:
        names += [acronym for acronym, core in _CORES.items() if folded in core]
    return names


def names_of_acronyms(text: str, written: bool = False) -> list[str]:
    """The long forms of the acronyms in `text` and the acronyms of its long forms, those it does
    not hold already. `written`: text from a document, where an acronym starts with a capital
    ("Wlz", "WZD"; "gala" is a word).

    Example: names_of_acronyms("Het GALA en de Wet langdurige zorg") == ["Gezond en Actief Leven Akkoord", "WLZ"]
    """
    additions: list[str] = []
    folded = fold(text)
    for match in _ACRONYM.finditer(text):
        token = match.group(1)
        # Acronyms are short; two-letter ones only count in capitals ("pa" is a word, "PA" is not).
        if len(token) > 7 or (len(token) < 3 and not token.isupper()) or (written and not token[0].isupper()):
            continue
        long_form = _lookup(token)
        if long_form and fold(long_form) not in folded and long_form not in additions:
            additions.append(long_form)
    upper = text.upper()
    for acronym, core in _CORES.items():
        if len(core) > 8 and core in folded and acronym not in upper:
            additions.append(acronym)
    return additions


def expand(query: str) -> str:
    """Add the long forms of acronyms in the query and the acronyms of long forms.

    Example: expand("Wat is GALA?") == "Wat is GALA? (Gezond en Actief Leven Akkoord)"
    """
    additions = names_of_acronyms(query)
    folded = fold(query)
    for pattern, terms in SYNONYMS.items():
        if re.search(rf"\b({pattern})\b", folded) and terms not in additions:
            additions.append(terms)
    if is_english(query):
        for english, dutch in EN_NL.items():  # a plural in -s without its own entry finds its singular's ("programmes")
            plural = "" if f"{english}s" in EN_NL or f"{english}es" in EN_NL else "(?:s|es)?"
            if re.search(rf"\b{re.escape(english)}{plural}\b", folded) and dutch not in additions:
                additions.append(dutch)
    return f"{query} ({'; '.join(additions)})" if additions else query


def translations(phrase: str) -> list[str]:
    """The Dutch terms EN_NL gives for an English phrase (the whole phrase, without an article);
    for a single word also each of its terms ("obstacles": "belemmeringen", "knelpunten").

    Example: translations("the hybrid care") == ["hybride zorg"]
    """
    key = re.sub(r"^(?:the|an?)\s+", "", fold(phrase))
    dutch = EN_NL.get(key)
    if not dutch:
        return []
    return [dutch, *(dutch.split() if " " not in key and " " in dutch else [])]
