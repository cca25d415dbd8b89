"""Run a question set through the assistant (or a baseline retriever) and score it.

Input lines need `id` and `question`; `history`, `answerable`, `evidence`, `keywords` and
`kind` are optional, unknown fields are ignored. Output lines follow the JSON contract of
`zorgassistent ask --json` plus `id` and `mode`. Prints a metrics table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant import messages as msg
from assistant.errors import InputFileError
from assistant.settings import Settings

from .metrics import score_row, summarize

TARGETS = {"recall@1": 0.80, "recall@5": 0.97, "mrr": 0.90}


def load_questions(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputFileError(msg.EVAL_INPUT_MISSING.format(path=path))
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or "id" not in item or not str(item.get("question", "")).strip():
                raise ValueError("'id' of 'question' ontbreekt")
        except ValueError as error:
            raise InputFileError(msg.EVAL_INPUT_BAD_LINE.format(line=number, path=path, error=error)) from error
        questions.append(item)
    return questions


BINARY_SUFFIXES = {".pdf", ".docx", ".html", ".htm"}


def document_texts(settings: Settings, sources: set[str], roots: tuple[Path, ...] = ()) -> dict[str, str]:
    """The text of each cited document, to check quotes against (the file itself for text
    formats and the loader's reading of it, which renders a Markdown table as rows; only the
    loader's text for PDF, DOCX and HTML). A source is named from the folder it was
    ingested from ("corpus/a.txt"); it is looked up next to the corpus folder and in `roots`
    (the folder of the question file: a question set that ships its own corpus/). A source found
    nowhere has no text, so its quotes count as invalid; the caller says so."""
    from ingest.loaders import UnreadableFileError, UnsupportedFileError, load_bytes

    texts: dict[str, str] = {}
    for source in sources:
        places = [Path(source)] if Path(source).is_absolute() else [root / source for root in (settings.corpus_dir.parent, *roots)]
        path = next((p for p in places if p.is_file()), None)
        try:
            data = path.read_bytes() if path is not None else None
        except OSError:  # there but unreadable: as good as missing
            data = None
        if data is None:
            texts[source] = ""
            continue
        try:
            loaded = "\n".join(b.text for b in load_bytes(data, path.name)[0])
        except (UnsupportedFileError, UnreadableFileError):
            loaded = ""
        # a text file's quote may be its own words or the loader's reading (a Markdown table's row)
        texts[source] = loaded if path.suffix.lower() in BINARY_SUFFIXES else data.decode("utf-8", errors="replace") + "\n\n" + loaded
    return texts


def format_table(metrics: dict[str, float]) -> str:
    lines = [f"{'metriek':<28}{'waarde':>12}"]
    for key, value in metrics.items():
        target = TARGETS.get(key)
        mark = "" if target is None else ("  ok" if value >= target else f"  < {target}")
        shown = f"{value:.3f}" if isinstance(value, float) and value <= 1.0 and "ms" not in key and "chars" not in key else f"{value:.1f}"
        lines.append(f"{key:<28}{shown:>12}{mark}")
    return "\n".join(lines)


def answer_fn(settings: Settings, mode: str, retriever_kind: str):
    """A function question-dict -> result dict, for the assistant or a baseline."""
    if retriever_kind != "hybrid":
        from .baselines import make_baseline

        return make_baseline(settings, retriever_kind)
    from assistant.service import Assistant

    assistant = Assistant(settings.with_(answer_mode=mode))
    for notice in assistant.notices():
        print(notice, file=sys.stderr)

    def run(item: dict) -> dict:
        answer = assistant.ask(item["question"], history=item.get("history") or [])
        return assistant.to_json(answer)

    return run


def run_eval(settings: Settings, questions_path: Path, out_path: Path, mode: str = "extractive",
             report_dir: Path | None = None, progress=None, retriever_kind: str = "hybrid") -> dict[str, float]:
    questions = load_questions(questions_path)
    run = answer_fn(settings, mode, retriever_kind)
    run(questions[0])  # warm-up: load models and index before timing
    results = []
    iterator = progress(questions, msg.EVAL_PROGRESS, len(questions)) if progress else questions
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as out:
        for item in iterator:
            result = {"id": item["id"], **run(item)}
            result["mode"] = result.get("mode", mode)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            results.append(result)
    documents = document_texts(settings, {c["source"] for r in results for c in r["citations"]},
                               (questions_path.resolve().parent,))
    if missing := sorted(source for source, text in documents.items() if not text):
        print(msg.EVAL_SOURCES_MISSING.format(n=len(missing), first=missing[0]), file=sys.stderr)
    rows = [score_row(q, r, documents) for q, r in zip(questions, results)]
    metrics = summarize(rows)
    label = retriever_kind if retriever_kind != "hybrid" else mode
    print(f"\nResultaten ({label}, {len(rows)} vragen):")
    print(format_table(metrics))
    if report_dir is not None:
        from .report import write_report

        path = write_report(report_dir, rows, metrics, label)
        print(f"\nRapport: {path}")
    return metrics
