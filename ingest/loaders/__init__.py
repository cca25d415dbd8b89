"""Loaders: one file in, a list of `Block`s (heading / paragraph / list item) and metadata out.

One module per format behind one registry (`LOADERS`, keyed by suffix): `plain` (.txt),
`markdown`, `html`, `pdf` (with `pdf_layout` and `ocr`), `docx`; shared pieces in `decoding`,
`lines` (text heuristics), `tables`, `frontmatter` and `limits` (budgets).
Each loader only reads; it never writes to the index. Problems raise `UnreadableFileError`
with a Dutch reason, so the pipeline can skip the file and go on with the rest.
Hostile input is bounded, never trusted: text is decoded without guessing silently, a DOCX
may not unpack beyond `MAX_UNPACKED_BYTES`, a PDF is read within page, stream, content, text
and time budgets, and no file may yield more than `MAX_TEXT_CHARS` characters of text.
Deliberately not done here: images, language detection (a readable text in another language is
loaded; retrieval simply will not find it useful).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant import messages as msg
from assistant.errors import UnreadableFileError, UnsupportedFileError
from assistant.records import Block

from . import limits
from .decoding import decode_text
from .docx import load_docx
from .frontmatter import split_front_matter
from .html import load_html
from .limits import (
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_PAGES,
    MAX_PDF_SECONDS,
    MAX_PDF_STREAM_BYTES,
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_MEMBERS,
)
from .lines import MIN_WORD_SHARE, MIN_WORDS, blocks_from_lines, letter_subject, readable
from .markdown import load_markdown
from .pdf import PageProgress, load_pdf
from .plain import load_txt

__all__ = [
    "LOADERS", "MAX_PDF_CONTENT_BYTES", "MAX_PDF_PAGES", "MAX_PDF_SECONDS", "MAX_PDF_STREAM_BYTES", "MAX_TEXT_CHARS",
    "MAX_UNPACKED_BYTES", "MAX_ZIP_MEMBERS", "MIN_WORDS", "MIN_WORD_SHARE", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES",
    "Loaded", "PageProgress", "blocks_from_lines", "check_text", "decode_text", "limits", "load_bytes", "load_docx",
    "load_html", "load_markdown", "load_pdf", "load_txt", "readable", "split_front_matter",
]

Loaded = tuple[list[Block], dict[str, str]]

LOADERS: dict[str, Callable[[bytes, str], Loaded]] = {
    ".txt": load_txt,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}
SUPPORTED_SUFFIXES = set(LOADERS)
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


def load_bytes(data: bytes, name: str, on_page: PageProgress | None = None) -> Loaded:
    """Load a file's bytes by its suffix. Raises UnsupportedFileError / UnreadableFileError.
    `on_page(page, pages)` is called after each page of a PDF (OCR makes a scan slow to read).

    Example: load_bytes(b"Doel\\nDe zorg is thuis.", "a.txt")[0][0] == Block("heading", "Doel")
    """
    suffix = Path(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFileError(msg.FILE_UNSUPPORTED.format(name=name, suffix=suffix or "(geen)"))
    if not data.strip():
        raise UnreadableFileError(msg.FILE_EMPTY.format(name=name))
    blocks, meta = load_pdf(data, name, on_page) if loader is load_pdf else loader(data, name)
    check_text(blocks, name)
    if suffix in (".pdf", ".docx") and (subject := letter_subject([b.text for b in blocks])):
        meta = {**meta, "title": subject}  # a letter's subject, not its letterhead or a template's title
    return blocks, meta


def check_text(blocks: list[Block], name: str) -> None:
    """Refuse a loaded document that is empty, has no real words or far too much text."""
    text = "\n".join(b.text for b in blocks)
    suffix = Path(name).suffix.lower()
    if len(text) > limits.MAX_TEXT_CHARS:
        raise UnreadableFileError(limits.too_much_text(name))
    if not text.strip() and suffix in {".txt", ".md", ".markdown"}:
        raise UnreadableFileError(msg.FILE_EMPTY.format(name=name))
    if not readable(text):
        reason = msg.FILE_NO_WORDS if suffix in TEXT_SUFFIXES else msg.FILE_NO_TEXT
        raise UnreadableFileError(reason.format(name=name))
