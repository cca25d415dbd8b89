"""Citation verification (pure): every cited sentence must be backed by a verbatim quote.

An answer is a list of sentences with `[n]` markers pointing at numbered passages. For each
marker we look in passage n for the sentence (or list item) that carries the cited claim;
fuzzy word overlap is used only to *locate* it, the quote itself is copied verbatim from the
passage. Markers that point nowhere, or at a passage without such a sentence, are removed. A
sentence left without support is dropped (or marked when `mark_unsupported`).
Also here: numbering the verified quotes of an answer `[1]`, `[2]` by first use, adjacent
quotes of one passage merged into one citation.
Not done here: retrieval, generation, deciding to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..keyword_index import tokenize
from ..records import Citation, Hit
from ..text import LIST_ITEM, fold, normalize_ws, split_sentences

MARKER = re.compile(r"\s*\[(\d{1,2})(?:\s*,\s*(\d{1,2}))*\]")
_ANY_MARKER = re.compile(r"\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\]")
_AFTER_MARKER = re.compile(r"(?<=\])\s+(?=[\"'‘“(]*[A-ZÀ-ÖØ-Þ])")


_DIGIT = re.compile(r"\d")
PAIR_GAIN = 0.15  # how much more a two-sentence quote must support the claim than one sentence


@dataclass(frozen=True)
class VerifiedSentence:
    text: str  # the answer sentence without markers
    citations: tuple[tuple[int, str], ...]  # (passage number, verbatim quote)
    line: int = 0  # the line of the draft it stood on, so the layout (lists) survives


def passage_units(passage: str) -> list[str]:
    """Sentences and list items of a passage, verbatim (whitespace collapsed).

    Example: passage_units("Kop\\nEen zin. Nog een.\\n• punt") == ["Kop", "Een zin.", "Nog een.", "• punt"]
    """
    units: list[str] = []
    for line in passage.split("\n"):
        units.extend(split_sentences(line))
    return units


def support(claim: str, unit: str) -> float:
    """Share of the claim's content words (stemmed) that occur in the unit (0..1).

    Every number in the claim must be in the unit: a changed number is no support at all.

    Example: support("Mensen blijven thuis wonen", "Mensen blijven zoveel mogelijk thuis wonen.") == 1.0
    Example: support("Vanaf 2022 beschikbaar", "Vanaf 2023 beschikbaar.") == 0.0
    """
    claim_words = set(tokenize(claim))
    if not claim_words:
        return 0.0
    unit_words = set(tokenize(unit))
    if any(w not in unit_words for w in claim_words if _DIGIT.search(w)):  # "2022" is not supported by "2023"
        return 0.0
    return len(claim_words & unit_words) / len(claim_words)


def _enclosing_sentences(claim: str, passage: str) -> str | None:
    """The shortest run of whole sentences of one passage line that contains `claim` verbatim.

    Example: _enclosing_sentences("thuis", "Kop\nWij wonen thuis. Zij niet.") == "Wij wonen thuis."
    """
    if not claim:
        return None
    for line in passage.split("\n"):
        start = line.find(claim)
        if start < 0:
            continue
        end = start + len(claim)
        sentences, offset, spans = split_sentences(line), 0, []
        for sentence in sentences:
            position = line.find(sentence, offset)
            spans.append((position, position + len(sentence)))
            offset = position + len(sentence)
        covering = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
        if covering and all(a >= 0 for a, _ in spans):
            return line[spans[covering[0]][0]:spans[covering[-1]][1]]
        return line.strip()
    return None


def locate_quote(claim: str, passage: str, threshold: float = 0.5) -> str | None:
    """The verbatim text of `passage` that best supports `claim`.

    A claim copied from the passage is its own quote. Otherwise the candidates are the
    passage's sentences, its whole lines (a list item with several sentences) and two adjacent
    sentences of one line; a longer candidate must support the claim clearly better
    (`PAIR_GAIN`) than a single sentence to be chosen.
    """
    exact = _enclosing_sentences(normalize_ws(claim), passage)
    if exact:
        return exact
    best, best_score = None, 0.0
    longer: list[str] = []
    for line in passage.split("\n"):
        sentences = split_sentences(line)
        for sentence in sentences:
            score = support(claim, sentence)
            if score > best_score:
                best, best_score = sentence, score
        if len(sentences) > 1:
            longer.append(normalize_ws(line))
            longer.extend(f"{a} {b}" for a, b in zip(sentences, sentences[1:]))
    for candidate in longer:
        score = support(claim, candidate)
        if score >= best_score + PAIR_GAIN:
            best, best_score = candidate, score
    return best if best is not None and best_score >= threshold else None


def split_answer(answer: str) -> list[tuple[str, list[int], int]]:
    """Split an answer into (sentence without markers, cited numbers, line), keeping list lines whole.

    Example: split_answer("Thuis wonen [1]. Zelf doen [2].") == [("Thuis wonen.", [1], 0), ("Zelf doen.", [2], 0)]
    """
    out: list[tuple[str, list[int], int]] = []
    for line_no, line in enumerate(answer.split("\n")):
        line = line.strip()
        if not line:
            continue
        if re.match(r"^([-*•]|\d+[.)])\s", line):
            pieces = [line]
        else:  # a marker followed by a new capitalised sentence also ends a sentence
            pieces = [p for part in _AFTER_MARKER.split(line) for p in split_sentences(part)]
        for piece in pieces:
            numbers = [int(n) for group in _ANY_MARKER.findall(piece) for n in re.findall(r"\d+", group)]
            # (a model's sentence may start with the ":" of a heading it copied)
            text = normalize_ws(_ANY_MARKER.sub("", piece)).replace(" .", ".").replace(" ,", ",").lstrip(":;, ")
            if text or numbers:
                out.append((text, numbers, line_no))
    # A marker standing alone after the sentence ("... wonen. [1]") belongs to the previous one.
    merged: list[tuple[str, list[int], int]] = []
    for text, numbers, line_no in out:
        if merged and not re.search(r"\w", text):
            merged[-1] = (merged[-1][0], merged[-1][1] + numbers, merged[-1][2])
        else:
            merged.append((text, numbers, line_no))
    return merged


def verify(
    answer: str,
    passages: list[str],
    threshold: float = 0.5,
    attribute_unmarked: bool = True,
) -> list[VerifiedSentence | None]:
    """Verify each sentence; None where a sentence has no supporting quote.

    Numbers are 1-based into `passages`. With `attribute_unmarked`, a sentence that carries no
    marker at all is checked against every passage with a stricter threshold; it only gets a
    citation when a passage really contains it.
    """
    result: list[VerifiedSentence | None] = []
    for text, numbers, line in split_answer(answer):
        citations: list[tuple[int, str]] = []
        for n in dict.fromkeys(numbers):
            if 1 <= n <= len(passages):
                quote = locate_quote(text, passages[n - 1], threshold)
                if quote:
                    citations.append((n, quote))
        if not numbers and attribute_unmarked:
            best = max(
                ((n, locate_quote(text, p, max(threshold, 0.7))) for n, p in enumerate(passages, start=1)),
                key=lambda pair: support(text, pair[1]) if pair[1] else -1.0,
                default=(0, None),
            )
            if best[1]:
                citations.append((best[0], best[1]))
        result.append(VerifiedSentence(text, tuple(citations), line) if citations else None)
    return result


def drop_non_claims(sentences: list[VerifiedSentence], passages: list[str], titles: list[str]) -> list[VerifiedSentence]:
    """A model's draft also holds text that states nothing, even when its words are in a passage:
    the user's question repeated ("Welke ... ?"), a passage title or heading echoed from the
    prompt, an introduction ("De drie handvatten zijn:") with nothing after it. Those are dropped.

    Example: drop_non_claims([VerifiedSentence("Wat is IZA?", ((1, "x"),))], ["IZA is een akkoord."], []) == []
    """
    headings = [_bare(t) for t in titles if _bare(t)]
    texts = [normalize_ws(p) for p in passages]
    kept: list[VerifiedSentence] = []
    for sentence in sentences:
        text = normalize_ws(sentence.text)
        if text.endswith("?") and not any(text in p for p in texts):
            continue
        if _bare(text) and any(_bare(text) in h for h in headings):
            continue
        kept.append(sentence)
    while kept and kept[-1].text.rstrip().endswith(":"):
        kept.pop()
    return kept


def _bare(text: str) -> str:
    """Folded text without a list marker and closing punctuation, for comparing with headings."""
    return fold(LIST_ITEM.sub("", normalize_ws(text))).strip(" .:?!")


# ---------------------------------------------------------------- numbering
def verified(raw: str, passages: list[Hit]) -> tuple[str, list[Citation]]:
    """Keep verified sentences, merge adjacent quotes from one passage into one citation
    (a list is one quote), number citations by first use."""
    return numbered(checked(raw, passages), passages)

def checked(raw: str, passages: list[Hit]) -> list[VerifiedSentence]:
    return [s for s in verify(raw, [h.chunk.text for h in passages]) if s is not None]

def draft_claims(raw: str, passages: list[Hit]) -> list[VerifiedSentence]:
    """A language model's draft: its verified sentences that state something."""
    return drop_non_claims(checked(raw, passages), [h.chunk.text for h in passages], titles_of(passages))

def numbered(checked: list[VerifiedSentence], passages: list[Hit]) -> tuple[str, list[Citation]]:
    """The answer text with `[n]` marks and its citations, numbered by first use."""
    spans = merged_spans({n: [q for s in checked for m, q in s.citations if m == n]
                          for n in {m for s in checked for m, _ in s.citations}},
                         {n: passages[n - 1].chunk.text for n in range(1, len(passages) + 1)})
    numbering: dict[tuple[int, int], int] = {}
    citations: list[Citation] = []
    lines: list[str] = []
    last_line = -1
    for sentence in checked:
        marks = []
        for n, quote in sentence.citations:
            span = spans[(n, quote)]
            if (n, span[0]) not in numbering:
                numbering[(n, span[0])] = len(numbering) + 1
                chunk = passages[n - 1].chunk
                citations.append(Citation(
                    n=numbering[(n, span[0])], source=chunk.source, title=chunk.title,
                    quote=chunk.text[span[0]:span[1]], chunk_id=chunk.id, heading=chunk.heading_at(span[0]),
                    publisher=chunk.publisher, date=chunk.date,
                ))
            mark = f"[{numbering[(n, span[0])]}]"
            if mark not in marks:
                marks.append(mark)
        line = f"{sentence.text} {''.join(marks)}"
        if lines and sentence.line == last_line:
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        last_line = sentence.line
    return "\n".join(lines), citations


def merged_spans(quotes: dict[int, list[str]], texts: dict[int, str]) -> dict[tuple[int, str], tuple[int, int]]:
    """For each (passage, quote): the character span of the merged quote it belongs to.
    Quotes that follow each other in the passage with only whitespace between are merged.

    Example: merged_spans({1: ["a.", "b."]}, {1: "a.\nb. c."}) == {(1, "a."): (0, 5), (1, "b."): (0, 5)}
    """
    out: dict[tuple[int, str], tuple[int, int]] = {}
    for n, found in quotes.items():
        text = texts[n]
        located = sorted({(text.find(q), text.find(q) + len(q), q) for q in found if text.find(q) >= 0})
        groups: list[list[tuple[int, int, str]]] = []
        for start, end, quote in located:
            if groups and not text[groups[-1][-1][1]:start].strip() and start >= groups[-1][-1][1]:
                groups[-1].append((start, end, quote))
            elif groups and start < groups[-1][-1][1]:  # overlapping quotes join too
                groups[-1].append((start, max(end, groups[-1][-1][1]), quote))
            else:
                groups.append([(start, end, quote)])
        for group in groups:
            span = (group[0][0], max(e for _, e, _ in group))
            for _, _, quote in group:
                out[(n, quote)] = span
        for quote in found:  # not found verbatim (cannot happen for verified quotes): keep it whole
            out.setdefault((n, quote), (0, 0))
    return out


def titles_of(passages: list[Hit]) -> list[str]:
    """The titles and headings the prompt showed with the passages (a model may echo them)."""
    out: list[str] = []
    for hit in passages:
        chunk = hit.chunk
        out += [chunk.title, chunk.heading, f"{chunk.title} — {chunk.heading}", *chunk.heading.split(" › ")]
    return [t for t in dict.fromkeys(out) if t.strip()]
