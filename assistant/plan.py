"""Plan van aanpak: a grounded Dutch draft for introducing or scaling hybrid care,
structured by the six bouwblokken of the ondersteuningsstructuur.

The plan has a fixed outline: "Aanleiding en doel", one section per bouwblok, "Bewegingen en
randvoorwaarden", "Eerste stappen" (pilot, betrokkenen, evaluatie) and one numbered source list.
Every part of a section is written from its own retrieval: the part's theme query, fused by RRF
with the theme plus the user's goal, so the passages are on theme first and about the goal second.
Then the machinery of the answers is reused, not copied: the evidence check (`refusal.assess`)
decides whether the documents cover the theme, the assistant's generator drafts with `[n]`
markers, and the assistant's verification keeps only sentences backed by a verbatim quote. A part
the documents do not cover says so plainly and suggests a question to work out.

Extractive mode writes a digest: per passage its best sentence(s) for the theme, one bullet per
passage, skipping what earlier parts already said. LLM modes draft a short text per part from the
same passages; where none of the model's sentences survives verification although the evidence
check found the theme, the part gets the digest instead (and the plan a notice). Citation
numbers are global over the plan: the same quote from the same document keeps one number.

Not done here: Markdown and DOCX (plan_export.py), the Dutch texts (answer/prompts.py), and
retrieval, generation or verification themselves (the assistant's own).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import messages as msg
from .answer import prompts
from .answer.citations import split_answer
from .answer.extractive import ExtractiveGenerator
from .answer.llm import fallback_notice, text_only
from .answer.refusal import asks_for_instructions, assess, coverage
from .errors import EmptyQuestionError, ZorgError
from .fusion import rrf
from .keyword_index import tokenize
from .records import Citation, Hit
from .text import fold, normalize_ws

if TYPE_CHECKING:
    from .service import Assistant

BOUWBLOKKEN = tuple(f"bouwblok-{n}" for n in range(1, 7))
# (section key, its part keys). A section with several parts gives each part a sub-heading.
OUTLINE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aanleiding", ("waarom", "doel")),  # plus the phase, when one is given
    *((key, (key,)) for key in BOUWBLOKKEN),
    ("bewegingen-randvoorwaarden", ("bewegingen", "randvoorwaarden")),
    ("eerste-stappen", ("pilot", "betrokkenen", "evaluatie")),
)
PHASES = tuple(prompts.PLAN_PHASES)
RETRIEVE_K = 10  # hits per retrieval before fusion
RRF_K = 5  # as the retriever's own fusion: short, precise rankings
PASSAGES = 4  # passages the LLM drafts from (it reads the best 3, cut to their relevant sentences)
DIGEST_POOL = 6  # passages the extractive digest may take a bullet from
DIGEST_ITEMS = 3  # bullets per part in the extractive digest
MAX_BULLET_SENTENCES = 2  # a bullet is a point, not a page
MAX_BULLET_ITEMS = 4
# How much of the theme (idf-weighted share of its terms, see refusal.coverage) a sentence must
# carry to stay in a digest bullet, and the best sentence of a bullet: a passage retrieved for
# the goal alone, or the filler around a good sentence, does not end up in the plan.
MIN_SENTENCE_COVERAGE = 0.08
MIN_BULLET_COVERAGE = 0.15
MIN_SENTENCE_WORDS = 4  # shorter non-list lines are sub-headings, dates or captions
MAX_TITLE_CHARS = 90

_MARKER = re.compile(r"\[(\d+)\]")
_ITEM = re.compile(r"^\s*([-*•–·▪◦●])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class PlanRequest:
    goal: str
    organisation: str = ""
    phase: str = ""  # "" or a key of PHASES


@dataclass(frozen=True)
class Block:
    """A paragraph (level 0) or a bullet (level 1, or 2 under a bullet); `[n]` are global."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class PlanPart:
    key: str
    heading: str  # "" when the part needs no sub-heading
    blocks: tuple[Block, ...]
    citations: tuple[int, ...] = ()  # global source numbers, in order of first use

    @property
    def empty(self) -> bool:
        return not self.citations


@dataclass(frozen=True)
class PlanSection:
    key: str
    heading: str
    parts: tuple[PlanPart, ...]
    lead: tuple[Block, ...] = ()  # the user's own input, shown before the parts, never cited

    @property
    def citations(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(n for part in self.parts for n in part.citations))


@dataclass
class Plan:
    title: str
    request: PlanRequest
    sections: list[PlanSection]
    sources: list[Citation]
    mode: str = "extractive"
    notices: list[str] = field(default_factory=list)

    def section(self, key: str) -> PlanSection:
        return next(s for s in self.sections if s.key == key)


@dataclass(frozen=True)
class Topic:
    """What one part is about: its retrieval theme, the LLM's question, the fallback question."""

    key: str
    heading: str
    theme: str  # the retrieval query
    focus: str  # the words the documents must share to be on topic (evidence check, digest)
    question: str
    suggestion: str
    bullets: int = DIGEST_ITEMS

    @classmethod
    def of(cls, key: str, goal: str = "", headed: bool = True, bullets: int = DIGEST_ITEMS) -> Topic:
        """The topic `key` of the prompts. A theme with `{goal}` is about the user's goal itself:
        it retrieves with the theme, but only the goal's own words count as evidence."""
        template = prompts.PLAN_THEMES[key]
        theme = template.format(goal=goal)
        return cls(key, prompts.PLAN_HEADINGS[key] if headed else "", theme, goal if "{goal}" in template else theme,
                   prompts.PLAN_QUESTIONS[key], prompts.PLAN_SUGGESTIONS[key], bullets)


# ---------------------------------------------------------------- pure helpers
class SourceList:
    """Global citation numbers for a whole plan: the same quote from the same document keeps
    its number; a new one gets the next.

    Example: s = SourceList(); [s.number(a), s.number(b), s.number(a)] == [1, 2, 1]
    """

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str], int] = {}
        self.citations: list[Citation] = []

    @staticmethod
    def key(citation: Citation) -> tuple[str, str]:
        return citation.source, normalize_ws(citation.quote)

    def knows(self, citation: Citation) -> bool:
        return self.key(citation) in self._numbers

    def quotes(self, source: str) -> list[str]:
        """The quotes taken from `source` so far."""
        return [quote for (known, quote) in self._numbers if known == source]

    def number(self, citation: Citation) -> int:
        key = self.key(citation)
        if key not in self._numbers:
            self._numbers[key] = len(self.citations) + 1
            self.citations.append(replace(citation, n=self._numbers[key]))
        return self._numbers[key]


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Replace local `[n]` markers by global ones; a marker repeated in a row is written once.

    Example: renumber("Thuis wonen. [1][2][3]", {1: 4, 2: 1, 3: 4}) == "Thuis wonen. [4][1]"
    """
    def one_run(match: re.Match[str]) -> str:
        numbers = [mapping[int(n)] for n in _MARKER.findall(match.group(0))]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return re.sub(r"(?:\[\d+\])+", one_run, text)


def to_blocks(text: str, digest: bool = False) -> list[Block]:
    """Verified text (one paragraph or list item per line) as blocks. Bullet signs are dropped
    (the export draws its own); numbers of numbered items are kept. In a digest every line is a
    bullet, and the items after a list introduction are bullets under it.

    Example: to_blocks("Dit zijn ze: [1]\\n• punt [1]", digest=True) == [Block("Dit zijn ze: [1]", 1), Block("punt [1]", 2)]
    """
    blocks: list[Block] = []
    under_intro = False
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        is_item = bool(_ITEM.match(line) or _NUMBERED.match(line))
        line = _ITEM.sub("", line)
        if not digest:
            blocks.append(Block(line, 1 if is_item else 0))
        elif is_item and under_intro:
            blocks.append(Block(line, 2))
        else:
            blocks.append(Block(line, 1))
            under_intro = _MARKER.sub("", line).rstrip().endswith(":")
    return blocks


def trim_extract(raw: str, theme: str, weights: dict[str, float], skip: Sequence[str] = (),
                 said: Sequence[str] = ()) -> str:
    """An extractive draft cut to what carries the theme: sentences and list items with enough of
    the theme's terms, at most MAX_BULLET_SENTENCES sentences and MAX_BULLET_ITEMS items, without
    headings (`skip`) or other short lines, without what was `said` already (quotes), and without a
    list introduction whose items all went. Lines stay lines. "" when the best sentence carries too
    little of the theme.

    Example: trim_extract("Kop [1]\\nZorg blijft thuis mogelijk. [1] Ga naar de inhoud [1]", "zorg thuis", {})
    == "Zorg blijft thuis mogelijk. [1]"
    """
    skipped = {fold(s).rstrip(".:") for s in skip if s}
    quoted = [normalize_ws(q) for q in said]
    lines: list[list[str]] = []
    counts = {True: 0, False: 0}  # items, sentences
    best = 0.0
    for line in raw.split("\n"):
        kept: list[str] = []
        marked = [int(n) for n in _MARKER.findall(line)]  # a sentence split off a unit has no marker of its own
        for text, numbers, *_ in split_answer(line):
            numbers = numbers or marked
            share = coverage(theme, [text], weights)
            is_item = bool(_ITEM.match(text) or _NUMBERED.match(text))
            limit = MAX_BULLET_ITEMS if is_item else MAX_BULLET_SENTENCES
            if (fold(text).rstrip(".:") in skipped or share < MIN_SENTENCE_COVERAGE or counts[is_item] == limit
                    or (not is_item and len(text.split()) < MIN_SENTENCE_WORDS)
                    or any(normalize_ws(text) in quote for quote in quoted)):
                continue
            counts[is_item] += 1
            best = max(best, share)
            kept.append(f"{text} {''.join(f'[{n}]' for n in numbers)}".strip())
        if kept:
            lines.append(kept)
    while lines and _MARKER.sub("", lines[-1][-1]).rstrip().endswith(":"):  # an introduction left alone
        lines[-1].pop()
        if not lines[-1]:
            lines.pop()
    return "\n".join(" ".join(line) for line in lines) if best >= MIN_BULLET_COVERAGE else ""


def fuse(rankings: Sequence[list[Hit]], k: int = RRF_K) -> list[Hit]:
    """Hits of several retrievals fused by RRF. A chunk keeps the hit of the first ranking it
    appears in (its sentence scores belong to that query) and the best dense score of all."""
    by_id: dict[str, Hit] = {}
    dense: dict[str, float] = {}
    for ranking in rankings:
        for hit in ranking:
            by_id.setdefault(hit.chunk.id, hit)
            if hit.dense_score is not None:
                dense[hit.chunk.id] = max(dense.get(hit.chunk.id, hit.dense_score), hit.dense_score)
    fused = rrf([[h.chunk.id for h in ranking] for ranking in rankings], k=k)
    return [replace(by_id[cid], score=score, rank=rank, dense_score=dense.get(cid, by_id[cid].dense_score))
            for rank, (cid, score) in enumerate(fused, start=1)]


def parse_phase(value: str) -> str:
    """The phase key for what a user typed: a key, a label or "hybride <key>"; "" for none.

    Example: parse_phase("Hybride samenwerken") == "samenwerken"
    """
    text = normalize_ws(value or "").lower()
    if not text:
        return ""
    for key, label in prompts.PLAN_PHASES.items():
        if text in (key, f"hybride {key}", label.lower(), label.lower().split(" (")[0]):
            return key
    raise ValueError(msg.UNKNOWN_OPTION.format(value=value, what="fase", options=", ".join(PHASES)))


def short_title(goal: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Example: short_title("Beeldzorg in de wijk", limit=12) == "Beeldzorg in…" """
    if len(goal) <= limit:
        return goal
    return goal[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def empty_part(topic: Topic) -> PlanPart:
    return PlanPart(topic.key, topic.heading, (
        Block(prompts.PLAN_EMPTY),
        Block(prompts.PLAN_SUGGESTION.format(question=topic.suggestion)),
    ))


# ---------------------------------------------------------------- the planner
class Planner:
    """Writes a `Plan` with an `Assistant`'s retriever, generator and verification."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._mode: str | None = None  # the generator's name; "extractive" after a fallback
        self._notices: list[str] = []
        self._digested = 0  # parts where the model's draft had no verified sentence

    @property
    def mode(self) -> str:
        if self._mode is None:
            self._mode = self.assistant.generator.name
        return self._mode

    def build(self, request: PlanRequest, progress: Callable[[int, int, str], None] | None = None) -> Plan:
        from .service import clean_question

        try:
            goal, notices = clean_question(request.goal)
        except EmptyQuestionError:
            raise EmptyQuestionError(msg.PLAN_EMPTY_GOAL) from None
        if asks_for_instructions(goal):
            raise ZorgError(msg.SYSTEM_PROMPT_REFUSAL)
        organisation = normalize_ws(request.organisation or "")
        phase = parse_phase(request.phase)
        request = PlanRequest(goal, organisation, phase)
        context = f"{goal} {organisation}".strip()

        self._mode, self._digested = None, 0
        self._notices = notices + self.assistant.notices()
        sources = SourceList()
        outline = [(key, [Topic.of(p, goal, headed=len(parts) > 1) for p in parts]) for key, parts in OUTLINE]
        if phase:
            outline[0][1].append(Topic.of(f"fase-{phase}", bullets=1))
        total, done = sum(len(topics) for _, topics in outline), 0
        sections: list[PlanSection] = []
        for key, topics in outline:
            parts: list[PlanPart] = []
            for topic in topics:
                if progress is not None:
                    progress(done, total, topic.heading or prompts.PLAN_HEADINGS[key])
                parts.append(self.write_part(topic, context, sources))
                done += 1
            sections.append(PlanSection(key, prompts.PLAN_HEADINGS[key], tuple(parts),
                                        lead=self._lead(request) if key == "aanleiding" else ()))
        if progress is not None:
            progress(total, total, prompts.PLAN_SOURCES)
        if self._digested:
            self._notices.append(msg.PLAN_DIGESTED.format(n=self._digested))
        return Plan(prompts.PLAN_TITLE.format(goal=short_title(goal)), request, sections, sources.citations,
                    self.mode, self._notices)

    @staticmethod
    def _lead(request: PlanRequest) -> tuple[Block, ...]:
        lines = [prompts.PLAN_GOAL.format(goal=request.goal)]
        if request.organisation:
            lines.append(prompts.PLAN_ORGANISATION.format(organisation=request.organisation))
        if request.phase:
            lines.append(prompts.PLAN_PHASE.format(phase=prompts.PLAN_PHASES[request.phase]))
        return tuple(Block(line) for line in lines)

    # ------------------------------------------------------------ one part
    def retrieve(self, theme: str, context: str) -> list[Hit]:
        """The theme's own ranking fused with the ranking for theme plus goal."""
        retriever = self.assistant.retriever
        return fuse([retriever.retrieve(theme, k=RETRIEVE_K), retriever.retrieve(f"{theme} {context}", k=RETRIEVE_K)])

    def write_part(self, topic: Topic, context: str, sources: SourceList) -> PlanPart:
        hits = self.retrieve(topic.theme, context)
        weights = self.assistant.weights(tokenize(topic.focus))
        evidence = assess(topic.focus, hits, weights, self.assistant.index.store.embedder.min_relevant_cosine)
        if not evidence.sufficient:
            return empty_part(topic)
        if self.mode == "extractive":
            blocks, numbers = self._digest(topic, context, hits, weights, sources)
        else:
            blocks, numbers = self._drafted(topic, context, hits, weights, sources)
            if not numbers and self.mode != "extractive":  # the documents cover it, the model's draft did not hold
                blocks, numbers = self._digest(topic, context, hits, weights, sources)
                self._digested += bool(numbers)
        if not numbers:
            return empty_part(topic)
        return PlanPart(topic.key, topic.heading, tuple(blocks), tuple(dict.fromkeys(numbers)))

    def _digest(self, topic: Topic, context: str, hits: list[Hit], weights: dict[str, float],
                sources: SourceList) -> tuple[list[Block], list[int]]:
        """One bullet per passage: its best verified sentence(s) for the topic. What an earlier part
        said is left out, unless the part would otherwise stay empty (then it keeps its number)."""
        for repeat in (False, True):
            blocks, numbers = self._bullets(topic, context, hits, weights, sources, repeat)
            if numbers:
                break
        return blocks, numbers

    def _bullets(self, topic: Topic, context: str, hits: list[Hit], weights: dict[str, float],
                 sources: SourceList, repeat: bool) -> tuple[list[Block], list[int]]:
        generator = self.assistant.generator
        if generator.name != "extractive":
            generator = ExtractiveGenerator(self.assistant.weights)
        blocks: list[Block] = []
        numbers: list[int] = []
        passages = 0
        for hit in hits[:DIGEST_POOL]:
            if passages == topic.bullets:
                break
            draft = "".join(generator.generate(f"{topic.theme} {context}", [hit]))
            said = () if repeat else sources.quotes(hit.chunk.source)
            raw = trim_extract(draft, topic.focus, weights, skip=(hit.chunk.title, hit.chunk.heading), said=said)
            text, citations = self.assistant.verified(raw, [hit])
            if not citations or (not repeat and all(sources.knows(c) for c in citations)):
                continue
            mapping = {c.n: sources.number(c) for c in citations}
            blocks.extend(to_blocks(renumber(text, mapping), digest=True))
            numbers.extend(mapping.values())
            passages += 1
        return blocks, numbers

    def _drafted(self, topic: Topic, context: str, hits: list[Hit], weights: dict[str, float],
                 sources: SourceList) -> tuple[list[Block], list[int]]:
        """The LLM's draft for the part, verified like an answer."""
        passages = hits[:PASSAGES]
        question = prompts.PLAN_LLM_QUESTION.format(question=topic.question, context=context)
        try:
            raw = text_only(self.assistant.generator.generate(question, passages))
        except Exception as error:  # noqa: BLE001 - a remote endpoint down, a model crash: the rest without LLM
            self._notices.append(fallback_notice(self.mode, error))
            self._mode = "extractive"
            return self._digest(topic, context, hits, weights, sources)
        text, citations = self.assistant.numbered(self.assistant.draft_claims(raw, passages), passages)
        mapping = {c.n: sources.number(c) for c in citations}
        return to_blocks(renumber(text, mapping)), list(mapping.values())
