"""Which passages the answer reads: the top of the ranking, plus a passage for each telling word
of the question that the top misses (answering.covering_passages), on hand-made hits."""

from dataclasses import replace

from assistant.answering import covering_passages, promoted
from assistant.records import Chunk, Hit


def hit(text: str, rank: int, source: str = "corpus/a.txt", publisher: str = "") -> Hit:
    chunk = Chunk(id=f"{source}#{rank}", source=source, title="Verslag", heading="", text=text, context="",
                  ordinal=rank, publisher=publisher)
    return Hit(chunk=chunk, score=1.0 / rank, rank=rank)


NOORDHOF = hit("Noordhof zet beeldzorg in bij de wijkverpleging.", 1)
OTHER = hit("De zorgvraag stijgt en het personeel is schaars.", 5)
ZUIDWIJK = hit("Zuidwijk werkt met een centraal digitaal zorgteam.", 6, source="corpus/b.txt")


def texts(question: str, top: list[Hit], candidates: list[Hit]) -> list[str]:
    return [h.chunk.text for h in top + covering_passages(question, top, candidates)]


def test_a_passage_on_the_second_thing_asked_about_joins_the_top():
    question = "Wat is het verschil tussen de aanpak van Noordhof en die van Zuidwijk?"
    assert texts(question, [NOORDHOF], [OTHER, ZUIDWIJK]) == [NOORDHOF.chunk.text, ZUIDWIJK.chunk.text]


def test_the_publisher_counts_as_what_a_passage_names():
    by_zuidwijk = hit("Wij werken met een centraal digitaal zorgteam.", 6, publisher="Zuidwijk (zorgorganisatie)")
    question = "Wat doen Noordhof en Zuidwijk?"
    assert texts(question, [NOORDHOF], [OTHER, by_zuidwijk]) == [NOORDHOF.chunk.text, by_zuidwijk.chunk.text]


def test_nothing_joins_when_the_top_holds_every_telling_word():
    assert texts("Hoe zet Noordhof beeldzorg in?", [NOORDHOF], [OTHER, ZUIDWIJK]) == [NOORDHOF.chunk.text]


def test_common_words_numbers_and_asking_words_bring_no_passage():
    # "doet" and "2023" are missing from the top, and other candidates hold them: no reason to add one.
    doet = hit("Wat Zuidwijk doet: in 2023 startte een zorgteam.", 6)
    assert texts("Wat doet Noordhof in 2023 met beeldzorg?", [NOORDHOF], [doet]) == [NOORDHOF.chunk.text]


def test_a_word_no_candidate_holds_stays_missing():
    question = "Wat is het verschil tussen Noordhof en Westmark?"
    assert texts(question, [NOORDHOF], [OTHER, ZUIDWIJK]) == [NOORDHOF.chunk.text]


def test_the_candidate_holding_most_of_what_is_missing_comes_first_at_most_two():
    both = hit("Zuidwijk en Westmark delen een zorgteam.", 9)
    zuid = hit("Zuidwijk heeft een zorgteam.", 7)
    west = hit("Westmark heeft een zorgteam.", 8)
    oost = hit("Oostdorp heeft een zorgteam.", 10)
    question = "Wat doen Noordhof, Zuidwijk, Westmark en Oostdorp?"
    assert texts(question, [NOORDHOF], [zuid, west, both, oost]) == [NOORDHOF.chunk.text, both.chunk.text, oost.chunk.text]
    # ties go to the better ranked candidate
    assert texts("Wat doen Noordhof en Zuidwijk?", [NOORDHOF], [zuid, both]) == [NOORDHOF.chunk.text, zuid.chunk.text]


def test_a_follow_up_looks_for_its_own_words_not_the_earlier_topic():
    question = "En wat doet Zuidwijk? (over: aanpak van Westmark)"
    assert texts(question, [NOORDHOF], [hit("Westmark start.", 7), ZUIDWIJK]) == [NOORDHOF.chunk.text, ZUIDWIJK.chunk.text]


def test_the_covering_passages_come_right_after_the_top_in_the_ranking():
    ranking = [NOORDHOF, OTHER, hit("Westmark start.", 7), ZUIDWIJK]
    moved = promoted(ranking, 1, [ZUIDWIJK])
    assert [h.chunk.text for h in moved] == [NOORDHOF.chunk.text, ZUIDWIJK.chunk.text, OTHER.chunk.text, "Westmark start."]
    assert [h.rank for h in moved] == [1, 2, 3, 4]
    assert promoted(ranking, 4, []) == [replace(h, rank=i) for i, h in enumerate(ranking, start=1)]
