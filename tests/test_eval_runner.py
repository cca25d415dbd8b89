import json
from pathlib import Path

import pytest

from assistant.errors import InputFileError
from assistant.index import open_index
from evals.runner import document_texts, load_questions, run_eval
from ingest.pipeline import ingest


def test_load_questions_rejects_bad_lines(tmp_path: Path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "question": "Wat?", "onbekend": 1}\n{"id": "2"}\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="Regel 2 van"):
        load_questions(path)
    with pytest.raises(InputFileError, match="bestaat niet"):
        load_questions(tmp_path / "geen.jsonl")


def test_run_eval_writes_contract_lines_and_report(settings, tmp_path: Path, capsys):
    ingest(open_index(settings), warn=lambda m: None)
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "a", "kind": "feit", "question": "Hoeveel digitale medicatie-uitgiftes deed Noordhof wekelijks?",
         "answerable": True, "evidence": [["wekelijks 3000 digitale"]], "keywords": ["3000"]},
        {"id": "b", "kind": "vervolg", "question": "En in welke zorg was dat?", "history": ["Wat deed Noordhof?"],
         "answerable": True, "evidence": [["in de wijkverpleging"]], "keywords": ["wijkverpleging"]},
        {"id": "c", "kind": "buiten", "question": "Hoeveel kost een parkeervergunning in Zuidhaven?",
         "answerable": False, "evidence": [], "keywords": []},
    ]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    metrics = run_eval(settings, questions, out, report_dir=tmp_path / "rapport")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"] and all(r["mode"] == "extractive" for r in rows)
    assert metrics["recall@1"] == 1.0 and metrics["citation_validity"] == 1.0
    # Every line says why it was answered or refused.
    assert all(r["decision"]["reason"] and r["decision"]["answer"] is not r["refused"] for r in rows)
    assert rows[2]["refused"] and rows[2]["decision"]["kind"] != "beantwoord"
    assert (tmp_path / "rapport" / "scores-per-soort.png").stat().st_size > 1000
    report = (tmp_path / "rapport" / "rapport.md").read_text(encoding="utf-8")
    assert "| recall@1 | 1.000 |" in report and "## Missers per beslissing" in report
    assert "recall@1" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["questions_dev.jsonl", "questions_extra.jsonl", "questions_browser.jsonl"])
def test_question_sets_quote_the_corpus(name):
    """Every evidence alternative is verbatim corpus text, ids are unique, and only answerable
    questions carry evidence: a typo in a set would silently lower its scores."""
    from assistant.text import normalize_ws

    root = Path(__file__).resolve().parents[1]
    corpus = normalize_ws(" ".join(p.read_text(encoding="utf-8") for p in sorted((root / "corpus").glob("*.txt"))))
    questions = load_questions(root / "evals" / name)
    assert len({q["id"] for q in questions}) == len(questions)
    for q in questions:
        assert bool(q["evidence"]) == q["answerable"], q["id"]
        for group in q["evidence"]:
            assert any(normalize_ws(alt) in corpus for alt in group), (q["id"], group)


REPORTS = sorted((Path(__file__).resolve().parents[1] / "evals" / "reports").iterdir())


@pytest.mark.parametrize("folder", REPORTS, ids=[f.name for f in REPORTS])
def test_report_sets_quote_their_own_corpus_as_ingested(folder: Path):
    """A report's evidence is verbatim in the text its loaders read (a table as rows, a PDF's
    lines, a footer's contact line); every answerable question carries it, no unanswerable one."""
    from assistant.text import normalize_ws
    from ingest.loaders import load_bytes

    corpus = normalize_ws(" ".join(b.text for p in sorted((folder / "corpus").iterdir())
                                   for b in load_bytes(p.read_bytes(), p.name)[0]))
    questions = load_questions(folder / "questions.jsonl")
    assert len({q["id"] for q in questions}) == len(questions)
    assert all(q.get("evidence") for q in questions if q["answerable"]), folder.name
    for q in questions:
        assert q["answerable"] or not q.get("evidence"), q["id"]
        for group in q.get("evidence") or []:
            assert any(normalize_ws(alt) in corpus for alt in group), (q["id"], group)


def test_cited_documents_are_found_next_to_the_corpus_or_the_question_set(settings, tmp_path: Path):
    # A question set that ships its own corpus/ (ingested from there) names its documents "corpus/x.txt".
    own = tmp_path / "set" / "corpus"
    own.mkdir(parents=True)
    (own / "faq.txt").write_text("Een eigen document.", encoding="utf-8")
    texts = document_texts(settings, {"corpus/faq.txt", "corpus/nergens.txt"}, (tmp_path / "set",))
    assert "Een eigen document." in texts["corpus/faq.txt"] and texts["corpus/nergens.txt"] == ""
    assert document_texts(settings, {"corpus/faq.txt"}) == {"corpus/faq.txt": ""}  # not without its folder


def test_a_quote_of_a_markdown_table_row_is_checked_against_the_loaders_reading(settings, tmp_path: Path):
    own = tmp_path / "set" / "corpus"
    own.mkdir(parents=True)
    (own / "t.md").write_text("# Tarieven\n\n| Onderdeel | Prijs |\n|---|---|\n| Tablet | 8 euro |\n", encoding="utf-8")
    text = document_texts(settings, {"corpus/t.md"}, (tmp_path / "set",))["corpus/t.md"]
    assert "| Tablet | 8 euro |" in text and "Onderdeel: Tablet; Prijs: 8 euro" in text
