"""The app answers while an upload is being ingested: same process, same index, another thread
(Gradio runs events concurrently). The ingest is held mid-way by its progress hook."""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.index import open_index
from assistant.service import Assistant
from ingest.pipeline import ingest


def test_questions_are_answered_while_an_upload_is_ingested(settings, tmp_path: Path):
    ingest(open_index(settings), warn=lambda m: None)
    assistant = Assistant(settings)
    before = assistant.ask("Wat houdt de beweging Thuis als het kan in?")
    upload = tmp_path / "uploads" / "notitie.txt"
    upload.parent.mkdir()
    upload.write_text("Beeldzorg in de wijkverpleging\n\nHet beeldzorgteam belt cliënten elke ochtend via een tablet.\n",
                      encoding="utf-8")

    started, release = threading.Event(), threading.Event()

    def held(items, label, total):
        for item in items:
            started.set()
            assert release.wait(30), "the test never released the ingest"
            yield item

    report = {}
    worker = threading.Thread(target=lambda: report.update(r=ingest(assistant.index, [upload], sync=False, progress=held,
                                                                        warn=lambda m: None)))
    worker.start()
    try:
        assert started.wait(30)
        during = assistant.ask("Wat houdt de beweging Thuis als het kan in?")  # a hang here fails by timeout below
    finally:
        release.set()
        worker.join(60)
    assert not worker.is_alive()
    assert not during.refused
    assert during.text == before.text
    assert [c.quote for c in during.citations] == [c.quote for c in before.citations]

    assert report["r"].added == 1
    assistant.reload()
    after = assistant.ask("Hoe vaak belt het beeldzorgteam cliënten?")
    assert not after.refused
    assert after.citations[0].source.endswith("notitie.txt")
