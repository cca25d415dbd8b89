"""A Markdown report with a PNG chart of the scores per question kind, for evaluators who
would rather look than read. Lists the slowest and the failed questions."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path


def misses_by_decision(rows: list[dict]) -> list[tuple[str, int, int]]:
    """Per kind of decision: answerable questions refused, and unanswerable ones answered.

    Example: misses_by_decision([{"decision": "woord", "answerable": True, "refused": True}])
             == [("woord", 1, 0)]
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["answerable"] and r["refused"]:
            counts[r.get("decision") or "onbekend"][0] += 1
        elif not r["answerable"] and not r["refused"]:
            counts[r.get("decision") or "onbekend"][1] += 1
    return sorted(((k, a, b) for k, (a, b) in counts.items()), key=lambda t: -(t[1] + t[2]))


def write_report(folder: Path, rows: list[dict], metrics: dict[str, float], label: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row)
    names = sorted(kinds)
    recall5 = [statistics.fmean(1.0 if r["rank"] and r["rank"] <= 5 else 0.0 for r in kinds[k]) if any(r["has_evidence"] for r in kinds[k]) else 0.0 for k in names]
    keywords = [statistics.fmean(r["keywords"] for r in kinds[k]) if any(r["answerable"] for r in kinds[k]) else 0.0 for k in names]
    refusals = [statistics.fmean(1.0 if r["refused"] != r["answerable"] else 0.0 for r in kinds[k]) for k in names]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.27
    xs = range(len(names))
    ax.bar([x - width for x in xs], recall5, width, label="recall@5")
    ax.bar(list(xs), keywords, width, label="trefwoorden in antwoord")
    ax.bar([x + width for x in xs], refusals, width, label="juist beantwoord/geweigerd")
    ax.set_xticks(list(xs), names, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Scores per soort vraag ({label})")
    ax.legend(loc="lower right")
    fig.tight_layout()
    chart = folder / "scores-per-soort.png"
    fig.savefig(chart, dpi=110)
    plt.close(fig)

    slowest = sorted(rows, key=lambda r: -r["latency_ms"])[:5]
    failed = [r for r in rows if (r["has_evidence"] and not (r["rank"] and r["rank"] <= 5)) or (r["refused"] == r["answerable"])]
    lines = [f"# Evaluatierapport ({label})", "", "![Scores per soort vraag](scores-per-soort.png)", "",
             "| metriek | waarde |", "|---|---|"]
    lines += [f"| {k} | {v:.3f} |" for k, v in metrics.items()]
    lines += ["", "## Traagste vragen", "", "| id | ms |", "|---|---|"]
    lines += [f"| {r['id']} | {r['latency_ms']:.0f} |" for r in slowest]
    lines += ["", "## Missers per beslissing", "",
              "Waarom de assistent antwoordde of weigerde (answer/decision.py), voor de vragen die misgingen.", ""]
    lines += ["| beslissing | onterecht geweigerd | had geweigerd moeten worden |", "|---|---|---|"]
    for kind, wrong_refusals, wrong_answers in misses_by_decision(rows):
        lines.append(f"| {kind} | {wrong_refusals} | {wrong_answers} |")
    lines += ["", "## Mislukte vragen", "", "| id | soort | reden | beslissing |", "|---|---|---|---|"]
    for r in failed:
        reason = "bewijs niet in top 5" if r["has_evidence"] and not (r["rank"] and r["rank"] <= 5) else (
            "onterecht geweigerd" if r["answerable"] else "had geweigerd moeten worden")
        lines.append(f"| {r['id']} | {r['kind']} | {reason} | {r.get('reason', '')} |")
    path = folder / "rapport.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
