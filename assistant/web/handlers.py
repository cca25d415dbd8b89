"""The web app's event handlers as plain functions over a `Session`: ask, export, upload, remove
(in two steps: ask, then confirm) and plan.

They take and return plain values and records (no Gradio), so tests call them directly with
the fake embedder; layout.py turns their results into component updates. The web shell may
reach into `ingest/` (like the CLI) for uploads and removals.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages as msg
from ..errors import ZorgError
from ..records import Answer
from . import render
from .explain import Explanation, explain
from .session import Session

log = logging.getLogger("zorgassistent.web")
UPLOAD_TYPES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
STREAM_WORDS = 6  # an extractive answer is shown this many words at a time, for a steady read
CURSOR = " ▌"


# ---------------------------------------------------------------- asking
@dataclass
class Turn:
    """One update of the chat tab. `sources` None: leave the panel as it is; `chat` None: leave the
    whole tab as it is."""

    chat: list[dict] | None
    sources: str | None = None
    answer: Answer | None = None
    suggestions: list[str] = field(default_factory=list)
    done: bool = False


def history_of(chat: list[dict]) -> list[str]:
    return [m["content"] for m in chat if m.get("role") == "user" and isinstance(m.get("content"), str)]


def is_explained_refusal(answer: Answer) -> bool:
    """A refusal for lack of evidence (not, say, a question for the assistant's instructions)."""
    return answer.refused and answer.text.startswith((msg.NOT_IN_DOCUMENTS, msg.NOT_IN_DOCUMENTS_EN))


def ask(session: Session, message: str, chat: list[dict] | None, mode: str, docs: list[str] | None = None,
        types: list[str] | None = None, last: Answer | None = None) -> Iterator[Turn]:
    """Answer `message` in the chat, streaming. A blank message (a second click right after
    Enter) changes nothing: not even the chat as it was when the click was sent, which may arrive
    after the first question's answer and would put its "…" back. A refusal explains itself; with a
    filter on, it says so and whether the question has an answer without the filter."""
    if not (message or "").strip():
        yield Turn(None, None, last, done=True)
        return
    chat = list(chat or [])
    docs, types = list(docs or []), list(types or [])
    history = history_of(chat)
    chat += [{"role": "user", "content": message}, {"role": "assistant", "content": msg.WEB_WRITING}]
    turn = sum(1 for m in chat if m["role"] == "assistant")
    yield Turn(chat, None, last)
    try:
        assistant = session.assistant_for(mode)
        filters = assistant.filters(docs, types)
        answer, draft = None, ""
        for event in assistant.stream(message, history=history, filters=filters):
            if event.kind == "notice" and not draft:  # e.g. waiting for the model
                chat[-1]["content"] = f"*{event.text}*{CURSOR}"
                yield Turn(chat, None, last)
            elif event.kind == "token":
                draft += event.text
                chat[-1]["content"] = draft + CURSOR
                yield Turn(chat, None, last)
            elif event.kind == "done":
                answer = event.answer
        assert answer is not None
        today = session.today()
        why: Explanation | None = None
        refusal = ""
        if is_explained_refusal(answer):
            why = explain(answer.standalone_question or answer.question, answer.hits)
            answered_without = None
            if docs or types:  # asked again without filters, extractive: the same evidence rules, in milliseconds
                answered_without = not session.assistant_for("extractive").ask(message, history=history).refused
            head = msg.NOT_IN_DOCUMENTS_EN if answer.text.startswith(msg.NOT_IN_DOCUMENTS_EN) else msg.NOT_IN_DOCUMENTS
            decided = answer.decision.reason if answer.decision is not None and head == msg.NOT_IN_DOCUMENTS else ""
            refusal = render.refusal_markdown(head, why, render.filter_names(docs, types, session.titles()),
                                              answered_without, decided)
        final = render.answer_markdown(answer, turn, today, refusal)
        if not draft and not refusal:
            words = final.split(" ")
            for i in range(STREAM_WORDS, len(words), STREAM_WORDS):
                chat[-1]["content"] = " ".join(words[:i]) + CURSOR
                yield Turn(chat, None, last)
        chat[-1]["content"] = final
        sources = render.sources_html(answer, turn, today, session.neighbours, why)
        yield Turn(chat, sources, answer, list(why.rephrasings) if why else [], done=True)
    except ZorgError as error:
        chat[-1]["content"] = str(error)
        yield Turn(chat, render.empty_sources(), last, done=True)
    except Exception:  # noqa: BLE001 - never a traceback in the page
        log.exception("antwoord")
        chat[-1]["content"] = msg.WEB_ERROR
        yield Turn(chat, render.empty_sources(), last, done=True)


def export(answer: Answer | None, folder: Path) -> Path | None:
    """The answer as a Markdown file in `folder`, or None when there is no answer yet."""
    if answer is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "antwoord-zorgassistent.md"
    path.write_text(render.export_markdown(answer), encoding="utf-8")
    return path


# ---------------------------------------------------------------- documents
@dataclass
class Documents:
    """The documents tab after an action: the message, the table and the dropdown choices."""

    message: str
    rows: list[list]
    choices: list[tuple[str, str]]
    types: list[str]
    changed: bool = False  # the index changed: filters and status follow


def documents_view(session: Session, message: str = "", changed: bool = False) -> Documents:
    manifest = session.manifest()
    return Documents(message, render.documents_rows(manifest), render.document_choices(manifest),
                     session.type_choices(), changed)


def check_upload(path: Path, max_mb: float) -> str | None:
    """Dutch reason to reject an upload before it reaches the index, or None."""
    if path.suffix.lower() not in UPLOAD_TYPES:
        return msg.FILE_UNSUPPORTED.format(name=path.name, suffix=path.suffix or "(geen)")
    size = path.stat().st_size
    if size > max_mb * 1e6:
        return msg.FILE_TOO_LARGE.format(name=path.name, size_mb=size / 1e6, limit_mb=max_mb)
    if size == 0:
        return msg.FILE_EMPTY.format(name=path.name)
    return None


Track = Callable[[Iterable, str, int], Iterable]
OnProgress = Callable[[float, float, str], None]


def duration_text(seconds: float) -> str:
    """Example: duration_text(42) == "42 s"; duration_text(180) == "3 min" """
    return f"{max(1, round(seconds))} s" if seconds < 90 else f"{round(seconds / 60)} min"


def with_time_left(report: Callable[[float, str], None], clock: Callable[[], float] | None = None) -> OnProgress:
    """An ingest `on_progress(done, total, label)` that reports a fraction and the label with the
    time left, estimated from the rate so far of the current count (reading, then embedding: each
    starts at 0 and gets its own estimate)."""
    import time

    clock = clock or time.monotonic
    start = {"at": clock()}

    def on_progress(done: float, total: float, label: str) -> None:
        now = clock()
        if done == 0:
            start["at"] = now
        elapsed = now - start["at"]
        text = label
        if 0 < done < total and elapsed >= 2:
            text += msg.WEB_TIME_LEFT.format(time=duration_text(elapsed * (total - done) / done))
        report(done / total if total else 1.0, text)

    return on_progress


def upload(session: Session, files: list | None, on_progress: OnProgress | None = None) -> Documents:
    """Copy accepted files to the uploads folder and ingest them; rejected ones get a reason.
    `on_progress(done, total, label)` follows the ingest per file and page, then per text."""
    from ingest.pipeline import ingest

    settings = session.settings
    messages: list[str] = []
    accepted: list[Path] = []
    uploads = settings.uploads_dir
    uploads.mkdir(parents=True, exist_ok=True)
    for file in files or []:
        path = Path(file if isinstance(file, str | Path) else file.name)
        reason = check_upload(path, settings.max_file_mb)
        if reason:
            messages.append(reason)
            continue
        target = uploads / path.name
        shutil.copyfile(path, target)
        accepted.append(target)
    changed = False
    if accepted:
        try:
            report = ingest(session.base.index, accepted, sync=False, warn=lambda m: None,
                            **({"on_progress": on_progress} if on_progress else {}))
        except ZorgError as error:
            messages.append(str(error))
        else:
            for reason in report.skipped:
                messages.append(reason)
                for target in accepted:
                    if reason.startswith(target.name + " "):
                        target.unlink(missing_ok=True)
            if report.added or report.unchanged:
                messages.append(msg.WEB_UPLOAD_DONE.format(count=report.added + report.unchanged, total=report.total))
            session.reload()
            changed = True
    if not messages:
        messages.append(msg.WEB_UPLOAD_NOTHING)
    return documents_view(session, "\n\n".join(messages), changed)


def ask_remove(session: Session, sources: list[str] | None) -> tuple[str, bool]:
    """Step one of a removal: the question to confirm (True) or why there is nothing to do."""
    if not sources:
        return msg.WEB_REMOVE_NOTHING, False
    titles = session.titles()
    names = render.and_list([f"‘{titles.get(s, s)}’" for s in sources])
    return msg.WEB_REMOVE_ASK.format(names=names), True


def remove(session: Session, sources: list[str] | None) -> Documents:
    """Step two: remove the documents from the index (and uploaded files from the uploads folder)."""
    from ingest.pipeline import remove_documents

    if not sources:
        return documents_view(session, msg.WEB_REMOVE_NOTHING)
    try:
        removed = remove_documents(session.base.index, list(sources))
    except ZorgError as error:
        return documents_view(session, str(error))
    for source in sources:
        path = Path(source)
        if path.parts[:1] == ("uploads",):
            (session.settings.data_dir / path).unlink(missing_ok=True)
    session.reload()
    return documents_view(session, msg.WEB_REMOVE_DONE.format(count=len(sources), chunks=removed), True)


# ---------------------------------------------------------------- plan
@dataclass
class PlanResult:
    preview: str
    markdown: Path | None = None
    docx: Path | None = None


def make_plan(session: Session, goal: str, organisation: str, phase: str, mode: str, folder: Path,
              progress: Callable[[int, int, str], None] | None = None) -> PlanResult:
    """The plan as Markdown (notices first) and as Markdown and Word files in `folder`."""
    from ..plan import Planner, PlanRequest
    from ..plan_export import to_markdown, write_docx, write_markdown

    try:
        plan = Planner(session.assistant_for(mode)).build(PlanRequest(goal or "", organisation or "", phase or ""),
                                                         progress=progress)
    except ZorgError as error:
        return PlanResult(str(error))
    except Exception:  # noqa: BLE001 - never a traceback in the page
        log.exception("plan van aanpak")
        return PlanResult(msg.WEB_PLAN_ERROR)
    folder.mkdir(parents=True, exist_ok=True)
    notices = "".join(f"*{n}*\n\n" for n in plan.notices)
    return PlanResult(notices + to_markdown(plan), write_markdown(plan, folder / "plan-van-aanpak.md"),
                      write_docx(plan, folder / "plan-van-aanpak.docx"))
