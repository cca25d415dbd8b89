from pathlib import Path

import pytest

from assistant.errors import IndexLockedError, InputFileError
from assistant.index import open_index
from ingest.pipeline import ingest, remove_documents


def run(settings, paths=None):
    return ingest(open_index(settings), paths, warn=lambda m: None)


def sources(settings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for chunk in open_index(settings).store.chunks():
        counts[chunk.source] = counts.get(chunk.source, 0) + 1
    return counts


def test_first_ingest_writes_everything_with_metadata(settings):
    report = run(settings)
    assert (report.added, report.unchanged, report.skipped) == (2, 0, [])
    assert report.chunks_written == report.total > 0
    chunk = next(c for c in open_index(settings).store.chunks() if c.source == "corpus/beleid.txt")
    assert (chunk.title, chunk.publisher, chunk.date, chunk.type) == ("Bewegingen CZ", "CZ zorgkantoor", "2023", "inkoopbeleid")
    md = next(c for c in open_index(settings).store.chunks() if c.source == "corpus/workshop.md")
    assert (md.title, md.date, md.type) == ("Workshop hybride zorg", "2023-11-08", "workshopverslag")


def test_reingest_of_unchanged_corpus_writes_nothing(settings):
    run(settings)
    before = sources(settings)
    report = run(settings)
    assert (report.added, report.unchanged, report.chunks_written, report.chunks_deleted) == (0, 2, 0, 0)
    assert sources(settings) == before


def test_changed_document_replaces_its_chunks(settings, corpus: Path):
    run(settings)
    (corpus / "workshop.md").write_text("# Workshop\n\nAlleen nieuwe tekst over beeldzorg in Twente.\n", encoding="utf-8")
    report = run(settings)
    assert (report.added, report.unchanged) == (1, 1)
    texts = [c.text for c in open_index(settings).store.chunks() if c.source == "corpus/workshop.md"]
    assert texts == ["Workshop\nAlleen nieuwe tekst over beeldzorg in Twente."]


def test_removed_document_is_deleted(settings, corpus: Path):
    run(settings)
    (corpus / "workshop.md").unlink()
    report = run(settings)
    assert report.removed == 1
    assert set(sources(settings)) == {"corpus/beleid.txt"}


def test_bad_files_are_skipped_and_the_rest_ingested(settings, tmp_path: Path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "leeg.txt").write_text("")
    (bad / "kapot.pdf").write_bytes(b"%PDF-1.4 dit is geen echte pdf")
    (bad / "kapot.docx").write_bytes(b"PK\x03\x04 rommel")
    (bad / "goed.txt").write_text("Hybride zorg in de wijk werkt goed volgens de teams.", encoding="utf-8")
    report = run(settings, [bad])
    assert report.skipped == [
        "kapot.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand.",
        "kapot.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand.",
        "leeg.txt overgeslagen: het bestand is leeg.",
    ]
    assert report.added == 1
    assert any(s.endswith("goed.txt") for s in sources(settings))


def test_folder_outside_the_corpus_is_named_from_that_folder(settings, tmp_path: Path):
    folder = tmp_path / "elders" / "beleid-extern"
    (folder / "2024").mkdir(parents=True)
    (folder / "goed.txt").write_text("Hybride zorg in de wijk werkt goed volgens de teams.", encoding="utf-8")
    (folder / "2024" / "plan.md").write_text("# Plan\n\nBeeldzorg in de nacht voor cliënten thuis.\n", encoding="utf-8")
    run(settings)
    report = run(settings, [folder])
    assert report.added == 2
    assert set(sources(settings)) == {"corpus/beleid.txt", "corpus/workshop.md", "beleid-extern/goed.txt",
                                      "beleid-extern/2024/plan.md"}
    one_file = run(settings, [folder / "goed.txt"])  # a file argument is named from its own folder
    assert (one_file.added, one_file.unchanged) == (0, 1)
    again = run(settings)  # the corpus keeps its names and is not rewritten
    assert (again.added, again.chunks_written) == (0, 0)
    assert {s for s in sources(settings) if s.startswith("corpus/")} == {"corpus/beleid.txt", "corpus/workshop.md"}


def test_unsupported_and_missing_paths(settings, tmp_path: Path):
    odd = tmp_path / "plaatje.png"
    odd.write_bytes(b"\x89PNG")
    report = run(settings, [odd])
    assert report.skipped == ["plaatje.png overgeslagen: bestandstype .png wordt niet ondersteund (wel: PDF, DOCX, HTML, Markdown en TXT)."]
    with pytest.raises(InputFileError, match="Bestand of map niet gevonden"):
        run(settings, [tmp_path / "bestaat-niet.txt"])


def test_embedding_model_change_rebuilds_with_message(settings):
    run(settings)
    index = open_index(settings)
    manifest = index.read_manifest()
    manifest["signature"]["embedding"] = "ander-model"
    index.write_manifest(manifest)
    warnings: list[str] = []
    report = ingest(open_index(settings), warn=warnings.append)
    assert warnings == ["De index is gemaakt met ander-model / structure-v4; nu is fake / structure-v4 ingesteld. De index wordt opnieuw opgebouwd."]
    assert report.added == 2


def test_remove_document(settings):
    run(settings)
    removed = remove_documents(open_index(settings), ["corpus/workshop.md"])
    assert removed > 0 and set(sources(settings)) == {"corpus/beleid.txt"}


def test_second_writer_gets_a_clear_message(settings):
    index = open_index(settings)
    with index.write_lock(), pytest.raises(IndexLockedError, match="Een ander proces werkt op dit moment de index bij"):
        run(settings)
