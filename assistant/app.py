"""The Gradio web app: chat with sources, a documents tab (upload, remove) and a status line.

This module is the web shell: it composes the assistant and the ingestion pipeline (like the
CLI, it may reach into `ingest/`). Interface text comes from `messages.py`-style constants here
because it is layout, not logic. Safe defaults: binds 127.0.0.1, never a share link, optional
login from settings, uploads limited in size and type, and Gradio only serves its own files.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
import time
from pathlib import Path

from .settings import Settings

EXAMPLES = [
    "Wat houdt de beweging Thuis als het kan in?",
    "Welke zes belemmeringen zijn vertaald naar de bouwblokken van de ondersteuningsstructuur?",
    "Wat is het doel van het programma KIK-V?",
    "Welke drie fasen van hybride zorg zijn er?",
    "Wat is de rol van het IZA en het GALA bij preventie?",
]
MODE_LABELS = {"extractive": "Zonder taalmodel (citaten)", "llm": "Lokaal taalmodel", "openai": "OpenAI-compatibel",
               "ollama": "Ollama"}
UPLOAD_TYPES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
NO_SOURCES = "_Nog geen bronnen. Stel een vraag; de bronnen verschijnen hier._"
CSS = """
.bron mark {background: #fde68a; padding: 0 2px;}
.bron details {margin: 0.3em 0 0.8em 0;}
@media (max-width: 700px) { .gradio-container {padding: 4px !important;} }
"""


# ---------------------------------------------------------------- pure helpers
def highlight(passage: str, quote: str) -> str:
    """HTML of the passage with the quote marked.

    Example: highlight("a b c", "b") == "a <mark>b</mark> c"
    """
    text, q = html.escape(passage), html.escape(quote)
    if q and q in text:
        return text.replace(q, f"<mark>{q}</mark>", 1)
    return f"{text}<br><mark>{q}</mark>" if q else text


def sources_html(answer, neighbours=None) -> str:
    """The sources panel: per citation title, publisher, date, section and the highlighted quote
    inside its chunk; "toon omringende tekst" opens the chunks before and after it."""
    if answer is None:
        return NO_SOURCES
    if not answer.citations:
        return "_Geen bronnen: het antwoord staat niet in de documenten._"
    parts = []
    for c in answer.citations:
        hit = next((h for h in answer.hits if h.chunk.id == c.chunk_id), None)
        passage = hit.chunk.text if hit else c.quote
        meta = " · ".join(x for x in (c.publisher, c.date, c.heading if c.heading != c.title else "") if x)
        around = ""
        if hit is not None and neighbours is not None:
            before, after = neighbours(hit.chunk)
            context = "<br><br>".join(html.escape(x.text).replace("\n", "<br>") for x in (before,) if x)
            context += "<hr>" + highlight(passage, c.quote).replace("\n", "<br>") + "<hr>"
            context += "<br><br>".join(html.escape(x.text).replace("\n", "<br>") for x in (after,) if x)
            around = f"<details><summary>Toon omringende tekst</summary>{context}</details>"
        parts.append(
            f"<div class='bron'><b>[{c.n}] {html.escape(c.title)}</b><br>"
            f"<small>{html.escape(meta)} — <code>{html.escape(c.source)}</code></small>"
            f"<blockquote>{highlight(passage, c.quote).replace(chr(10), '<br>')}</blockquote>{around}</div>"
        )
    return "\n".join(parts)


def export_markdown(answer) -> str:
    """An answer with its sources as Markdown (for copy and download)."""
    lines = [f"## Vraag\n\n{answer.question}\n", f"## Antwoord\n\n{answer.text}\n"]
    if answer.citations:
        lines.append("## Bronnen\n")
        for c in answer.citations:
            meta = ", ".join(x for x in (c.publisher, c.date) if x)
            lines.append(f"{c.n}. *{c.title}*{' (' + meta + ')' if meta else ''}, `{c.source}`  \n   > {c.quote}\n")
    return "\n".join(lines)


def documents_rows(manifest: dict) -> list[list]:
    return [[source, info.get("title", ""), info.get("type", ""), info.get("chunks", 0), info.get("ingested_at", "")]
            for source, info in sorted(manifest.get("documents", {}).items())]


def check_upload(path: Path, max_mb: float) -> str | None:
    """Dutch reason to reject an upload before it reaches the index, or None."""
    from . import messages as msg

    if path.suffix.lower() not in UPLOAD_TYPES:
        return msg.FILE_UNSUPPORTED.format(name=path.name, suffix=path.suffix or "(geen)")
    size = path.stat().st_size
    if size > max_mb * 1e6:
        return msg.FILE_TOO_LARGE.format(name=path.name, size_mb=size / 1e6, limit_mb=max_mb)
    if size == 0:
        return msg.FILE_EMPTY.format(name=path.name)
    return None


# ---------------------------------------------------------------- the app
def build_app(settings: Settings):
    import gradio as gr

    from ingest.pipeline import ingest, remove_documents

    from .errors import ZorgError
    from .model_server import NOT_INSTALLED, WORKS, shared_server
    from .service import Assistant

    base = Assistant(settings)
    assistants: dict[str, Assistant] = {settings.answer_mode: base}

    def assistant_for(mode: str) -> Assistant:
        if mode not in assistants:
            other = Assistant(settings.with_(answer_mode=mode), index=base.index)
            other._retriever = base._retriever  # noqa: SLF001 - one loaded index for all modes
            assistants[mode] = other
        return assistants[mode]

    def reload_all() -> None:
        base.reload()
        for other in assistants.values():
            other._retriever = base._retriever  # noqa: SLF001
            other._df = None  # noqa: SLF001

    model = shared_server(settings)

    def llm_text() -> str:
        status = model.status()
        if status.state == WORKS:
            return status.text()
        if status.state == NOT_INSTALLED:
            return f"**{status.state}** (antwoorden komen zonder taalmodel)"
        return f"**{status.text()}**" if status.reason else "wordt gecontroleerd …"

    def status_text() -> str:
        manifest = base.index.read_manifest()
        docs = manifest.get("documents", {})
        chunks = sum(int(d.get("chunks", 0)) for d in docs.values())
        notices = " ".join(base.notices())
        return (f"Embeddingmodel: `{base.index.store.embedder.name}` · Index: {len(docs)} documenten, {chunks} tekstdelen"
                f" · Antwoordmodus: {MODE_LABELS.get(settings.answer_mode, settings.answer_mode)} · Lokaal taalmodel: {llm_text()}"
                + (f"\n\n{notices}" if notices else ""))

    def mode_choices() -> list[tuple[str, str]]:
        """The local model is offered only once it answered; remote backends once configured."""
        offered = {"extractive": True, "llm": model.status().works,
                   "openai": bool(settings.openai_url and settings.openai_model), "ollama": bool(settings.ollama_model)}
        return [(MODE_LABELS[m], m) for m in MODE_LABELS if offered[m] or m == settings.answer_mode]

    def refresh(current: str, current_plan: str, seen):
        """Status line and mode choices, sent only when they changed (an open dropdown stays open)."""
        text, choices = status_text(), mode_choices()
        if seen == [text, choices]:
            return gr.update(), gr.update(), gr.update(), seen
        keys = {key for _, key in choices}
        return (text, gr.update(choices=choices, value=current if current in keys else "extractive"),
                gr.update(choices=choices, value=current_plan if current_plan in keys else "extractive"),
                [text, choices])

    def document_choices() -> list[str]:
        return sorted(base.index.read_manifest().get("documents", {}))

    def type_choices() -> list[str]:
        return sorted({d.get("type", "") for d in base.index.read_manifest().get("documents", {}).values()} - {""})

    def respond(message: str, chat: list[dict], mode: str, docs: list[str], types: list[str], last):
        chat = list(chat or [])
        history = [m["content"] for m in chat if m["role"] == "user" and isinstance(m["content"], str)]
        chat += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield chat, gr.update(), last, ""
        try:
            assistant = assistant_for(mode)
            answer, draft = None, ""
            for event in assistant.stream(message, history=history, filters=assistant.filters(docs, types)):
                if event.kind == "notice" and not draft:  # e.g. waiting for the model
                    chat[-1]["content"] = f"_{event.text}_ ▌"
                    yield chat, gr.update(), last, ""
                elif event.kind == "token":
                    draft += event.text
                    chat[-1]["content"] = draft + " ▌"
                    yield chat, gr.update(), last, ""
                elif event.kind == "done":
                    answer = event.answer
            assert answer is not None
            notices = "".join(f"_{n}_\n\n" for n in answer.notices)
            words = answer.text.split(" ")
            if not draft:  # stream the verified text word by word for a steady read
                for i in range(0, len(words), 6):
                    chat[-1]["content"] = notices + " ".join(words[: i + 6]) + " ▌"  # cursor: still writing
                    yield chat, gr.update(), last, ""
            chat[-1]["content"] = notices + answer.text
            yield chat, sources_html(answer, base.retriever.neighbours), answer, ""
        except ZorgError as error:
            chat[-1]["content"] = str(error)
            yield chat, NO_SOURCES, last, ""
        except Exception:  # noqa: BLE001 - never a traceback in the page
            chat[-1]["content"] = "Er ging iets mis bij het beantwoorden. Probeer het opnieuw."
            yield chat, NO_SOURCES, last, ""

    def export(answer):
        if answer is None:
            raise gr.Error("Er is nog geen antwoord om te exporteren.")
        folder = Path(tempfile.mkdtemp(prefix="export-", dir=os.environ.get("GRADIO_TEMP_DIR")))
        path = folder / "antwoord-zorgassistent.md"
        path.write_text(export_markdown(answer), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    def upload(files, progress=gr.Progress()):
        messages: list[str] = []
        accepted: list[Path] = []
        uploads = settings.uploads_dir
        uploads.mkdir(parents=True, exist_ok=True)
        for file in files or []:
            path = Path(file if isinstance(file, str) else file.name)
            reason = check_upload(path, settings.max_file_mb)
            if reason:
                messages.append(reason)
                continue
            target = uploads / path.name
            shutil.copyfile(path, target)
            accepted.append(target)
        if accepted:
            def tracked(items, label, total):
                return progress.tqdm(items, desc=label, total=total)

            try:
                report = ingest(base.index, accepted, sync=False, progress=tracked, warn=lambda m: None)
            except ZorgError as error:
                messages.append(str(error))
            else:
                for reason in report.skipped:
                    messages.append(reason)
                    for target in accepted:
                        if reason.startswith(target.name + " "):
                            target.unlink(missing_ok=True)
                if report.added or report.unchanged:
                    messages.append(f"Gelukt: {report.added + report.unchanged} document(en) toegevoegd of bijgewerkt; "
                                    f"de index heeft nu {report.total} tekstdelen.")
                reload_all()
        if not messages:
            messages.append("Kies eerst een of meer bestanden.")
        return ("\n\n".join(messages), documents_rows(base.index.read_manifest()),
                gr.update(choices=document_choices()), gr.update(choices=document_choices()), status_text())

    def remove(sources: list[str]):
        if not sources:
            return "Kies eerst een document om te verwijderen.", gr.update(), gr.update(), gr.update(), status_text()
        try:
            removed = remove_documents(base.index, sources)
        except ZorgError as error:
            return str(error), gr.update(), gr.update(), gr.update(), status_text()
        for source in sources:
            path = Path(source)
            if path.parts[:1] == ("uploads",):
                (settings.data_dir / path).unlink(missing_ok=True)
        reload_all()
        return (f"{len(sources)} document(en) verwijderd ({removed} tekstdelen).",
                documents_rows(base.index.read_manifest()), gr.update(choices=document_choices(), value=[]),
                gr.update(choices=document_choices()), status_text())

    def make_plan(goal: str, organisation: str, phase: str, plan_mode: str, progress=gr.Progress()):
        """The "Plan van aanpak" tab: the plan as a Markdown preview plus Markdown and DOCX downloads."""
        from .plan import Planner, PlanRequest
        from .plan_export import to_markdown, write_docx, write_markdown

        hidden = gr.update(value=None, visible=False)
        try:
            plan = Planner(assistant_for(plan_mode)).build(
                PlanRequest(goal or "", organisation or "", phase or ""),
                progress=lambda done, total, label: progress((done, total), desc=label))
        except ZorgError as error:
            return str(error), hidden, hidden
        except Exception:  # noqa: BLE001 - never a traceback in the page
            return "Er ging iets mis bij het maken van het plan. Probeer het opnieuw.", hidden, hidden
        folder = Path(tempfile.mkdtemp(prefix="plan-", dir=os.environ.get("GRADIO_TEMP_DIR")))
        markdown_path = write_markdown(plan, folder / "plan-van-aanpak.md")
        docx_path = write_docx(plan, folder / "plan-van-aanpak.docx")
        notices = "".join(f"_{n}_\n\n" for n in plan.notices)
        return (notices + to_markdown(plan), gr.update(value=str(markdown_path), visible=True),
                gr.update(value=str(docx_path), visible=True))

    with gr.Blocks(title="Zorgassistent") as app:
        gr.Markdown("## Zorgassistent\nVragen over passende hybride zorg, beantwoord uit de beleidsdocumenten, "
                    "met bronnen die u kunt nakijken.")
        status = gr.Markdown(status_text(), elem_id="status")
        last_answer = gr.State(None)
        with gr.Tab("Vragen"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=320):
                    chat = gr.Chatbot(label="Gesprek", height=460, elem_id="gesprek", buttons=["copy"],
                                      placeholder="**Stel een vraag over hybride zorg.** Bijvoorbeeld over de "
                                                  "bouwblokken, de bewegingen of programma's als IZA en KIK-V.")
                    question = gr.Textbox(label="Uw vraag", elem_id="vraag", lines=1,
                                          placeholder="Bijvoorbeeld: Wat houdt de beweging Thuis als het kan in?")
                    with gr.Row():
                        send = gr.Button("Vraag stellen", variant="primary", elem_id="verstuur")
                        new = gr.Button("Nieuw gesprek", elem_id="nieuw")
                        export_button = gr.Button("Exporteer antwoord (Markdown)", elem_id="exporteer")
                    download = gr.File(label="Download", visible=False, elem_id="download")
                    gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
                with gr.Column(scale=2, min_width=280):
                    mode = gr.Dropdown(mode_choices(), value=settings.answer_mode,
                                       label="Antwoordmodus", elem_id="modus")
                    doc_filter = gr.Dropdown(document_choices(), multiselect=True, label="Alleen deze documenten (leeg = alle)")
                    type_filter = gr.Dropdown(type_choices(), multiselect=True, label="Alleen dit soort document (leeg = alle)")
                    gr.Markdown("### Bronnen")
                    sources = gr.HTML(NO_SOURCES, elem_id="bronnen")
        with gr.Tab("Documenten"):
            table = gr.Dataframe(documents_rows(base.index.read_manifest()), headers=["bron", "titel", "soort", "tekstdelen", "ingelezen"],
                                 interactive=False, label="Documenten in de index", elem_id="documenten")
            files = gr.File(label="Documenten toevoegen (PDF, DOCX, HTML, Markdown, TXT)", file_count="multiple",
                            elem_id="upload")
            add = gr.Button("Inlezen", variant="primary", elem_id="inlezen")
            to_remove = gr.Dropdown(document_choices(), multiselect=True, label="Documenten verwijderen")
            remove_button = gr.Button("Verwijder gekozen documenten", variant="stop")
            upload_status = gr.Markdown(elem_id="uploadstatus")
        with gr.Tab("Plan van aanpak"):
            from .answer.prompts import PLAN_PHASES

            gr.Markdown("Een eerste opzet voor een plan van aanpak, per bouwblok van de ondersteuningsstructuur. "
                        "Elke zin met een nummer komt uit de documenten; waar niets gevonden is, staat dat erbij.")
            plan_goal = gr.Textbox(label="Doel en context", lines=2, elem_id="plandoel",
                                   placeholder="Bijvoorbeeld: Invoeren van beeldzorg in de wijkverpleging in regio Twente")
            with gr.Row():
                plan_organisation = gr.Textbox(label="Soort organisatie (mag leeg)", elem_id="planorganisatie",
                                               placeholder="Bijvoorbeeld: VVT-organisatie, ziekenhuis, gemeente")
                plan_phase = gr.Dropdown([("Geen keuze", ""), *((label, key) for key, label in PLAN_PHASES.items())],
                                         value="", label="Fase van hybride zorg (mag leeg)", elem_id="planfase")
                plan_mode = gr.Dropdown(mode_choices(), value="extractive",
                                        label="Antwoordmodus", elem_id="planmodus",
                                        info="Zonder taalmodel is het plan binnen een minuut klaar; met een taalmodel "
                                             "kan het tien minuten of langer duren.")
            make_plan_button = gr.Button("Maak plan", variant="primary", elem_id="maakplan")
            with gr.Row():
                plan_markdown_file = gr.File(label="Download Markdown", visible=False, elem_id="plan-md")
                plan_docx_file = gr.File(label="Download Word (DOCX)", visible=False, elem_id="plan-docx")
            plan_preview = gr.Markdown(elem_id="planvoorbeeld")
            make_plan_button.click(make_plan, [plan_goal, plan_organisation, plan_phase, plan_mode],
                                   [plan_preview, plan_markdown_file, plan_docx_file])

        inputs = [question, chat, mode, doc_filter, type_filter, last_answer]
        outputs = [chat, sources, last_answer, question]
        send.click(respond, inputs, outputs)
        question.submit(respond, inputs, outputs)
        new.click(lambda: ([], NO_SOURCES, None, gr.update(visible=False)), None, [chat, sources, last_answer, download])
        export_button.click(export, last_answer, download)
        add.click(upload, files, [upload_status, table, to_remove, doc_filter, status])
        remove_button.click(remove, to_remove, [upload_status, table, to_remove, doc_filter, status])
        # The model's status changes on its own (checked, crashed, restarted): poll it.
        seen = gr.State(None)
        timer = gr.Timer(3.0)
        timer.tick(refresh, [mode, plan_mode, seen], [status, mode, plan_mode, seen], show_progress="hidden")
    return app


def check_model_in_background(settings: Settings) -> None:
    """Start the local model's process and give it a test question, without holding up the app."""
    import threading

    from .model_server import NOT_INSTALLED, shared_server

    server = shared_server(settings)
    if server.status().state != NOT_INSTALLED:
        threading.Thread(target=server.probe, name="taalmodel-controle", daemon=True).start()


def serve(settings: Settings, block: bool = True):
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("zorgassistent").setLevel(logging.INFO)
    started = time.perf_counter()
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.data_dir / "gradio-tmp"))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    check_model_in_background(settings)
    app = build_app(settings)
    auth = (settings.auth_user, settings.auth_password) if settings.auth_user and settings.auth_password else None
    import gradio as gr

    # The model answers one question at a time in its own process (model_server.turn); the rest of
    # an answer is fast, so several users are served at once.
    app.queue(default_concurrency_limit=8).launch(
        server_name=settings.host, server_port=settings.port, share=False, auth=auth, show_error=False,
        max_file_size=f"{int(settings.max_file_mb)}mb", prevent_thread_lock=True, quiet=True,
        css=CSS, theme=gr.themes.Soft(), footer_links=[],
    )
    print(f"Zorgassistent gestart in {time.perf_counter() - started:.1f} s op http://{settings.host}:{settings.port}", flush=True)
    if block:
        app.block_thread()
    return app
