"""An answer as the JSON of `zorgassistent ask --json` and the evaluation, and as CLI text (pure)."""

from __future__ import annotations

from ..records import Answer


def to_json(answer: Answer) -> dict:
    return {
        "question": answer.question,
        "mode": answer.mode,
        "answer": answer.text,
        "refused": answer.refused,
        "citations": [
            {"n": c.n, "source": c.source, "title": c.title, "quote": c.quote, "chunk_id": c.chunk_id}
            for c in answer.citations
        ],
        "contexts": [
            {"rank": h.rank, "chunk_id": h.chunk.id, "source": h.chunk.source, "text": h.chunk.text, "score": h.score}
            for h in answer.hits
        ],
        "latency_ms": round(answer.latency_ms, 1),
        "retrieval_ms": round(answer.retrieval_ms, 1),
        "first_token_ms": round(answer.first_token_ms, 1) if answer.first_token_ms is not None else None,
        "standalone_question": answer.standalone_question,
        "notices": answer.notices,
        "decision": answer.decision.as_json() if answer.decision is not None else None,
    }


def format_sources(answer: Answer) -> str:
    if not answer.citations:
        return ""
    lines = ["", "Bronnen:"]
    for c in answer.citations:
        where = f" — {c.heading}" if c.heading and c.heading != c.title else ""
        lines.append(f"[{c.n}] {c.title}{where} ({c.source})\n    “{c.quote}”")
    return "\n".join(lines)
