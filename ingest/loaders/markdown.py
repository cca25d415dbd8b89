"""Markdown files: headings, paragraphs, list items and tables; front matter as metadata.

Lenient on purpose: "####Begripsbepalingen" (no space after the hashes, as exported by some
editors) is a heading; raw HTML lines (`<meta http-equiv=...>`, `<div>`, comments) are markup,
not text; a table row keeps its cells with their column names. Inline markup is reduced to its
text (links to their words, `**`, `*em*` and backticks dropped). As exported by note tools: a quote or
callout (`> ...`) is a paragraph without its marks (and a heading or callout without the pictographs
that open it, "🎯 Doelen"), a task's box says whether it is done ("- [x] Keuze"
-> "- Keuze (afgerond)"), a line that opens with a bold label ("**Status:** ...") is a field of its own,
a rule (`---`) breaks, and a line underlined with `===` or `---` is a heading. Deliberately not done:
nested lists, code blocks as code, reference-style links, a full CommonMark parser.
"""

from __future__ import annotations

import re

from assistant.records import Block
from assistant.text import normalize_ws

from .decoding import decode_text
from .frontmatter import split_front_matter
from .lines import LIST_MARK
from .tables import table_lines

_HEADING = re.compile(r"^(#{1,6})(?!#)\s*(\S.*)$")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->|<![A-Za-z][^<>]*>")
_HTML_BLOCK_START = re.compile(r"^<(script|style)\b", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_EMPHASIS_ONE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_QUOTE = re.compile(r"^(?:>\s?)+")
_TASK = re.compile(r"^([-*+]\s+)\[([ xX])\]\s+")
# Pictographs that open a heading or a callout ("🎯 Doelen", "💡 Samenvatting"): decoration, not words.
_PICTOGRAPHS = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\s]+(?=\S)")
_FIELD = re.compile(r"^(?:\*\*|__)[^*_\n]{1,40}?(?:\*\*|__)?:(?:\*\*|__)?\s")  # "**Status:** In uitvoering"


def load_markdown(data: bytes, name: str) -> tuple[list[Block], dict[str, str]]:
    """Example: load_markdown(b"####Doel\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |", "x.md")[0]
             == [Block("heading", "Doel", level=4), Block("paragraph", "a: 1; b: 2")]
    """
    meta, text = split_front_matter(decode_text(data, name))
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", normalize_ws(" ".join(paragraph))))
            paragraph.clear()

    lines = strip_html(text.splitlines())
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        if quoted := _QUOTE.match(line):  # a quote or callout: its own paragraph, without the marks
            if not (i and _QUOTE.match(lines[i - 1].strip())):
                flush()
            line = _PICTOGRAPHS.sub("", line[quoted.end():].strip())
        if task := _TASK.match(line):
            line = f"{task.group(1)}{line[task.end():]}" + (" (afgerond)" if task.group(2) in "xX" else "")
        heading = _HEADING.match(line)
        if not line:
            flush()
        elif _RULE.match(line):
            if paragraph and not line.startswith(("*", "_")):  # "Titel" underlined: a heading
                blocks.append(Block("heading", normalize_ws(" ".join(paragraph)), level=1 if line.startswith("=") else 2))
                paragraph.clear()
            flush()
        elif table_starts(lines, i):
            flush()
            rows, i = _table(lines, i)
            blocks.extend(Block("paragraph", row) for row in table_lines(rows, header=True))
            continue
        elif heading:
            flush()
            blocks.append(Block("heading", _PICTOGRAPHS.sub("", inline_text(heading.group(2).strip("# "))), level=len(heading.group(1))))
        elif LIST_MARK.match(line):
            flush()
            blocks.append(Block("list_item", inline_text(line)))
        elif blocks and blocks[-1].kind == "list_item" and raw.startswith(("  ", "\t")) and not paragraph:
            blocks[-1] = Block("list_item", normalize_ws(blocks[-1].text + " " + inline_text(line)))
        else:
            if _FIELD.match(line):
                flush()
            paragraph.append(inline_text(line))
        i += 1
    flush()
    return [b for b in blocks if b.text], meta


def strip_html(lines: list[str]) -> list[str]:
    """Raw HTML in Markdown removed: tags and comments (also over several lines), and whole
    `<script>`/`<style>` blocks. A line that held only markup becomes empty (a paragraph break).

    Example: strip_html(['<meta http-equiv="refresh" content="0">', "Zorg <b>thuis</b>"]) == ["", "Zorg thuis"]
    """
    out: list[str] = []
    in_comment, in_block = False, ""
    for line in lines:
        if in_block:
            if re.search(rf"</{in_block}\s*>", line, re.IGNORECASE):
                in_block = ""
            out.append("")
            continue
        if in_comment:
            if "-->" not in line:
                out.append("")
                continue
            line, in_comment = line.split("-->", 1)[1], False
        if (block := _HTML_BLOCK_START.match(line.strip())) and not re.search(rf"</{block.group(1)}\s*>", line, re.IGNORECASE):
            in_block = block.group(1).lower()
            out.append("")
            continue
        line = _HTML_TAG.sub("", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        out.append(line)
    return out


def inline_text(text: str) -> str:
    """Inline Markdown reduced to its words.

    Example: inline_text("Zie **de** [regeling](https://x.nl) en `Wlz` *nu*") == "Zie de regeling en Wlz nu"
    """
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", _IMAGE.sub(r"\1", text)))
    return normalize_ws(_EMPHASIS_ONE.sub(lambda m: m.group(1) or m.group(2), text))


def table_starts(lines: list[str], i: int) -> bool:
    """A header row with pipes followed by a `|---|---|` rule."""
    return "|" in lines[i] and i + 1 < len(lines) and bool(_TABLE_RULE.match(lines[i + 1].strip()))


def split_row(line: str) -> list[str]:
    """Example: split_row("| a | b \\\\| c |") == ["a", "b | c"]"""
    line = line.strip()
    line = line.removeprefix("|")
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [inline_text(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", line)]


def _table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """The rows of the table starting at line i (its rule line skipped), and the next line."""
    rows = [split_row(lines[i])]
    i += 2
    while i < len(lines) and "|" in lines[i] and lines[i].strip():
        rows.append(split_row(lines[i]))
        i += 1
    return rows, i
