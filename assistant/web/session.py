"""The running web app's shared state: the assistants (one per answer mode, one loaded index),
the local model's status, the documents in the index and the clock.

One `Session` per app, shared by every browser tab; what belongs to one tab (the last answer)
travels in Gradio state and is passed to the handlers. No Gradio here, so the handlers and
their tests need no browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .. import messages as msg
from ..retrieval import HybridRetriever
from ..service import Assistant
from ..settings import Settings


class SharedAssistant(Assistant):
    """An assistant for another answer mode that searches with its base assistant's retriever,
    so the index and the keyword indexes are loaded once for all modes."""

    def __init__(self, settings: Settings, base: Assistant) -> None:
        super().__init__(settings, index=base.index)
        self.base = base

    @property
    def retriever(self) -> HybridRetriever:
        return self.base.retriever


class Session:
    def __init__(self, settings: Settings, assistant: Assistant | None = None, model=None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        from ..model_server import shared_server

        self.settings = settings
        self.base = assistant or Assistant(settings)
        self.assistants: dict[str, Assistant] = {settings.answer_mode: self.base}
        self.model = model if model is not None else shared_server(settings)
        self.today = today

    # ------------------------------------------------------------------ assistants
    def assistant_for(self, mode: str) -> Assistant:
        if mode not in self.assistants:
            self.assistants[mode] = SharedAssistant(self.settings.with_(answer_mode=mode), self.base)
        return self.assistants[mode]

    def reload(self) -> None:
        """After an upload or removal: the shared retriever and every mode's word statistics."""
        for assistant in self.assistants.values():
            assistant.reload()

    def neighbours(self, chunk):
        return self.base.retriever.neighbours(chunk)

    # ------------------------------------------------------------------ documents
    def manifest(self) -> dict:
        return self.base.index.read_manifest()

    def titles(self) -> dict[str, str]:
        return {source: info.get("title", "") or source for source, info in self.manifest().get("documents", {}).items()}

    def type_choices(self) -> list[str]:
        return sorted({d.get("type", "") for d in self.manifest().get("documents", {}).values()} - {""})

    # ------------------------------------------------------------------ status
    def llm_text(self) -> str:
        from ..model_process import NOT_INSTALLED, WORKS

        status = self.model.status()
        if status.state == WORKS:
            return status.text()
        if status.state == NOT_INSTALLED:
            return msg.WEB_LLM_NOT_INSTALLED.format(state=status.state)
        return f"**{status.text()}**" if status.reason else msg.WEB_LLM_CHECKING

    def status_text(self) -> str:
        docs = self.manifest().get("documents", {})
        chunks = sum(int(d.get("chunks", 0)) for d in docs.values())
        notices = " ".join(self.base.notices())
        mode = msg.WEB_MODE_LABELS.get(self.settings.answer_mode, self.settings.answer_mode)
        line = msg.WEB_STATUS.format(embedding=self.base.index.store.embedder.name, documents=len(docs), chunks=chunks,
                                     mode=mode, llm=self.llm_text())
        return line + (f"\n\n{notices}" if notices else "")

    def mode_choices(self) -> list[tuple[str, str]]:
        """The local model is offered only once it answered; remote backends once configured."""
        s = self.settings
        offered = {"extractive": True, "llm": self.model.status().works,
                   "openai": bool(s.openai_url and s.openai_model), "ollama": bool(s.ollama_model)}
        return [(label, m) for m, label in msg.WEB_MODE_LABELS.items() if offered[m] or m == s.answer_mode]
