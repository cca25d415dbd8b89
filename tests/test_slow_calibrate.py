"""`zorgassistent calibrate` end to end: the project's sets plus a second corpus it ingests once and
a folder of reports, three models written with their cross-validated scores, tied to the embedding model."""

import json

import pytest

from assistant import fitted
from assistant.answer.decision import FEATURES as DECISION_FEATURES
from assistant.index import open_index
from assistant.rank_features import FEATURES as RANK_FEATURES
from evals.calibrate import calibrate
from ingest.pipeline import ingest

PAGES = {
    "parkeren.txt": "Parkeervergunning\n\nEen parkeervergunning kost 40 euro per jaar. U vraagt hem aan bij de gemeente.\n",
    "afval.txt": "Afval\n\nDe gemeente haalt het restafval elke twee weken op. Grof afval brengt u naar de milieustraat.\n",
    "bibliotheek.txt": "Bibliotheek\n\nDe bibliotheek is open van dinsdag tot en met zaterdag. Lenen is gratis tot 18 jaar.\n",
}
QUESTIONS = [
    {"id": "e1", "question": "Wat kost een parkeervergunning?", "answerable": True,
     "evidence": [["kost 40 euro per jaar"]], "keywords": ["40"]},
    {"id": "e2", "question": "Hoe vaak haalt de gemeente het restafval op?", "answerable": True,
     "evidence": [["elke twee weken"]], "keywords": ["twee weken"]},
    {"id": "e3", "question": "Wanneer is de bibliotheek open?", "answerable": True,
     "evidence": [["van dinsdag tot en met zaterdag"]], "keywords": ["dinsdag"]},
    {"id": "e4", "question": "Hoeveel kost een hondenbelasting in Zuidhaven?", "answerable": False, "evidence": []},
]


@pytest.mark.slow
def test_calibrate_fits_three_models_with_scores_per_set(real_settings, tmp_path):
    ingest(open_index(real_settings), warn=lambda m: None)
    external = tmp_path / "gemeente"
    (external / "corpus").mkdir(parents=True)
    for name, text in PAGES.items():
        (external / "corpus" / name).write_text(text, encoding="utf-8")
    (external / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in QUESTIONS), encoding="utf-8")
    # A folder of reports: each its own tiny corpus and its questions, for answer-or-refuse and sentences, not ranking.
    report_dir = tmp_path / "rapporten" / "jaarverslag"
    (report_dir / "corpus").mkdir(parents=True)
    (report_dir / "corpus" / "jaarverslag.md").write_text(
        "# Jaarverslag Noordhof\n\nNoordhof heeft 120 bewoners. Het verzuim daalde naar 6 procent.\n", encoding="utf-8")
    (report_dir / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in [
        {"id": "r1", "question": "Hoeveel bewoners heeft Noordhof?", "answerable": True, "evidence": [["120 bewoners"]]},
        {"id": "r2", "question": "Wie is de bestuurder van Noordhof?", "answerable": False}]), encoding="utf-8")
    out = tmp_path / "fitted"
    progress: list[tuple[float, float]] = []
    lines: list[str] = []

    report = calibrate(real_settings, external, out_dir=out, say=lines.append,
                       on_progress=lambda done, total, label: progress.append((done, total)), reports=tmp_path / "rapporten")

    assert progress and progress[-1][0] == progress[-1][1]  # the second corpus was ingested, to the end
    assert set(report["rank"]) == {"dev", "extra", "extern"}  # a corpus of one chunk teaches no ranking
    assert set(report["decide"]) == set(report["select"]) == {"dev", "extra", "extern", "rapporten"}
    assert report["decide"]["rapporten"]["zonder deze set"]["n"] == 2
    assert {"rrf", "zonder deze set", "5 delen"} <= set(report["rank"]["dev"])
    rank = fitted.load("rank", RANK_FEATURES, "e5", folder=out)
    decide = fitted.load("decide", DECISION_FEATURES, "e5", folder=out)
    assert rank is not None and decide is not None and decide.cutoff == 0.5
    assert fitted.load("rank", RANK_FEATURES, "use", folder=out) is None
    assert rank.about["cross_validation"]["extern"]["rrf"]["n"] == 3
    # The sentence model is written only when it wins on every set, and the output says which.
    wins = all(r["5 delen"]["quote_is_evidence"] > r["regel"]["quote_is_evidence"] for r in report["select"].values())
    assert (out / "select.json").is_file() is wins
    assert any(line.startswith("Zinnen kiezen:") for line in lines)
