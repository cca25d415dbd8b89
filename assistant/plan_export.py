"""A `Plan` as Markdown text or as a Word document (python-docx).

Both follow one outline (`headings`): the title, a heading per section, a sub-heading per part
that has one, and "Bronnen". Markdown writes `#`, `##` and `###`, bullets as `-` and tables as
pipe tables; the DOCX uses the Word styles "Heading 1/2/3", "List Bullet" and real Word tables
("Table Grid"), so the advisor can fill in the empty cells. Citations stay inline `[n]` markers;
the sources are one numbered list at the end, one entry per document (DOCX: "List Number").
Not done here: writing the plan (plan.py) or choosing where files go (the CLI and the app).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .answer import prompts
from .plan_model import Block, Plan, Source, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

DOCX_LIST_STYLES = {1: "List Bullet", 2: "List Bullet 2"}
DOCX_TABLE_STYLE = "Table Grid"


def headings(plan: Plan) -> list[tuple[int, str]]:
    """The outline of the plan as (level, text): 1 the title, 2 sections, 3 parts."""
    out = [(1, plan.title)]
    for section in plan.sections:
        out.append((2, section.heading))
        out.extend((3, part.heading) for part in section.parts if part.heading)
    out.append((2, prompts.PLAN_SOURCES))
    return out


def source_line(source: Source) -> str:
    """One entry of the source list, without its number.

    Example: source_line(Source(1, "corpus/a.txt", "Titel", "ZK", "2020", old=True))
    == "Titel. ZK, 2020. corpus/a.txt (bron uit 2020: controleer of dit nog geldt)"
    """
    meta = ", ".join(x for x in (source.publisher, source.date) if x)
    old = f" ({prompts.PLAN_OLD_SOURCE.format(year=source.year)})" if source.old else ""
    title = source.title if source.title.endswith(("?", "!", ".")) else f"{source.title}."
    return f"{title}{f' {meta}.' if meta else ''} {source.source}{old}"


def _walk(plan: Plan) -> Iterator[tuple[str, int, str | Block | Table]]:
    """The plan in reading order: ("heading", level, text), ("block", 0, block) or ("table", 0, table)."""
    for section in plan.sections:
        yield "heading", 2, section.heading
        for block in section.lead:
            yield "block", 0, block
        for part in section.parts:
            if part.heading:
                yield "heading", 3, part.heading
            for item in part.blocks:
                yield ("table" if isinstance(item, Table) else "block"), 0, item


# ---------------------------------------------------------------- Markdown
def to_markdown(plan: Plan) -> str:
    """The plan as Markdown: `##` per section, bullets, pipe tables, the source list at the end."""
    out = [f"# {plan.title}", "", f"_{prompts.PLAN_NOTE}_"]
    previous_bullet = False
    for kind, level, item in _walk(plan):
        if kind == "heading":
            out += ["", f"{'#' * level} {item}"]
        elif isinstance(item, Table):
            out += ["", *markdown_table(item)]
        elif isinstance(item, Block) and item.level == 0:
            out += ["", _escape(item.text)]
        elif isinstance(item, Block):
            if not previous_bullet:
                out.append("")
            out.append(f"{'  ' * (item.level - 1)}- {item.text}")
        previous_bullet = isinstance(item, Block) and item.level > 0
    out += ["", f"## {prompts.PLAN_SOURCES}", ""]
    if not plan.sources:
        out.append(prompts.PLAN_NO_SOURCES)
    for source in plan.sources:
        out.append(f"{source.n}. {source_line(source)}")
    return "\n".join(out) + "\n"


def markdown_table(table: Table) -> list[str]:
    """Example: markdown_table(Table(("Actie", "Wie"), (("Start [1]", ""),)))
    == ["| Actie | Wie |", "| --- | --- |", "| Start [1] |  |"]
    """
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [row(table.header), "| " + " | ".join("---" for _ in table.header) + " |", *(row(r) for r in table.rows)]


def _escape(text: str) -> str:
    """A paragraph that starts like a heading or a list stays a paragraph.

    Example: _escape("# geen kop") == "\\\\# geen kop"
    """
    return "\\" + text if text[:1] in "#>-*+|" else text


# ---------------------------------------------------------------- DOCX
def to_docx(plan: Plan) -> DocxDocument:
    """The plan as a python-docx `Document` (Word heading styles, bullets, tables, numbered sources)."""
    from docx import Document

    document = Document()
    document.core_properties.title = plan.title
    document.core_properties.author = "Zorgassistent"
    document.add_heading(plan.title, level=1)
    document.add_paragraph().add_run(prompts.PLAN_NOTE).italic = True
    for kind, level, item in _walk(plan):
        if kind == "heading":
            document.add_heading(str(item), level=level)
        elif isinstance(item, Table):
            _docx_table(document, item)
        elif isinstance(item, Block):
            document.add_paragraph(item.text, style=DOCX_LIST_STYLES.get(item.level))
    document.add_heading(prompts.PLAN_SOURCES, level=2)
    if not plan.sources:
        document.add_paragraph(prompts.PLAN_NO_SOURCES)
    for source in plan.sources:  # numbered 1..n in order, the same numbers as the [n] markers
        document.add_paragraph(source_line(source), style="List Number")
    return document


def _docx_table(document: DocxDocument, table: Table) -> None:
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = DOCX_TABLE_STYLE
    for column, text in enumerate(table.header):
        grid.rows[0].cells[column].paragraphs[0].add_run(text).bold = True
    for r, cells in enumerate(table.rows, start=1):
        for column, text in enumerate(cells):
            grid.rows[r].cells[column].text = text


def write_docx(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    to_docx(plan).save(str(path))
    return path


def write_markdown(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_markdown(plan), encoding="utf-8")
    return path
