"""Loaders on good, odd and hostile input: exact blocks, exact Dutch reasons, bounded work.

The property tests feed random bytes, random text and mutated real files to every loader: the
only allowed outcomes are blocks or a ZorgError, within the deadline.
"""

from __future__ import annotations

import codecs
import logging
import zipfile
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import UnreadableFileError, UnsupportedFileError, ZorgError
from assistant.records import Block
from fixtures.hostile import (
    DUTCH_LINES, Maker, docx_bomb, docx_bytes, encrypted_pdf, entity_bomb_docx, image_pdf, lying_docx, pdf_bomb, random_bytes,
    stream_pdf, text_pdf,
)
from ingest import loaders
from ingest.loaders import decode_text, load_bytes, readable

DUTCH = "Hybride zorg: één cliënt, coördinatie en ‘naasten’ – samen thuis."
# No .hypothesis folder in the working tree, and a generous deadline: a hang is minutes, and a
# busy test machine must not turn a 50 ms example into a failure.
PROPERTY = settings(max_examples=60, deadline=timedelta(seconds=5), database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    return text_pdf()


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return docx_bytes([("Title", "Zorgplan"), ("Heading 1", "Doel"), ("Normal", DUTCH_LINES[0]),
                       ("List Bullet", "een punt in de lijst")], title="Plan hybride zorg")


# ---------------------------------------------------------------- decoding
@pytest.mark.parametrize("data", [
    DUTCH.encode("utf-8"),
    codecs.BOM_UTF8 + DUTCH.encode("utf-8"),
    DUTCH.encode("cp1252"),
    "Hybride zorg voor één cliënt".encode("latin-1"),
    DUTCH.encode("utf-16"),  # with byte order mark
    DUTCH.encode("utf-16-le"),  # without
    DUTCH.encode("utf-16-be"),
    DUTCH.encode("utf-32"),
], ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf16-bom", "utf16le", "utf16be", "utf32"])
def test_encodings_decode_to_the_right_characters(data: bytes):
    expected = "Hybride zorg voor één cliënt" if data.startswith(b"Hybride zorg voor") else DUTCH
    assert decode_text(data, "a.txt") == expected


@pytest.mark.parametrize(("text", "encoding"), [
    ("Гибридная помощь объединяет помощь на расстоянии и помощь на дому для пожилых людей.", "cp1251"),
    ("Η υβριδική φροντίδα συνδυάζει φροντίδα από απόσταση και φροντίδα στο σπίτι.", "cp1253"),
])
def test_other_alphabets_are_left_to_charset_detection(text: str, encoding: str):
    assert decode_text(text.encode(encoding), "a.txt") == text


@pytest.mark.parametrize(("data", "message"), [
    (random_bytes(3000, seed=1), "a.txt overgeslagen: het bestand is beschadigd of geen geldig tekst-bestand."),
    (b"Zorg\x00thuis\x00\x00\x01werkt\x02goed" * 20, "a.txt overgeslagen: het bestand is beschadigd of geen geldig tekst-bestand."),
    (codecs.BOM_UTF8 + b"Zorg \xff\xfe thuis", "a.txt overgeslagen: de tekenset (codering) van het bestand is niet te herkennen. Sla het op als UTF-8 en probeer het opnieuw."),
], ids=["random-bytes", "nul-bytes", "bad-after-bom"])
def test_binary_or_undecodable_text_is_refused(data: bytes, message: str):
    with pytest.raises(UnreadableFileError) as error:
        decode_text(data, "a.txt")
    assert str(error.value) == message


@pytest.mark.parametrize(("text", "expected"), [
    ("Zorg thuis werkt.", True),
    ("1234 5678 %%% ### 99 ab", False),
    ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", False),
    ("2023 2024 Totaal 1.234 5.678 9.101 1.121 3.141 5.161 7.181 9.202 1.222 3.242", False),
    ("Zorg thuis werkt: 2023 2024 1.234 5.678", True),
])
def test_readable_needs_real_words(text: str, expected: bool):
    assert readable(text) is expected


# ---------------------------------------------------------------- good files
def test_text_pdf_gives_its_lines_with_page_numbers(good_pdf: bytes):
    blocks, meta = load_bytes(good_pdf, "beleid.pdf")
    assert blocks == [Block("paragraph", DUTCH_LINES[0], page=1), Block("paragraph", DUTCH_LINES[1], page=1)]
    assert meta == {}


def test_pdf_with_only_an_owner_password_is_read():
    blocks, _ = load_bytes(encrypted_pdf(user_password=""), "beleid.pdf")
    assert [b.text for b in blocks] == list(DUTCH_LINES)


def test_docx_keeps_headings_lists_and_title(good_docx: bytes):
    blocks, meta = load_bytes(good_docx, "plan.docx")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Zorgplan", 1), ("heading", "Doel", 1), ("paragraph", DUTCH_LINES[0], 1),
        ("list_item", "een punt in de lijst", 1),
    ]
    assert meta == {"title": "Plan hybride zorg"}


# ---------------------------------------------------------------- bad files, exact reasons
@pytest.mark.parametrize(("name", "make", "message"), [
    ("leeg.txt", lambda: b"", "leeg.txt overgeslagen: het bestand is leeg."),
    ("spaties.md", lambda: b" \n\t\r\n ", "spaties.md overgeslagen: het bestand is leeg."),
    ("bom-alleen.txt", lambda: codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "bom-alleen.txt overgeslagen: het bestand is leeg."),
    ("cijfers.txt", lambda: b"1234 5678 %%% ### 99\n" * 5,
     "cijfers.txt overgeslagen: er staan geen gewone woorden in (alleen cijfers, tekens of onleesbare inhoud)."),
    ("script.html", lambda: b"<html><script>var a = 1;</script><p>12 34</p></html>",
     "script.html overgeslagen: er staan geen gewone woorden in (alleen cijfers, tekens of onleesbare inhoud)."),
    ("kapot.html", lambda: b"<p>Zorg thuis werkt goed.</p><![zorg[ thuis ]]>",
     "kapot.html overgeslagen: het bestand is beschadigd of geen geldig HTML-bestand."),
    ("rommel.pdf", lambda: random_bytes(2000, seed=2), "rommel.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand."),
    ("afgekapt.pdf", lambda: text_pdf()[:5000], "afgekapt.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand."),
    ("geheim.pdf", encrypted_pdf, "geheim.pdf overgeslagen: de PDF is beveiligd met een wachtwoord."),
    ("scan.pdf", image_pdf, "scan.pdf overgeslagen: er staat geen leesbare tekst in (is het een scan zonder tekstlaag?)."),
    ("bom.pdf", lambda: pdf_bomb(12_000_000), "bom.pdf overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("rommel.docx", lambda: random_bytes(2000, seed=3), "rommel.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("zip.docx", lambda: _zip({"a.txt": b"Zorg thuis werkt goed."}), "zip.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("bom.docx", docx_bomb, "bom.docx overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("liegt.docx", lying_docx, "liegt.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("lach.docx", entity_bomb_docx, "lach.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("leeg.docx", lambda: docx_bytes([]), "leeg.docx overgeslagen: er staat geen leesbare tekst in (is het een scan zonder tekstlaag?)."),
])
def test_bad_files_are_refused_with_the_exact_reason(name: str, make: Maker, message: str):
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(make(), name)
    assert str(error.value) == message


def test_unsupported_suffix():
    with pytest.raises(UnsupportedFileError) as error:
        load_bytes(b"Zorg thuis werkt goed.", "notities.rtf")
    assert str(error.value) == (
        "notities.rtf overgeslagen: bestandstype .rtf wordt niet ondersteund (wel: PDF, DOCX, HTML, Markdown en TXT)."
    )


def test_lying_zip_header_fails_on_the_checksum_not_on_memory():
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(lying_docx(), "liegt.docx")
    assert isinstance(error.value.__cause__, zipfile.BadZipFile)
    assert str(error.value.__cause__) == "Bad CRC-32 for file 'word/document.xml'"


# ---------------------------------------------------------------- budgets
@pytest.mark.parametrize(("limit", "name", "make", "message"), [
    ("MAX_TEXT_CHARS", "lang.txt", lambda: ("Zorg thuis werkt goed. " * 100).encode(),
     "lang.txt overgeslagen: er staat meer dan 1.000 tekens tekst in. Splits het bestand in kleinere delen."),
    ("MAX_TEXT_CHARS", "lang.pdf", lambda: text_pdf(pages=20),
     "lang.pdf overgeslagen: er staat meer dan 1.000 tekens tekst in. Splits het bestand in kleinere delen."),
    ("MAX_PDF_PAGES", "dik.pdf", lambda: text_pdf(pages=3),
     "dik.pdf overgeslagen: de PDF heeft 3 pagina's, de grens is 2. Splits het bestand in kleinere delen."),
    ("MAX_PDF_CONTENT_BYTES", "zwaar.pdf", lambda: stream_pdf([b"BT /F1 12 Tf 72 720 Td (Zorg thuis werkt) Tj ET\n" + b" " * 600], pages=5),
     "zwaar.pdf overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("MAX_ZIP_MEMBERS", "veel.docx", lambda: docx_bytes([("Normal", DUTCH_LINES[0])]),
     "veel.docx overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
])
def test_budgets_stop_a_file_with_the_exact_reason(monkeypatch: pytest.MonkeyPatch, limit: str, name: str, make: Maker, message: str):
    data = make()
    monkeypatch.setattr(loaders, limit, {"MAX_TEXT_CHARS": 1000, "MAX_PDF_PAGES": 2,
                                         "MAX_PDF_CONTENT_BYTES": 2000, "MAX_ZIP_MEMBERS": 5}[limit])
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(data, name)
    assert str(error.value) == message


def test_pdf_that_takes_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch, good_pdf: bytes):
    monkeypatch.setattr(loaders, "MAX_PDF_SECONDS", 0)
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(good_pdf, "traag.pdf")
    assert str(error.value) == (
        "traag.pdf overgeslagen: het lezen duurde langer dan 0 seconden. Het bestand is te zwaar of beschadigd."
    )


def test_text_budget_stops_a_pdf_before_it_is_read_to_the_end(monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []
    original = loaders._PdfBudget.count_text

    def counting(self, text: str, *rest: object) -> None:
        calls.append(self.text_chars)
        original(self, text, *rest)

    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 500)
    monkeypatch.setattr(loaders._PdfBudget, "count_text", counting)
    with pytest.raises(UnreadableFileError):
        load_bytes(text_pdf(pages=50), "lang.pdf")
    assert max(calls) <= 500  # it stopped at the first piece over the limit, not after 50 pages


def test_pypdf_warnings_stay_off_the_screen_and_its_log_level_is_restored(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.WARNING)
    with pytest.raises(UnreadableFileError):
        load_bytes(text_pdf()[:5000], "afgekapt.pdf")
    assert caplog.records == []
    assert logging.getLogger("pypdf").level == logging.NOTSET


# ---------------------------------------------------------------- properties
SUFFIXES = sorted(loaders.LOADERS)


def _outcome(data: bytes, name: str) -> None:
    """Blocks with text, or a ZorgError: nothing else may come out of a loader."""
    try:
        blocks, meta = load_bytes(data, name)
    except ZorgError as error:
        assert str(error).startswith(f"{name} overgeslagen: ")
        return
    assert blocks and all(b.text and b.text == b.text.strip() for b in blocks)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())


@PROPERTY
@given(prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", codecs.BOM_UTF16_LE, b"<html><p>"]),
       data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_give_blocks_or_a_dutch_reason(prefix: bytes, data: bytes, suffix: str):
    _outcome(prefix + data, f"bestand{suffix}")


@PROPERTY
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]),
       suffix=st.sampled_from(SUFFIXES))
def test_random_text_gives_blocks_or_a_dutch_reason(text: str, encoding: str, suffix: str):
    _outcome(text.encode(encoding, errors="ignore"), f"bestand{suffix}")


@PROPERTY
@given(text=st.text(st.characters(codec="cp1252", exclude_categories=["Cc"]) | st.sampled_from("\n\t"),
                   min_size=1, max_size=400))
def test_decoded_text_is_never_silently_different(text: str):
    """Text without control characters in UTF-8, or in UTF-16 with a byte order mark, comes
    back exactly (or is refused); it is never decoded as something else."""
    for data in (text.encode("utf-8"), text.encode("utf-16")):
        try:
            decoded = decode_text(data, "a.txt")
        except ZorgError:
            continue
        assert decoded == text


@PROPERTY
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=0, max_size=8)), min_size=1, max_size=6),
       cut=st.floats(0.05, 1.0), kind=st.sampled_from(["pdf", "docx"]))
def test_damaged_real_files_give_blocks_or_a_dutch_reason(good_pdf: bytes, good_docx: bytes, edits: list[tuple[float, bytes]], cut: float,
                                                    kind: str):
    data = bytearray(good_pdf if kind == "pdf" else good_docx)
    for where, replacement in edits:
        at = int(where * (len(data) - 1))
        data[at : at + len(replacement)] = replacement
    _outcome(bytes(data[: max(1, int(len(data) * cut))]), f"beschadigd.{kind}")


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
