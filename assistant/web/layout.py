"""The Gradio Blocks layout of the web app: components and events.

Only layout and wiring: each event calls a handler from handlers.py and turns its plain result
into component updates. Nothing here decides what is shown; render.py does that. The look (CSS,
theme, the Dutch page script) is look.py; launching (host, login, queue) is launch.py.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .. import messages as msg
from ..settings import Settings
from . import handlers, render
from .session import Session

EXAMPLES = [
    "Wat houdt de beweging Thuis als het kan in?",
    "Welke zes belemmeringen zijn vertaald naar de bouwblokken van de ondersteuningsstructuur?",
    "Wat is het doel van het programma KIK-V?",
    "Welke drie fasen van hybride zorg zijn er?",
    "Wat is de rol van het IZA en het GALA bij preventie?",
]

def temp_folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("GRADIO_TEMP_DIR")))


def build_app(settings: Settings, session: Session | None = None):
    import gradio as gr

    from ..answer.prompts import PLAN_PHASES

    session = session or Session(settings)
    hidden_file = gr.update(value=None, visible=False)

    # ------------------------------------------------------------ adapters: handler -> updates
    def respond(message: str, chat: list[dict], mode: str, docs: list[str], types: list[str], last):
        for turn in handlers.ask(session, message, chat, mode, docs, types, last):
            if turn.chat is None:  # a blank question: every output stays as it is
                yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                continue
            suggestions = (gr.update(samples=[[q] for q in turn.suggestions], visible=bool(turn.suggestions))
                           if turn.done else gr.update())
            yield turn.chat, gr.update() if turn.sources is None else turn.sources, turn.answer, "", suggestions

    def export(answer):
        path = handlers.export(answer, temp_folder("export-"))
        if path is None:
            raise gr.Error(msg.WEB_NO_ANSWER_TO_EXPORT)
        return gr.update(value=str(path), visible=True)

    def documents_updates(view: handlers.Documents, clear_selection: bool = False) -> tuple:
        keep = gr.update()
        return (view.message, view.rows,
                gr.update(choices=view.choices, **({"value": []} if clear_selection else {})),
                gr.update(choices=view.choices) if view.changed else keep,
                gr.update(choices=view.types) if view.changed else keep,
                session.status_text() if view.changed else keep)

    def upload(files, progress=gr.Progress()):
        progress(0, desc=msg.WEB_UPLOAD_PROGRESS)
        view = handlers.upload(session, files, handlers.with_time_left(lambda part, text: progress(part, desc=text)))
        return (*documents_updates(view), None)  # the upload box empties: a second click adds nothing

    def ask_remove(sources):
        text, confirm = handlers.ask_remove(session, sources)
        return text, gr.update(visible=confirm)

    def remove(sources):
        return (*documents_updates(handlers.remove(session, sources), clear_selection=True), gr.update(visible=False))

    def make_plan(goal: str, organisation: str, phase: str, plan_mode: str, progress=gr.Progress()):
        """The "Plan van aanpak" tab: the plan as a Markdown preview plus Markdown and DOCX downloads."""
        progress(0, desc=msg.WEB_PLAN_STARTING)
        result = handlers.make_plan(
            session, goal, organisation, phase, plan_mode, temp_folder("plan-"),
            progress=lambda done, total, label: progress((done, total), desc=label, unit=msg.WEB_PLAN_STEPS))
        if result.markdown is None:
            return result.preview, hidden_file, hidden_file
        return (result.preview, gr.update(value=str(result.markdown), visible=True),
                gr.update(value=str(result.docx), visible=True))

    def refresh(current: str, current_plan: str, seen):
        """Status line and mode choices, sent only when they changed (an open dropdown stays open)."""
        text, choices = session.status_text(), session.mode_choices()
        if seen == [text, choices]:
            return gr.update(), gr.update(), gr.update(), seen
        keys = {key for _, key in choices}
        return (text, gr.update(choices=choices, value=current if current in keys else "extractive"),
                gr.update(choices=choices, value=current_plan if current_plan in keys else "extractive"),
                [text, choices])

    def new_conversation():
        return [], render.empty_sources(), None, hidden_file, [], [], gr.update(samples=[], visible=False), ""

    # ------------------------------------------------------------ layout
    manifest = session.manifest()
    choices = render.document_choices(manifest)
    with gr.Blocks(title=msg.WEB_TITLE) as app:
        gr.HTML(f"<header><h1>{msg.WEB_TITLE}</h1><p>{msg.WEB_INTRO}</p></header>", elem_id="kop")
        last_answer = gr.State(None)
        seen = gr.State(None)
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab(msg.WEB_TAB_CHAT, id="vragen", elem_id="tab-vragen"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320, elem_id="chatkolom"):
                        chat = gr.Chatbot(label=msg.WEB_CHAT_LABEL, show_label=False, height=520, elem_id="gesprek",
                                          buttons=["copy"], placeholder=msg.WEB_CHAT_PLACEHOLDER)
                        question = gr.Textbox(label=msg.WEB_QUESTION_LABEL, elem_id="vraag", lines=1,
                                              placeholder=msg.WEB_QUESTION_PLACEHOLDER)
                        with gr.Row():
                            send = gr.Button(msg.WEB_SEND, variant="primary", elem_id="verstuur", min_width=110)
                            new = gr.Button(msg.WEB_NEW, elem_id="nieuw", min_width=110)
                            export_button = gr.Button(msg.WEB_EXPORT, elem_id="exporteer", min_width=110)
                        suggestions = gr.Dataset(components=[question], samples=[], label=msg.WEB_SUGGESTIONS,
                                                 visible=False, elem_id="suggesties")
                        download = gr.File(label=msg.WEB_DOWNLOAD, visible=False, elem_id="download")
                    with gr.Column(scale=2, min_width=280, elem_id="bronkolom"):
                        gr.HTML(f"<h2 class='paneelkop'>{msg.WEB_SOURCES}</h2>")
                        sources = gr.HTML(render.empty_sources(), elem_id="bronnen")
                        with gr.Accordion(msg.WEB_FILTERS, open=False, elem_id="filters"):
                            mode = gr.Dropdown(session.mode_choices(), value=settings.answer_mode,
                                               label=msg.WEB_MODE_LABEL, elem_id="modus")
                            doc_filter = gr.Dropdown(choices, multiselect=True, label=msg.WEB_DOC_FILTER,
                                                     elem_id="documentfilter")
                            type_filter = gr.Dropdown(session.type_choices(), multiselect=True,
                                                      label=msg.WEB_TYPE_FILTER, elem_id="soortfilter")
                        gr.Examples(EXAMPLES, inputs=question, label=msg.WEB_EXAMPLES)
            with gr.Tab(msg.WEB_TAB_DOCUMENTS, id="documenten", elem_id="tab-documenten"):
                files = gr.File(label=msg.WEB_UPLOAD_LABEL, file_count="multiple", elem_id="upload")
                add = gr.Button(msg.WEB_UPLOAD_BUTTON, variant="primary", elem_id="inlezen")
                upload_status = gr.Markdown(elem_id="uploadstatus")
                with gr.Row(visible=False, elem_id="bevestig") as confirm_row:
                    confirm = gr.Button(msg.WEB_REMOVE_CONFIRM, variant="stop", elem_id="bevestigverwijder")
                    cancel = gr.Button(msg.WEB_REMOVE_CANCEL, elem_id="annuleer")
                table = gr.Dataframe(render.documents_rows(manifest), headers=msg.WEB_TABLE_HEADERS,
                                     interactive=False, wrap=True, label=msg.WEB_TABLE_LABEL, elem_id="documenten")
                with gr.Row(equal_height=True):
                    to_remove = gr.Dropdown(choices, multiselect=True, label=msg.WEB_REMOVE_LABEL, elem_id="verwijderkeuze",
                                            scale=3)
                    remove_button = gr.Button(msg.WEB_REMOVE_BUTTON, variant="stop", elem_id="verwijder", scale=1)
            with gr.Tab(msg.WEB_TAB_PLAN, id="plan", elem_id="tab-plan"):
                gr.Markdown(msg.WEB_PLAN_INTRO)
                plan_goal = gr.Textbox(label=msg.WEB_PLAN_GOAL, lines=2, elem_id="plandoel",
                                       placeholder=msg.WEB_PLAN_GOAL_PLACEHOLDER)
                with gr.Row():
                    plan_organisation = gr.Textbox(label=msg.WEB_PLAN_ORGANISATION, elem_id="planorganisatie",
                                                   placeholder=msg.WEB_PLAN_ORGANISATION_PLACEHOLDER)
                    plan_phase = gr.Dropdown([(msg.WEB_PLAN_NO_PHASE, ""), *((label, key) for key, label in PLAN_PHASES.items())],
                                             value="", label=msg.WEB_PLAN_PHASE, elem_id="planfase")
                    plan_mode = gr.Dropdown(session.mode_choices(), value="extractive", label=msg.WEB_MODE_LABEL,
                                            elem_id="planmodus", info=msg.WEB_PLAN_MODE_INFO)
                make_plan_button = gr.Button(msg.WEB_PLAN_BUTTON, variant="primary", elem_id="maakplan")
                with gr.Row():
                    plan_markdown_file = gr.File(label=msg.WEB_PLAN_MARKDOWN, visible=False, elem_id="plan-md")
                    plan_docx_file = gr.File(label=msg.WEB_PLAN_DOCX, visible=False, elem_id="plan-docx")
                plan_preview = gr.Markdown(elem_id="planvoorbeeld")
        with gr.Accordion(msg.WEB_ABOUT, open=False, elem_id="over"):
            status = gr.Markdown(session.status_text(), elem_id="status")

        # ------------------------------------------------------------ events
        inputs = [question, chat, mode, doc_filter, type_filter, last_answer]
        outputs = [chat, sources, last_answer, question, suggestions]
        send.click(respond, inputs, outputs, api_name="respond")
        question.submit(respond, inputs, outputs, api_visibility="private")
        suggestions.click(lambda sample: sample[0], suggestions, question, api_visibility="private").then(
            respond, inputs, outputs, api_visibility="private")
        new.click(new_conversation, None,
                  [chat, sources, last_answer, download, doc_filter, type_filter, suggestions, question],
                  api_visibility="private")
        export_button.click(export, last_answer, download, api_visibility="private")
        documents_outputs = [upload_status, table, to_remove, doc_filter, type_filter, status]
        add.click(upload, files, [*documents_outputs, files], show_progress_on=[upload_status],
                  api_visibility="private")
        remove_button.click(ask_remove, to_remove, [upload_status, confirm_row], api_visibility="private")
        confirm.click(remove, to_remove, [*documents_outputs, confirm_row], show_progress_on=[upload_status],
                      api_visibility="private")
        cancel.click(lambda: (msg.WEB_REMOVE_CANCELLED, gr.update(visible=False)), None, [upload_status, confirm_row],
                     api_visibility="private")
        make_plan_button.click(make_plan, [plan_goal, plan_organisation, plan_phase, plan_mode],
                               [plan_preview, plan_markdown_file, plan_docx_file], show_progress_on=[plan_preview],
                               api_visibility="private")
        # The model's status changes on its own (checked, crashed, restarted): poll it.
        timer = gr.Timer(3.0)
        timer.tick(refresh, [mode, plan_mode, seen], [status, mode, plan_mode, seen], show_progress="hidden",
                   api_visibility="private")
    return app
