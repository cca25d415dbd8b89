"""The Gradio chat: questions with streamed answers and a sources panel beside them.

A first version: chat, answer mode, document filter, "nieuw gesprek", sources with the
verbatim quotes. Binds 127.0.0.1 by default, never creates a share link, optional login from
settings. Not yet here: uploads, export, browser tests (see the open issue for the web app).
"""

from __future__ import annotations

import html
import time

from . import messages as msg
from .settings import Settings

EXAMPLES = [
    "Wat houdt de beweging Thuis als het kan in?",
    "Welke zes belemmeringen zijn vertaald naar de bouwblokken van de ondersteuningsstructuur?",
    "Wat is het doel van het programma KIK-V?",
    "Welke drie fasen van hybride zorg zijn er?",
]


def sources_markdown(answer) -> str:
    if answer is None or not answer.citations:
        return "_Nog geen bronnen._" if answer is None else "_Geen bronnen: het antwoord staat niet in de documenten._"
    parts = []
    for c in answer.citations:
        hit = next((h for h in answer.hits if h.chunk.id == c.chunk_id), None)
        passage = html.escape(hit.chunk.text if hit else c.quote)
        quote = html.escape(c.quote)
        highlighted = passage.replace(quote, f"<mark>{quote}</mark>", 1) if quote in passage else f"<mark>{quote}</mark>"
        meta = " · ".join(x for x in (c.publisher, c.date, c.heading if c.heading != c.title else "") if x)
        parts.append(
            f"**[{c.n}] {html.escape(c.title)}**  \n<small>{html.escape(meta)} — `{html.escape(c.source)}`</small>\n\n"
            f"<details><summary>{quote}</summary>\n\n{highlighted.replace(chr(10), '<br>')}\n</details>"
        )
    return "\n\n".join(parts)


def build_app(settings: Settings):
    import gradio as gr

    from .service import Assistant

    assistants: dict[str, Assistant] = {}

    def assistant_for(mode: str) -> Assistant:
        if mode not in assistants:
            shared = next(iter(assistants.values()), None)
            assistants[mode] = Assistant(settings.with_(answer_mode=mode), index=shared.index if shared else None)
            if shared is not None:
                assistants[mode]._retriever = shared.retriever  # noqa: SLF001 - share the loaded index
        return assistants[mode]

    documents: list[str] = []
    try:
        base = assistant_for(settings.answer_mode)
        documents = sorted({c.source for c in base.retriever.chunks.values()})
    except Exception as error:  # no index yet: the page still opens and says what to do
        documents = []
        startup_notice = str(error)
    else:
        startup_notice = ""

    def respond(message: str, chat: list[dict], mode: str, docs: list[str]):
        chat = list(chat or [])
        history = [m["content"] for m in chat if m["role"] == "user"]
        chat.append({"role": "user", "content": message})
        chat.append({"role": "assistant", "content": ""})
        try:
            assistant = assistant_for(mode)
            answer = None
            for event in assistant.stream(message, history=history, filters=assistant.filters(sources=docs)):
                if event.kind == "token" and event.text.strip():
                    chat[-1]["content"] += event.text
                    yield chat, gr.update()
                elif event.kind == "done":
                    answer = event.answer
            notices = "\n".join(f"_{n}_" for n in (answer.notices if answer else []))
            chat[-1]["content"] = (notices + "\n\n" if notices else "") + (answer.text if answer else "")
            yield chat, sources_markdown(answer)
        except Exception as error:  # ZorgError carries a Dutch message; anything else stays generic
            from .errors import ZorgError

            chat[-1]["content"] = str(error) if isinstance(error, ZorgError) else "Er ging iets mis. Probeer het opnieuw."
            yield chat, gr.update()

    with gr.Blocks(title="Zorgassistent") as app:
        gr.Markdown("## Zorgassistent — vragen over passende hybride zorg\n"
                    "Antwoorden komen uit de beleidsdocumenten, met bronnen die u kunt nakijken.")
        if startup_notice:
            gr.Markdown(f"**{startup_notice}**")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Gesprek", height=480)
                question = gr.Textbox(label="Uw vraag", placeholder="Bijvoorbeeld: Wat houdt de beweging Thuis als het kan in?")
                with gr.Row():
                    send = gr.Button("Vraag stellen", variant="primary")
                    new = gr.Button("Nieuw gesprek")
                gr.Examples(EXAMPLES, inputs=question, label="Voorbeeldvragen")
            with gr.Column(scale=2):
                mode = gr.Dropdown(["extractive", "llm", "openai", "ollama"], value=settings.answer_mode,
                                   label="Antwoordmodus")
                docs = gr.Dropdown(documents, multiselect=True, label="Alleen deze documenten (leeg = alle)")
                sources = gr.Markdown("_Nog geen bronnen._", label="Bronnen")
        send.click(respond, [question, chat, mode, docs], [chat, sources]).then(lambda: "", None, question)
        question.submit(respond, [question, chat, mode, docs], [chat, sources]).then(lambda: "", None, question)
        new.click(lambda: ([], "_Nog geen bronnen._"), None, [chat, sources])
    return app


def serve(settings: Settings) -> None:
    started = time.perf_counter()
    app = build_app(settings)
    auth = (settings.auth_user, settings.auth_password) if settings.auth_user and settings.auth_password else None
    print(f"Zorgassistent klaar in {time.perf_counter() - started:.1f} s: http://{settings.host}:{settings.port}")
    app.queue().launch(server_name=settings.host, server_port=settings.port, share=False, auth=auth,
                       show_error=False, max_file_size="20mb")
