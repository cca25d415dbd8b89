"""A `Plan` as Markdown text or as a Word document (python-docx).

Both follow one outline (`headings`): the title, a heading per section, a sub-heading per part
where the section has several, and "Bronnen". Markdown writes them as `#`, `##` and `###`; the
DOCX uses the Word styles "Heading 1", "Heading 2" and "Heading 3", so a reader sees the same
structure and Word's navigation pane works. Citations stay inline `[n]` markers in both; the
sources are one numbered list at the end (DOCX: the "List Number" style, in the plan's order).
Not done here: writing the plan (plan.py) or choosing where files go (the CLI and the app).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .answer import prompts
from .plan import Block, Plan
from .records import Citation
from .text import normalize_ws

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

DOCX_LIST_STYLES = {1: "List Bullet", 2: "List Bullet 2"}


def headings(plan: Plan) -> list[tuple[int, str]]:
    """The outline of the plan as (level, text): 1 the title, 2 sections, 3 parts."""
    out = [(1, plan.title)]
    for section in plan.sections:
        out.append((2, section.heading))
        out.extend((3, part.heading) for part in section.parts if part.heading)
    out.append((2, prompts.PLAN_SOURCES))
    return out


def source_line(citation: Citation) -> str:
    """One entry of the source list, without its number.

    Example: source_line(Citation(1, "corpus/a.txt", "Titel", "Zin.", "a:0", publisher="CZ", date="2023"))
    == "Titel (CZ, 2023), corpus/a.txt: “Zin.”"
    """
    where = f" — {citation.heading}" if citation.heading and citation.heading != citation.title else ""
    meta = ", ".join(x for x in (citation.publisher, citation.date) if x)
    return f"{citation.title}{where}{f' ({meta})' if meta else ''}, {citation.source}: “{normalize_ws(citation.quote)}”"


def _walk(plan: Plan) -> Iterator[tuple[str, int, str | Block]]:
    """The plan in reading order: ("heading", level, text) or ("block", 0, block)."""
    for section in plan.sections:
        yield "heading", 2, section.heading
        for block in section.lead:
            yield "block", 0, block
        for part in section.parts:
            if part.heading:
                yield "heading", 3, part.heading
            for block in part.blocks:
                yield "block", 0, block


# ---------------------------------------------------------------- Markdown
def to_markdown(plan: Plan) -> str:
    """The plan as Markdown: `##` per section, inline `[n]`, the numbered source list at the end."""
    out = [f"# {plan.title}", "", f"_{prompts.PLAN_NOTE}_"]
    previous_bullet = False
    for kind, level, item in _walk(plan):
        if kind == "heading":
            out += ["", f"{'#' * level} {item}"]
            previous_bullet = False
            continue
        assert isinstance(item, Block)
        if item.level == 0:
            out += ["", _escape(item.text)]
        else:
            if not previous_bullet:
                out.append("")
            out.append(f"{'  ' * (item.level - 1)}- {item.text}")
        previous_bullet = item.level > 0
    out += ["", f"## {prompts.PLAN_SOURCES}", ""]
    if not plan.sources:
        out.append(prompts.PLAN_NO_SOURCES)
    for citation in plan.sources:
        out.append(f"{citation.n}. {source_line(citation)}")
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    """A paragraph that starts like a heading or a list stays a paragraph.

    Example: _escape("# geen kop") == "\\\\# geen kop"
    """
    return "\\" + text if text[:1] in "#>-*+" else text


# ---------------------------------------------------------------- DOCX
def to_docx(plan: Plan) -> DocxDocument:
    """The plan as a python-docx `Document` (Word heading styles, bullets, numbered sources)."""
    from docx import Document

    document = Document()
    document.core_properties.title = plan.title
    document.core_properties.author = "Zorgassistent"
    document.add_heading(plan.title, level=1)
    document.add_paragraph().add_run(prompts.PLAN_NOTE).italic = True
    for kind, level, item in _walk(plan):
        if kind == "heading":
            document.add_heading(str(item), level=level)
        else:
            assert isinstance(item, Block)
            document.add_paragraph(item.text, style=DOCX_LIST_STYLES.get(item.level))
    document.add_heading(prompts.PLAN_SOURCES, level=2)
    if not plan.sources:
        document.add_paragraph(prompts.PLAN_NO_SOURCES)
    for citation in plan.sources:  # numbered 1..n in order, the same numbers as the [n] markers
        document.add_paragraph(source_line(citation), style="List Number")
    return document


def write_docx(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    to_docx(plan).save(str(path))
    return path


def write_markdown(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_markdown(plan), encoding="utf-8")
    return path
