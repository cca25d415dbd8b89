"""Plain .txt files: one paragraph per line (a hard-wrapped file's paragraphs joined first,
`wrapping.unwrap`), classified by `lines.blocks_from_lines`. An e-mail saved as text opens with its
header lines ("Van: ...", "Onderwerp: ..."): they are paragraphs, and the subject is the title (else
the sender's line would be the first heading and title).

Its output is the reference for chunk ids of the seed corpus, so nothing here may change the
text of a .txt file written a paragraph per line (no glyph repair); only a file wrapped at a fixed
width has its lines joined (`wrapping.unwrap`).
"""

from __future__ import annotations

import dataclasses
import re

from assistant.records import Block

from .decoding import decode_text
from .frontmatter import split_front_matter
from .lines import blocks_from_lines, letter_subject
from .wrapping import unwrap


def load_txt(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_txt(b"Doel\\nDit is de tekst.", "a.txt")[0][0] == Block("heading", "Doel")"""
    meta, text = split_front_matter(decode_text(data, name))
    blocks = blocks_from_lines(unwrap(text.splitlines()))
    header = _mail_header(blocks)
    if subject := letter_subject([b.text for b in blocks[:header]]):
        meta = {"title": subject, **meta}
    return [dataclasses.replace(b, kind="paragraph") for b in blocks[:header]] + blocks[header:], meta


_HEADER_LINE = re.compile(r"(van|aan|cc|bcc|datum|verzonden|onderwerp|from|to|sent|date|subject)\s*:\s*\S", re.IGNORECASE)


def _mail_header(blocks: list[Block]) -> int:
    """How many of the first blocks are an e-mail's header: at least two header lines, one of them
    the sender or the subject.

    Example: _mail_header([Block("heading", "Van: Anna"), Block("list_item", "Onderwerp: Zorg"), Block("paragraph", "Hoi,")]) == 2
    """
    n = 0
    while n < len(blocks) and _HEADER_LINE.match(blocks[n].text):
        n += 1
    keys = {blocks[i].text.split(":")[0].strip().lower() for i in range(n)}
    return n if n >= 2 and keys & {"van", "from", "onderwerp", "subject"} else 0
