"""Selection principles of the plan van aanpak (plan_select.py, plan_signals.py): on a tiny
synthetic passage with an event notice, a question, another region's anecdote, a navigation line
and a dated report, only the recommendation is chosen; plus the signals one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.index import open_index
from assistant.plan import BOUWBLOKKEN, Planner, PlanRequest
from assistant.plan_model import action_text, display
from assistant.plan_select import Context, candidates, choose, theme_share
from assistant.plan_signals import (
    is_dated,
    is_fragment,
    is_header,
    is_imperative,
    is_navigation,
    is_question,
    is_warning,
    lowercase_vocabulary,
    name_words,
    proper_names,
    synonyms,
    topic_share,
)
from assistant.records import Chunk, Hit
from assistant.service import Assistant
from assistant.settings import Settings
from ingest.pipeline import ingest

EVENT = "Ledenevent Vitaal Brabant, Zorg Brabant: Samen Verder!"
DATED = "Op 8 november 2023 was er een ledenevent over samenwerking in de regio."
QUESTION = "Hoe werken we in de regio samen aan beeldzorg in de wijkverpleging?"
ANECDOTE = "In de regio Westmark hebben de wijkteams beeldzorg samen met andere organisaties opgezet."
NAVIGATION = "Lees er hier meer over samenwerking in de regio op de website."
RECOMMENDATION = "Begin klein: kies één wijkteam voor beeldzorg en leer samen met andere organisaties in de regio."
PASSAGE = "\n".join([EVENT, DATED, QUESTION, ANECDOTE, NAVIGATION, RECOMMENDATION])
OTHER = "Organisaties in de regio werken samen. De wijkverpleging en de regio leren van elkaar in een netwerk."
GOAL = "Beeldzorg in de wijkverpleging in Zeeland"
THEME = "samenwerking over organisaties heen: samen in de regio, van elkaar leren"


def hit(text: str, n: int = 0) -> Hit:
    return Hit(Chunk(f"c{n}", f"corpus/{n}.md", "Titel", "", text, "Titel", 0), score=1.0, rank=n + 1)


def test_a_report_in_its_own_words_is_on_the_theme_when_it_writes_a_separable_verb_apart():
    # The theme says "samenwerken" and "vastleggen"; a report writes "werken ... samen", "leggen ... vast".
    context = Context("samenwerken en gegevens vastleggen in de regio", {}, {}, set(), set())
    apart = theme_share(context, "De aanbieders werken in de wijk samen en leggen hun gegevens vast.")
    together = theme_share(context, "De aanbieders gaan samenwerken en gegevens vastleggen.")
    assert apart == together > theme_share(context, "De aanbieders werken in de wijk en leggen hun gegevens.")


def test_only_the_recommendation_is_chosen():
    lowercase = lowercase_vocabulary([PASSAGE, OTHER])
    context = Context(THEME, {}, {"beeldzorg": 1.0, "wijkverpleg": 1.0}, {"beeldzorg", "wijkverpleging", "zeeland"},
                      lowercase, proper_names([PASSAGE, OTHER], lowercase))
    pool = candidates([hit(PASSAGE)], context, {})
    assert [s.quote for s in pool] == [ANECDOTE, RECOMMENDATION] or [s.quote for s in pool] == [RECOMMENDATION, ANECDOTE]
    assert [s.names for s in pool if s.quote == ANECDOTE] == [("Westmark",)]
    assert [s.quote for s in choose(pool, 3, 2)] == [RECOMMENDATION]
    # Only when a section would stay short, and only as many as the plan allows, a named one.
    assert [s.quote for s in choose(pool, 3, 2, named=1)] == [RECOMMENDATION, ANECDOTE]


@pytest.fixture
def synthetic(tmp_path: Path) -> Settings:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "regio.md").write_text(f"# Samenwerking in de regio\n\n{PASSAGE.replace(chr(10), chr(10) * 2)}\n",
                                     encoding="utf-8")
    (folder / "netwerk.md").write_text(f"# Netwerk\n\n{OTHER}\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=folder, embedding="fake", answer_mode="extractive")
    ingest(open_index(settings), warn=lambda m: None)
    return settings


def test_the_plan_quotes_the_recommendation_not_the_rest(synthetic):
    plan = Planner(Assistant(synthetic), this_year=2025).build(PlanRequest(GOAL))
    quotes = [c.quote for c in plan.citations]
    assert RECOMMENDATION in quotes
    assert not {EVENT, DATED, QUESTION, ANECDOTE, NAVIGATION} & set(quotes)
    said = plan.section("bouwblok-1").part("zeggen")
    assert f"{RECOMMENDATION} [{plan.sources[0].n}]" in [b.text for b in said.blocks] or any(
        RECOMMENDATION in b.text for b in said.blocks)
    [actions] = plan.section("bouwblok-1").part("acties").blocks
    assert actions.rows[0][0].startswith("Begin klein: kies één wijkteam voor beeldzorg")
    assert [key for key in BOUWBLOKKEN if plan.section(key).part("acties")] == list(BOUWBLOKKEN)


# ---------------------------------------------------------------- signals
@pytest.mark.parametrize(("text", "expected"), [
    ("(Lees er hier meer over.)Waar zitten de grootste quick wins?", True),
    ("Begin klein met een pilot.", False),
])
def test_is_question(text, expected):
    assert is_question(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Meer verslagen zijn te vinden op de website van Vitaal Oostdorp.", True),
    ("Vervolgens ga je aan capability building doen – lees er meer over in deze blog.", True),
    ("Ga naar de inhoud", True),
    ("Organiseer een regionaal lerend netwerk.", False),
])
def test_is_navigation(text, expected):
    assert is_navigation(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("De huidige financiering loopt t/m eind 2021.", True),
    ("Eind mei zijn de tussentijdse resultaten gepresenteerd.", True),  # a month without a year: its time is past
    ("Evalueer systematisch: leer van elke stap.", False),
    ("Vanaf 1 januari 2027 komt er één nachtdienst voor de hele wijk.", False),  # a plan, not news
    ("Tussen 2024 en 2027 groeit het aantal cliënten.", True),  # an earlier year dates it
])
def test_is_dated(text, expected):
    assert is_dated(text, this_year=2026) is expected


def test_without_a_year_to_compare_every_date_dates_a_statement():
    assert is_dated("Vanaf 1 januari 2027 komt er één nachtdienst.") is True


@pytest.mark.parametrize(("text", "expected"), [
    ("Ledenevent OZA Oostdorp, Vitaal Oostdorp, TAZ Oostdorp: Zo doot wie dat!", True),
    ("Hybride zorgpaden met heldere afspraken: digitaal tenzij / fysiek tenzij", False),
])
def test_is_header(text, expected):
    assert is_header(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dit zijn de volgende zes belemmeringen:", True),
    ("waar de grootste quick wins zitten,", True),
    ("Samenwerken", True),
    ("• Organiseer een regionaal lerend netwerk, om te leren.", False),
])
def test_is_fragment(text, expected):
    assert is_fragment(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Zonder draagvlak en adequate training is de kans groter dat een implementatie faalt.", True),
    ("Er zijn veel losse tools in gebruik, maar ze communiceren niet met elkaar.", True),
    ("Organiseer een regionaal lerend netwerk.", False),
])
def test_is_warning(text, expected):
    assert is_warning(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Begin klein: kies één afdeling of zorgpad voor een pilot.", True),
    ("• Organiseer een regionaal lerend netwerk, om te leren van ieders innovaties.", True),
    ("Opzetten van een periodieke regionale overlegstructuur.", True),
    ("Zorg en welzijn- hybride leren.", False),
    ("Zorg op afstand wordt steeds meer onderdeel van de reguliere zorg.", False),
    ("Inzicht in data en feedback voor continue verbetering", False),
    ("Digitale zorg helpt.", False),
])
def test_is_imperative(text, expected):
    assert is_imperative(text, {"organiseren", "inzichten", "helpen"}) is expected


@pytest.mark.parametrize(("text", "allowed", "expected"), [
    ("Iemand vanuit Zuid-Vlakte hielp hen.", set(), ("Zuid", "Vlakte")),
    ("In de regio Oostdorp werkt het.", {"oostdorp"}, ()),
    ("De zorgvraag in Nederland stijgt.", set(), ()),  # the national scope holds in every region
    ("Houd rekening met de AVG en het EPD’s.", set(), ()),  # glossary terms, not organisations
    ("Noordhof heeft 30 teams in de wijk.", set(), ("Noordhof",)),  # a known name at the start of a sentence
])
def test_name_words(text, allowed, expected):
    lowercase = {"iemand", "vanuit", "hielp", "hen", "in", "de", "regio", "werkt", "het", "zorgvraag", "stijgt",
                 "houd", "rekening", "met", "en", "heeft", "teams", "wijk"}
    assert name_words(text, lowercase, allowed, proper={"noordhof"}) == expected


def test_topic_share_counts_parts_of_compounds_half():
    assert topic_share({"beeldzorg": 1.0, "wijkverpleg": 1.0}, "Beeldbellen in de wijkverpleging") == 0.75


def test_synonyms_include_the_everyday_words_of_the_glossary():
    assert "beeldbellen" in synonyms("Beeldzorg thuis")
    assert "GZ" in synonyms("Leefstijlmonitoring in de gehandicaptenzorg")


@pytest.mark.parametrize(("statement", "expected"), [
    ("• Organiseer een regionaal lerend netwerk, om te leren van ieders innovaties.",
     "Organiseer een regionaal lerend netwerk"),
    ("Begin klein: kies één afdeling of zorgpad voor een pilot.", "Begin klein: kies één afdeling of zorgpad voor een pilot"),
])
def test_action_text_is_a_verbatim_part(statement, expected):
    assert action_text(statement) == expected and expected in statement


def test_display_strips_list_numbers():
    assert display("3. Stimuleren Veranderkracht vraagt continue aandacht") == "Stimuleren Veranderkracht vraagt continue aandacht"
    assert display("• Start met enthousiaste zorgprofessionals") == "Start met enthousiaste zorgprofessionals"
