from pathlib import Path

import pytest
from fixtures.documents import layout_pdf, paragraph_lines

from assistant.errors import IndexLockedError, InputFileError
from assistant.index import open_index
from assistant.records import Block
from assistant.terminal import IngestBar
from ingest import files
from ingest.chunking import CHUNKER_VERSION
from ingest.pipeline import format_times, ingest, remove_documents


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
    assert (chunk.title, chunk.publisher, chunk.date, chunk.type) == ("Bewegingen ZK", "ZK zorgkantoor", "2023", "inkoopbeleid")
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
    (corpus / "workshop.md").write_text("# Workshop\n\nAlleen nieuwe tekst over beeldzorg in Oostdorp.\n", encoding="utf-8")
    report = run(settings)
    assert (report.added, report.unchanged) == (1, 1)
    texts = [c.text for c in open_index(settings).store.chunks() if c.source == "corpus/workshop.md"]
    assert texts == ["Workshop\nAlleen nieuwe tekst over beeldzorg in Oostdorp."]


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
    assert warnings == [f"De index is gemaakt met ander-model / {CHUNKER_VERSION} / vensters sqlite-f16-1; nu is fake / "
                        f"{CHUNKER_VERSION} / vensters sqlite-f16-1 ingesteld. De index wordt opnieuw opgebouwd."]
    assert report.added == 2


def test_uploaded_documents_are_ingested_with_the_corpus_and_survive_a_rebuild(settings):
    # An upload lives in the uploads folder; a rebuild (other model or chunker) empties the index,
    # and the plain ingest (what `make run` does) brings the uploads back with the corpus.
    run(settings)
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    (settings.uploads_dir / "eigen.md").write_text("# Eigen verslag\n\nOns team werkt met beeldbellen.\n", encoding="utf-8")
    run(settings, [settings.uploads_dir / "eigen.md"])
    assert "uploads/eigen.md" in sources(settings)
    index = open_index(settings)
    manifest = index.read_manifest()
    manifest["signature"]["chunker"] = "ouder"
    index.write_manifest(manifest)
    report = run(settings)
    assert "uploads/eigen.md" in sources(settings) and report.added == 3


def test_an_index_with_its_windows_in_chroma_is_rebuilt_into_the_window_file(settings):
    # Indexes built before the window file held every window in a Chroma collection.
    run(settings)
    index = open_index(settings)
    old = index._client.get_or_create_collection("windows_fake")
    old.add(ids=["x:0"], embeddings=[[0.1] * 64], metadatas=[{"chunk_id": "x"}])
    manifest = index.read_manifest()
    del manifest["signature"]["windows"]
    index.write_manifest(manifest)
    warnings: list[str] = []
    ingest(open_index(settings), warn=warnings.append)
    assert "vensters chroma" in warnings[0]
    index = open_index(settings)
    assert "windows_fake" not in {c.name for c in index._client.list_collections()}
    assert index.window_store.count() > 0
    assert {cid for cid, _ in index.window_store.owners().values()} == {c.id for c in index.store.chunks()}


def test_remove_document(settings):
    run(settings)
    removed = remove_documents(open_index(settings), ["corpus/workshop.md"])
    assert removed > 0 and set(sources(settings)) == {"corpus/beleid.txt"}


def test_second_writer_gets_a_clear_message(settings):
    index = open_index(settings)
    with index.write_lock(), pytest.raises(IndexLockedError, match="Een ander proces werkt op dit moment de index bij"):
        run(settings)


# ---------------------------------------------------------------- stage timings
def test_report_times_every_stage_and_prints_them(settings):
    report = run(settings)
    stages = [report.seconds_reading, report.seconds_chunking, report.seconds_embedding_chunks,
              report.seconds_embedding_windows, report.seconds_store, report.seconds_keywords]
    assert all(seconds > 0 for seconds in stages)
    assert sum(stages) <= report.seconds_total
    assert report.seconds_embedding == report.seconds_embedding_chunks + report.seconds_embedding_windows
    assert report.summary().splitlines()[1] == report.times()
    assert report.times().startswith("Tijd: lezen ")


@pytest.mark.parametrize(("seconds", "line"), [
    ((1.2, 0.3, 5.0, 35.1, 2.0, 0.4, 44.5),
     "Tijd: lezen 1.2 s, tekstdelen maken 0.3 s, embedden 40.1 s (tekstdelen 5.0 s, vensters 35.1 s), "
     "opslaan 2.0 s, trefwoordindex 0.4 s, overig 0.5 s; totaal 44.5 s"),
    ((0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.04),
     "Tijd: lezen 0.0 s, tekstdelen maken 0.0 s, embedden 0.0 s (tekstdelen 0.0 s, vensters 0.0 s), "
     "opslaan 0.0 s, trefwoordindex 0.0 s, overig 0.0 s; totaal 0.0 s"),
])
def test_format_times(seconds, line):
    assert format_times(*seconds) == line


# ---------------------------------------------------------------- progress
def test_progress_counts_files_while_reading_then_texts_while_embedding(settings):
    calls: list[tuple[float, float, str]] = []
    report = ingest(open_index(settings), warn=lambda m: None, on_progress=lambda *call: calls.append(call))
    reading = [c for c in calls if c[2].startswith("Bestanden lezen")]
    assert reading == [(0, 2, "Bestanden lezen — beleid.txt"), (1, 2, "Bestanden lezen — beleid.txt"),
                       (1, 2, "Bestanden lezen — workshop.md"), (2, 2, "Bestanden lezen — workshop.md")]
    index = open_index(settings)
    texts = report.total + index.window_store.count()
    embedding = [c for c in calls if c[2].startswith("Teksten embedden")]
    assert {c[1] for c in embedding} == {texts}
    assert [c[0] for c in embedding] == sorted(c[0] for c in embedding)  # never goes back
    assert (embedding[0][0], embedding[-1][0]) == (0, texts)
    assert {c[2] for c in embedding} == {"Teksten embedden — beleid.txt", "Teksten embedden — workshop.md"}
    assert calls[-1] == (texts, texts, "Trefwoordindex bijwerken")
    assert calls.index(reading[-1]) < calls.index(embedding[0])


def test_pages_of_a_file_are_fractions_of_it(settings, monkeypatch: pytest.MonkeyPatch):
    def two_pages(data, name, on_page=None):
        for page in (1, 2):
            if on_page:
                on_page(page, 2)
        return [Block("paragraph", "Beeldzorg in de wijk werkt goed volgens de teams van de regio.")], {}

    monkeypatch.setattr("ingest.files.load_bytes", two_pages)
    calls: list[tuple[float, float, str]] = []
    ingest(open_index(settings), warn=lambda m: None, on_progress=lambda *call: calls.append(call))
    assert [c for c in calls if "pagina" in c[2]] == [
        (0.5, 2, "Bestanden lezen — beleid.txt, pagina 1 van 2"), (1.0, 2, "Bestanden lezen — beleid.txt, pagina 2 van 2"),
        (1.5, 2, "Bestanden lezen — workshop.md, pagina 1 van 2"), (2.0, 2, "Bestanden lezen — workshop.md, pagina 2 van 2"),
    ]


def test_a_real_pdf_reports_its_pages(settings, tmp_path: Path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    pages = [paragraph_lines([f"Op pagina {n} staat tekst over beeldzorg in de wijkverpleging thuis."]) for n in (1, 2)]
    (folder / "rapport.pdf").write_bytes(layout_pdf(pages))
    calls: list[tuple[float, float, str]] = []
    ingest(open_index(settings), [folder], warn=lambda m: None, on_progress=lambda *call: calls.append(call))
    assert [c for c in calls if "pagina" in c[2]] == [
        (0.5, 1, "Bestanden lezen — rapport.pdf, pagina 1 van 2"), (1.0, 1, "Bestanden lezen — rapport.pdf, pagina 2 van 2")]


def test_the_old_progress_wrapper_still_sees_files_then_documents(settings):
    seen: list[tuple[str, int]] = []

    def progress(items, label, total):
        seen.append((label, total))
        return items

    ingest(open_index(settings), warn=lambda m: None, progress=progress)
    assert seen == [("Documenten inlezen", 2), ("Tekstdelen verwerken", 2)]


def test_cli_bar_starts_again_per_count_and_writes_warnings_above_it(capsys):
    bar = IngestBar()
    bar(0, 2, "Bestanden lezen — a.txt")
    first = bar.bar
    bar(1.5, 2, "Bestanden lezen — b.pdf, pagina 1 van 2")
    bar.write("kapot.pdf overgeslagen: het bestand is beschadigd.")
    assert bar.bar is first and bar.bar.n == 1.5
    bar(0, 40, "Teksten embedden — a.txt")
    assert bar.bar is not first and bar.bar.total == 40
    bar.close()
    lines = [part.strip() for line in capsys.readouterr().err.split("\n") for part in line.split("\r")]
    assert "kapot.pdf overgeslagen: het bestand is beschadigd." in lines


# ---------------------------------------------------------------- unchanged files are not parsed again
@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the pipeline parses."""
    names: list[str] = []
    original = files.load_bytes

    def counting(data, name, on_page=None):
        names.append(name)
        return original(data, name, on_page=on_page)

    monkeypatch.setattr("ingest.files.load_bytes", counting)
    return names


def test_second_ingest_of_an_unchanged_corpus_parses_nothing(settings, loads):
    run(settings)
    assert loads == ["beleid.txt", "workshop.md"]
    before = sources(settings)
    report = run(settings)
    assert loads == ["beleid.txt", "workshop.md"]
    assert (report.added, report.unchanged, report.chunks_written, report.chunks_deleted) == (0, 2, 0, 0)
    assert sources(settings) == before
    entry = open_index(settings).read_manifest()["documents"]["corpus/beleid.txt"]
    assert {"sha256", "meta_sha256", "chunker", "parser", "embedding", "chunk_ids_sha256"} <= set(entry)
    assert (entry["embedding"], entry["chunker"]) == ("fake", f"{CHUNKER_VERSION} 200/250/90")


def test_a_changed_file_is_read_again(settings, corpus: Path, loads):
    run(settings)
    (corpus / "workshop.md").write_text("# Workshop\n\nAlleen nieuwe tekst over beeldzorg in Oostdorp.\n", encoding="utf-8")
    report = run(settings)
    assert loads[2:] == ["workshop.md"]
    assert (report.added, report.unchanged) == (1, 1)


def test_a_changed_sources_toml_entry_reads_that_file_again(settings, corpus: Path, loads):
    run(settings)
    toml = corpus / "sources.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"ZK zorgkantoor"', '"Zorgkantoor ZK"'), encoding="utf-8")
    report = run(settings)
    assert loads[2:] == ["beleid.txt"]
    assert (report.added, report.unchanged) == (1, 1)
    assert {c.publisher for c in open_index(settings).store.chunks() if c.source == "corpus/beleid.txt"} == {"Zorgkantoor ZK"}


def test_new_metadata_for_the_same_texts_keeps_the_vectors(settings, corpus: Path):
    # A publisher or date from sources.toml is no part of what is embedded: only the labels change.
    run(settings)
    index = open_index(settings)
    ids = [c.id for c in index.store.chunks() if c.source == "corpus/beleid.txt"]
    before = index.store.collection.get(ids=ids, include=["embeddings"])
    toml = corpus / "sources.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"ZK zorgkantoor"', '"Zorgkantoor ZK"'), encoding="utf-8")
    report = run(settings)
    assert (report.added, report.chunks_written, report.chunks_deleted) == (1, 0, 0)
    assert report.chunks_relabelled == len(ids) and "alleen nieuwe gegevens" in report.summary().splitlines()[0]
    index = open_index(settings)
    assert {c.publisher for c in index.store.chunks() if c.source == "corpus/beleid.txt"} == {"Zorgkantoor ZK"}
    after = index.store.collection.get(ids=ids, include=["embeddings"])
    assert dict(zip(after["ids"], map(list, after["embeddings"]))) == dict(zip(before["ids"], map(list, before["embeddings"])))
    # A new title is part of the windows' texts: those are embedded again.
    toml.write_text(toml.read_text(encoding="utf-8").replace('"Bewegingen ZK"', '"Bewegingen in de zorg"'), encoding="utf-8")
    assert run(settings).chunks_written > 0


def test_a_document_with_a_missing_chunk_is_read_again_and_repaired(settings, loads):
    run(settings)
    before = sources(settings)
    index = open_index(settings)
    lost = next(c.id for c in index.store.chunks() if c.source == "corpus/workshop.md")
    index.store.delete([lost])
    report = run(settings)
    assert loads[2:] == ["workshop.md"]
    assert (report.added, report.chunks_written) == (1, 1)
    assert sources(settings) == before


def test_other_parser_code_reads_every_file_again_without_embedding_again(settings, loads, monkeypatch):
    run(settings)
    monkeypatch.setattr("ingest.pipeline.parser_fingerprint", lambda: "andere-code")
    report = run(settings)
    assert loads[2:] == ["beleid.txt", "workshop.md"]
    assert (report.unchanged, report.chunks_written) == (2, 0)
    assert run(settings).unchanged == 2 and loads[4:] == []


def test_small_documents_are_embedded_together_with_the_same_result(settings, tmp_path: Path, monkeypatch):
    from assistant.embeddings import Embedder

    folder = tmp_path / "paginas"
    folder.mkdir()
    for n in range(6):
        (folder / f"pagina{n}.txt").write_text(f"Pagina {n}\n\nDe wijkverpleging in wijk {n} werkt met beeldzorg. "
                                               f"Teams plannen bezoeken op afstand.", encoding="utf-8")
    calls: list[int] = []
    original = Embedder.embed_batch

    def counting(self, texts, kind="passage"):
        calls.append(len(texts))
        return original(self, texts, kind)

    monkeypatch.setattr(Embedder, "embed_batch", counting)

    def ingested(data: str, group_texts: int) -> tuple[list, int]:
        calls.clear()
        index = open_index(settings.with_(data_dir=tmp_path / data, ingest_group_texts=group_texts))
        ingest(index, [folder], warn=lambda m: None)
        stored = sorted((c.id, c.text) for c in index.store.chunks())
        return stored + sorted(index.window_store.owners()), len(calls)

    together, calls_together = ingested("samen", settings.ingest_group_texts)
    alone, calls_alone = ingested("apart", 1)
    assert together == alone
    assert calls_together == 2 and calls_alone == 12  # windows, then chunks: once for all, or per page
