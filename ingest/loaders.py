"""Loaders: one file in, a list of `Block`s (heading / paragraph / list item) out.

Each loader only reads; it never writes to the index. Problems raise `UnreadableFileError`
with a Dutch reason, so the pipeline can skip the file and go on with the rest.
Hostile input is bounded, never trusted: text is decoded without guessing silently, a DOCX
may not unpack beyond `MAX_UNPACKED_BYTES`, a PDF is read within page, stream, content, text
and time budgets, and no file may yield more than `MAX_TEXT_CHARS` characters of text.
Deliberately not done here: OCR of scanned PDFs, tables, images, language detection (a
readable text in another language is loaded; retrieval simply will not find it useful).
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import io
import logging
import re
import time
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import messages as msg
from assistant.errors import UnreadableFileError, UnsupportedFileError
from assistant.records import Block
from assistant.text import normalize_ws

if TYPE_CHECKING:  # imported lazily at run time: pypdf and python-docx are heavy
    from docx.text.paragraph import Paragraph
    from pypdf import PageObject, PdfReader

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}

# Limits against bombs and runaway parsing. Generous for real policy documents (the largest
# corpus file has under 20,000 characters), tight enough that one file cannot stall a batch.
MAX_TEXT_CHARS = 2_000_000  # about 1,000 pages of text
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a DOCX that unpacks beyond this is treated as a bomb
MAX_ZIP_MEMBERS = 10_000
MAX_PDF_PAGES = 2000
MAX_PDF_STREAM_BYTES = 10_000_000  # one decompressed PDF stream (pypdf's own default is 75 MB)
MAX_PDF_CONTENT_BYTES = 100_000_000  # all decompressed page content streams together
MAX_PDF_SECONDS = 120.0  # a backstop for PDF structures the budgets above do not foresee

# A readable text has words: at least MIN_WORDS of them, and they make up at least
# MIN_WORD_SHARE of the whitespace-separated tokens (so digit tables, base64 and hex dumps fail).
MIN_WORDS = 3
MIN_WORD_SHARE = 0.1
# Dutch text in Windows-1252 is mostly ASCII (even in "één cliënt, coördinatie" only a
# fifth of the letters is not); more means another alphabet (Cyrillic, Greek) in some
# other code page, which is left to charset detection.
MAX_NON_ASCII_LETTER_SHARE = 0.25
# Text may hold the odd stray control character (an old DOS end-of-file mark), binary may not.
MAX_CONTROL_SHARE = 0.01

_LIST_MARK = re.compile(r"^\s*(?:[•\-\*–·▪◦●]|\d{1,2}[.)]|[a-z][.)])\s+")
_SENTENCE_PUNCT = (".", ",", ";", "!")
_WORD = re.compile(r"[^\W\d_]{2,30}(?:[-'’][^\W\d_]+)*")
_BOMS = (  # UTF-32 first: its little-endian mark starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# ---------------------------------------------------------------- plain text heuristics
def _is_heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and not line.endswith(_SENTENCE_PUNCT)
        and not (line.endswith(":") and len(words) > 3)  # a list introduction, not a heading
        and not line[0].islower()
    )


def blocks_from_lines(lines: list[str], page: int | None = None) -> list[Block]:
    """Classify plain-text lines (one paragraph per line) into blocks.

    A run of three or more short lines is read as a heading followed by list items; one-word
    lines inside such a run stay headings (a sub-heading over its own list).

    Example: [b.kind for b in blocks_from_lines(["Doel", "Dit is de tekst.", "• een punt"])]
             == ["heading", "paragraph", "list_item"]
    """
    cleaned = [normalize_ws(line) for line in lines]
    cleaned = [line for line in cleaned if line and line not in {")", "("}]
    kinds: list[str] = []
    for line in cleaned:
        if _LIST_MARK.match(line):
            kinds.append("list_item")
        elif _is_heading_like(line):
            kinds.append("heading")
        else:
            kinds.append("paragraph")
    # Runs of short heading-like lines are lists under a heading.
    i = 0
    while i < len(kinds):
        if kinds[i] != "heading":
            i += 1
            continue
        j = i
        while j + 1 < len(kinds) and kinds[j + 1] == "heading":
            j += 1
        if j - i >= 2:
            for k in range(i + 1, j + 1):
                if len(cleaned[k].split()) > 1:
                    kinds[k] = "list_item"
        i = j + 1
    return [Block(kind=k, text=t, page=page) for k, t in zip(kinds, cleaned)]  # type: ignore[arg-type]


# ---------------------------------------------------------------- decoding
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls, not whitespace
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file's bytes, never silently into the wrong characters.

    In order: a byte order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one; UTF-8; Windows-1252
    when it reads as Western text; charset-normalizer for the rest (other alphabets and code
    pages). Windows-1252 goes before detection on purpose: single-byte code pages cannot be told
    apart reliably on short Dutch texts (charset-normalizer reads "Café één" in cp1252 as
    mac_latin2). Binary content is refused instead of being decoded into junk.

    Example: decode_text("De cliënt krijgt zorg.".encode("cp1252"), "a.txt") == "De cliënt krijgt zorg."
    """
    if not data:
        return ""
    encoding = _bom_encoding(data) or _utf16_layout(data)
    if encoding is not None:
        text = _strict(data, encoding)
    elif _share(len(_CONTROL_BYTES.findall(data)), len(data)) > MAX_CONTROL_SHARE:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="tekst"))
    else:
        text = _strict(data, "utf-8") or _western(data) or _detected(data)
    if text is None:
        raise UnreadableFileError(msg.FILE_ENCODING.format(name=name))
    if _share(len(_CONTROL_CHARS.findall(text)), len(text)) > MAX_CONTROL_SHARE:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="tekst"))
    return text


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _bom_encoding(data: bytes) -> str | None:
    """Example: _bom_encoding(codecs.BOM_UTF16_LE + b"Z\\x00") == "utf-16" """
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _utf16_layout(data: bytes) -> str | None:
    """UTF-16 without byte order mark, recognised by NUL bytes in every other position (true
    for text that is mostly ASCII, such as Dutch); None when the data does not look like that.

    Example: _utf16_layout("Zorg thuis".encode("utf-16-be")) == "utf-16-be"
    """
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _western(data: bytes) -> str | None:
    """Windows-1252, when every byte is defined there and few letters are non-ASCII.

    Example: _western("De cliënt krijgt zorg.".encode("cp1252")) == "De cliënt krijgt zorg."
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return text if letters and non_ascii <= MAX_NON_ASCII_LETTER_SHARE * len(letters) else None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a simple `---` key: value front matter block off a text."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[3:end].splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip().strip("\"'")
    rest = text[end + 4 :]
    return meta, rest.split("\n", 1)[1] if "\n" in rest else ""


# ---------------------------------------------------------------- per format
def load_txt(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    meta, text = _front_matter(decode_text(data, name))
    return blocks_from_lines(text.splitlines()), meta


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def load_markdown(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    meta, text = _front_matter(decode_text(data, name))
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", normalize_ws(" ".join(paragraph))))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        heading = _MD_HEADING.match(line)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append(Block("heading", normalize_ws(heading.group(2).strip("# ")), level=len(heading.group(1))))
        elif _LIST_MARK.match(line):
            flush()
            blocks.append(Block("list_item", normalize_ws(line)))
        elif blocks and blocks[-1].kind == "list_item" and raw.startswith(("  ", "\t")) and not paragraph:
            blocks[-1] = Block("list_item", normalize_ws(blocks[-1].text + " " + line))
        else:
            paragraph.append(line)
    flush()
    return [b for b in blocks if b.text], meta


class _HTMLBlocks(HTMLParser):
    _BLOCK = {"p", "div", "section", "article", "br", "tr", "td", "blockquote", "dd", "dt"}
    _SKIP = {"script", "style", "nav", "footer", "header", "noscript", "svg", "form"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = "paragraph"
        self._level = 1
        self._skip = 0
        self._in_title = False

    def _flush(self) -> None:
        text = normalize_ws("".join(self._buf))
        if text:
            self.blocks.append(Block(self._kind, text, level=self._level))  # type: ignore[arg-type]
        self._buf.clear()
        self._kind, self._level = "paragraph", 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._kind, self._level = "heading", int(tag[1])
        elif tag == "li":
            self._flush()
            self._kind = "list_item"
        elif tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK or tag in {"li", "ul", "ol"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)


def load_html(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    parser = _HTMLBlocks()
    try:
        parser.feed(decode_text(data, name))
        parser.close()
    except AssertionError as exc:  # html.parser's answer to a malformed `<![...[` section
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="HTML")) from exc
    parser._flush()
    title = normalize_ws(parser.title)
    return parser.blocks, {"title": title} if title else {}


# ---------------------------------------------------------------- PDF
class _PdfBudgetExceeded(BaseException):
    """Raised from pypdf's visitor callbacks with the Dutch reason. A BaseException on purpose:
    pypdf catches `Exception` around each form XObject it extracts, and a budget must stop it."""


class _PdfBudget:
    """What one PDF may cost while pypdf reads it: decompressed page content, extracted text
    and wall-clock time. The callbacks match pypdf's `extract_text` visitor signatures."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.content_bytes = 0
        self.text_chars = 0
        self.deadline = time.monotonic() + MAX_PDF_SECONDS

    def count_content(self, page: PageObject) -> None:
        contents = page.get_contents()
        self.content_bytes += len(contents.get_data()) if contents is not None else 0
        if self.content_bytes > MAX_PDF_CONTENT_BYTES:
            raise _PdfBudgetExceeded(msg.FILE_BOMB.format(name=self.name))

    def check_time(self, *_: object) -> None:
        if time.monotonic() > self.deadline:
            raise _PdfBudgetExceeded(msg.FILE_TOO_SLOW.format(name=self.name, seconds=round(MAX_PDF_SECONDS)))

    def count_text(self, text: str, *_: object) -> None:
        self.text_chars += len(text)
        if self.text_chars > MAX_TEXT_CHARS:
            raise _PdfBudgetExceeded(_too_much_text(self.name))


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
                limits = {f: MAX_PDF_STREAM_BYTES for f in _PYPDF_OUTPUT_LIMITS if f in fields}
                stack.enter_context(apply_configuration(**limits))
            yield
    finally:
        logger.setLevel(level)


_PYPDF_OUTPUT_LIMITS = (
    "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
    "brotli_maximum_output_length", "array_based_stream_maximum_output_length",
)


def load_pdf(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    from pypdf.errors import LimitReachedError

    try:
        with _pypdf_limits():
            return _read_pdf(data, name)
    except UnreadableFileError:
        raise
    except _PdfBudgetExceeded as exc:
        raise UnreadableFileError(str(exc)) from None
    except (LimitReachedError, MemoryError) as exc:
        raise UnreadableFileError(msg.FILE_BOMB.format(name=name)) from exc
    except Exception as exc:  # pypdf raises many kinds on junk; none may stop the batch
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="PDF")) from exc


def _read_pdf(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        _unlock(reader, name)
    pages = len(reader.pages)
    if pages > MAX_PDF_PAGES:
        raise UnreadableFileError(msg.FILE_TOO_MANY_PAGES.format(name=name, pages=pages, limit=MAX_PDF_PAGES))
    budget = _PdfBudget(name)
    blocks: list[Block] = []
    for number, page in enumerate(reader.pages, start=1):
        budget.count_content(page)
        text = page.extract_text(visitor_operand_before=budget.check_time, visitor_text=budget.count_text) or ""
        blocks.extend(blocks_from_lines(_join_wrapped(text.splitlines()), page=number))
    info = reader.metadata
    title = normalize_ws(str(info.title)) if info and info.title else ""
    return blocks, {"title": title} if title else {}


def _unlock(reader: PdfReader, name: str) -> None:
    """Open a PDF that is encrypted without a user password; refuse one that needs a password."""
    try:
        unlocked = reader.decrypt("")
    except Exception as exc:  # a missing AES backend, a broken security handler
        raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name)) from exc
    if not unlocked:
        raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name))


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join PDF lines that were wrapped mid-sentence (next line starts in lower case)."""
    out: list[str] = []
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if out and line[0].islower() and not out[-1].endswith((".", ":", "?", "!")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------- DOCX
def load_docx(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    try:
        _check_zip(data, name)
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks = [block for paragraph in document.paragraphs if (block := _docx_block(paragraph))]
        title = normalize_ws(document.core_properties.title or "")
    except UnreadableFileError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds on junk
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="DOCX")) from exc
    return blocks, {"title": title} if title else {}


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb by its declared sizes. They can be trusted as an upper bound: zipfile
    never inflates a member beyond its declared size (it stops there and the CRC check fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(msg.FILE_BOMB.format(name=name))


def _docx_block(paragraph: Paragraph) -> Block | None:
    text = normalize_ws(paragraph.text)
    if not text:
        return None
    style = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
    level_match = re.search(r"(\d)", style)
    if style.startswith("heading") or style == "title":
        return Block("heading", text, level=int(level_match.group(1)) if level_match else 1)
    if "list" in style or _LIST_MARK.match(text):
        return Block("list_item", text)
    return Block("paragraph", text)


# ---------------------------------------------------------------- entry point
LOADERS = {
    ".txt": load_txt,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}


def load_bytes(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Load a file's bytes by its suffix. Raises UnsupportedFileError / UnreadableFileError."""
    suffix = Path(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFileError(msg.FILE_UNSUPPORTED.format(name=name, suffix=suffix or "(geen)"))
    if not data.strip():
        raise UnreadableFileError(msg.FILE_EMPTY.format(name=name))
    blocks, meta = loader(data, name)
    check_text(blocks, name)
    return blocks, meta


def check_text(blocks: list[Block], name: str) -> None:
    """Refuse a loaded document that is empty, has no real words or far too much text."""
    text = "\n".join(b.text for b in blocks)
    suffix = Path(name).suffix.lower()
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFileError(_too_much_text(name))
    if not text.strip() and suffix in {".txt", ".md", ".markdown"}:
        raise UnreadableFileError(msg.FILE_EMPTY.format(name=name))
    if not readable(text):
        reason = msg.FILE_NO_WORDS if suffix in TEXT_SUFFIXES else msg.FILE_NO_TEXT
        raise UnreadableFileError(reason.format(name=name))


_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…–—•*/"


def readable(text: str) -> bool:
    """Enough real words to be worth indexing: at least MIN_WORDS words of two or more letters,
    which make up at least MIN_WORD_SHARE of the tokens (digit tables and base64 fail).

    Example: (readable("Zorg thuis werkt."), readable("12 34 %% 56 ab")) == (True, False)
    """
    tokens = text.split()
    words = sum(1 for token in tokens if _WORD.fullmatch(token.strip(_PUNCTUATION)))
    return words >= MIN_WORDS and words >= MIN_WORD_SHARE * len(tokens)


def _too_much_text(name: str) -> str:
    return msg.FILE_TOO_MUCH_TEXT.format(name=name, limit=f"{MAX_TEXT_CHARS:,}".replace(",", "."))
