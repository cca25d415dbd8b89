"""`zorgassistent calibrate`: fit the ranker and the answer-or-refuse model on labelled questions,
with cross-validated scores.

For every answerable question of every set, the retriever's candidates get their FEATURES rows
(assistant/rank_features.py) and a label: the chunk holds (one alternative of) an evidence
group. The ranker is the mean of two fits on all rows (`fit`): a standardised logistic regression
per candidate and a softmax per question (`fit_listwise`); it is written to
`assistant/fitted/rank.json` together with what it was fitted on and two cross-validations:
- leave one set out: fitted on the other sets, scored on this one (a corpus it never saw);
- five folds by question over all sets, scored per set.
Scores are the evaluation's own recall@1/@5 and MRR on the top-10 contexts, next to the same
retriever ordered by reciprocal rank fusion. Then, with that ranker in place, the signals of
answer/decision.py for every question (answerable or not; also of the reports in evals/reports/,
which weigh in this fit and the sentence comparison, not the ranker's: their tiny corpora teach no
ranking) and a second logistic regression, each
weight kept on the side its signal's meaning gives it (`fit_signed`, decision.SIGNS),
`assistant/fitted/decide.json`, scored by the share of answerable questions answered and of
unanswerable ones refused, cross-validated the same two ways. Last, the sentence model
(`fitted/select.json`), kept only when it beats the hand-set weights on every set.
The labelled material is gathered by calibrate_data.py; the fits themselves are in fitting.py.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant import fitted
from assistant.rank_features import FEATURES
from assistant.settings import Settings

from .calibrate_data import (  # noqa: F401 - Question and holds are part of this module's interface
    REPORTS,
    TOP,
    Asked,
    LabelledSet,
    Question,
    Selection,
    collect,
    collect_decisions,
    collect_units,
    default_sets,
    holds,
    prepare,
)
from .fitting import fit_linear, fit_listwise, fit_signed
from .metrics import evidence_rank

# Strong regularisation: weights that carry over to a corpus left out of the fit (the
# leave-one-set-out scores) matter more than the last point on the sets themselves.
C = 0.01


def fold_of(items: list, folds: int = 5) -> dict[int, int]:
    """A fixed fold per item (by id), the same on every run."""
    rng = np.random.default_rng(0)
    return {id(item): int(f) for item, f in zip(items, rng.integers(0, folds, len(items)))}


def fit(questions: list[Question], c: float = C) -> fitted.LinearModel:
    """The ranker: the mean of two fits on the same signals, each scaled to unit length. Per
    candidate (is this chunk evidence?) carries over best to a corpus left out of the fit; per
    question (which candidate comes first?) orders best within the corpora fitted on. Only the
    order of the logits is used, so the intercept is left at 0."""
    pointwise = fit_linear(np.vstack([q.rows for q in questions]), np.concatenate([q.labels for q in questions]), FEATURES, c)
    listwise = fit_listwise([(q.rows, q.labels) for q in questions], FEATURES)
    coef = (pointwise.coef / np.linalg.norm(pointwise.coef) + listwise.coef / np.linalg.norm(listwise.coef)) / 2
    return fitted.LinearModel(FEATURES, pointwise.mean, pointwise.scale, coef, 0.0)


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
    fold = fold_of(questions, folds)
    fold_orders: dict[int, list[str]] = {}
    for f in range(folds):
        model = fit([q for q in questions if fold[id(q)] != f and q.labels.any()])
        for q in questions:
            if fold[id(q)] == f:
                fold_orders[id(q)] = by_model(model)(q)
    for name in names:
        mine = [q for q in questions if q.set == name]
        others = [q for q in questions if q.set != name and q.labels.any()]
        report[name] = {"rrf": scores(mine, lambda q: q.fused_texts),
                        "zonder deze set": scores(mine, by_model(fit(others))) if others else {},
                        "5 delen": scores(mine, lambda q: fold_orders[id(q)])}
    return report


def format_table(report: dict[str, dict[str, dict[str, float]]], how: str, columns: list[tuple[str, str, int]]) -> str:
    """A cross-validation report as a table: per set and way of ordering or fitting (`how` is
    that column's title) the given (key, title, width) columns; counts as integers, scores
    with three decimals. Empty rows (no other set to fit on) are left out."""
    first = max([len("set"), *map(len, report)]) + 2
    lines = [f"{'set':<{first}}{how:<18}" + "".join(f"{title:>{width}}" for _, title, width in columns)]
    for name, rows in report.items():
        for label, scores_ in rows.items():
            if scores_:
                cells = "".join(f"{scores_[key]:>{width}.3f}" if isinstance(scores_[key], float) else f"{scores_[key]:>{width}}"
                                for key, _, width in columns)
                lines.append(f"{name:<{first}}{label:<18}{cells}")
    return "\n".join(lines)


RANK_COLUMNS = [("n", "n", 4), ("recall@1", "recall@1", 10), ("recall@5", "recall@5", 10), ("mrr", "MRR", 8)]
DECISION_COLUMNS = [("n", "n", 4), ("n_no", "onbeantw.", 10), ("answered", "beantwoord", 12), ("refused", "geweigerd", 11)]
SELECT_COLUMNS = [("n", "n", 4), ("quote_is_evidence", "citaat is bewijs", 18)]


def fit_decision(asked: list[Asked], c: float = 1.0) -> fitted.LinearModel:
    from assistant.answer.decision import CUTOFF, SIGNS
    from assistant.answer.decision import FEATURES as DECISION_FEATURES

    used = [a for a in asked if a.row is not None]
    return fit_signed(np.asarray([a.row for a in used], float), np.asarray([a.answerable for a in used], int),
                      DECISION_FEATURES, SIGNS, c, CUTOFF)


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
    fold = fold_of(asked, folds)
    verdict: dict[int, bool] = {}
    for f in range(folds):
        model = fit_decision([a for a in asked if fold[id(a)] != f])
        verdict.update({id(a): by(model)(a) for a in asked if fold[id(a)] == f and a.row is not None})
    report = {}
    for name in names:
        mine = [a for a in asked if a.set == name]
        others = [a for a in asked if a.set != name]
        report[name] = {"zonder deze set": decision_scores(mine, by(fit_decision(others))),
                        "5 delen": decision_scores(mine, lambda a: verdict[id(a)])}
    return report


def fit_select(selections: list[Selection], c: float = 1.0) -> fitted.LinearModel:
    from assistant.answer.sentence_scores import FEATURES as SELECT_FEATURES

    return fit_linear(np.vstack([s.rows for s in selections]), np.concatenate([s.labels for s in selections]),
                      SELECT_FEATURES, c)


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
    fold = fold_of(selections, folds)
    by_fold = {f: scorer(fit_select([s for s in selections if fold[id(s)] != f])) for f in range(folds)}
    report = {}
    for name in dict.fromkeys(s.set for s in selections):
        mine = [s for s in selections if s.set == name]
        others = [s for s in selections if s.set != name]
        without = scorer(fit_select(others)) if others else None
        report[name] = {"regel": select_scores(mine, lambda s: rule),
                        "zonder deze set": select_scores(mine, lambda s, w=without: w) if without else {},
                        "5 delen": select_scores(mine, lambda s: by_fold[fold[id(s)]])}
    return report


def embedding_name(settings: Settings) -> str:
    from assistant.embeddings import make_embedder

    return make_embedder(settings.embedding).name


def calibrate(settings: Settings, external: Path | None, out_dir: Path = fitted.FITTED_DIR,
              say: Callable[[str], None] = print, external_data: Path | None = None,
              on_progress: Callable[[float, float, str], None] | None = None, reports: Path | None = REPORTS) -> dict:
    """Fit and write the three models; `on_progress` follows the one-time ingest of the external corpus.
    The decision and sentence signals are gathered with the ranker the assistant loads (the
    package's `fitted/`), so `out_dir` other than that is for trying a fit, not for using it."""
    sets = default_sets(settings, external, external_data, reports)
    for labelled in sets:
        if not labelled.ranks:
            prepare(labelled, settings, say, on_progress)
    questions = [q for labelled in sets if labelled.ranks for q in collect(labelled, settings, say, on_progress)]
    say(f"{len(questions)} beantwoordbare vragen, {sum(len(q.candidates) for q in questions)} kandidaten "
        f"(gemiddeld {statistics.mean(len(q.candidates) for q in questions):.0f} per vraag)")
    report = cross_validate(questions)
    say(format_table(report, "volgorde", RANK_COLUMNS))
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
    say(format_table(decision_report, "fit", DECISION_COLUMNS))
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
    say(format_table(select_report, "zinnen", SELECT_COLUMNS))
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
