"""The assistant: the index, the models and the answer pipeline, opened lazily and kept.

`Assistant` opens what a question needs on first use (the index, the retriever with its loaded
`Corpus`, the generator chosen by `settings.answer_mode`) and hands them to
`answering.answer`, which does the work. When the configured backend is unavailable the
assistant says so in Dutch and answers extractively. Used by the CLI, the web app, the planner
and the evaluation.

What decides an answer, in one sentence: the fitted probability of answer/decision.py, over
signals of the passages the fitted ranker put first and of the quotes the extractive answer takes
from them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from . import answering
from .answer import citations as citations_module
from .answer import decision, output
from .answer.extractive import ExtractiveGenerator
from .answer.llm import fallback_notice
from .answering import PASSAGES_FOR_ANSWER, Event, clean_question  # noqa: F401 - re-exported
from .errors import BackendUnavailableError
from .index import Index, open_index
from .records import Answer
from .retrieval import Filters, HybridRetriever
from .settings import Settings


class Assistant:
    def __init__(self, settings: Settings, index: Index | None = None, generator=None) -> None:
        self.settings = settings
        self._index = index
        self._retriever: HybridRetriever | None = None
        self._generator = generator
        self._extractive: ExtractiveGenerator | None = None
        self._fallback_notice = ""
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ lazy parts
    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = open_index(self.settings)
        return self._index

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = HybridRetriever(self.index, candidates=self.settings.candidates)
        self._retriever.warm_up()
        return self._retriever

    @property
    def generator(self):
        if self._generator is None:
            self._generator = self._make_generator(self.settings.answer_mode)
        return self._generator

    def _make_generator(self, mode: str):
        if mode == "extractive":
            return ExtractiveGenerator(self.weights)
        from .answer.llm import make_chat_generator

        try:
            return make_chat_generator(self.settings, mode, weights_for=self.weights)
        except BackendUnavailableError as error:
            self._fallback_notice = fallback_notice(mode, error)
            return ExtractiveGenerator(self.weights)

    def notices(self) -> list[str]:
        _ = self.generator
        return [self._fallback_notice] if self._fallback_notice else []

    def reload(self) -> None:
        """Pick up documents written by an ingest (web upload, another process)."""
        if self._retriever is not None:
            self._retriever.reload()

    def weights(self, terms: list[str]) -> dict[str, float]:
        """The idf of each term in the loaded corpus."""
        return self.retriever.idf(terms)

    @staticmethod
    def filters(sources: list[str] | None = None, types: list[str] | None = None) -> Filters:
        return Filters(tuple(sources or ()), tuple(types or ()))

    # ------------------------------------------------------------------ answering
    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, filters):
            if event.kind == "done":
                answer = event.answer
        assert answer is not None
        return answer

    def stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Iterator[Event]:
        """The events of answering one question (answering.answer) with this assistant's parts."""
        clean_question(question)  # an empty question is refused before anything is loaded
        retriever = self.retriever
        generator = self.generator
        embedder = self.index.store.embedder
        yield from answering.answer(
            question, history, corpus=retriever.corpus, retriever=retriever, generator=generator,
            extractive=self.extractive, filters=filters, top_k=self.settings.top_k, notices=self.notices(),
            decision_model=decision.model(embedder.name) if retriever.ranker() else None,
            min_dense=embedder.min_relevant_cosine)

    @property
    def extractive(self) -> ExtractiveGenerator:
        if self._extractive is None:
            self._extractive = ExtractiveGenerator(self.weights)
        return self._extractive

    # Kept for the planner: the same verification and numbering as answers.
    verified = staticmethod(citations_module.verified)
    draft_claims = staticmethod(citations_module.draft_claims)
    numbered = staticmethod(citations_module.numbered)

    # ------------------------------------------------------------------ output
    to_json = staticmethod(output.to_json)
    format_sources = staticmethod(output.format_sources)
