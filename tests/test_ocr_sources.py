"""A scanned PDF is read by OCR, answered from like any document, and marked as OCR'd where its
quotes are shown."""

import datetime as dt

import pytest
from fixtures.documents import scanned_pdf

from assistant import messages as msg
from assistant.index import open_index
from assistant.service import Assistant
from assistant.web import render
from ingest import loaders
from ingest.pipeline import ingest


@pytest.mark.skipif(not loaders.ocr.available(),
                    reason="tesseract met het Nederlandse model ontbreekt (apt-get install tesseract-ocr tesseract-ocr-nld)")
def test_scanned_pdf_is_marked_in_the_sources_panel(tmp_path, settings):
    corpus = tmp_path / "scans"
    corpus.mkdir()
    (corpus / "scan.pdf").write_bytes(scanned_pdf(["Beeldzorg in de wijk", "De wijkverpleging belt elke ochtend met de cliënt."]))
    (corpus / "gewoon.txt").write_text("Thuiszorg\n\nDe thuiszorg komt twee keer per week langs.\n", encoding="utf-8")
    local = settings.with_(corpus_dir=corpus, data_dir=tmp_path / "data")
    ingest(open_index(local), warn=lambda m: None)
    assistant = Assistant(local)
    chunks = list(assistant.retriever.chunks.values())
    assert {c.source.rsplit("/", 1)[-1]: c.ocr for c in chunks} == {"scan.pdf": True, "gewoon.txt": False}

    answer = assistant.ask("Wanneer belt de wijkverpleging met de cliënt?")
    assert not answer.refused and answer.citations[0].source.endswith("scan.pdf")
    assert answer.citations[0].quote in next(c.text for c in chunks if c.ocr)  # verified against the OCR text
    html = render.sources_html(answer, today=dt.date(2026, 1, 1))
    assert msg.WEB_OCR_SOURCE in html
    other = assistant.ask("Hoe vaak komt de thuiszorg langs?")
    assert msg.WEB_OCR_SOURCE not in render.sources_html(other, today=dt.date(2026, 1, 1))
