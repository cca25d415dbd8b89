"""The labelled material `zorgassistent calibrate` fits on: per set, the questions with the
retriever's candidates and their FEATURES rows (ranker), the decision signals of every question
(answer or refuse), and the units of the extractive answer's passages (sentences), each with its
label from the question's evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.rewrite import standalone
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text import normalize_ws

from .runner import load_questions

if TYPE_CHECKING:
    from assistant.index import Index

TOP = 10  # contexts scored per question, as the evaluation does


@dataclass
class Question:
    set: str
    id: str
    evidence: list[list[str]]
    candidates: list[str]
    texts: list[str]
    rows: np.ndarray
    labels: np.ndarray
    fused: list[str] = field(default_factory=list)  # the RRF order, for comparison
    fused_texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LabelledSet:
    name: str
    questions: Path
    data_dir: Path
    corpus_dir: Path | None = None  # ingested into data_dir (again where a file or the parser changed)
    ranks: bool = True  # its questions train and score the ranker (not a set of tiny corpora)


# Reports as a policy advisor uploads them (Markdown, HTML, DOCX, PDF; each folder its own small
# corpus with its questions.jsonl), the questions written down before any run, the evidence marked
# later. Short everyday questions over an untuned corpus meet their passage at a lower cosine than
# the written sets' questions (answerable: dense_top 0.025 here, 0.049 in dev, extra and extern;
# unanswerable 0.007 and 0.013): fitted without them, the decision refused 13% of them. They weigh in
# the answer-or-refuse and sentence fits, not the ranker's: with three to six chunks per corpus
# RRF alone puts the evidence first for 0.95 of them, and fitted on as well, the ranker lost
# recall@1 on extern (0.879 -> 0.818) and on the browser questions (0.754 -> 0.719).
REPORTS = PROJECT_ROOT / "evals" / "reports"


def default_sets(settings: Settings, external: Path | None, external_data: Path | None = None,
                 reports: Path | None = REPORTS) -> list[LabelledSet]:
    here = PROJECT_ROOT / "evals"
    sets = [LabelledSet("dev", here / "questions_dev.jsonl", settings.data_dir),
            LabelledSet("extra", here / "questions_extra.jsonl", settings.data_dir)]
    # questions_browser.jsonl is for evaluation only: fitted on as well, the ranker gained nothing
    # (5 folds recall@1 0.704 on it, RRF 0.711) and lost on extern held out (0.742 -> 0.697), and the
    # decision moved within noise; kept out, it shows how the fit carries over to questions as typed.
    if external is not None and (external / "questions.jsonl").is_file():
        sets.append(LabelledSet("extern", external / "questions.jsonl",
                                external_data or settings.data_dir / "calibrate" / external.name, external / "corpus"))
    if reports is not None and reports.is_dir():
        sets += [LabelledSet("rapporten", folder / "questions.jsonl", settings.data_dir / "calibrate" / f"rapport-{folder.name}",
                             folder / "corpus", ranks=False)
                 for folder in sorted(reports.iterdir()) if (folder / "questions.jsonl").is_file()]
    return sets


def holds(text: str, evidence: list[list[str]]) -> bool:
    """Whether the chunk text holds one alternative of one evidence group.

    Example: holds("Vanaf 2023  is er", [["vanaf 2023 is", "x"]]) is False (case matters, spaces do not)
    """
    normalised = normalize_ws(text)
    return any(normalize_ws(a) in normalised for group in evidence for a in group)


def prepare(labelled: LabelledSet, settings: Settings, say: Callable[[str], None] = print,
            on_progress: Callable[[float, float, str], None] | None = None) -> Index:
    """The set's index, its own corpus ingested (once; later only files whose bytes or parser code changed)."""
    from assistant.index import open_index

    local = settings.with_(data_dir=labelled.data_dir, **({"corpus_dir": labelled.corpus_dir} if labelled.corpus_dir else {}))
    index = open_index(local)
    if labelled.corpus_dir is not None:
        from ingest.pipeline import ingest

        if index.store.count() == 0:
            say(f"{labelled.name}: {labelled.corpus_dir} inlezen in {labelled.data_dir} ...")
        ingest(index, [labelled.corpus_dir], warn=say, **({"on_progress": on_progress} if on_progress else {}))
    return index


def collect(labelled: LabelledSet, settings: Settings, say: Callable[[str], None] = print,
            on_progress: Callable[[float, float, str], None] | None = None) -> list[Question]:
    """The candidates, feature rows and labels of every answerable question of one set."""
    from assistant.retrieval import RANK_DEPTH, HybridRetriever

    retriever = HybridRetriever(prepare(labelled, settings, say, on_progress), candidates=settings.candidates)
    out = []
    for item in load_questions(labelled.questions):
        if not item.get("answerable", True) or not item.get("evidence"):
            continue
        query = retriever.vocabulary().corrected(standalone(item["question"], item.get("history") or []))
        found, _ = retriever.signals(query)
        candidates = [c for c in found.candidates(RANK_DEPTH) if c in retriever.chunks]
        texts = [retriever.chunks[c].text for c in candidates]
        fused = [c for c, _ in retriever.fused(found) if c in retriever.chunks][:TOP]
        out.append(Question(labelled.name, item["id"], item["evidence"], candidates, texts,
                            np.asarray(retriever.features(query, found, candidates), float),
                            np.asarray([holds(t, item["evidence"]) for t in texts], int),
                            fused, [retriever.chunks[c].text for c in fused]))
    return out


@dataclass
class Asked:
    """One question of a set for the answer-or-refuse model: its decision signals and its label."""

    set: str
    id: str
    answerable: bool
    row: list[float] | None  # None: decided without the model (no quote at all, a question for the instructions)


def collect_decisions(labelled: LabelledSet, settings: Settings) -> list[Asked]:
    from assistant.answer.decision import FEATURES as DECISION_FEATURES
    from assistant.service import Assistant

    local = settings.with_(data_dir=labelled.data_dir, answer_mode="extractive")
    assistant = Assistant(local)
    out = []
    for item in load_questions(labelled.questions):
        decision = assistant.ask(item["question"], history=item.get("history") or []).decision
        row = [decision.features[f] for f in DECISION_FEATURES] if decision is not None and decision.features else None
        out.append(Asked(labelled.name, item["id"], bool(item.get("answerable", True)), row))
    return out


@dataclass
class Selection:
    """One answerable question for the sentence model: its passages, units, rows and labels."""

    set: str
    id: str
    evidence: list[list[str]]
    query: str
    passages: list
    weights: dict[str, float]
    rows: np.ndarray
    labels: np.ndarray


def collect_units(labelled: LabelledSet, settings: Settings) -> list[Selection]:
    from assistant.answer.extractive import unit_features
    from assistant.answering import PASSAGES_FOR_ANSWER, with_list_continuations
    from assistant.keyword_index import tokenize
    from assistant.service import Assistant

    from .metrics import quote_is_evidence

    assistant = Assistant(settings.with_(data_dir=labelled.data_dir, answer_mode="extractive"))
    retriever = assistant.retriever
    out = []
    for item in load_questions(labelled.questions):
        if not item.get("answerable", True) or not item.get("evidence"):
            continue
        query = retriever.vocabulary().corrected(standalone(item["question"], item.get("history") or []))
        hits = retriever.retrieve(query, k=max(settings.top_k, 10))
        passages = with_list_continuations(hits[:PASSAGES_FOR_ANSWER], retriever.corpus)
        weights = assistant.weights(tokenize(query))
        units, rows = unit_features(query, passages, weights)
        if not units:
            continue
        out.append(Selection(labelled.name, item["id"], item["evidence"], query, passages, weights,
                             np.asarray(rows, float),
                             np.asarray([quote_is_evidence([u.text], item["evidence"]) for u in units], int)))
    return out
