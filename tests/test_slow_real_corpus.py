"""The real corpus with the real e5 model: ingest, re-ingest, answer with verified citations."""

import pytest

from assistant.index import open_index
from assistant.service import Assistant
from ingest.pipeline import ingest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(real_settings):
    report = ingest(open_index(real_settings), warn=lambda m: None)
    assert report.added == 5 and report.skipped == []
    again = ingest(open_index(real_settings), warn=lambda m: None)
    assert (again.added, again.unchanged, again.chunks_written) == (0, 5, 0)
    return Assistant(real_settings)


def test_answers_with_a_verbatim_citation(assistant, real_settings):
    answer = assistant.ask("Wat houdt de beweging Thuis als het kan in?")
    assert not answer.refused
    assert "thuis" in answer.text.lower()
    source = answer.citations[0].source
    document = (real_settings.corpus_dir.parent / source).read_text(encoding="utf-8")
    assert all(" ".join(c.quote.split()) in " ".join(document.split()) for c in answer.citations)
    assert answer.hits[0].chunk.source == "corpus/cz-zorgkantoor-bewegingen-langdurige-zorg.txt"


def test_list_question_returns_the_whole_list(assistant):
    answer = assistant.ask("Welke zes belemmeringen kwamen uit de inventarisatie naar voren?")
    assert not answer.refused
    for start in ("1. Transformatie", "2. Herontwerpen", "3. Stimuleren", "4. Nieuwe", "5. Hybride", "6. Voor samenwerking"):
        assert start in answer.text


def test_acronym_and_follow_up(assistant):
    answer = assistant.ask("Waar staat PNIL voor?")
    assert "personeel niet in loondienst" in answer.text.lower()
    follow = assistant.ask("En wat verwacht het zorgkantoor daarbij?", history=["Wat houdt de beweging Thuis als het kan in?"])
    assert not follow.refused and follow.hits[0].chunk.source.endswith("cz-zorgkantoor-bewegingen-langdurige-zorg.txt")


def test_out_of_scope_question_is_refused(assistant):
    answer = assistant.ask("Wat is de hoofdstad van Australië?")
    assert answer.refused and answer.text.startswith("Dat staat niet in de documenten.")
    assert answer.citations == []
