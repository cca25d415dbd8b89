"""Plan van aanpak: a first draft a policy advisor can work from, for introducing or scaling
hybrid care, structured by the six bouwblokken of the ondersteuningsstructuur.

The outline is fixed: "Aanleiding en doel"; per bouwblok "Wat de documenten zeggen" (two to
four cited statements), "Acties" (a table: actie, eigenaar, wanneer; actions drafted from the
imperative statements, empty cells to fill) and "Risico's en vragen" (what the documents warn
about, and a question for the advisor); "Planning" (phases with placeholders, and what the
documents say about a pilot and who to involve); "Evaluatie" (statements and the indicators the
documents name); "Bronnen" (each document once). Every section is retrieved on its own: its
theme, fused by RRF with the theme plus the goal; plan_select.py chooses the statements for the
theme *and* the goal. Each statement goes through the assistant's citation verifier, so every
quote is verbatim. With a chat model the bouwblok sections also get a short introduction that
paraphrases only their statements, verified the same way; a failing model or an unverified draft
leaves the section as it is (the extractive text reads complete on its own).

Not done here: choosing statements (plan_select.py), records (plan_model.py), Markdown and DOCX
(plan_export.py), the Dutch texts (answer/prompts.py) and retrieval or verification themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from . import messages as msg
from .answer import prompts
from .answer.llm import fallback_notice, text_only
from .answer.names import named
from .answer.refusal import asks_for_instructions
from .errors import EmptyQuestionError, ZorgError
from .glossary import expand
from .keyword_index import tokenize
from .plan_model import (
    Block,
    Plan,
    PlanPart,
    PlanRequest,
    PlanSection,
    SourceList,
    Table,
    action_text,
    display,
    parse_phase,
    renumber,
    short_title,
)
from .plan_select import Context, Statement, choose
from .plan_select import candidates as scored_candidates
from .plan_signals import lowercase_vocabulary, proper_names, synonyms
from .records import Hit
from .text import fold, normalize_ws

if TYPE_CHECKING:
    from .service import Assistant

__all__ = ["BOUWBLOKKEN", "Block", "Plan", "PlanPart", "PlanRequest", "PlanSection", "Planner", "SourceList",
           "Table", "parse_phase", "renumber", "short_title"]

BOUWBLOKKEN = tuple(f"bouwblok-{n}" for n in range(1, 7))
OUTLINE = ("aanleiding", *BOUWBLOKKEN, "planning", "evaluatie")
PHASES = tuple(prompts.PLAN_PHASES)
RETRIEVE_K = 10  # hits of the shared risk retrieval
POOL = 8  # passages a section may quote from (one retrieval: theme and goal together)
STATEMENTS = 3  # statements per section (the issue asks two to four; three keeps the plan short)
LEAST = 2
RISKS = 1  # warnings quoted per bouwblok
NAMED_PER_PLAN = 1  # statements that may name a region or organisation the goal does not name
INTRO_SENTENCES = 2


class Planner:
    """Writes a `Plan` with an `Assistant`'s retriever, generator and verification."""

    def __init__(self, assistant: Assistant, this_year: int | None = None) -> None:
        self.assistant = assistant
        self.this_year = this_year or dt.date.today().year
        self._mode: str | None = None  # the generator's name; "extractive" after a fallback
        self._notices: list[str] = []

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
        request = PlanRequest(goal, normalize_ws(request.organisation or ""), parse_phase(request.phase))
        self._mode, self._unverified = None, 0
        self._notices = notices + self.assistant.notices()
        self._prepare(request)
        sources = SourceList(self.this_year)
        sections: list[PlanSection] = []
        for done, key in enumerate(OUTLINE):
            if progress is not None:
                progress(done, len(OUTLINE), prompts.PLAN_HEADINGS[key])
            sections.append(getattr(self, "_" + key.split("-")[0])(key, request, sources))
        if progress is not None:
            progress(len(OUTLINE), len(OUTLINE), prompts.PLAN_SOURCES)
        if self._unverified:
            self._notices.append(msg.PLAN_INTRO_UNVERIFIED.format(n=self._unverified))
        return Plan(prompts.PLAN_TITLE.format(goal=short_title(goal)), request, sections, sources.sources,
                    sources.citations, self.mode, self._notices)

    # ------------------------------------------------------------ the goal and the corpus
    def _prepare(self, request: PlanRequest) -> None:
        """What every section's selection needs: the goal's topic and names, the corpus's words."""
        context = f"{request.goal} {request.organisation}".strip()
        names = {fold(w) for name in named(context) for w in name}
        self._allowed = {fold(w) for w in re.findall(r"[^\W_]+", expand(context))}
        self._topic_query = " ".join(w for w in context.split() if fold(w).strip(",.") not in names)
        stems = [t for t in tokenize(synonyms(self._topic_query)) if t not in set(tokenize(" ".join(names)))]
        self._topic = self.assistant.weights(stems)
        texts = [c.text for c in self.assistant.retriever.chunks.values()]
        self._lowercase = lowercase_vocabulary(texts)
        self._proper = proper_names(texts, self._lowercase)
        self._topic_query = synonyms(self._topic_query)  # retrieval sees the goal's synonyms too
        self._named = NAMED_PER_PLAN
        self._risk_hits: list[Hit] | None = None

    def pool(self, theme: str, hits: list[Hit] | None = None) -> list[Statement]:
        """The scored statements of the passages retrieved for a theme and the goal together (one
        retrieval: embedding a query is the slow step), or of `hits` scored for the theme."""
        if hits is None:
            # A theme and a goal, not a question: the question-fitted ranker does not apply.
            hits = self.assistant.retriever.retrieve(f"{theme} {self._topic_query}", k=POOL, fitted_order=False)
        dense = {(hit.chunk.id, index): score for hit in hits for index, score in hit.window_scores}
        context = Context(theme, self.assistant.weights(tokenize(theme)), self._topic, self._allowed, self._lowercase,
                          self._proper, self.this_year)
        return scored_candidates(hits, context, dense)

    def risk_pool(self, theme: str) -> list[Statement]:
        """What the documents warn about, for the goal (retrieved once per plan), scored for a theme."""
        if self._risk_hits is None:
            query = prompts.PLAN_RISK_THEME.format(theme=self._topic_query)
            self._risk_hits = self.assistant.retriever.retrieve(query, k=RETRIEVE_K, fitted_order=False)
        return self.pool(theme, self._risk_hits)

    def _choose(self, pool: list[Statement], sources: SourceList, n: int = STATEMENTS, least: int = LEAST,
                keep: Callable[[Statement], bool] = lambda s: True) -> list[tuple[Statement, int]]:
        """Chosen statements with their source numbers; each quote verified (and so verbatim)."""
        taken = [c.quote for c in sources.citations]
        pool = [s for s in pool if keep(s)]
        chosen = choose(pool, n, least, self._named, taken)
        if not chosen:  # what an earlier section quoted is better than an empty section
            chosen = choose(pool, n, least, self._named)
        out: list[tuple[Statement, int]] = []
        for statement in chosen:
            _, citations = self.assistant.verified(f"{display(statement.quote)} [1]", [statement.hit])
            if len(citations) != 1 or normalize_ws(citations[0].quote) != normalize_ws(statement.quote):
                continue
            self._named -= bool(statement.names)
            out.append((replace(statement, quote=citations[0].quote), sources.number(citations[0])))
        return out

    @staticmethod
    def _bullets(chosen: list[tuple[Statement, int]]) -> tuple[Block, ...]:
        return tuple(Block(f"{display(s.quote)} [{n}]", 1) for s, n in chosen)

    # ------------------------------------------------------------ sections
    def _aanleiding(self, key: str, request: PlanRequest, sources: SourceList) -> PlanSection:
        lead = [prompts.PLAN_GOAL.format(goal=request.goal)]
        if request.organisation:
            lead.append(prompts.PLAN_ORGANISATION.format(organisation=request.organisation))
        if request.phase:
            lead.append(prompts.PLAN_PHASE.format(phase=prompts.PLAN_PHASES[request.phase]))
        parts = [self._statements("waarom", prompts.PLAN_THEMES["waarom"], sources, n=2)]
        goal_theme = prompts.PLAN_THEMES["doel"].format(goal=self._topic_query)
        doel = self._statements("doel", goal_theme, sources, n=2, least=1, keep=lambda s: s.topic > 0)
        if doel.citations:
            parts.append(doel)
        if request.phase:
            phase_key = f"fase-{request.phase}"
            parts.append(self._statements(phase_key, prompts.PLAN_THEMES[phase_key], sources, n=1, least=1))
        return PlanSection(key, prompts.PLAN_HEADINGS[key], tuple(parts), lead=tuple(Block(line) for line in lead))

    def _statements(self, key: str, theme: str, sources: SourceList, n: int = STATEMENTS, least: int = LEAST,
                    keep: Callable[[Statement], bool] = lambda s: True) -> PlanPart:
        chosen = self._choose(self.pool(theme), sources, n, least, keep)
        blocks = self._bullets(chosen) or (Block(prompts.PLAN_EMPTY),)
        return PlanPart(key, prompts.PLAN_HEADINGS[key], blocks, tuple(dict.fromkeys(n for _, n in chosen)))

    def _bouwblok(self, key: str, request: PlanRequest, sources: SourceList) -> PlanSection:
        theme = prompts.PLAN_THEMES[key]
        pool = self.pool(theme)
        chosen = self._choose(pool, sources, keep=lambda s: not s.warning or s.imperative)
        said = PlanPart("zeggen", prompts.PLAN_HEADINGS["zeggen"], self._bullets(chosen) or (Block(prompts.PLAN_EMPTY),),
                        tuple(dict.fromkeys(n for _, n in chosen)))
        actions = [(s, n) for s, n in chosen if s.imperative]
        if len(actions) < 2:  # an imperative the section did not quote yet is still an action with its source
            actions += self._choose(pool, sources, n=1, least=1, keep=lambda s: s.imperative)
        rows = [(f"{action_text(s.quote)} [{n}]", "", "") for s, n in actions]
        if not rows:
            rows.append((prompts.PLAN_DEFAULT_ACTIONS[key], "", ""))
        rows.append(("", "", ""))
        acties = PlanPart("acties", prompts.PLAN_HEADINGS["acties"],
                          (Table(prompts.PLAN_ACTION_HEADER, tuple(rows)),), tuple(dict.fromkeys(n for _, n in actions)))
        risk_pool = sorted(pool + self.risk_pool(theme), key=lambda s: -s.score)
        risks = self._choose(risk_pool, sources, n=RISKS, least=RISKS, keep=lambda s: s.warning)
        question = Block(prompts.PLAN_SUGGESTION.format(question=prompts.PLAN_SUGGESTIONS[key]), 1)
        risk_blocks = self._bullets(risks) or (Block(prompts.PLAN_NO_RISKS, 1),)
        risicos = PlanPart("risicos", prompts.PLAN_HEADINGS["risicos"], (*risk_blocks, question),
                           tuple(dict.fromkeys(n for _, n in risks)))
        parts = [said, acties, risicos]
        if intro := self._intro(key, request, chosen, sources):
            parts.insert(0, intro)
        return PlanSection(key, prompts.PLAN_HEADINGS[key], tuple(parts))

    def _planning(self, key: str, request: PlanRequest, sources: SourceList) -> PlanSection:
        table = Table(prompts.PLAN_PLANNING_HEADER, tuple((phase, what, "", "") for phase, what in prompts.PLAN_PLANNING_ROWS))
        pool = sorted(self.pool(prompts.PLAN_THEMES["pilot"]) + self.pool(prompts.PLAN_THEMES["betrokkenen"]),
                      key=lambda s: -s.score)
        chosen = self._choose(pool, sources)
        said = PlanPart("zeggen", prompts.PLAN_HEADINGS["zeggen"], self._bullets(chosen) or (Block(prompts.PLAN_EMPTY),),
                        tuple(dict.fromkeys(n for _, n in chosen)))
        return PlanSection(key, prompts.PLAN_HEADINGS[key], (PlanPart("fasen", "", (table,)), said))

    def _evaluatie(self, key: str, request: PlanRequest, sources: SourceList) -> PlanSection:
        chosen = self._choose(self.pool(prompts.PLAN_THEMES["evaluatie"]), sources, n=2)
        said = PlanPart("zeggen", prompts.PLAN_HEADINGS["zeggen"], self._bullets(chosen) or (Block(prompts.PLAN_EMPTY),),
                        tuple(dict.fromkeys(n for _, n in chosen)))
        quotes = [fold(c.quote) for c in sources.citations]
        named_ones = [label for pattern, label in prompts.PLAN_INDICATORS.items() if any(re.search(pattern, q) for q in quotes)]
        rows = tuple((label, "", "", "") for label in named_ones) + (("", "", "", ""),)
        indicators = PlanPart("indicatoren", prompts.PLAN_HEADINGS["indicatoren"], (Table(prompts.PLAN_INDICATOR_HEADER, rows),))
        return PlanSection(key, prompts.PLAN_HEADINGS[key], (said, indicators))

    # ------------------------------------------------------------ the language model's introduction
    def _intro(self, key: str, request: PlanRequest, chosen: list[tuple[Statement, int]],
               sources: SourceList) -> PlanPart | None:
        """Two sentences that paraphrase only the section's statements, verified like an answer;
        None without a chat model, after a failure, or when no sentence holds."""
        if self.mode == "extractive" or not chosen:
            return None
        passages = [replace(s.hit, chunk=replace(s.hit.chunk, text=s.quote)) for s, _ in chosen]
        question = prompts.PLAN_INTRO_QUESTION.format(theme=prompts.PLAN_THEME_NAMES[key],
                                                      context=f"{request.goal} {request.organisation}".strip())
        try:
            raw = text_only(self.assistant.generator.generate(question, passages))
        except Exception as error:  # noqa: BLE001 - a remote endpoint down, a model crash: the rest without LLM
            self._notices.append(fallback_notice(self.mode, error))
            self._mode = "extractive"
            return None
        claims = self.assistant.draft_claims(raw, passages)[:INTRO_SENTENCES]
        text, citations = self.assistant.numbered(claims, passages)
        if not citations:
            self._unverified += 1
            return None
        mapping = {c.n: sources.number(c) for c in citations}
        return PlanPart("intro", "", (Block(renumber(" ".join(text.split("\n")), mapping)),),
                        tuple(dict.fromkeys(mapping.values())))
