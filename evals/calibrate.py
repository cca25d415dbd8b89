"""`zorgassistent calibrate`: fit the ranker and the answer-or-refuse model on labelled questions,
with cross-validated scores.

For every answerable question of every set, the retriever's candidates get their FEATURES rows
(assistant/rank_features.py) and a label: the chunk holds (one alternative of) an evidence
group. A standardised logistic regression is fitted on all rows; it is written to
`assistant/fitted/rank.json` together with what it was fitted on and two cross-validations:
- leave one set out: fitted on the other sets, scored on this one (a corpus it never saw);
- five folds by question over all sets, scored per set.
Scores are the evaluation's own recall@1/@5 and MRR on the top-10 contexts, next to the same
retriever ordered by reciprocal rank fusion. Then, with that ranker in place, the signals of
answer/decision.py for every question (answerable or not) and a second logistic regression,
`assistant/fitted/decide.json`, scored by the share of answerable questions answered and of
unanswerable ones refused, cross-validated the same two ways.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant import fitted
from assistant.rank_features import FEATURES
from assistant.rewrite import standalone
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text import normalize_ws

from .metrics import evidence_rank
from .runner import load_questions

TOP = 10


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
    corpus_dir: Path | None = None  # ingested into data_dir when that is empty


def default_sets(settings: Settings, external: Path | None, external_data: Path | None = None) -> list[LabelledSet]:
    here = PROJECT_ROOT / "evals"
    sets = [LabelledSet("dev", here / "questions_dev.jsonl", settings.data_dir),
            LabelledSet("extra", here / "questions_extra.jsonl", settings.data_dir)]
    if external is not None and (external / "questions.jsonl").is_file():
        sets.append(LabelledSet("extern", external / "questions.jsonl",
                                external_data or settings.data_dir / "calibrate" / external.name, external / "corpus"))
    return sets


def holds(text: str, evidence: list[list[str]]) -> bool:
    """Whether the chunk text holds one alternative of one evidence group.

    Example: holds("Vanaf 2023  is er", [["vanaf 2023 is", "x"]]) is False (case matters, spaces do not)
    """
    normalised = normalize_ws(text)
    return any(normalize_ws(a) in normalised for group in evidence for a in group)


def collect(labelled: LabelledSet, settings: Settings, say: Callable[[str], None] = print) -> list[Question]:
    """The candidates, feature rows and labels of every answerable question of one set."""
    from assistant.index import open_index
    from assistant.retrieval import RANK_DEPTH, HybridRetriever

    local = settings.with_(data_dir=labelled.data_dir, **({"corpus_dir": labelled.corpus_dir} if labelled.corpus_dir else {}))
    index = open_index(local)
    if labelled.corpus_dir is not None and index.store.count() == 0:
        from ingest.pipeline import ingest

        say(f"{labelled.name}: {labelled.corpus_dir} inlezen in {labelled.data_dir} (eenmalig) ...")
        ingest(index, [labelled.corpus_dir], warn=say)
    retriever = HybridRetriever(index, candidates=settings.candidates)
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


# Strong regularisation: weights that carry over to a corpus left out of the fit (the
# leave-one-set-out scores) matter more than the last point on the sets themselves.
C = 0.01


def fit(questions: list[Question], c: float = C) -> fitted.LinearModel:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([q.rows for q in questions])
    y = np.concatenate([q.labels for q in questions])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return fitted.LinearModel(FEATURES, mean, scale, model.coef_[0], float(model.intercept_[0]))


def scores(questions: list[Question], order: Callable[[Question], list[str]]) -> dict[str, float]:
    ranks = [evidence_rank(order(q)[:TOP], q.evidence) for q in questions]
    n = max(1, len(ranks))
    return {"recall@1": sum(r == 1 for r in ranks) / n, "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n, "n": len(ranks)}


def by_model(model: fitted.LinearModel) -> Callable[[Question], list[str]]:
    def order(q: Question) -> list[str]:
        logits = model.logits(q.rows)
        return [q.texts[i] for i in np.argsort(-logits, kind="stable")]
    return order


def cross_validate(questions: list[Question], folds: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    """Per set: RRF, the ranker fitted without this set, and five folds by question."""
    names = list(dict.fromkeys(q.set for q in questions))
    report: dict[str, dict[str, dict[str, float]]] = {}
    rng = np.random.default_rng(0)
    fold_of = {id(q): int(f) for q, f in zip(questions, rng.integers(0, folds, len(questions)))}
    fold_orders: dict[int, list[str]] = {}
    for f in range(folds):
        model = fit([q for q in questions if fold_of[id(q)] != f and q.labels.any()])
        for q in questions:
            if fold_of[id(q)] == f:
                fold_orders[id(q)] = by_model(model)(q)
    for name in names:
        mine = [q for q in questions if q.set == name]
        others = [q for q in questions if q.set != name and q.labels.any()]
        report[name] = {"rrf": scores(mine, lambda q: q.fused_texts),
                        "zonder deze set": scores(mine, by_model(fit(others))) if others else {},
                        "5 delen": scores(mine, lambda q: fold_orders[id(q)])}
    return report


def format_report(report: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [f"{'set':<8}{'volgorde':<18}{'n':>4}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}"]
    for name, rows in report.items():
        for how, s in rows.items():
            if s:
                lines.append(f"{name:<8}{how:<18}{s['n']:>4}{s['recall@1']:>10.3f}{s['recall@5']:>10.3f}{s['mrr']:>8.3f}")
    return "\n".join(lines)


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


def fit_decision(asked: list[Asked], c: float = 1.0) -> fitted.LinearModel:
    from sklearn.linear_model import LogisticRegression

    from assistant.answer.decision import CUTOFF
    from assistant.answer.decision import FEATURES as DECISION_FEATURES

    used = [a for a in asked if a.row is not None]
    x = np.asarray([a.row for a in used], float)
    y = np.asarray([a.answerable for a in used], int)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return fitted.LinearModel(DECISION_FEATURES, mean, scale, model.coef_[0], float(model.intercept_[0]), CUTOFF)


def decision_scores(asked: list[Asked], answers: Callable[[Asked], bool]) -> dict[str, float]:
    """Share of answerable questions answered and of unanswerable ones refused."""
    yes = [a for a in asked if a.answerable]
    no = [a for a in asked if not a.answerable]
    said = {id(a): a.row is not None and answers(a) for a in asked}
    return {"answered": sum(said[id(a)] for a in yes) / max(1, len(yes)),
            "refused": sum(not said[id(a)] for a in no) / max(1, len(no)), "n": len(asked), "n_no": len(no)}


def cross_validate_decision(asked: list[Asked], folds: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    names = list(dict.fromkeys(a.set for a in asked))
    by = lambda model: lambda a: model.probability(a.row) >= model.cutoff  # noqa: E731
    rng = np.random.default_rng(0)
    fold_of = {id(a): int(f) for a, f in zip(asked, rng.integers(0, folds, len(asked)))}
    verdict: dict[int, bool] = {}
    for f in range(folds):
        model = fit_decision([a for a in asked if fold_of[id(a)] != f])
        verdict.update({id(a): by(model)(a) for a in asked if fold_of[id(a)] == f and a.row is not None})
    report = {}
    for name in names:
        mine = [a for a in asked if a.set == name]
        others = [a for a in asked if a.set != name]
        report[name] = {"zonder deze set": decision_scores(mine, by(fit_decision(others))),
                        "5 delen": decision_scores(mine, lambda a: verdict[id(a)])}
    return report


def format_decision_report(report: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [f"{'set':<8}{'fit':<18}{'n':>4}{'onbeantw.':>10}{'beantwoord':>12}{'geweigerd':>11}"]
    for name, rows in report.items():
        for how, s in rows.items():
            lines.append(f"{name:<8}{how:<18}{s['n']:>4}{s['n_no']:>10}{s['answered']:>12.3f}{s['refused']:>11.3f}")
    return "\n".join(lines)


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
    from assistant.keyword_index import tokenize
    from assistant.service import PASSAGES_FOR_ANSWER, Assistant

    from .metrics import quote_is_evidence

    assistant = Assistant(settings.with_(data_dir=labelled.data_dir, answer_mode="extractive"))
    retriever = assistant.retriever
    out = []
    for item in load_questions(labelled.questions):
        if not item.get("answerable", True) or not item.get("evidence"):
            continue
        query = retriever.vocabulary().corrected(standalone(item["question"], item.get("history") or []))
        hits = retriever.retrieve(query, k=max(settings.top_k, 10))
        passages = assistant._with_list_continuations(hits[:PASSAGES_FOR_ANSWER])
        weights = assistant.weights(tokenize(query))
        units, rows = unit_features(query, passages, weights)
        if not units:
            continue
        out.append(Selection(labelled.name, item["id"], item["evidence"], query, passages, weights,
                             np.asarray(rows, float),
                             np.asarray([quote_is_evidence([u.text], item["evidence"]) for u in units], int)))
    return out


def fit_select(selections: list[Selection], c: float = 1.0) -> fitted.LinearModel:
    from sklearn.linear_model import LogisticRegression

    from assistant.answer.sentence_scores import FEATURES as SELECT_FEATURES

    x = np.vstack([s.rows for s in selections])
    y = np.concatenate([s.labels for s in selections])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return fitted.LinearModel(SELECT_FEATURES, mean, scale, model.coef_[0], float(model.intercept_[0]))


def select_scores(selections: list[Selection], scorer_for: Callable[[Selection], Callable | None]) -> dict[str, float]:
    """Share of questions whose extractive answer quotes the evidence, and whose best unit is evidence."""
    from assistant.answer.extractive import select

    from .metrics import quote_is_evidence

    quoted = []
    for s in selections:
        chosen = select(s.query, s.passages, s.weights, scorer=scorer_for(s))
        quoted.append(quote_is_evidence([u.text for u in chosen], s.evidence))
    return {"quote_is_evidence": sum(quoted) / max(1, len(quoted)), "n": len(quoted)}


def cross_validate_select(selections: list[Selection], folds: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    from assistant.answer.sentence_scores import rule_score

    def scorer(model: fitted.LinearModel):
        return lambda rows: list(1.0 / (1.0 + np.exp(-model.logits(rows)))) if len(rows) else []

    rule = lambda rows: [rule_score(r) for r in rows]  # noqa: E731
    rng = np.random.default_rng(0)
    fold_of = {id(s): int(f) for s, f in zip(selections, rng.integers(0, folds, len(selections)))}
    by_fold = {f: scorer(fit_select([s for s in selections if fold_of[id(s)] != f])) for f in range(folds)}
    report = {}
    for name in dict.fromkeys(s.set for s in selections):
        mine = [s for s in selections if s.set == name]
        others = [s for s in selections if s.set != name]
        without = scorer(fit_select(others)) if others else None
        report[name] = {"regel": select_scores(mine, lambda s: rule),
                        "zonder deze set": select_scores(mine, lambda s, w=without: w) if without else {},
                        "5 delen": select_scores(mine, lambda s: by_fold[fold_of[id(s)]])}
    return report


def format_select_report(report: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [f"{'set':<8}{'zinnen':<18}{'n':>4}{'citaat is bewijs':>18}"]
    for name, rows in report.items():
        for how, s in rows.items():
            if s:
                lines.append(f"{name:<8}{how:<18}{s['n']:>4}{s['quote_is_evidence']:>18.3f}")
    return "\n".join(lines)


def embedding_name(settings: Settings) -> str:
    from assistant.embeddings import make_embedder

    return make_embedder(settings.embedding).name


def calibrate(settings: Settings, external: Path | None, out_dir: Path = fitted.FITTED_DIR,
              say: Callable[[str], None] = print, external_data: Path | None = None) -> dict:
    sets = default_sets(settings, external, external_data)
    questions = [q for labelled in sets for q in collect(labelled, settings, say)]
    say(f"{len(questions)} beantwoordbare vragen, {sum(len(q.candidates) for q in questions)} kandidaten "
        f"(gemiddeld {statistics.mean(len(q.candidates) for q in questions):.0f} per vraag)")
    report = cross_validate(questions)
    say(format_report(report))
    model = fit([q for q in questions if q.labels.any()])
    model = fitted.LinearModel(model.features, model.mean, model.scale, model.coef, model.intercept, about={
        "embedding": embedding_name(settings),
        "sets": {s.name: str(s.questions.name) for s in sets}, "questions": len(questions),
        "cross_validation": report,
        "weights": {f: round(float(w), 3) for f, w in zip(model.features, model.coef)}})
    path = fitted.save(model, "rank", out_dir)
    say(f"Rangschikking: {path}")
    say("  " + ", ".join(f"{f} {w:+.2f}" for f, w in sorted(model.about["weights"].items(), key=lambda kv: -abs(kv[1]))))

    # Answer or refuse: its signals include the new ranker's scores, so it is fitted second.
    fitted.load.cache_clear()
    asked = [a for labelled in sets for a in collect_decisions(labelled, settings)]
    decision_report = cross_validate_decision(asked)
    say(format_decision_report(decision_report))
    decide = fit_decision(asked)
    decide = fitted.LinearModel(decide.features, decide.mean, decide.scale, decide.coef, decide.intercept, decide.cutoff, about={
        "embedding": embedding_name(settings), "questions": len(asked), "cross_validation": decision_report,
        "weights": {f: round(float(w), 3) for f, w in zip(decide.features, decide.coef)}})
    path = fitted.save(decide, "decide", out_dir)
    fitted.load.cache_clear()
    say(f"Beantwoorden of weigeren: {path} (antwoord bij kans >= {decide.cutoff})")
    say("  " + ", ".join(f"{f} {w:+.2f}" for f, w in sorted(decide.about["weights"].items(), key=lambda kv: -abs(kv[1]))))

    # Which sentences answer: a fitted model replaces the hand-set weights only when it does
    # better on every set in the five-fold cross-validation.
    selections = [x for labelled in sets for x in collect_units(labelled, settings)]
    select_report = cross_validate_select(selections)
    say(format_select_report(select_report))
    better = all(rows["5 delen"]["quote_is_evidence"] > rows["regel"]["quote_is_evidence"] for rows in select_report.values())
    target = out_dir / "select.json"
    if better:
        select = fit_select(selections)
        select = fitted.LinearModel(select.features, select.mean, select.scale, select.coef, select.intercept, about={
            "embedding": embedding_name(settings), "cross_validation": select_report,
            "weights": {f: round(float(w), 3) for f, w in zip(select.features, select.coef)}})
        say(f"Zinnen kiezen: {fitted.save(select, 'select', out_dir)}")
    else:
        target.unlink(missing_ok=True)
        say("Zinnen kiezen: het gefitte model is niet op elke set beter dan de vaste gewichten; die blijven.")
    fitted.load.cache_clear()
    return json.loads(json.dumps({"rank": report, "decide": decision_report, "select": select_report}))
