"""Budgets against bombs and runaway parsing, shared by every loader.

Generous for real policy documents (the largest corpus file has under 20,000 characters), tight
enough that one file cannot stall a batch. Loaders read these as `limits.NAME` at call time, so a
test can lower one with `monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1000)`.
"""

from __future__ import annotations

from assistant import messages as msg

MAX_TEXT_CHARS = 2_000_000  # about 1,000 pages of text
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a DOCX that unpacks beyond this is treated as a bomb
MAX_ZIP_MEMBERS = 10_000
MAX_PDF_PAGES = 2000
MAX_PDF_STREAM_BYTES = 10_000_000  # one decompressed PDF stream (pypdf's own default is 75 MB)
MAX_PDF_CONTENT_BYTES = 100_000_000  # all decompressed page content streams together
MAX_PDF_SECONDS = 120.0  # a backstop for PDF structures the budgets above do not foresee
# OCR is slow (one to three seconds a page on two cores), so a scan gets its own, larger budget.
MAX_OCR_PAGES = 300
MAX_OCR_SECONDS = 900.0
OCR_PAGE_SECONDS = 90.0  # one tesseract run; a page that takes longer is left out


def too_much_text(name: str) -> str:
    """The Dutch reason for a file over MAX_TEXT_CHARS, the limit written the Dutch way.

    Example: too_much_text("a.txt") mentions "2.000.000 tekens"
    """
    return msg.FILE_TOO_MUCH_TEXT.format(name=name, limit=f"{MAX_TEXT_CHARS:,}".replace(",", "."))
