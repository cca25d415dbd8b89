"""Loaders: one file in, a list of `Block`s (heading / paragraph / list item) out.

Each loader only reads; it never writes to the index. Problems raise `UnreadableFileError`
with a Dutch reason, so the pipeline can skip the file and go on with the rest.
Deliberately not done here: OCR of scanned PDFs, tables, images.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from assistant import messages as msg
from assistant.errors import UnreadableFileError, UnsupportedFileError
from assistant.records import Block
from assistant.text import normalize_ws

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a DOCX that unpacks beyond this is treated as a bomb
MAX_PDF_PAGES = 2000

_LIST_MARK = re.compile(r"^\s*(?:[•\-\*–·▪◦●]|\d{1,2}[.)]|[a-z][.)])\s+")
_SENTENCE_PUNCT = (".", ",", ";", "!")


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


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else charset detection."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="tekst"))
    return str(best)


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
    return blocks, meta


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

    def handle_starttag(self, tag: str, attrs) -> None:
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
    parser.feed(decode_text(data, name))
    parser.close()
    parser._flush()
    meta = {"title": normalize_ws(parser.title)} if parser.title.strip() else {}
    return parser.blocks, meta


def load_pdf(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name))
            except UnreadableFileError:
                raise
            except Exception as exc:
                raise UnreadableFileError(msg.FILE_ENCRYPTED.format(name=name)) from exc
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableFileError(msg.FILE_BOMB.format(name=name))
        blocks: list[Block] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            blocks.extend(blocks_from_lines(_join_wrapped(text.splitlines()), page=number))
        meta = {}
        info = reader.metadata
        if info and info.title:
            meta["title"] = str(info.title)
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="PDF")) from exc
    except Exception as exc:  # pypdf raises many kinds on junk; none may stop the batch
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="PDF")) from exc
    return blocks, meta


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


def load_docx(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFileError(msg.FILE_BOMB.format(name=name))
        import docx

        document = docx.Document(io.BytesIO(data))
    except UnreadableFileError:
        raise
    except Exception as exc:
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="DOCX")) from exc
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = normalize_ws(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        level_match = re.search(r"(\d)", style)
        if style.startswith("heading") or style == "title":
            level = int(level_match.group(1)) if level_match else 1
            blocks.append(Block("heading", text, level=level))
        elif "list" in style or _LIST_MARK.match(text):
            blocks.append(Block("list_item", text))
        else:
            blocks.append(Block("paragraph", text))
    meta = {}
    if document.core_properties.title:
        meta["title"] = document.core_properties.title
    return blocks, meta


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
    if not any(sum(ch.isalpha() for ch in b.text) >= 3 for b in blocks):
        raise UnreadableFileError(msg.FILE_NO_TEXT.format(name=name))
    return blocks, meta
