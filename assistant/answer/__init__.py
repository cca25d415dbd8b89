"""Answer generation: one seam (`AnswerGenerator`), several backends, one verifier.

- extractive.py  verbatim sentences, no LLM (units.py: sentences and items; lists.py; sentence_scores.py)
- decision.py    answer or refuse, one fitted probability
- llm.py         chat models through LangChain: the local model (own process), OpenAI-compatible, Ollama
- citations.py   verification of every `[n]` against the cited passage (all backends)
- facts.py       the kind of fact a question asks for, and whether a text holds it
- names.py       the names a question names, and whether the quotes mention them
- refusal.py     the evidence rule (without a fitted model), idf, instruction requests
- prompts.py     the Dutch prompts
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..records import Hit


class AnswerGenerator(Protocol):
    name: str

    def generate(self, question: str, hits: list[Hit], english: bool = False) -> Iterator[str]:
        """Yield the answer text in pieces; `[n]` markers refer to `hits[n-1]`."""
        ...
