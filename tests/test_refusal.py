"""The checkable facts a question asks for, and whether cited quotes hold them (exact cases)."""

import pytest

from assistant.answer.refusal import Fact, coverage, expected_fact, has_fact, supported


@pytest.mark.parametrize(("question", "fact"), [
    ("Hoeveel medewerkers heeft Livio?", Fact("getal", ("medewerker",))),
    ("Hoeveel zorgkantoren zijn er?", Fact("getal", ("zorgkantor",))),
    ("In welk jaar kwam het signaal?", Fact("jaar")),
    ("Hoe lang duurt de wachttijd?", Fact("duur")),
    ("Hoeveel procent CO2-reductie is nodig?", Fact("procent")),
    ("Wat is het uurtarief voor wijkverpleging?", Fact("bedrag")),
    ("Hoeveel subsidie kan een aanbieder aanvragen?", Fact("bedrag")),
    ("Wie is de bestuursvoorzitter van het MST?", Fact("rol", ("bestuursvoorzitter",))),
    ("Welke zes bouwblokken zijn er?", Fact("opsomming", ("6",))),
    ("What are the four building blocks?", Fact("opsomming", ("4",))),
    ("Wat houdt de beweging Thuis als het kan in?", Fact()),
])
def test_expected_fact(question, fact):
    assert expected_fact(question) == fact


@pytest.mark.parametrize(("text", "question", "holds"), [
    ("Livio heeft ca 2200 medewerkers.", "Hoeveel medewerkers heeft Livio?", True),
    ("De tot nu toe lopende projecten (268) leverden veel op.", "Hoeveel projecten zijn er?", True),
    ("Er lopen 268 projecten in de regio's van de zorgkantoren.", "Hoeveel zorgkantoren zijn er?", False),
    ("Zorgkantoren werken in 2020 actief samen.", "Hoeveel zorgkantoren zijn er?", False),  # a year counts nothing
    ("Het 1e aanspreekpunt voor een cliënt.", "Hoeveel cliënten wachten?", False),  # nor does an ordinal
    ("Het heeft 600 digitale zorgmomenten opgeleverd.", "Hoeveel zorgmomenten levert Livio?", True),
    ("De financiering loopt t/m eind 2021.", "Hoe lang zijn de wachttijden?", False),
    ("De wachttijd is zes weken.", "Hoe lang zijn de wachttijden?", True),
    ("Een reductie van 49% in 2030.", "Hoeveel procent CO2-reductie?", True),
    ("De reductie van CO2 is de grootste uitdaging.", "Hoeveel procent CO2-reductie?", False),
    ("Het kost € 1.200 per jaar.", "Wat kost een scan?", True),
    ("De scan kost weinig tijd en 2 gesprekken.", "Wat kost een scan?", False),
    ("De bestuursvoorzitter van het MST opende het event.", "Wie is de bestuursvoorzitter van het MST?", True),
    ("Het MST vertelde over zijn lessen.", "Wie is de bestuursvoorzitter van het MST?", False),
    ("Het is geïnitieerd door VWS en ZonMw.", "Welke twee organisaties?", True),
    ("Zij implementeren gezamenlijk vier technologische innovaties.", "Welke vier technologische innovaties?", False),
    ("Wat houdt het in?", "Wat houdt de beweging Thuis als het kan in?", True),  # nothing checkable
])
def test_has_fact(text, question, holds):
    assert has_fact(text, expected_fact(question)) is holds


def test_a_list_counts_over_all_quotes_other_facts_sit_in_one_sentence():
    three = expected_fact("Welke drie fasen zijn er?")
    assert supported(["De fasen:\n• werken\n• samenwerken", "• dienstverleningsmodellen"], three) is True
    assert supported(["De fasen:\n• werken\n• samenwerken"], three) is False
    count = expected_fact("Hoeveel zorgkantoren zijn er?")
    assert supported(["Er lopen 268 projecten. De zorgkantoren zijn tevreden."], count) is False
    assert supported(["Er zijn 31 zorgkantoren."], count) is True
    assert supported([], Fact()) is False


def test_english_coverage_counts_only_words_the_corpus_knows():
    weights = {"livio": 2.0, "many": 5.0, "medewerker": 2.0}
    passages = ["Livio heeft 2200 medewerkers."]
    assert coverage("How many medewerkers Livio", passages, weights) == pytest.approx(4 / 9)
    assert coverage("How many medewerkers Livio", passages, weights, keep=lambda t: t != "many") == 1.0
