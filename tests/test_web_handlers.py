"""The web app's handlers, render and refusal help, without a browser: the fake embedder, the
conftest corpus (beleid.txt dated 2023 by sources.toml, workshop.md dated 2023-11-08)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant import messages as msg
from assistant.index import open_index
from assistant.model_process import NOT_INSTALLED, WORKS, Status
from assistant.records import Answer, Chunk, Citation, Hit
from assistant.web import handlers, render
from assistant.web.explain import explain, listed, missing_words, rephrasings
from assistant.web.session import Session
from ingest.pipeline import ingest

THUIS = "Wat houdt de beweging Thuis als het kan in?"
TODAY = dt.date(2026, 12, 1)


class FakeModel:
    def __init__(self, state: str = NOT_INSTALLED) -> None:
        self.state = state

    def status(self) -> Status:
        return Status(self.state, seconds=1.0 if self.state == WORKS else None)


@pytest.fixture
def session(settings):
    ingest(open_index(settings), warn=lambda m: None)
    return Session(settings, model=FakeModel(), today=lambda: TODAY)


def final(session, question, **kw) -> handlers.Turn:
    turns = list(handlers.ask(session, question, kw.pop("chat", []), "extractive", **kw))
    assert turns[-1].done
    return turns[-1]


def chunk(text: str, heading: str = "", title: str = "Titel", date: str = "", cid: str = "c1") -> Chunk:
    return Chunk(id=cid, source="corpus/a.txt", title=title, heading=heading, text=text, context="", ordinal=0,
                 date=date)


def hit(text: str, heading: str = "", cid: str = "c1") -> Hit:
    return Hit(chunk=chunk(text, heading, cid=cid), score=1.0, rank=1)


def citation(n: int, date: str = "", quote: str = "Zin.") -> Citation:
    return Citation(n=n, source="corpus/a.txt", title="Titel", quote=quote, chunk_id="c1", date=date)


# ---------------------------------------------------------------- pure parts
@pytest.mark.parametrize(("text", "expected"), [
    ("2020", dt.date(2020, 12, 31)), ("2023-11", dt.date(2023, 11, 30)), ("2023-02-28", dt.date(2023, 2, 28)),
    ("", None), ("onbekend", None), ("2023-13", None)])
def test_parse_date(text, expected):
    assert render.parse_date(text) == expected


@pytest.mark.parametrize(("date", "expected"), [("2020", 2020), ("2023-11-30", 2023), ("2023-12-01", None),
                                                ("2024", None), ("", None)])
def test_old_year_is_more_than_three_years_before_today(date, expected):
    assert render.old_year(date, TODAY) == expected


def test_nice_date():
    assert [render.nice_date(d) for d in ("2023-11-08", "2023-11", "2023", "")] == \
        ["8 november 2023", "november 2023", "2023", ""]


def test_citations_become_links_and_an_old_source_is_marked_once():
    text = render.link_citations("Een. [1]\nTwee. [2][1] [3]", [citation(1, "2020"), citation(2, "2025")], 4, TODAY)
    assert text == "Een. [[1]](#bron-4-1) *(bron uit 2020)*\nTwee. [[2]](#bron-4-2)[[1]](#bron-4-1) [3]"


def test_missing_words_and_rephrasings():
    hits = [hit("Er lopen 268 projecten in het land.", "Kracht en zorg › Projecten"),
            hit("Over de financiering.", "Financiering", cid="c2")]
    assert missing_words("Hoeveel projecten lopen er in Oostdorp?", hits) == ["Oostdorp"]
    # the most telling word first, whatever its place in the question
    assert missing_words("Wat doet de gemeente tegen zwerfafval?", [hit("De gemeente ruimt op.")])[:2] == ["zwerfafval", "doet"]
    assert rephrasings("Hoeveel projecten lopen er in Oostdorp?", hits) == [
        "Wat staat er in de documenten over Projecten?", "Wat staat er in de documenten over Financiering?"]
    assert explain("Hoeveel projecten lopen er in Oostdorp?", hits).fact == "aantal"
    assert listed(["a", "b", "c"]) == "‘a’, ‘b’ of ‘c’"


def test_export_keeps_a_quote_of_several_lines_in_one_blockquote():
    answer = Answer(question="Vraag?", text="Antwoord [1]", refused=False,
                    citations=[citation(1, "2023", quote="Dit zijn de randvoorwaarden:\n• Goed werkgeverschap")])
    assert render.export_markdown(answer).endswith(
        "1. *Titel* (2023), `corpus/a.txt`  \n   > Dit zijn de randvoorwaarden:\n   > • Goed werkgeverschap\n")


def test_documents_table_and_choices_use_titles():
    manifest = {"documents": {"corpus/b.txt": {"title": "Beleid", "type": "beleid", "date": "2023-11-08", "chunks": 3,
                                               "ingested_at": "2026-12-01 10:00"},
                              "uploads/a.txt": {"title": "Beleid", "chunks": 1},
                              "uploads/c.txt": {"title": "", "chunks": 1}}}
    assert render.documents_rows(manifest)[0] == ["Beleid", "beleid", "8 november 2023", 3, "2026-12-01 10:00",
                                                  "corpus/b.txt"]
    assert render.document_choices(manifest) == [("Beleid (a.txt)", "uploads/a.txt"), ("Beleid (b.txt)", "corpus/b.txt"),
                                                 ("uploads/c.txt", "uploads/c.txt")]


# ---------------------------------------------------------------- asking
def test_answer_links_its_citations_to_the_sources_panel(session):
    turn = final(session, THUIS)
    text = turn.chat[-1]["content"]
    assert "[[1]](#bron-1-1)" in text and "Mensen met een Wlz indicatie" in text
    assert "id='bron-1-1'" in turn.sources and "<mark>" in turn.sources
    assert "<time>2023</time>" in turn.sources and "bron uit" not in turn.sources
    assert turn.answer is not None and not turn.answer.refused and turn.suggestions == []


def test_second_answer_gets_its_own_anchors(session):
    first = final(session, THUIS)
    second = final(session, THUIS, chat=first.chat)
    assert "(#bron-2-1)" in second.chat[-1]["content"] and "id='bron-2-1'" in second.sources


def test_old_source_is_marked_in_answer_and_panel(settings):
    ingest(open_index(settings), warn=lambda m: None)
    later = Session(settings, model=FakeModel(), today=lambda: dt.date(2028, 1, 1))
    turn = final(later, THUIS)
    assert "*(bron uit 2023)*" in turn.chat[-1]["content"]
    assert "<span class='oud'>bron uit 2023</span>" in turn.sources


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_question_changes_nothing(session, blank):
    chat = [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]
    turns = list(handlers.ask(session, blank, chat, "extractive"))
    # nothing to write back: the chat sent with the click may be older than what the page shows
    assert len(turns) == 1 and turns[0].chat is None and turns[0].sources is None and turns[0].done


def test_refusal_says_why_shows_nearest_passages_and_rephrasings(session):
    turn = final(session, "Hoeveel projecten lopen er in Oostdorp?")
    text = turn.chat[-1]["content"]
    assert text.startswith(f"**{msg.NOT_IN_DOCUMENTS}** " + msg.WEB_REFUSAL_MISSING.format(
        words="‘Oostdorp’, ‘projecten’ of ‘lopen’"))  # the tiny corpus has no projects; the name tells most
    assert msg.WEB_REFUSAL_NEAREST in text and msg.WEB_REPHRASE in text
    assert turn.suggestions and all(f"- {q}" in text for q in turn.suggestions)
    assert msg.WEB_NOT_USED in turn.sources and msg.WEB_NEAREST_HEAD in turn.sources
    assert msg.WEB_FILTER_ACTIVE.split("(")[0] not in text


def test_refusal_under_a_filter_names_it_and_says_there_is_an_answer_without(session):
    turn = final(session, THUIS, types=["workshopverslag"])
    text = turn.chat[-1]["content"]
    assert turn.answer.refused
    assert msg.WEB_FILTER_ACTIVE.format(filters="soort: ‘workshopverslag’") in text
    assert msg.WEB_FILTER_ANSWER_WITHOUT in text


def test_refusal_under_a_document_filter_names_the_title(session):
    turn = final(session, "Hoeveel projecten lopen er in Oostdorp?", docs=["corpus/beleid.txt"])
    text = turn.chat[-1]["content"]
    assert "documenten: ‘Bewegingen ZK’" in text and msg.WEB_FILTER_NO_ANSWER_WITHOUT in text


def test_export_writes_markdown(session, tmp_path):
    turn = final(session, THUIS)
    path = handlers.export(turn.answer, tmp_path / "uit")
    assert path.read_text(encoding="utf-8").startswith(f"## Vraag\n\n{THUIS}\n")
    assert handlers.export(None, tmp_path) is None


# ---------------------------------------------------------------- session
def test_modes_share_one_retriever_and_reload_together(session):
    other = session.assistant_for("openai")
    assert other is session.assistant_for("openai") and other.retriever is session.base.retriever
    session.reload()
    assert other.retriever is session.base.retriever


@pytest.mark.parametrize(("state", "modes"), [(NOT_INSTALLED, ["extractive"]), (WORKS, ["extractive", "llm"])])
def test_local_model_offered_once_it_works(session, state, modes):
    session.model = FakeModel(state)
    assert [m for _, m in session.mode_choices()] == modes


def test_status_text_names_index_and_model(session):
    assert session.status_text().startswith("Embeddingmodel: `fake")
    assert "2 documenten" in session.status_text() and "niet geïnstalleerd" in session.status_text()


# ---------------------------------------------------------------- documents
def test_upload_then_remove_in_two_steps(session, tmp_path: Path):
    note = tmp_path / "notitie.txt"
    note.write_text("Beeldzorg\n\nHet beeldzorgteam belt cliënten elke ochtend via een tablet.\n", encoding="utf-8")
    bad = tmp_path / "plaatje.png"
    bad.write_bytes(b"png")
    view = handlers.upload(session, [str(note), str(bad)])
    assert view.changed and view.message.startswith(msg.FILE_UNSUPPORTED.format(name="plaatje.png", suffix=".png"))
    assert msg.WEB_UPLOAD_DONE.format(count=1, total=view.rows and sum(r[3] for r in view.rows)) in view.message
    assert ("notitie", "uploads/notitie.txt") in view.choices or any(s == "uploads/notitie.txt" for _, s in view.choices)
    assert not final(session, "Hoe vaak belt het beeldzorgteam cliënten?").answer.refused

    question, confirm = handlers.ask_remove(session, ["uploads/notitie.txt"])
    label = dict((s, t) for t, s in view.choices)["uploads/notitie.txt"]
    assert confirm and question == msg.WEB_REMOVE_ASK.format(names=f"‘{label}’")
    assert handlers.ask_remove(session, []) == (msg.WEB_REMOVE_NOTHING, False)
    removed = handlers.remove(session, ["uploads/notitie.txt"])
    assert removed.message.startswith("1 document(en) verwijderd")
    assert all(s != "uploads/notitie.txt" for _, s in removed.choices)
    assert not (session.settings.uploads_dir / "notitie.txt").exists()


def test_upload_without_files_says_what_to_do(session):
    view = handlers.upload(session, [])
    assert view.message == msg.WEB_UPLOAD_NOTHING and not view.changed


def test_plan_handler_writes_both_files(session, tmp_path):
    steps = []
    result = handlers.make_plan(session, "Beeldzorg in de wijkverpleging", "", "", "extractive", tmp_path,
                                progress=lambda done, total, label: steps.append((done, total)))
    assert result.preview.startswith("# Plan van aanpak: Beeldzorg in de wijkverpleging\n")
    assert result.markdown.read_text(encoding="utf-8") == result.preview and result.docx.exists()
    assert steps and steps[-1][0] == steps[-1][1]
    assert handlers.make_plan(session, " ", "", "", "extractive", tmp_path).preview == msg.PLAN_EMPTY_GOAL


# ---------------------------------------------------------------- layout (built, not rendered)
def test_app_builds_with_one_public_respond_endpoint(session):
    from assistant.web.layout import build_app
    from assistant.web.look import head

    app = build_app(session.settings, session)
    public = [f for f in app.fns.values() if getattr(f, "api_visibility", "public") == "public"]
    assert [f.api_name for f in public] == ["respond"]
    assert [type(block).__name__ for block in public[0].inputs] == ["Textbox", "Chatbot", "Dropdown", "Dropdown",
                                                                       "Dropdown", "State"]
    assert '"Copy message": "Kopieer bericht"' in head()


def test_upload_progress_says_the_time_left_per_count():
    times = iter([0.0, 0.0, 10.0, 20.0, 20.0, 30.0])
    seen: list[tuple[float, str]] = []
    on_progress = handlers.with_time_left(lambda part, text: seen.append((part, text)), clock=lambda: next(times))
    on_progress(0, 4, "Bestanden lezen")
    on_progress(1, 4, "Bestanden lezen — b.pdf")
    on_progress(4, 4, "Bestanden lezen")
    on_progress(0, 200, "Tekstdelen verwerken")  # a new count: a new estimate
    on_progress(50, 200, "Tekstdelen verwerken")
    assert seen == [(0.0, "Bestanden lezen"), (0.25, "Bestanden lezen — b.pdf · nog ongeveer 30 s"),
                    (1.0, "Bestanden lezen"), (0.0, "Tekstdelen verwerken"),
                    (0.25, "Tekstdelen verwerken · nog ongeveer 30 s")]


@pytest.mark.parametrize("seconds, text", [(0.2, "1 s"), (42, "42 s"), (150, "2 min"), (3600, "60 min")])
def test_duration_text(seconds, text):
    assert handlers.duration_text(seconds) == text
