"""The loaded corpus is built once and never changes; a reload swaps it whole; the answer
pipeline is a function of its arguments."""

import pytest

from assistant import answering
from assistant.answer.extractive import ExtractiveGenerator
from assistant.corpus import Corpus
from assistant.records import Chunk, Hit


def chunk(source: str, ordinal: int, text: str) -> Chunk:
    return Chunk(id=f"{source}-{ordinal}", source=source, title=source, heading="", text=text, context="",
                 ordinal=ordinal)


def test_neighbours_are_within_one_document_and_in_reading_order():
    a0, a1, b0 = chunk("a", 0, "een"), chunk("a", 1, "twee"), chunk("b", 0, "drie")
    corpus = Corpus([b0, a1, a0])  # any order in, reading order out
    assert list(corpus.chunks) == ["a-0", "a-1", "b-0"]
    assert corpus.neighbours(a0) == (None, a1)
    assert corpus.neighbours(a1) == (a0, None)
    assert corpus.neighbours(b0) == (None, None)


def test_idf_weighs_rare_words_above_common_ones_and_unknown_words_are_not_known():
    corpus = Corpus([chunk("a", 0, "zorg thuis"), chunk("a", 1, "zorg wijk"), chunk("b", 0, "zorg")])
    weights = corpus.idf(["zorg", "thuis"])
    assert weights["thuis"] > weights["zorg"]
    assert corpus.knows("thuis") and not corpus.knows("ziekenhuis")


def test_a_corpus_cannot_be_changed():
    corpus = Corpus([chunk("a", 0, "zorg")])
    with pytest.raises(AttributeError):
        corpus.chunks = {}
    with pytest.raises(TypeError):
        corpus.chunks["x"] = chunk("x", 0, "nieuw")  # type: ignore[index]
    with pytest.raises(TypeError):
        corpus.document_frequency["zorg"] = 9  # type: ignore[index]


def test_a_reload_swaps_the_corpus_and_a_question_under_way_keeps_the_old_one(settings):
    from assistant.index import open_index
    from assistant.retrieval import HybridRetriever
    from ingest.pipeline import ingest

    ingest(open_index(settings), warn=lambda m: None)
    retriever = HybridRetriever(open_index(settings))
    before = retriever.corpus
    (settings.corpus_dir / "nieuw.md").write_text("# Nieuw\n\nEen geheel nieuw document over de wijkverpleging.\n")
    ingest(open_index(settings), warn=lambda m: None)
    retriever.reload()
    after = retriever.corpus
    assert after is not before and len(after) == len(before) + 1
    assert not any(c.source.endswith("nieuw.md") for c in before.chunks.values())


class _Retriever:
    """Returns the corpus's chunks in a fixed order: the pipeline must use what it is given."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def retrieve(self, query, k=10, filters=None):
        return [Hit(chunk=c, score=1.0 - 0.1 * i, rank=i + 1, dense_score=0.9)
                for i, c in enumerate(list(self.corpus.chunks.values())[:k])]


def test_the_answer_is_a_function_of_its_arguments_and_ends_with_one_done_event():
    corpus = Corpus([chunk("a", 0, "De wijkverpleging begint in 2025 met een proef in drie wijken."),
                     chunk("b", 0, "Het weer was goed.")])
    extractive = ExtractiveGenerator(corpus.idf)
    events = list(answering.answer("Wanneer begint de proef met wijkverpleging?", [], corpus=corpus,
                                   retriever=_Retriever(corpus), generator=extractive, extractive=extractive))
    assert [e.kind for e in events][-1] == "done" and [e.kind for e in events].count("done") == 1
    result = events[-1].answer
    assert not result.refused and "2025" in result.text
    assert result.citations and result.citations[0].chunk_id == "a-0"
    assert result.decision is not None and result.decision.answer
    again = list(answering.answer("Wanneer begint de proef met wijkverpleging?", [], corpus=corpus,
                                  retriever=_Retriever(corpus), generator=extractive, extractive=extractive))
    assert again[-1].answer.text == result.text  # nothing kept between questions
