from assistant.embeddings import HashEmbedder
from assistant.index import open_index
from assistant.retrieval import Filters, HybridRetriever
from ingest.pipeline import ingest


def test_hybrid_retrieval_with_filters(settings):
    ingest(open_index(settings), warn=lambda m: None)
    retriever = HybridRetriever(open_index(settings))
    hits = retriever.retrieve("Hoeveel digitale medicatie-uitgiftes deed Noordhof?", k=3)
    assert hits[0].chunk.source == "corpus/workshop.md"
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    only = retriever.retrieve("Noordhof medicatie", k=5, filters=Filters(sources=("corpus/beleid.txt",)))
    assert only and {h.chunk.source for h in only} == {"corpus/beleid.txt"}
    by_type = retriever.retrieve("Noordhof medicatie", k=5, filters=Filters(types=("workshopverslag",)))
    assert by_type and {h.chunk.type for h in by_type} == {"workshopverslag"}


def test_second_dense_model_is_indexed_and_fused(settings):
    index = open_index(settings, second=HashEmbedder(dim=32))
    ingest(index, warn=lambda m: None)
    assert index.second_store is not None and index.second_store.count() == index.store.count() > 0
    retriever = HybridRetriever(index)
    rankings, _, _ = retriever.rankings("beweging thuis als het kan")
    assert len(rankings) == 5  # dense chunks, dense windows, BM25 chunks, BM25 windows, second model
    assert retriever.retrieve("beweging thuis als het kan")[0].chunk.source == "corpus/beleid.txt"


def test_windows_carry_scores_for_sentences(settings):
    ingest(open_index(settings), warn=lambda m: None)
    hit = HybridRetriever(open_index(settings)).retrieve("Technologie wordt ingezet", k=1)[0]
    assert hit.window_scores and all(isinstance(i, int) for i, _ in hit.window_scores)


def test_zelf_is_a_search_word_and_the_tokenizer_is_part_of_the_index_key(monkeypatch):
    from assistant import keyword_index

    assert keyword_index.tokenize("Zelf als het kan") == ["zelf"]  # one of the four bewegingen
    key = keyword_index.index_key(["a", "b"])
    monkeypatch.setattr(keyword_index, "TOKENIZER_VERSION", "other")
    assert keyword_index.index_key(["a", "b"]) != key


def test_every_form_of_an_auxiliary_modal_is_a_stop_word_but_mogen_is_content():
    from assistant.keyword_index import tokenize

    # "moet" was a stop word and "moeten" stemmed to "moet": a question's "moeten" then had to be
    # found in the passages ("Maak voor 1 juli afspraken" answers "Tot wanneer moeten er afspraken zijn?").
    for modal in ("moet", "moeten", "moest", "kan", "kunnen", "konden", "wil", "willen", "wilde", "zal", "zullen", "zouden"):
        assert tokenize(modal) == [], modal
    # "Mag ik ...?" asks whether something is allowed; "mag u niet" answers it.
    assert tokenize("Mag ik dat?") and tokenize("Dat mag u niet") == tokenize("mag")


def test_a_plural_with_a_doubled_consonant_is_the_same_term_as_its_singular():
    from assistant.keyword_index import tokenize

    # The Porter stemmer undoubles only k, d and t: "stappen" stayed "stapp" and missed "stap".
    for singular, plural in (("stap", "stappen"), ("plan", "plannen"), ("rol", "rollen"), ("bus", "bussen")):
        assert tokenize(singular) == tokenize(plural), (singular, plural)
    assert tokenize("zorgen") == tokenize("zorg") and tokenize("zee") == ["zee"]  # nothing else changes
