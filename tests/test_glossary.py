import pytest

from assistant.glossary import expand, other_names
from assistant.rewrite import is_follow_up, standalone


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Wat is GALA?", "Wat is GALA? (Gezond en Actief Leven Akkoord)"),
        ("wat betekent wozo", "wat betekent wozo (programma Wonen, Ondersteuning en Zorg voor Ouderen (WoZo))"),
        ("Wat is het Gezond en Actief Leven Akkoord?", "Wat is het Gezond en Actief Leven Akkoord? (GALA)"),
        ("Hoe is het met pa?", "Hoe is het met pa?"),
        ("Wat doet KIK-V?", "Wat doet KIK-V? (Keteninformatie Kwaliteit Verpleeghuiszorg (KIK-V))"),
        ("What are the building blocks?", "What are the building blocks? (bouwblokken)"),
    ],
)
def test_expand(query, expected):
    assert expand(query) == expected


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        ("En wat verwacht het zorgkantoor daarbij?", True),
        ("Hoe verloopt de overgang tussen die fasen?", True),
        ("Wat zijn de zes bouwblokken van de ondersteuningsstructuur?", False),
        ("Welke programma's zijn van belang voor aanbieders die langdurige zorg leveren?", False),
    ],
)
def test_follow_up_detection(question, follow_up):
    assert is_follow_up(question) is follow_up


def test_standalone_attaches_previous_topic_only_to_follow_ups():
    history = ["Wat houdt de beweging Thuis als het kan in?"]
    assert standalone("En wat verwacht het zorgkantoor daarbij?", history) == (
        "En wat verwacht het zorgkantoor daarbij? (over: houdt de beweging Thuis als het kan in)"
    )
    assert standalone("Wat is IZA precies voor akkoord?", history) == "Wat is IZA precies voor akkoord?"
    assert standalone("En daarbij?", []) == "En daarbij?"


def test_everyday_words_get_the_policy_words():
    assert "personeel niet in loondienst (PNIL)" in expand("Wat is het nadeel van zzp'ers in de zorg?")
    assert "belemmeringen" in expand("Wat belemmert organisaties?")
    assert expand("Wat is hybride zorg?") == "Wat is hybride zorg?"


def test_other_names_of_acronyms_and_long_forms():
    assert other_names("IZA") == ["Integraal Zorgakkoord", "Integraal Zorg Akkoord"]
    assert other_names("Integraal Zorgakkoord") == ["IZA"]
    assert other_names("CIZ") == ["Centrum indicatiestelling zorg"]  # the long form without "(CIZ)"
    assert other_names("Oostdorp") == []


def test_a_document_that_writes_an_acronym_names_its_long_form_and_the_other_way_round():
    from assistant.answer.question_words import written_terms
    from assistant.glossary import names_of_acronyms
    from assistant.keyword_index import tokenize

    assert names_of_acronyms("Aanbieders geven invulling aan de WZD.", written=True) == ["Wet zorg en dwang (WZD)"]
    assert names_of_acronyms("Een gala in het stadhuis.", written=True) == []  # a word, not an acronym
    assert "WLZ" in names_of_acronyms("Zorg uit de Wet langdurige zorg.", written=True)
    # so the decision's coverage finds the question's "dwang" in a passage that only writes "WZD"
    assert tokenize("dwang")[0] in written_terms("Aanbieders geven invulling aan de WZD.")


def test_a_quoted_dutch_name_does_not_make_an_english_question_dutch():
    # The language of a question is that of its own words: a quoted title keeps its document's language.
    from assistant.text import is_english

    assert is_english("How many projects ran under 'Samen voor de zorg in de regio en de wijk'?")
    assert not is_english("Wat betekent 'Thuis als het kan' voor de zorg?")
    assert is_english("Which hospital presented at the members' event on hybrid care?")  # an apostrophe, no quote


def test_a_question_that_opens_in_english_without_a_dutch_word_is_english():
    from assistant.text import is_english

    assert is_english("Which hospitals offer home monitoring?")  # one English word of the list, none Dutch
    assert not is_english("Welk merk tablet krijg ik?")  # Dutch words, though few of them
    assert not is_english("Where Thuiszorg?")  # too short to say


def test_an_english_question_gets_the_dutch_words_of_care_but_not_of_the_document():
    # general care words, so that an English question finds a Dutch report nobody tuned on
    assert "vergoeding" in expand("What is the fee for a home visit?")
    assert "verpleegkundigen" in expand("How many nurses work at night?")
    # words that point at the document itself are not translated: passages rarely write them
    assert "artikel" not in expand("What does the article say about nurses?")
    assert "programma" in expand("Which national programmes are there?")  # a plural finds its singular's entry
    assert expand("Wat is de vergoeding?") == "Wat is de vergoeding?"  # Dutch: nothing added
