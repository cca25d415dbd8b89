"""The records that flow between ingestion, retrieval and answering. Plain dataclasses, no I/O."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item"]


@dataclass(frozen=True)
class Block:
    """One structural unit of a loaded document: a heading, a paragraph or a list item."""

    kind: BlockKind
    text: str
    page: int | None = None
    level: int = 1


@dataclass(frozen=True)
class DocumentMeta:
    source: str
    title: str
    publisher: str = ""
    date: str = ""
    type: str = ""
    ocr: bool = False  # the text was read from page images (a scan) with OCR

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class LoadedDocument:
    meta: DocumentMeta
    blocks: list[Block]
    sha256: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage. `text` is verbatim document text (whitespace collapsed);
    `context` (title and section) is prepended only for embedding and BM25."""

    id: str
    source: str
    title: str
    heading: str
    text: str
    context: str
    ordinal: int
    page: int | None = None
    publisher: str = ""
    date: str = ""
    type: str = ""
    doc_sha256: str = ""
    doc_chunks: int = 0
    ocr: bool = False  # read from a scan with OCR: shown with its quotes
    # Short sections are packed together: where each later section starts in `text` (a character
    # offset) and its heading path. `heading` is the first section's.
    sections: tuple[tuple[int, str], ...] = ()

    def heading_at(self, offset: int) -> str:
        """The heading of the section that holds the character at `offset` of `text`.

        Example: Chunk("c", "s", "Gids", "Gids › Zorg", "Zorg\nTekst.\nKosten\nGratis.", "", 0,
                       sections=((12, "Gids › Kosten"),)).heading_at(20) == "Gids › Kosten"
        """
        return next((heading for start, heading in reversed(self.sections) if start <= offset), self.heading)

    def line_starts(self) -> list[int]:
        """Where each line of `text` starts (a character offset), for heading_at and `sections`.

        Example: Chunk("c", "s", "T", "T", "Zorg\nTekst.", "", 0).line_starts() == [0, 5]
        """
        starts = [0]
        for line in self.text.split("\n")[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return starts

    @property
    def search_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text

    @property
    def own_context(self) -> str:
        """The context without the document's title: the chunk's heading (and list introduction).

        Example: Chunk("c", "s", "Gids", "Kosten", "Tekst.", "Gids — Kosten", 0).own_context == "Kosten"
        """
        if self.title and self.context.startswith(self.title):
            return self.context[len(self.title):].lstrip(" —")
        return self.context

    @property
    def embedding_text(self) -> str:
        """What the dense models embed for a chunk: its text under its own heading. The document's
        title is left out: every chunk of a document shares it, so it pulls them all towards a question
        alike and the dense score stops telling the document's sections apart (measured: dense-only
        recall@1 over the ranker's candidates, dev 0.593 -> 0.640, extra 0.709 -> 0.744, extern 0.667 ->
        0.727). Whether the document as a whole fits is the ranker's other signals (title, document
        share). A window of two sentences keeps the title (windows.py): without it, too little is left."""
        return f"{self.own_context}\n{self.text}" if self.own_context else self.text

    @property
    def labelled_text(self) -> str:
        """The text with what labels it: its heading, the document's title and publisher (what a
        passage names, for a question's words and names)."""
        return f"{self.text}\n{self.heading}\n{self.title}\n{self.publisher}"

    def metadata(self) -> dict[str, str | int]:
        meta = {
            "source": self.source,
            "title": self.title,
            "heading": self.heading,
            "context": self.context,
            "ordinal": self.ordinal,
            "publisher": self.publisher,
            "date": self.date,
            "type": self.type,
            "doc_sha256": self.doc_sha256,
            "doc_chunks": self.doc_chunks,
        }
        if self.page is not None:
            meta["page"] = self.page
        if self.ocr:
            meta["ocr"] = 1
        if self.sections:
            meta["sections"] = json.dumps(self.sections, ensure_ascii=False)
        return meta

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict) -> Chunk:
        return cls(
            id=chunk_id,
            text=text,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            heading=str(meta.get("heading", "")),
            context=str(meta.get("context", "")),
            ordinal=int(meta.get("ordinal", 0)),
            page=int(meta["page"]) if meta.get("page") is not None else None,
            publisher=str(meta.get("publisher", "")),
            date=str(meta.get("date", "")),
            type=str(meta.get("type", "")),
            doc_sha256=str(meta.get("doc_sha256", "")),
            doc_chunks=int(meta.get("doc_chunks", 0)),
            ocr=bool(meta.get("ocr", 0)),
            sections=tuple((int(start), str(heading)) for start, heading in json.loads(str(meta.get("sections") or "[]"))),
        )


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int
    dense_score: float | None = None
    # Cosine of the question with the chunk's sentence windows: (first sentence index, score).
    window_scores: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class Citation:
    n: int
    source: str
    title: str
    quote: str
    chunk_id: str
    heading: str = ""
    publisher: str = ""
    date: str = ""


@dataclass
class Answer:
    question: str
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    mode: str = "extractive"
    standalone_question: str = ""
    notices: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    retrieval_ms: float = 0.0
    first_token_ms: float | None = None
    decision: object | None = None  # answer.decision.Decision: answered or refused, why, on which signals
