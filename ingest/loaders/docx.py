"""Word (.docx) files: paragraphs, tables and text boxes in body order, with tracked changes applied.

The text is read from the XML itself rather than python-docx's `paragraph.text`, which leaves
out runs inside `w:ins` (tracked insertions) and never sees tables' place in the body or text
boxes. Rules: insertions (`w:ins`, `w:moveTo`) count, deletions (`w:del`, `w:moveFrom`) do not;
a text box (DrawingML or VML) follows the paragraph it is anchored in, read once (its
`mc:Fallback` copy is skipped); a table becomes one line per row (see `tables`); a numbered
paragraph starts with the number Word shows for it (`docx_numbering`). python-docx
still parses the package (with its safe XML parser), the styles and the core properties.
Deliberately not done: headers and footers, footnotes, comments, images.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant import messages as msg
from assistant.errors import UnreadableFileError
from assistant.records import Block
from assistant.text import normalize_ws

from . import limits
from .docx_numbering import Numbering
from .lines import LIST_MARK, TOC_ENTRY, is_heading_like
from .tables import table_lines

if TYPE_CHECKING:  # python-docx is imported lazily at run time: it is heavy
    from docx.parts.document import DocumentPart
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, T, R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t", f"{_W}r"
TXBX = f"{_W}txbxContent"
# Subtrees whose text is not part of the document as it reads now, or is read elsewhere.
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr",
         f"{_MC}Fallback", TXBX}
_CHARS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Containers that only wrap body content (content controls, custom XML, inserted blocks).
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"}


def load_docx(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    try:
        check_zip(data, name)
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks = _levelled(list(body_blocks(document.element.body, document.part, Numbering(document.part))))
        title = normalize_ws(document.core_properties.title or "")
    except UnreadableFileError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds on junk
        raise UnreadableFileError(msg.FILE_UNREADABLE.format(name=name, kind="DOCX")) from exc
    return blocks, {"title": title} if title else {}


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb by its declared sizes. They can be trusted as an upper bound: zipfile
    never inflates a member beyond its declared size (it stops there and the CRC check fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > limits.MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > limits.MAX_UNPACKED_BYTES:
        raise UnreadableFileError(msg.FILE_BOMB.format(name=name))


def body_blocks(container: _Element, part: DocumentPart, numbering: Numbering | None = None) -> Iterator[Block]:
    """Blocks of a body (or a cell, or a text box) in document order; `numbering` labels the body's
    numbered paragraphs."""
    for element in body_elements(container):
        if element.tag == TBL:
            yield from (Block("paragraph", line) for line in table_lines(*table_rows(element, part)))
            continue
        if block := paragraph_block(element, part, numbering):
            yield block
        for box in text_boxes(element):
            yield from body_blocks(box, part)


def body_elements(container: _Element) -> Iterator[_Element]:
    """The `w:p` and `w:tbl` children of a container, looking through content controls."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from body_elements(child)


def paragraph_text(element: _Element) -> str:
    """The text of a paragraph as it reads with tracked changes accepted, text boxes left out.

    Example: for <w:p><w:r><w:t>Zorg </w:t></w:r><w:ins><w:r><w:t>thuis</w:t></w:r></w:ins>
             <w:del><w:r><w:delText>weg</w:delText></w:r></w:del></w:p> it is "Zorg thuis"
    """
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments and processing instructions too
            continue
        if tag == T:
            parts.append(child.text or "")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        else:
            parts.append(paragraph_text(child))
    return "".join(parts)


def text_boxes(element: _Element) -> Iterator[_Element]:
    """The text box contents anchored in a paragraph, each once (not their VML fallback)."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag == f"{_MC}Fallback":
            continue
        if child.tag == TXBX:
            yield child
        else:
            yield from text_boxes(child)


def paragraph_block(element: _Element, part: DocumentPart, numbering: Numbering | None = None) -> Block | None:
    label = numbering.label(element) if numbering is not None else ""
    text = normalize_ws(paragraph_text(element))
    if not text:
        return None
    if label and not LIST_MARK.match(text):  # a text that numbers itself keeps its own number
        text = f"{label} {text}"
    style = _style_name(element, part).lower()
    if style.startswith("toc") or TOC_ENTRY.search(text):  # a table of contents repeats the headings without their text
        return None
    level_match = re.search(r"(\d)", style)
    if style.startswith("heading") or style == "title":
        return Block("heading", text, level=int(level_match.group(1)) if level_match else 1)
    numbered = element.find(f"{_W}pPr/{_W}numPr") is not None
    if "list" in style or numbered or LIST_MARK.match(text):
        return Block("list_item", text)
    if _all_bold(element) and is_heading_like(text):  # a line set in bold: a heading below its section (level 0: _levelled)
        return Block("heading", text, level=0)
    return Block("paragraph", text)


def _all_bold(element: _Element) -> bool:
    """Every run of the paragraph that holds text is bold ("Wat kost het?" over its answer in an FAQ)."""
    runs = [r for r in element.iter(R) if "".join(t.text or "" for t in r.iter(T)).strip()]
    return bool(runs) and all(
        (b := r.find(f"{_W}rPr/{_W}b")) is not None and b.get(f"{_W}val", "true").lower() not in ("0", "false", "off")
        for r in runs)


def _levelled(blocks: list[Block]) -> list[Block]:
    """A bold line's heading one level below the heading before it."""
    out, level = [], 1
    for block in blocks:
        if block.kind == "heading" and block.level == 0:
            block = dataclasses.replace(block, level=min(6, level + 1))
        elif block.kind == "heading":
            level = block.level
        out.append(block)
    return out


def table_rows(table: _Element, part: DocumentPart) -> tuple[list[list[str]], bool | None]:
    """A table's rows as cell texts (a cell's paragraphs and nested tables joined), one per grid column
    (a cell merged over columns or with the cell above holds its text in each), and whether Word marks
    its first row as a header (`w:tblHeader`; None when it does not say)."""
    rows: list[list[str]] = []
    for row in _children(table, TR):
        cells: list[str] = []
        for cell in _children(row, TC):
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            merged = cell.find(f"{_W}tcPr/{_W}vMerge")
            text = " ".join(b.text for b in body_blocks(cell, part))
            if merged is not None and merged.get(f"{_W}val") != "restart" and rows and len(rows[-1]) > len(cells):
                text = rows[-1][len(cells)]  # merged with the cell above: its text holds here too
            cells.extend([text] * max(1, int(span.get(f"{_W}val", "1")) if span is not None else 1))  # one per grid column
        rows.append(cells)
    first = next(_children(table, TR), None)
    marked = first is not None and first.find(f"{_W}trPr/{_W}tblHeader") is not None
    return rows, True if marked else None


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _style_name(element: _Element, part: DocumentPart) -> str:
    from docx.enum.style import WD_STYLE_TYPE

    style_id = element.find(f"{_W}pPr/{_W}pStyle")
    value = style_id.get(f"{_W}val") if style_id is not None else None
    style = part.get_style(value, WD_STYLE_TYPE.PARAGRAPH)
    return (style.name if style is not None else "") or ""
