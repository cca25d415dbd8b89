"""What the web app shows, as strings (pure): the answer with linked citations, the sources panel,
the help around a refusal, the Markdown export and the documents table.

No Gradio here and no I/O: every function takes records and returns Markdown or HTML, so the
tests assert exact output. Source `n` of answer `turn` has the anchor `bron-{turn}-{n}`; the
`[n]` in that answer links to it and CSS `:target` highlights it (look.CSS). Older answers'
links point at anchors that are gone once a newer answer replaced the panel: they do nothing,
which is better than jumping to another answer's source.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

from .. import messages as msg
from ..records import Answer, Chunk, Citation
from .explain import Explanation, listed

OLD_AFTER_YEARS = 3
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_MARK = re.compile(r"\[(\d+)\]")
_DATE = re.compile(r"^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")

Neighbours = Callable[[Chunk], tuple[Chunk | None, Chunk | None]]


# ---------------------------------------------------------------- dates
def parse_date(text: str) -> dt.date | None:
    """The last day a document date can mean ("2020" -> 31 December 2020), or None.

    Example: parse_date("2023-11") == datetime.date(2023, 11, 30)
    """
    found = _DATE.match((text or "").strip())
    if not found:
        return None
    year, month, day = int(found[1]), int(found[2] or 12), int(found[3] or 0)
    if not 1 <= month <= 12:
        return None
    if day:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def nice_date(text: str) -> str:
    """Example: nice_date("2023-11-08") == "8 november 2023"; nice_date("2023") == "2023" """
    found = _DATE.match((text or "").strip())
    if not found or not found[2] or not 1 <= int(found[2]) <= 12:
        return text or ""
    month = MONTHS[int(found[2]) - 1]
    return f"{int(found[3])} {month} {found[1]}" if found[3] else f"{month} {found[1]}"


def old_year(date: str, today: dt.date) -> int | None:
    """The year of a source dated more than three years before `today`, else None.

    Example: old_year("2020", datetime.date(2026, 12, 1)) == 2020; old_year("2024", ...) is None
    """
    when = parse_date(date)
    if when is None:
        return None
    try:
        limit = today.replace(year=today.year - OLD_AFTER_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - OLD_AFTER_YEARS, day=28)
    return when.year if when < limit else None


# ---------------------------------------------------------------- the answer
def anchor(turn: int, n: int) -> str:
    return f"bron-{turn}-{n}"


def link_citations(text: str, citations: list[Citation], turn: int, today: dt.date) -> str:
    """Each `[n]` becomes a link to source n; the first mark of an old source is followed by
    "(bron uit 2020)".

    Example: link_citations("Zin. [1]", [citation(1, date="2020")], 2, date(2026, 1, 1))
             == "Zin. [[1]](#bron-2-1) *(bron uit 2020)*"
    """
    by_n = {c.n: c for c in citations}
    marked: set[int] = set()

    def link(found: re.Match) -> str:
        n = int(found[1])
        if n not in by_n:
            return found[0]
        out = f"[[{n}]](#{anchor(turn, n)})"
        year = old_year(by_n[n].date, today)
        if year is not None and n not in marked:
            marked.add(n)
            out += f" *({msg.WEB_OLD_SOURCE.format(year=year)})*"
        return out

    return _MARK.sub(link, text)


def answer_markdown(answer: Answer, turn: int, today: dt.date, refusal: str = "") -> str:
    """The chat message for a finished answer: its notices, then the text with linked citations,
    or for a refusal the explanation built by `refusal_markdown`."""
    notices = "".join(f"*{n}*\n\n" for n in answer.notices)
    if refusal:
        return notices + refusal
    return notices + link_citations(answer.text, answer.citations, turn, today)


def filter_names(docs: list[str], types: list[str], titles: dict[str, str]) -> str:
    """Example: filter_names([], ["blog"], {}) == "soort: ‘blog’" """
    parts = []
    if docs:
        parts.append(msg.WEB_FILTER_DOCUMENTS.format(names=and_list([f"‘{titles.get(d, d)}’" for d in docs])))
    if types:
        parts.append(msg.WEB_FILTER_TYPES.format(names=and_list([f"‘{t}’" for t in types])))
    return "; ".join(parts)


def refusal_markdown(head: str, why: Explanation, filters: str = "", answered_without: bool | None = None,
                     decided: str = "") -> str:
    """A refusal that helps: why (the words no passage holds, else the reason the assistant's
    decision gives, else the fact none gives), where the nearest passages are, the active filter
    and whether the question has an answer without it, and one or two rephrasings."""
    if why.missing:
        reason = msg.WEB_REFUSAL_MISSING.format(words=listed(why.missing))
    elif decided:
        reason = decided
    elif why.fact:
        reason = msg.WEB_REFUSAL_FACT.format(fact=why.fact)
    else:
        reason = msg.WEB_REFUSAL_WEAK
    lines = [f"**{head}** {reason}"]
    if why.nearest:
        lines.append(msg.WEB_REFUSAL_NEAREST)
    if filters:
        note = msg.WEB_FILTER_ACTIVE.format(filters=filters)
        if answered_without is not None:
            note += " " + (msg.WEB_FILTER_ANSWER_WITHOUT if answered_without else msg.WEB_FILTER_NO_ANSWER_WITHOUT)
        lines.append(f"**{note}**")
    if why.rephrasings:
        lines.append(msg.WEB_REPHRASE + "\n" + "\n".join(f"- {q}" for q in why.rephrasings))
    return "\n\n".join(lines)


# ---------------------------------------------------------------- the sources panel
def highlight(passage: str, quote: str) -> str:
    """HTML of the passage with the quote marked.

    Example: highlight("a b c", "b") == "a <mark>b</mark> c"
    """
    text, q = html.escape(passage), html.escape(quote)
    if q and q in text:
        return text.replace(q, f"<mark>{q}</mark>", 1)
    return f"{text}<br><mark>{q}</mark>" if q else text


def _lines(text: str) -> str:
    return text.replace("\n", "<br>")


def _meta(publisher: str, date: str, heading: str, title: str, source: str) -> str:
    parts = [html.escape(x) for x in (publisher,) if x]
    if date:
        parts.append(f"<time>{html.escape(nice_date(date))}</time>")
    if heading and heading != title:
        parts.append(html.escape(heading))
    parts.append(f"{msg.WEB_SOURCE_FILE}: <code>{html.escape(source)}</code>")
    return " · ".join(parts)


def _old_badge(date: str, today: dt.date) -> str:
    year = old_year(date, today)
    return f" <span class='oud'>{msg.WEB_OLD_SOURCE.format(year=year)}</span>" if year is not None else ""


def _around(chunk: Chunk, neighbours: Neighbours | None) -> str:
    """The text before and after the passage (never the passage itself again)."""
    if neighbours is None:
        return ""
    before, after = neighbours(chunk)
    out = ""
    for label, other in ((msg.WEB_BEFORE, before), (msg.WEB_AFTER, after)):
        if other is not None:
            out += f"<details><summary>{label}</summary><p>{_lines(html.escape(other.text))}</p></details>"
    return out


def sources_html(answer: Answer | None, turn: int = 0, today: dt.date | None = None,
                 neighbours: Neighbours | None = None, why: Explanation | None = None) -> str:
    """The sources panel: per citation its number, title, publisher, date, section and file, the
    highlighted quote inside its passage and the text around it. For a refusal: the nearest
    passages, each marked "niet als antwoord gebruikt"."""
    today = today or dt.date.today()
    if answer is None:
        return empty_sources()
    if answer.refused or not answer.citations:
        return nearest_html(why.nearest if why else (), today)
    hits = {h.chunk.id: h.chunk for h in answer.hits}
    parts = []
    for c in answer.citations:
        chunk = hits.get(c.chunk_id)
        passage = chunk.text if chunk else c.quote
        parts.append(
            f"<article class='bron' id='{anchor(turn, c.n)}' tabindex='-1'>"
            f"<h3><span class='nummer'>[{c.n}]</span> {html.escape(c.title)}{_old_badge(c.date, today)}"
            f"{_ocr_badge(chunk)}</h3>"
            f"<p class='meta'>{_meta(c.publisher, c.date, c.heading, c.title, c.source)}</p>"
            f"<blockquote>{_lines(highlight(passage, c.quote))}</blockquote>"
            f"{_around(chunk, neighbours) if chunk else ''}</article>")
    return "\n".join(parts)


def _ocr_badge(chunk) -> str:
    """A passage read from a scan: its words came from OCR and may hold recognition errors."""
    return f" <span class='ocr'>{msg.WEB_OCR_SOURCE}</span>" if chunk is not None and chunk.ocr else ""


def nearest_html(hits, today: dt.date) -> str:
    if not hits:
        return f"<p class='leeg'>{msg.WEB_NO_PASSAGES}</p>"
    parts = [f"<p class='uitleg'>{msg.WEB_NEAREST_HEAD}</p>"]
    for hit in hits:
        c = hit.chunk
        parts.append(
            f"<article class='bron niet-gebruikt'>"
            f"<p class='label'>{msg.WEB_NOT_USED}</p>"
            f"<h3>{html.escape(c.title)}{_old_badge(c.date, today)}{_ocr_badge(c)}</h3>"
            f"<p class='meta'>{_meta(c.publisher, c.date, c.heading, c.title, c.source)}</p>"
            f"<blockquote>{_lines(html.escape(c.text))}</blockquote></article>")
    return "\n".join(parts)


def empty_sources() -> str:
    return f"<p class='leeg'>{msg.WEB_NO_SOURCES}</p>"


# ---------------------------------------------------------------- export and documents
def export_markdown(answer: Answer) -> str:
    """An answer with its sources as Markdown (for download); a quote of several lines stays one
    blockquote."""
    lines = [f"## {msg.WEB_EXPORT_QUESTION}\n\n{answer.question}\n", f"## {msg.WEB_EXPORT_ANSWER}\n\n{answer.text}\n"]
    if answer.citations:
        lines.append(f"## {msg.WEB_EXPORT_SOURCES}\n")
        for c in answer.citations:
            meta = ", ".join(x for x in (c.publisher, c.date) if x)
            quote = "\n".join(f"   > {line}" if line.strip() else "   >" for line in c.quote.split("\n"))
            lines.append(f"{c.n}. *{c.title}*{' (' + meta + ')' if meta else ''}, `{c.source}`  \n{quote}\n")
    return "\n".join(lines)


def documents_rows(manifest: dict) -> list[list]:
    """The documents table, by title: title, type, date, chunks, ingested, file."""
    docs = manifest.get("documents", {})
    rows = [[info.get("title", "") or source, info.get("type", ""), nice_date(info.get("date", "")),
             info.get("chunks", 0), str(info.get("ingested_at", ""))[:16].replace("T", " "), source]
            for source, info in docs.items()]
    return sorted(rows, key=lambda r: (str(r[0]).lower(), r[-1]))


def document_choices(manifest: dict) -> list[tuple[str, str]]:
    """(label, source) for the dropdowns: the title, with the file name when titles repeat."""
    docs = manifest.get("documents", {})
    titles = [info.get("title", "") or source for source, info in docs.items()]
    out = []
    for source, info in docs.items():
        title = info.get("title", "") or source
        out.append((f"{title} ({source.rsplit('/', 1)[-1]})" if titles.count(title) > 1 else title, source))
    return sorted(out, key=lambda c: (c[0].lower(), c[1]))


def and_list(items: list[str]) -> str:
    """Example: and_list(["a", "b", "c"]) == "a, b en c" """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]
