"""The assistant: question -> standalone question (words matched to the corpus vocabulary)
-> retrieval (ordered by the fitted ranker) -> the extractive answer and its verified quotes
-> answer or refuse (answer/decision.py: one fitted probability, with its reason) -> in LLM
mode the model's draft, used only when its citations verify -> `Answer`. Used by the CLI, the
web app and the evaluation.

What decides an answer, in one sentence: the fitted probability of answer/decision.py, over
signals of the passages the fitted ranker put first and of the quotes the extractive answer takes
from them.

Everything heavy (index, models) is opened lazily on first use and kept. The generator is
chosen by `settings.answer_mode`; when that backend is unavailable the assistant says so in
Dutch and falls back to extractive.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from . import messages as msg
from .answer import citations as citations_module
from .answer import decision, output
from .answer.citations import paragraph_of
from .answer.decision import Decision
from .answer.extractive import ASKING_WORDS, ExtractiveGenerator
from .answer.facts import Fact, expected_fact, supported
from .answer.llm import Notice, fallback_notice
from .answer.names import Cited, elliptical, unsupported_names
from .answer.refusal import Evidence, asks_for_instructions, assess
from .errors import BackendUnavailableError, EmptyQuestionError
from .glossary import expand
from .index import Index, open_index
from .keyword_index import tokenize
from .records import Answer, Citation, Hit
from .retrieval import Filters, HybridRetriever
from .rewrite import TOPIC_WEIGHT, split_topic, standalone
from .settings import Settings
from .text import LIST_ITEM, is_english, normalize_ws

log = logging.getLogger("zorgassistent")
MAX_QUESTION_CHARS = 1000
PASSAGES_FOR_ANSWER = 4


@dataclass(frozen=True)
class Event:
    kind: str  # "notice" | "token" | "done"
    text: str = ""
    answer: Answer | None = None


def clean_question(question: str) -> tuple[str, list[str]]:
    """Strip control characters, check emptiness, truncate very long questions.

    Example: clean_question("  Wat\\x00 is IZA? ") == ("Wat is IZA?", [])
    """
    notices: list[str] = []
    text = normalize_ws("".join(ch if ch.isprintable() or ch.isspace() else " " for ch in question or ""))
    if not text:
        raise EmptyQuestionError(msg.EMPTY_QUESTION)
    if not re.search(r"\w", text):
        raise EmptyQuestionError(msg.NO_LETTERS)
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        notices.append(msg.QUESTION_TRUNCATED.format(n=MAX_QUESTION_CHARS))
    return text, notices


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

    def evidence(self, query: str, hits: list[Hit], english: bool = False) -> Evidence:
        """How well the hits support an answer. An English question is measured by the words the
        corpus knows (its Dutch glossary terms included), not by English words no document has."""
        min_dense = self.index.store.embedder.min_relevant_cosine
        if not english:
            return assess(query, hits, self.weights(tokenize(query)), min_dense)
        expanded = expand(query)
        weights = self.weights(tokenize(expanded))
        df = self.retriever.document_frequency()
        return assess(expanded, hits, weights, min_dense, keep=lambda t: df.get(t, 0) > 0)

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
        started = time.perf_counter()
        text, notices = clean_question(question)
        for notice in notices:
            yield Event("notice", notice)
        retriever = self.retriever
        # Words no document has are read as the corpus word they most likely mean ("KIKV" as "KIK-V").
        vocabulary = retriever.vocabulary()
        query = vocabulary.corrected(standalone(text, history))
        checked = vocabulary.corrected(text)
        english = is_english(text)
        retrieval_started = time.perf_counter()
        hits = retriever.retrieve(query, k=max(self.settings.top_k, 10), filters=filters)
        retrieval_ms = (time.perf_counter() - retrieval_started) * 1000
        generator = self.generator
        mode = generator.name
        answer = Answer(question=text, text="", refused=True, hits=hits, mode=mode,
                        standalone_question=query, notices=notices + self.notices(), retrieval_ms=retrieval_ms)

        if asks_for_instructions(text):
            answer.text = msg.SYSTEM_PROMPT_REFUSAL
            answer.decision = Decision(False, None, msg.DECISION_INSTRUCTIONS, "instructies")
            yield from self._finish(answer, started)
            return

        passages = self._with_list_continuations(hits[:PASSAGES_FOR_ANSWER])
        fact = expected_fact(query)
        if not fact and history and elliptical(text):  # "En in dat jaar?" after "Hoeveel ...?"
            fact = expected_fact(history[-1])
        # The passages' own best sentences: the extractive answer, and what the decision looks at.
        key = citations_module.checked("".join(self.extractive.generate(query, passages, english)), passages)
        final_text, citations = self.numbered(key, passages)
        answer.decision = self.decide(checked, query, english, fact, hits, citations, passages)
        if not answer.decision.answer:
            answer.text = self._refusal_text(hits, english, answer.decision)
            yield from self._finish(answer, started)
            return

        if mode != "extractive":
            raw = ""
            try:
                for piece in generator.generate(text_with_context(text, query), passages, english):
                    if isinstance(piece, Notice):  # "wacht op het taalmodel"
                        answer.notices.append(piece)
                        yield Event("notice", piece)
                        continue
                    if answer.first_token_ms is None:
                        answer.first_token_ms = (time.perf_counter() - started) * 1000
                    raw += piece
                    yield Event("token", piece)
                drafted_text, drafted = self.numbered(self.draft_claims(raw, passages), passages)
                if self.holds(checked, fact, drafted, passages, english):
                    final_text, citations = drafted_text, drafted
                else:
                    # No checkable support in the draft (no valid citation, a changed number,
                    # another organisation): the passages' own words instead.
                    answer.notices.append(msg.LLM_UNVERIFIED)
                    yield Event("notice", msg.LLM_UNVERIFIED)
                    mode = "extractive"
            except Exception as error:  # noqa: BLE001 - a remote endpoint down, a model crash: answer without LLM
                log.warning("antwoord zonder taalmodel (%s): %r", mode, error)
                notice = fallback_notice(mode, error)
                answer.notices.append(notice)
                yield Event("notice", notice)
                mode = "extractive"
        if answer.first_token_ms is None:
            answer.first_token_ms = (time.perf_counter() - started) * 1000
        answer.mode = mode
        answer.refused = False
        answer.text = ("According to the documents (quoted in Dutch):\n" if english and mode == "extractive" else "") + final_text
        answer.citations = citations
        yield from self._finish(answer, started)

    @property
    def extractive(self) -> ExtractiveGenerator:
        if self._extractive is None:
            self._extractive = ExtractiveGenerator(self.weights)
        return self._extractive

    def holds(self, question: str, fact: Fact, cited: list[Citation], passages: list[Hit], english: bool) -> bool:
        """The quotes hold the fact asked for and name what the question names: a count for one
        organisation does not answer a question about another, nor a Dutch figure one about Belgium."""
        return supported([c.quote for c in cited], fact) and not self.unnamed(question, fact, cited, passages, english)

    def decide(self, question: str, query: str, english: bool, fact: Fact, hits: list[Hit],
               citations: list[Citation], passages: list[Hit]) -> Decision:
        """Answer or refuse (answer/decision.py): the signals of this question and its quotes,
        weighed by the fitted model, or by the rule of refusal.py when none is fitted."""
        if not citations:
            return Decision(False, None, msg.DECISION_NO_QUOTE, "geen citaat")
        df = self.retriever.document_frequency()
        asked = expand(query) if english else query
        terms = {t: w for t, w in self.weights(tokenize(asked)).items() if not english or df.get(t, 0) > 0}
        top = hits[:3]
        passage_tokens = set().union(*(set(tokenize(h.chunk.search_text)) for h in top))
        texts = {h.chunk.id: h.chunk.text for h in passages}
        quote_tokens = set().union(*(set(tokenize(f"{paragraph_of(texts.get(c.chunk_id, c.quote), c.quote)}\n{c.heading}\n{c.title}"))
                                     for c in citations))
        dense = [h.dense_score for h in hits[:10] if h.dense_score is not None]
        missing = self.unnamed(question, fact, citations, passages, english)
        fact_held = supported([c.quote for c in citations], fact)
        own_words, topic = split_topic(asked)
        own = set(tokenize(own_words)) - ASKING_WORDS
        rarest = decision.asked_term(terms, own)
        if own and topic:  # a follow-up asks its own words; the earlier topic found the passages
            terms = {t: w * (1.0 if t in own else TOPIC_WEIGHT) for t, w in terms.items()}
        values = decision.row([h.score for h in hits[:10]], dense, self.index.store.embedder.min_relevant_cosine,
                              terms, passage_tokens, quote_tokens, fact.kind, fact_held, len(missing), rarest)
        word = next((w for w in re.findall(r"[\w-]+", asked) if rarest and rarest in tokenize(w)), "")
        model = decision.model(self.index.store.embedder.name) if self.retriever.ranker() else None
        rule = model is None and self.evidence(query, hits, english).sufficient and fact_held and not missing
        return decision.decide(values, [" ".join(n) for n in missing], word, fact.kind, model, rule)

    def unnamed(self, question: str, fact: Fact, citations: list[Citation], passages: list[Hit],
                english: bool) -> list[tuple[str, ...]]:
        """The names and numbers of the question that the cited quotes leave out (see
        names.unsupported_names); an English question only counts names the corpus knows."""
        texts = {h.chunk.id: h.chunk.text for h in passages}
        cited = [Cited(c.quote, paragraph_of(texts.get(c.chunk_id, c.quote), c.quote),
                       f"{c.heading}\n{c.title}\n{c.publisher}") for c in citations]
        if not english:
            return unsupported_names(question, fact, cited)
        df = self.retriever.document_frequency()
        return unsupported_names(question, fact, cited, known=lambda word: any(df.get(t) for t in tokenize(word)))

    def _with_list_continuations(self, passages: list[Hit]) -> list[Hit]:
        """Add the next chunk of a top passage when a list seems to run on there (both the
        passage's last line and the next chunk's first line are short), and the chunk before when
        the passage starts with a list item and that chunk ends on its introduction (":"), so list
        answers stay complete. The extractive selection decides whether it really is one list."""
        out = list(passages)
        ids = {h.chunk.id for h in out}
        short = lambda line: len(line.split()) <= 25  # noqa: E731
        for hit in passages[:2]:
            before, after = self.retriever.neighbours(hit.chunk)
            if (after is not None and after.id not in ids and short(hit.chunk.text.rsplit("\n", 1)[-1])
                    and short(after.text.split("\n", 1)[0])):
                out.append(Hit(chunk=after, score=0.0, rank=len(out) + 1))
                ids.add(after.id)
            # A list that starts the passage: its introduction ends the chunk before.
            if (before is not None and before.id not in ids and LIST_ITEM.match(hit.chunk.text)
                    and before.text.rstrip().endswith(":")):
                out.append(Hit(chunk=before, score=0.0, rank=len(out) + 1))
                ids.add(before.id)
        return out

    def _finish(self, answer: Answer, started: float) -> Iterator[Event]:
        answer.latency_ms = (time.perf_counter() - started) * 1000
        yield Event("done", answer.text, answer)

    # Kept for the planner: the same verification and numbering as answers.
    verified = staticmethod(citations_module.verified)
    draft_claims = staticmethod(citations_module.draft_claims)
    numbered = staticmethod(citations_module.numbered)

    def _refusal_text(self, hits: list[Hit], english: bool, why: Decision | None = None) -> str:
        head = msg.NOT_IN_DOCUMENTS_EN if english else msg.NOT_IN_DOCUMENTS
        nearest = msg.NEAREST_SOURCES_EN if english else msg.NEAREST_SOURCES
        if why is not None and not english:  # the reason on its own line, then the nearest sources
            nearest = f"{why.reason}\n{nearest}"
        seen: list[str] = []
        for hit in hits[:5]:
            label = f"- {hit.chunk.title}" + (f" ({hit.chunk.heading})" if hit.chunk.heading and hit.chunk.heading != hit.chunk.title else "")
            if label not in seen:
                seen.append(label)
            if len(seen) == 3:
                break
        return f"{head} {nearest}\n" + "\n".join(seen)

    # ------------------------------------------------------------------ output
    to_json = staticmethod(output.to_json)
    format_sources = staticmethod(output.format_sources)


def text_with_context(question: str, standalone_question: str) -> str:
    """The question the LLM sees: the user's words, plus the resolved topic for follow-ups."""
    return standalone_question if standalone_question != question else question
