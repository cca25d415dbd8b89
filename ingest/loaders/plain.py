"""Plain .txt files: one paragraph per line, classified by `lines.blocks_from_lines`.

Its output is the reference for chunk ids of the seed corpus, so nothing here may change the
text of a .txt file (no glyph repair, no line joining).
"""

from __future__ import annotations

from assistant.records import Block

from .decoding import decode_text
from .frontmatter import split_front_matter
from .lines import blocks_from_lines


def load_txt(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_txt(b"Doel\\nDit is de tekst.", "a.txt")[0][0] == Block("heading", "Doel")"""
    meta, text = split_front_matter(decode_text(data, name))
    return blocks_from_lines(text.splitlines()), meta
