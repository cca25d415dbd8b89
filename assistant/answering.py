"""One question answered, start to end, as a stream of events: the answer pipeline in one place.

`answer(question, history, corpus=..., retriever=..., generator=..., ...)` takes everything it
uses as arguments and keeps nothing between questions:
question -> standalone question (words matched to the corpus vocabulary, the follow-up's topic
added) -> retrieval (ordered by the fitted ranker) -> the top passages, plus those holding telling
words of the question they miss -> the extractive answer and its verified
quotes -> answer or refuse (answer/decision.py: one fitted probability, with its reason) -> in
LLM mode the model's draft, used only when its citations verify and hold the fact asked for,
else the extractive answer (never a mix of both) -> `Answer`, in a last "done" event.
Not done here: loading the index and models (service.py), the parts themselves (answer/).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from . import fitted
from . import messages as msg
from .answer import citations as citations_module
from .answer import decision
from .answer.decision import Decision
from .answer.extractive import ASKING_WORDS, ExtractiveGenerator
from .answer.facts import expected_fact
from .answer.llm import Notice, fallback_notice
from .answer.names import elliptical
from .answer.refusal import asks_for_instructions
from .corpus import Corpus
from .errors import EmptyQuestionError
from .keyword_index import tokenize
from .records import Answer, Hit
from .retrieval import Filters, HybridRetriever
from .rewrite import split_topic, standalone
from .spelling import information
from .text import LIST_ITEM, is_english, normalize_ws

log = logging.getLogger("zorgassistent")
MAX_QUESTION_CHARS = 1000
PASSAGES_FOR_ANSWER = 4
CANDIDATES = 20  # ranked chunks from which a passage for words the top passages miss is taken
COVERING_PASSAGES = 2
COVERING_INFORMATION = 5.0  # 9 - Zipf: rarer than once in 100,000 words ("bouwstenen", a name; not "zorg")


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


def answer(question: str, history: Sequence[str] | None, *, corpus: Corpus, retriever: HybridRetriever, generator,
           extractive: ExtractiveGenerator, filters: Filters | None = None, top_k: int = 10,
           notices: Sequence[str] = (), decision_model: fitted.LinearModel | None = None,
           min_dense: float = 0.0) -> Iterator[Event]:
    """The events of answering `question` after `history` (earlier questions, oldest first):
    "notice"s, the LLM's "token"s, and one "done" with the `Answer`. `generator` writes the answer
    (the extractive one, or a chat model's); `decision_model`: the fitted answer-or-refuse model
    (None: the rule); `min_dense`: the embedding model's relevance threshold."""
    started = time.perf_counter()
    history = list(history or [])
    text, cleaned = clean_question(question)
    for notice in cleaned:
        yield Event("notice", notice)
    # Words no document has are read as the corpus word they most likely mean ("KIKV" as "KIK-V").
    query = corpus.vocabulary.corrected(standalone(text, history))
    checked = corpus.vocabulary.corrected(text)
    english = is_english(text)
    retrieval_started = time.perf_counter()
    candidates = retriever.retrieve(query, k=max(top_k, CANDIDATES), filters=filters)
    passages = with_list_continuations(candidates[:PASSAGES_FOR_ANSWER], corpus)
    covering = covering_passages(query, passages, candidates[PASSAGES_FOR_ANSWER:])
    passages += covering  # never one already read: a passage's words are held, so it adds nothing
    hits = promoted(candidates, PASSAGES_FOR_ANSWER, covering)[:max(top_k, 10)]
    retrieval_ms = (time.perf_counter() - retrieval_started) * 1000
    mode = generator.name
    result = Answer(question=text, text="", refused=True, hits=hits, mode=mode, standalone_question=query,
                    notices=cleaned + list(notices), retrieval_ms=retrieval_ms)

    def done() -> Event:
        result.latency_ms = (time.perf_counter() - started) * 1000
        return Event("done", result.text, result)

    if asks_for_instructions(text):
        result.text = msg.SYSTEM_PROMPT_REFUSAL
        result.decision = Decision(False, None, msg.DECISION_INSTRUCTIONS, "instructies")
        yield done()
        return

    fact = expected_fact(query)
    if not fact and history and elliptical(text):  # "En in dat jaar?" after "Hoeveel ...?"
        fact = expected_fact(history[-1])
    # The passages' own best sentences: the extractive answer, and what the decision looks at.
    # A verb in a form the passages lack is read in the form they have ("gekeken": "kijken"), as the decision reads it.
    key = citations_module.checked("".join(extractive.generate(corpus.vocabulary.corrected(query, verb_forms=True),
                                                                passages, english)), passages)
    final_text, citations = citations_module.numbered(key, passages)
    result.decision = decision.judge(checked, query, english, fact, hits, citations, passages, corpus,
                                     min_dense, decision_model)
    if not result.decision.answer:
        result.text = refusal_text(hits, english, result.decision)
        yield done()
        return

    if mode != "extractive":
        raw = ""
        try:
            for piece in generator.generate(text_with_context(text, query), passages, english):
                if isinstance(piece, Notice):  # "wacht op het taalmodel"
                    result.notices.append(piece)
                    yield Event("notice", piece)
                    continue
                if result.first_token_ms is None:
                    result.first_token_ms = (time.perf_counter() - started) * 1000
                raw += piece
                yield Event("token", piece)
            drafted_text, drafted = citations_module.numbered(citations_module.draft_claims(raw, passages), passages)
            if decision.holds(checked, fact, drafted, passages, english, corpus):
                final_text, citations = drafted_text, drafted
            else:
                # No checkable support in the draft (no valid citation, a changed number,
                # another organisation): the passages' own words instead.
                result.notices.append(msg.LLM_UNVERIFIED)
                yield Event("notice", msg.LLM_UNVERIFIED)
                mode = "extractive"
        except Exception as error:  # noqa: BLE001 - a remote endpoint down, a model crash: answer without LLM
            log.warning("antwoord zonder taalmodel (%s): %r", mode, error)
            notice = fallback_notice(mode, error)
            result.notices.append(notice)
            yield Event("notice", notice)
            mode = "extractive"
    if result.first_token_ms is None:
        result.first_token_ms = (time.perf_counter() - started) * 1000
    result.mode = mode
    result.refused = False
    result.text = ("According to the documents (quoted in Dutch):\n" if english and mode == "extractive" else "") + final_text
    result.citations = citations
    yield done()


def covering_passages(question: str, passages: list[Hit], candidates: list[Hit]) -> list[Hit]:
    """The ranked candidates that hold the question's telling words no passage holds: a question
    about two things ("het verschil tussen de aanpak van Noordhof en die van Zuidwijk") needs a
    passage on each, and the ranking may fill the top with one of them. Greedy, at most
    `COVERING_PASSAGES`: each time the candidate whose missing words tell the most (their
    information in general language, spelling.information), ties to the better ranked. Only words
    that tell at least `COVERING_INFORMATION` count ("zorg", "doet" do not), and no numbers;
    a word no candidate holds stays missing, for the decision to weigh.

    Example: covering_passages("Wat doen Noordhof en Zuidwijk?", [hit on Noordhof], [hit on x, hit on Zuidwijk])
             == [hit on Zuidwijk]
    """
    own, _ = split_topic(question)
    telling: dict[str, float] = {}
    for word in re.findall(r"[^\W\d_][\w'-]*", own):
        for term in tokenize(word):
            if term not in ASKING_WORDS and (value := information(word)) >= COVERING_INFORMATION:
                telling[term] = max(telling.get(term, 0.0), value)
    held = set().union(*(_terms_of(hit) for hit in passages)) if passages else set()
    if not any(t not in held for t in telling):
        return []
    terms = [_terms_of(hit) for hit in candidates]
    out: list[Hit] = []
    for _ in range(COVERING_PASSAGES):
        missing = {t: v for t, v in telling.items() if t not in held}
        gain, at = max(((sum(v for t, v in missing.items() if t in found), -i) for i, found in enumerate(terms)),
                       default=(0.0, 0))
        if gain <= 0:
            break
        out.append(candidates[-at])
        held |= terms[-at]
    return out


def promoted(ranking: list[Hit], first: int, chosen: list[Hit]) -> list[Hit]:
    """The ranking with the `chosen` hits moved up to right after its first `first`, ranks renumbered.

    Example: [h.chunk.id for h in promoted([a, b, c, d], 1, [d])] == [a.chunk.id, d.chunk.id, b.chunk.id, c.chunk.id]
    """
    ids = {hit.chunk.id for hit in chosen}
    ordered = ranking[:first] + chosen + [hit for hit in ranking[first:] if hit.chunk.id not in ids]
    return [replace(hit, rank=rank) for rank, hit in enumerate(ordered, start=1)]


def _terms_of(hit: Hit) -> set[str]:
    return set(tokenize(hit.chunk.labelled_text))


def with_list_continuations(passages: list[Hit], corpus: Corpus) -> list[Hit]:
    """Add the next chunk of a top passage when a list seems to run on there (both the
    passage's last line and the next chunk's first line are short), and the chunk before when
    the passage starts with a list item and that chunk ends on its introduction (":"), so list
    answers stay complete. The extractive selection decides whether it really is one list."""
    out = list(passages)
    ids = {h.chunk.id for h in out}

    def short(line: str) -> bool:
        return len(line.split()) <= 25

    for hit in passages[:2]:
        before, after = corpus.neighbours(hit.chunk)
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


def refusal_text(hits: list[Hit], english: bool, why: Decision | None = None) -> str:
    """The refusal: not in the documents, why (Dutch), and the nearest three sources."""
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


def text_with_context(question: str, standalone_question: str) -> str:
    """The question the LLM sees: the user's words, plus the resolved topic for follow-ups."""
    return standalone_question if standalone_question != question else question
