"""The `zorgassistent` command: a thin dispatcher over ingest, ask, eval and serve.

This is the application shell, so it is the one place in `assistant/` that reaches into
`ingest/` and `evals/` (lazily, per subcommand). Errors become a Dutch message and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import messages as msg
from .errors import ZorgError
from .settings import Settings
from .terminal import IngestBar, progress

ANSWER_MODES = ("extractive", "llm", "openai", "ollama")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "data", None):
        overrides["data_dir"] = Path(args.data).expanduser()
    if getattr(args, "mode", None):
        overrides["answer_mode"] = args.mode
    return Settings.from_env(**overrides)


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import ingest

    from .index import open_index

    settings = _settings(args)
    index = open_index(settings)
    paths = [Path(p) for p in args.paths] if args.paths else None
    bar = IngestBar()
    try:
        report = ingest(index, paths, on_progress=bar, warn=bar.write)
    finally:
        bar.close()
    print(report.summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .service import Assistant

    settings = _settings(args)
    assistant = Assistant(settings)
    filters = assistant.filters(sources=args.document, types=args.type)
    if args.json:
        answer = assistant.ask(args.question, history=args.history or [], filters=filters)
        print(json.dumps(assistant.to_json(answer), ensure_ascii=False, indent=2))
        return 0
    for notice in assistant.notices():
        print(notice, file=sys.stderr)
    streamed = ""
    for event in assistant.stream(args.question, history=args.history or [], filters=filters):
        if event.kind == "notice":
            print(event.text, file=sys.stderr)
        elif event.kind == "token":  # the model's draft, streamed as it is written
            streamed += event.text
            print(event.text, end="", flush=True)
        elif event.kind == "done" and event.answer is not None:
            if streamed:
                print("\n\nGecontroleerd antwoord (alleen zinnen met een gevonden bron):")
            print(event.answer.text)
            print(assistant.format_sources(event.answer))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evals.runner import run_eval

    settings = _settings(args)
    run_eval(settings, Path(args.questions), Path(args.out), mode=args.mode or "extractive",
             report_dir=Path(args.report) if args.report else None, progress=progress,
             retriever_kind=args.retriever)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from evals.calibrate import calibrate

    settings = _settings(args)
    external = Path(args.external).expanduser() if args.external else None
    if external is not None and not (external / "questions.jsonl").is_file():
        print(msg.CALIBRATE_NO_EXTERNAL.format(path=external), file=sys.stderr)
        external = None
    bar = IngestBar()
    try:
        calibrate(settings, external, external_data=Path(args.external_data).expanduser() if args.external_data else None,
                  say=print, on_progress=bar)
    finally:
        bar.close()
    return 0


def cmd_model(args: argparse.Namespace) -> int:
    from .models import ModelAssemblyError, assemble

    settings = _settings(args)
    target = settings.local_llm_path
    if args.action == "status":  # a real test answer in the model's own process, nothing less
        from .model_process import NOT_INSTALLED
        from .model_server import shared_server

        server = shared_server(settings)
        status = server.status()
        if status.state != NOT_INSTALLED:
            print(msg.LLM_STATUS_CHECKING, file=sys.stderr)
            status = server.probe()
        server.stop()
        print(msg.LLM_STATUS_LINE.format(status=status.text(), path=target))
        return 0 if status.works else 1
    try:
        assemble(target, progress=progress)
    except ModelAssemblyError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Lokaal taalmodel klaar: {target}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .app import serve

    settings = _settings(args)
    if args.host:
        settings = settings.with_(host=args.host)
    if args.port:
        settings = settings.with_(port=args.port)
    serve(settings)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .plan import Planner, PlanRequest
    from .plan_export import to_markdown, write_docx, write_markdown
    from .service import Assistant

    out = Path(args.out).expanduser() if args.out else None
    kind = args.format or ("docx" if out is not None and out.suffix.lower() == ".docx" else "md")
    if kind == "docx" and out is None:
        print(msg.PLAN_DOCX_NEEDS_OUT, file=sys.stderr)
        return 1
    bar = tqdm(total=1, file=sys.stderr, leave=False, disable=not sys.stderr.isatty())

    def progress(done: int, total: int, label: str) -> None:
        bar.total, bar.n = total, done
        bar.set_description(label)

    plan = Planner(Assistant(_settings(args))).build(
        PlanRequest(args.goal, args.organisatie or "", args.fase or ""), progress=progress)
    bar.close()
    for notice in plan.notices:
        print(notice, file=sys.stderr)
    if out is None:
        print(to_markdown(plan), end="")
        return 0
    (write_docx if kind == "docx" else write_markdown)(plan, out)
    print(msg.PLAN_SAVED.format(path=out), file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from evals.bench import format_report, parse_sizes, run_bench, stores_for

    out = Path(args.out)
    result = run_bench(_settings(args), parse_sizes(args.sizes), out, stores=stores_for(args.store),
                       with_llm=not args.no_llm, log=lambda message: print(message, file=sys.stderr))
    print(format_report(result))
    print(f"\nJSON: {out / 'bench.json'}\nGrafiek: {out / 'zoeklatentie.png'}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from evals.load import main as run

    settings = _settings(args)
    print(run(settings.data_dir, Path(args.questions), args.users, args.seconds, args.url or ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zorgassistent", description="Vragen over hybride zorg, met bronnen.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", help="map van de index (standaard: ZORGASSISTENT_DATA of de gebruikersmap)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="documenten inlezen in de index")
    p.add_argument("paths", nargs="*", help="bestanden of mappen (standaard: corpus/)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="een vraag stellen")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="antwoord als JSON")
    p.add_argument("--mode", choices=ANSWER_MODES)
    p.add_argument("--history", action="append", help="eerdere vraag (herhaalbaar, oudste eerst)")
    p.add_argument("--document", action="append", help="alleen dit document (bron), herhaalbaar")
    p.add_argument("--type", action="append", help="alleen dit documenttype, herhaalbaar")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", parents=[common], help="een vragenset doorrekenen")
    p.add_argument("questions")
    p.add_argument("--out", required=True)
    p.add_argument("--mode", choices=ANSWER_MODES, default="extractive")
    p.add_argument("--report", help="map voor een Markdown-rapport met grafiek")
    p.add_argument("--retriever", choices=("hybrid", "tutorial", "bm25"), default="hybrid",
                   help="hybrid (standaard) of een vergelijkingsbasis")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("calibrate", parents=[common], help="de rangschikking opnieuw fitten op de gelabelde vragensets")
    p.add_argument("--external", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "eval-external"),
                   help="map met questions.jsonl en corpus/ van een tweede corpus (standaard: ../shared/eval-external)")
    p.add_argument("--external-data", help="indexmap voor dat corpus (standaard: <data>/calibrate/<naam>, ingelezen als leeg)")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("model", parents=[common], help="het lokale taalmodel installeren of controleren")
    p.add_argument("action", choices=("install", "status"))
    p.set_defaults(func=cmd_model)

    p = sub.add_parser("serve", parents=[common], help="de chat in de browser starten")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_serve)

    from .answer.prompts import PLAN_PHASES

    p = sub.add_parser("plan", parents=[common], help="een plan van aanpak maken, per bouwblok, met bronnen")
    p.add_argument("goal", metavar="doel", help="doel en context, bijvoorbeeld: Invoeren van beeldzorg in de wijkverpleging")
    p.add_argument("--organisatie", help="soort organisatie, bijvoorbeeld: VVT-organisatie")
    p.add_argument("--fase", choices=tuple(PLAN_PHASES), help="fase van hybride zorg")
    p.add_argument("--mode", choices=ANSWER_MODES)
    p.add_argument("--format", choices=("md", "docx"), help="md (standaard) of docx; docx vraagt om --out")
    p.add_argument("--out", help="bestand om het plan in op te slaan (zonder: Markdown op het scherm)")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("bench", parents=[common], help="prestaties meten: inlezen, zoeken, antwoorden en geheugen")
    p.add_argument("--sizes", default="1000,10000,100000", help="corpusgroottes in tekstdelen, met komma's")
    p.add_argument("--out", default="artifacts/bench", help="map voor bench.json en zoeklatentie.png")
    p.add_argument("--store", choices=("embedded", "server", "both"), default="both",
                   help="Chroma in het proces, als server (chroma run) of beide")
    p.add_argument("--no-llm", action="store_true", help="het lokale taalmodel niet meten")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("load", parents=[common], help="belastingstest van de webapp (alleen op deze machine)")
    p.add_argument("--users", type=int, default=20, help="gebruikers met extractieve vragen (plus één met taalmodel)")
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--questions", default=str(Path(__file__).resolve().parent.parent / "evals" / "questions_dev.jsonl"))
    p.add_argument("--url", help="een draaiende webapp op 127.0.0.1 (zonder: de test start er zelf een)")
    p.set_defaults(func=cmd_load)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ZorgError as error:
        print(str(error), file=sys.stderr)
        return error.exit_code
    except ValueError as error:  # unknown setting values from the factories
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
