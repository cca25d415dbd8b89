"""PDF files: pypdf reads each page within budgets; `pdf_layout` turns the text into blocks.

Hostile input is bounded: page count, decompressed streams, total page content, extracted text
and wall-clock time all have a budget (see `limits`), checked from inside pypdf's visitor
callbacks so a budget stops the work where it is. A page without a text layer is read with OCR
when tesseract is installed (see `ocr`); the document's meta then says `ocr = "ja"`.
The title comes from the PDF metadata only when it is plausible (`pdf_title.py`).
Deliberately not done: images, forms, annotations, tables as rows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from assistant import messages as msg
from assistant.errors import UnreadableFileError
from assistant.records import Block

from . import limits, ocr
from .lines import classify, has_letters
from .pdf_layout import (
    Page,
    Paragraph,
    Piece,
    body_size,
    drop_contents,
    drop_markers,
    drop_running,
    full_length,
    heading_levels,
    is_heading,
    lines_from_pieces,
    paragraphs,
)
from .pdf_title import choose_title

if TYPE_CHECKING:  # imported lazily at run time: pypdf is heavy
    from pypdf import PageObject, PdfReader

PageProgress = Callable[[int, int], None]  # (page number, number of pages), after each page
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# A soft hyphen that a browser's "print to PDF" draws as a space glyph inside a marked span whose
# /ActualText is U+00AD ("zorg<span>space</span>aanbieders"): pypdf reads the glyph, not the
# ActualText, and writes "zorg aanbieders". The span's one text-showing operator is dropped.
_SOFT_HYPHEN_SPAN = re.compile(
    rb"/Span\s*<<\s*/ActualText\s*(?:<\s*FEFF\s*00AD\s*>|\((?:\\255|\xad|\xfe\xff\x00\xad)\))\s*>>\s*BDC\s*"
    rb"(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*Tj\s*EMC", re.IGNORECASE)
_PYPDF_OUTPUT_LIMITS = (
    "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
    "brotli_maximum_output_length", "array_based_stream_maximum_output_length",
)


class PdfBudgetExceeded(BaseException):
    """Raised from pypdf's visitor callbacks with the Dutch reason. A BaseException on purpose:
    pypdf catches `Exception` around each form XObject it extracts, and a budget must stop it."""


class PdfBudget:
    """What one PDF may cost while pypdf reads it: decompressed page content, extracted text
    and wall-clock time. The callbacks match pypdf's `extract_text` visitor signatures."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.content_bytes = 0
        self.text_chars = 0
        self.deadline = time.monotonic() + limits.MAX_PDF_SECONDS

    def count_content(self, page: PageObject) -> None:
        contents = page.get_contents()
        self.content_bytes += len(contents.get_data()) if contents is not None else 0
        if self.content_bytes > limits.MAX_PDF_CONTENT_BYTES:
            raise PdfBudgetExceeded(msg.FILE_BOMB.format(name=self.name))

    def check_time(self, *_: object) -> None:
        if time.monotonic() > self.deadline:
            raise PdfBudgetExceeded(msg.FILE_TOO_SLOW.format(name=self.name, seconds=round(limits.MAX_PDF_SECONDS)))

    def count_text(self, text: str, *_: object) -> None:
        self.text_chars += len(text)
        if self.text_chars > limits.MAX_TEXT_CHARS:
            raise PdfBudgetExceeded(limits.too_much_text(self.name))


def load_pdf(data: bytes, name: str, on_page: PageProgress | None = None) -> tuple[list[Block], dict[str, str]]:
    from pypdf.errors import LimitReachedError

    try:
        with _pypdf_limits():
            return _read_pdf(data, name, on_page)
    except UnreadableFileError:
        raise
    except PdfBudgetExceeded as exc:
        raise UnreadableFileError(str(exc)) from None
    except (LimitReachedError, MemoryError) as exc:
        raise UnreadableFileError(msg.FILE_BOMB.format(name=name)) from exc
    except Exception as exc:  # pypdf raises many kinds on junk; none may stop the batch
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="PDF")) from exc


def _read_pdf(data: bytes, name: str, on_page: PageProgress | None) -> tuple[list[Block], dict[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _unlock(reader, name)
    count = len(reader.pages)
    if count > limits.MAX_PDF_PAGES:
        raise UnreadableFileError(msg.FILE_TOO_MANY_PAGES.format(name=name, pages=count, limit=limits.MAX_PDF_PAGES))
    budget = PdfBudget(name)
    pages: list[Page] = []
    read_by_ocr: dict[int, list[str]] = {}
    with contextlib.ExitStack() as stack:
        reader_ocr = stack.enter_context(ocr.OcrReader(data, name)) if ocr.available() else None
        for number, page in enumerate(reader.pages, start=1):
            budget.count_content(page)
            _drop_soft_hyphens(page)
            pages.append(_page_lines(page, budget))
            if reader_ocr is not None and not any(has_letters(line.text) for line in pages[-1].lines) and has_images(page):
                started = time.monotonic()
                read_by_ocr[number] = reader_ocr.read(number, page)
                budget.deadline += time.monotonic() - started  # OCR has its own budget
            if on_page is not None:
                on_page(number, count)
    texts = [drop_contents(lines) for lines in drop_running(pages)]
    document_full = full_length(texts)
    per_page = [paragraphs(lines, document_full) for lines in texts]
    body = body_size(texts)
    blocks = _blocks(per_page, read_by_ocr, body)
    meta: dict[str, str] = {}
    info = reader.metadata
    first_page = per_page[0] if per_page else []
    if title := choose_title(str(info.title) if info and info.title else "", first_page, blocks, body, name):
        meta["title"] = title
    if any(read_by_ocr.values()):
        meta["ocr"] = "ja"
    return blocks, meta


def _drop_soft_hyphens(page: PageObject) -> None:
    """Remove the glyphs drawn for soft hyphens (`_SOFT_HYPHEN_SPAN`) from the page's content, so
    that the words they sat in read as one: "zorgaanbieders", and at a line end "opleidings-" +
    "centrum" (the visible hyphen is a glyph of its own, which the line joining handles)."""
    from pypdf.generic import DecodedStreamObject, NameObject

    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    if b"ActualText" not in data:
        return
    cleaned = _SOFT_HYPHEN_SPAN.sub(b"", data)
    if cleaned != data:
        stream = DecodedStreamObject()
        stream.set_data(cleaned)
        page[NameObject("/Contents")] = stream


def _page_lines(page: PageObject, budget: PdfBudget) -> Page:
    pieces: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        budget.count_text(text)
        if text:
            pieces.append(piece_at(text, cm, tm, font, size))

    page.extract_text(visitor_operand_before=budget.check_time, visitor_text=visit)
    box = page.mediabox
    return Page(drop_markers(lines_from_pieces(pieces)), float(box.bottom), float(box.top))


def has_images(page: PageObject) -> bool:
    """Whether a page draws an image (directly or in a form): only then can OCR find text on it;
    a blank page is not worth a tesseract run."""
    def images_in(resources: Any, depth: int) -> bool:
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        for ref in (xobjects.get_object().values() if xobjects is not None else []):
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                return True
            if depth and xobject.get("/Subtype") == "/Form" and images_in(xobject.get("/Resources"), depth - 1):
                return True
        return False

    return images_in(page.get("/Resources"), depth=2)


def piece_at(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> Piece:
    """Where a piece of text starts on the page (text matrix times transformation matrix), its
    font size as drawn, and whether its font is bold.

    Example: piece_at("Zorg", [1, 0, 0, 1, 50, 700], [1, 0, 0, 1, 10, 0], None, 9).x == 60
    """
    _, _, c, d, e, f = (float(v) for v in tm)
    a2, b2, c2, d2, e2, f2 = (float(v) for v in cm)
    x, y = e * a2 + f * c2 + e2, e * b2 + f * d2 + f2
    scale = ((c * a2 + d * c2) ** 2 + (c * b2 + d * d2) ** 2) ** 0.5
    base = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
    return Piece(text, x, y, float(size or 0) * (scale or 1.0), bool(_BOLD_FONT.search(base)))


def _blocks(per_page: list[list[Paragraph]], read_by_ocr: dict[int, list[str]], body: float) -> list[Block]:
    levels = heading_levels([p.size for found in per_page for p in found if is_heading(p, body)])
    blocks: list[Block] = []
    for number, found in enumerate(per_page, start=1):
        if number in read_by_ocr:
            texts = read_by_ocr[number]
            blocks.extend(Block(kind, text, page=number) for kind, text in zip(classify(texts), texts))
            continue
        for paragraph, kind in zip(found, classify([p.text for p in found])):
            if is_heading(paragraph, body):
                blocks.append(Block("heading", paragraph.text, page=number, level=levels.get(paragraph.size, 1)))
            elif paragraph.row:
                blocks.append(Block("paragraph", paragraph.text, page=number))
            else:
                blocks.append(Block(kind, paragraph.text, page=number))
    return blocks


def _unlock(reader: PdfReader, name: str) -> None:
    """Open a PDF that is encrypted without a user password; refuse one that needs a password."""
    try:
        unlocked = reader.decrypt("")
    except Exception as exc:  # a missing AES backend, a broken security handler
        raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name)) from exc
    if not unlocked:
        raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name))


@contextlib.contextmanager
def _pypdf_limits() -> Iterator[None]:
    """pypdf's decompression limits tightened to MAX_PDF_STREAM_BYTES (where this pypdf has a
    configuration), and its English warnings kept off the screen: the user gets our reason."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.ExitStack() as stack:
            try:
                from pypdf import apply_configuration, get_configuration
            except ImportError:  # an older pypdf keeps its own fixed limits
                pass
            else:
                fields = {f.name for f in dataclasses.fields(get_configuration())}
                stack.enter_context(apply_configuration(
                    **{f: limits.MAX_PDF_STREAM_BYTES for f in _PYPDF_OUTPUT_LIMITS if f in fields}))
            yield
    finally:
        logger.setLevel(level)
