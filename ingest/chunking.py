"""Structure-aware chunking (pure).

Blocks in, chunks out. Rules, in order of priority:
1. a sentence is never split, and neither is a list item;
2. a heading stays with the text that follows it;
3. a list stays whole with its introduction when it fits; a longer list is split between items
   and every continuation chunk carries the introduction in its context;
4. chunks aim for `target_tokens` and stay under `max_tokens` (counted with tiktoken
   cl100k_base); a section shorter than `min_tokens` is merged with the next one.

The chunk text is verbatim document text (whitespace collapsed), so a quote taken from it is
found in the document. Title and heading go into `context`, used for embedding and BM25 only.
Not done here: embedding, ids of documents, anything with I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.records import Block, Chunk, DocumentMeta
from assistant.text import split_sentences

CHUNKER_VERSION = "structure-v5"  # v5: chunks and windows are embedded under their own heading, without the title
# A list with its introduction may exceed max_tokens by this factor to stay in one chunk.
LIST_SLACK = 1.3


@dataclass(frozen=True)
class ChunkSizes:
    target_tokens: int = 200
    max_tokens: int = 250
    min_tokens: int = 90


@dataclass
class _Unit:
    text: str
    tokens: int
    page: int | None
    heading: str
    list_intro: str = ""
    starts_section: bool = False


@dataclass
class _Draft:
    units: list[_Unit] = field(default_factory=list)

    @property
    def tokens(self) -> int:
        return sum(u.tokens for u in self.units)


def chunk_id(source: str, context: str, text: str) -> str:
    """A content hash: the same text at the same place gives the same id.

    Example: len(chunk_id("corpus/a.txt", "A", "tekst")) == 20
    """
    return hashlib.sha256(f"{source}\n{context}\n{text}".encode()).hexdigest()[:20]


def _units(blocks: list[Block], count: Callable[[str], int], sizes: ChunkSizes) -> list[_Unit]:
    """Turn blocks into packable units: headings glued to their text, long paragraphs split
    into sentences, list items tagged with their introduction."""
    units: list[_Unit] = []
    headings: dict[int, str] = {}
    pending_heading: list[str] = []
    list_intro = ""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            headings = {lvl: h for lvl, h in headings.items() if lvl < block.level}
            headings[block.level] = block.text
            pending_heading.append(block.text)
            list_intro = ""
            continue
        heading = " › ".join(headings[lvl] for lvl in sorted(headings))
        if block.kind == "paragraph":
            next_is_list = index + 1 < len(blocks) and blocks[index + 1].kind == "list_item"
            list_intro = block.text if next_is_list else ""
            pieces = [block.text] if count(block.text) <= sizes.max_tokens else split_sentences(block.text)
        else:
            pieces = [block.text]
        for piece in pieces:
            text = piece
            starts = bool(pending_heading)
            if pending_heading:
                text = "\n".join(pending_heading + [piece])
                pending_heading = []
            units.append(
                _Unit(
                    text=text,
                    tokens=count(text),
                    page=block.page,
                    heading=heading,
                    list_intro=list_intro if block.kind == "list_item" else "",
                    starts_section=starts,
                )
            )
    if pending_heading:  # trailing headings without text still belong to the document
        units.append(_Unit("\n".join(pending_heading), count("\n".join(pending_heading)), None,
                           " › ".join(headings[lvl] for lvl in sorted(headings)), starts_section=True))
    return units


def _list_run_end(units: list[_Unit], start: int) -> int:
    """Index after the list that starts at `start` (its introduction included)."""
    end = start + 1
    while end < len(units) and units[end].list_intro and not units[end].starts_section:
        end += 1
    return end


def _start_draft(drafts: list[_Draft], unit: _Unit) -> None:
    """A new chunk for `unit`. A list introduction never ends a chunk: when `unit` is the first
    item of its list, the introduction moves on with it."""
    current = drafts[-1]
    drafts.append(_Draft())
    if unit.list_intro and len(current.units) > 1 and current.units[-1].text.endswith(unit.list_intro):
        drafts[-1].units.append(current.units.pop())


def pack(units: list[_Unit], sizes: ChunkSizes) -> list[list[_Unit]]:
    """Greedy packing that honours sections and keeps lists together where they fit."""
    drafts: list[_Draft] = [_Draft()]
    i = 0
    while i < len(units):
        unit = units[i]
        current = drafts[-1]
        # A list with its introduction is one group when it fits in a chunk.
        group_end = _list_run_end(units, i) if (i + 1 < len(units) and units[i + 1].list_intro) else i + 1
        group = units[i:group_end]
        group_tokens = sum(u.tokens for u in group)
        if len(group) > 1:
            if group_tokens <= sizes.max_tokens * LIST_SLACK:
                if current.units and (
                    current.tokens + group_tokens > sizes.max_tokens
                    or (unit.starts_section and current.tokens >= sizes.min_tokens)
                ):
                    drafts.append(_Draft())
                drafts[-1].units.extend(group)
                i = group_end
                continue
            # A long list starts a fresh chunk with its introduction; items flow on from there.
            if current.units and current.tokens >= sizes.min_tokens:
                _start_draft(drafts, unit)
            drafts[-1].units.append(unit)
            i += 1
            continue
        new_section = unit.starts_section and current.tokens >= sizes.min_tokens
        too_big = current.units and current.tokens + unit.tokens > sizes.max_tokens
        full = current.tokens >= sizes.target_tokens
        if current.units and (new_section or too_big or full):
            _start_draft(drafts, unit)
        drafts[-1].units.append(unit)
        i += 1
    drafts = [d for d in drafts if d.units]
    # Tiny drafts ("Deel deze pagina", a lone heading) join a neighbour when that still fits.
    tiny = sizes.min_tokens // 2
    i = 0
    while len(drafts) > 1 and i < len(drafts):
        if drafts[i].tokens < tiny:
            prev_fits = i > 0 and drafts[i - 1].tokens + drafts[i].tokens <= sizes.max_tokens * LIST_SLACK
            next_fits = i + 1 < len(drafts) and drafts[i + 1].tokens + drafts[i].tokens <= sizes.max_tokens * LIST_SLACK
            if prev_fits or (i + 1 == len(drafts) and i > 0):
                drafts[i - 1].units.extend(drafts.pop(i).units)
                continue
            if next_fits:
                moved = drafts.pop(i).units  # (popped first: the next draft is then at i)
                drafts[i].units[:0] = moved
                continue
        i += 1
    return [d.units for d in drafts]


def chunk_blocks(
    blocks: list[Block],
    meta: DocumentMeta,
    count: Callable[[str], int],
    sizes: ChunkSizes = ChunkSizes(),
    doc_sha256: str = "",
) -> list[Chunk]:
    """Chunk one document. `count` counts tokens (tiktoken in production, len(split) in tests).

    Example: chunk_blocks([Block("heading", "Doel"), Block("paragraph", "Zorg thuis.")],
                          DocumentMeta("a.txt", "A"), lambda t: len(t.split()))[0].text
             == "Doel\\nZorg thuis."
    """
    groups = pack(_units(blocks, count, sizes), sizes)
    chunks: list[Chunk] = []
    for ordinal, units in enumerate(groups):
        heading = units[0].heading
        context_parts = [meta.title]
        if heading and heading != meta.title:
            context_parts.append(heading)
        if units[0].list_intro and units[0].list_intro not in {u.text for u in units}:
            context_parts.append(units[0].list_intro)
        context = " — ".join(p for p in context_parts if p)
        text = "\n".join(u.text for u in units)
        sections, offset = [], 0
        for previous, unit in zip([None, *units], units):
            if previous is not None and unit.heading and unit.heading != previous.heading:
                sections.append((offset, unit.heading))
            offset += len(unit.text) + 1
        chunks.append(
            Chunk(
                id=chunk_id(meta.source, context, text),
                source=meta.source,
                title=meta.title,
                heading=heading,
                text=text,
                context=context,
                ordinal=ordinal,
                page=units[0].page,
                publisher=meta.publisher,
                date=meta.date,
                type=meta.type,
                doc_sha256=doc_sha256,
                doc_chunks=len(groups),
                ocr=meta.ocr,
                sections=tuple(sections),
            )
        )
    return chunks
