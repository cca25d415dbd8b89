"""The local model's own process: supervision, fallback, restart and status, against a stand-in
server (tests/fixtures/fake_model_server.py) that speaks the same API and can die on command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.index import open_index
from assistant.model_process import FAILS, NOT_INSTALLED, WORKS, exit_reason
from assistant.model_server import ModelServer, shared_server, stop_all
from assistant.service import Assistant
from ingest.pipeline import ingest

FAKE = Path(__file__).parent / "fixtures" / "fake_model_server.py"
REPLY = "Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen [1]."
QUESTION = "Wat houdt de beweging Thuis als het kan in?"


@pytest.fixture
def fake_model(settings, tmp_path, monkeypatch):
    """Settings for llm mode against the stand-in; `events` lists what the stand-in did."""
    ingest(open_index(settings), warn=lambda m: None)
    model_file = tmp_path / "model.gguf"
    model_file.write_bytes(b"GGUF")
    events = tmp_path / "events.txt"
    monkeypatch.setenv("FAKE_MODEL_EVENTS", str(events))
    monkeypatch.setenv("FAKE_MODEL_REPLY", REPLY)
    monkeypatch.setenv("FAKE_MODEL_DELAY", "0.02")
    llm = settings.with_(answer_mode="llm", llm_model_path=model_file,
                         llm_server_command=f"{sys.executable} {FAKE}", llm_start_seconds=20.0,
                         llm_timeout_seconds=5.0, llm_wait_seconds=20.0)
    yield llm, events
    stop_all()


def started_pids(events: Path) -> list[int]:
    if not events.exists():
        return []
    return [int(line.split()[1]) for line in events.read_text().splitlines() if line.startswith("start ")]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("code, expected", [
    (-signal.SIGILL, "de processor kent een instructie van het taalmodel niet (SIGILL)"),
    (-signal.SIGKILL, "het proces van het taalmodel werd gestopt (SIGKILL"),
    (-signal.SIGSEGV, "het proces van het taalmodel stopte door SIGSEGV"),
    (1, "het proces van het taalmodel stopte met code 1: OSError: bestand kapot"),
])
def test_exit_reasons_are_dutch_and_name_the_cause(code, expected):
    assert exit_reason(code, "laden ...\nOSError: bestand kapot\n").startswith(expected)


def test_status_says_not_installed_without_a_model_file(settings, tmp_path):
    server = ModelServer(settings.with_(llm_model_path=tmp_path / "bestaat-niet.gguf",
                                        llm_server_command=f"{sys.executable} {FAKE}"))
    assert server.status().state == NOT_INSTALLED
    assert server.probe().state == NOT_INSTALLED


def test_nothing_claims_the_model_works_before_it_answered(fake_model):
    llm, events = fake_model
    server = shared_server(llm)
    assert not server.status().works
    server.ensure()  # the process listens, but has not answered yet
    assert server.status().state != WORKS
    status = server.probe()
    assert status.state == WORKS and status.seconds is not None
    assert status.text().startswith("werkt (testantwoord in ")


def test_answers_come_from_the_model_process(fake_model):
    llm, events = fake_model
    answer = Assistant(llm).ask(QUESTION)
    assert answer.mode == "llm" and not answer.refused and answer.notices == []
    assert answer.citations[0].quote.endswith("Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen.")
    assert len(started_pids(events)) == 1


def test_a_model_that_cannot_start_gives_extractive_answers_at_once(fake_model, monkeypatch):
    llm, events = fake_model
    monkeypatch.setenv("FAKE_MODEL_MODE", "sigill")
    started = time.monotonic()
    status = shared_server(llm).probe()
    assert status.state == FAILS and "SIGILL" in status.reason
    assert status.text().startswith("start niet (de processor kent een instructie")
    assistant = Assistant(llm)
    for _ in range(3):  # later questions do not wait for another start either
        answer = assistant.ask(QUESTION)
        assert answer.mode == "extractive" and not answer.refused
        assert answer.notices[-1].startswith("Let op: het lokale taalmodel is niet beschikbaar (")
    assert time.monotonic() - started < 15


def test_a_model_that_dies_on_its_first_answer_is_restarted(fake_model, monkeypatch):
    llm, events = fake_model
    monkeypatch.setenv("FAKE_MODEL_MODE", "sigill-on-answer")
    answer = Assistant(llm).ask(QUESTION)
    assert answer.mode == "extractive" and not answer.refused
    assert "SIGILL" in answer.notices[-1] or "stopte midden in het antwoord" in answer.notices[-1]
    assert wait_for(lambda: len(started_pids(events)) >= 2, 20), "the watcher did not start the model again"
    assert wait_for(lambda: shared_server(llm).status().state == FAILS, 20)


def unstarted_server(settings, tmp_path) -> ModelServer:
    """A server for the stand-in model that has not started a process yet."""
    model_file = tmp_path / "model.gguf"
    model_file.write_bytes(b"GGUF")
    return ModelServer(settings.with_(llm_model_path=model_file, llm_server_command=f"{sys.executable} {FAKE}"))


def test_a_process_that_breaks_a_request_off_while_dying_is_reported_with_its_cause(settings, tmp_path):
    """The connection closes a moment before the process can be reaped; the status must still
    name the signal, not just that the model did not reply."""
    server = unstarted_server(settings, tmp_path)
    dying = subprocess.Popen([sys.executable, "-c", "import os, signal, time; time.sleep(0.3); os.kill(os.getpid(), signal.SIGILL)"])
    server._process = dying
    try:
        server.failed_request(ConnectionResetError("verbinding verbroken"), dying)
        assert server.status().state == FAILS and "SIGILL" in server.status().reason
    finally:
        dying.kill()
        dying.wait()
        server.stop()


def test_a_replaced_process_that_breaks_a_request_off_is_left_alone_at_once(settings, tmp_path, monkeypatch):
    """The watcher already started another process: the old one's broken request neither waits
    for it to exit nor changes the status of the new one."""
    monkeypatch.setattr("assistant.model_server.DYING_WAIT_S", 60.0)
    server = unstarted_server(settings, tmp_path)
    old = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    before = server.status()
    try:
        started = time.monotonic()
        server.failed_request(ConnectionResetError("verbinding verbroken"), old)
        assert time.monotonic() - started < 10
        assert old.poll() is None and server.status() == before
    finally:
        old.kill()
        old.wait()
        server.stop()


def test_sigkill_in_the_middle_of_an_answer(fake_model, monkeypatch):
    llm, events = fake_model
    monkeypatch.setenv("FAKE_MODEL_DELAY", "0.3")  # ~3 s of streaming
    assistant = Assistant(llm)
    server = shared_server(llm)
    tokens: list[str] = []
    answers = []

    def ask():
        for event in assistant.stream(QUESTION):
            if event.kind == "token":
                tokens.append(event.text)
            elif event.kind == "done":
                answers.append(event.answer)

    worker = threading.Thread(target=ask)
    worker.start()
    assert wait_for(lambda: len(tokens) >= 2, 20), "the model never started answering"
    killed = server.pid
    os.kill(killed, signal.SIGKILL)
    worker.join(30)
    assert not worker.is_alive()
    answer = answers[0]
    assert answer.mode == "extractive" and not answer.refused and answer.citations
    assert answer.notices[-1].startswith("Let op: het lokale taalmodel is niet beschikbaar (")
    assert wait_for(lambda: server.pid not in (None, killed) and server.status().works, 60), "no restart within a minute"
    assert Assistant(llm).ask(QUESTION).mode == "llm"


def test_a_hung_model_times_out_and_is_replaced(fake_model, monkeypatch):
    llm, events = fake_model
    monkeypatch.setenv("FAKE_MODEL_MODE", "hang")
    llm = llm.with_(llm_timeout_seconds=1.0)
    started = time.monotonic()
    answer = Assistant(llm).ask(QUESTION)
    assert answer.mode == "extractive" and not answer.refused
    assert time.monotonic() - started < 15
    assert wait_for(lambda: len(started_pids(events)) >= 2, 20), "the hung process was not replaced"


def test_two_questions_at_once_wait_their_turn_and_never_mix(fake_model, monkeypatch):
    llm, events = fake_model
    monkeypatch.setenv("FAKE_MODEL_DELAY", "0.1")
    shared_server(llm).ensure()
    results: dict[int, tuple[list[str], list]] = {}

    def ask(n: int) -> None:
        tokens, notices = [], []
        for event in Assistant(llm).stream(QUESTION):
            if event.kind == "token":
                tokens.append(event.text)
            elif event.kind == "notice":
                notices.append(event.text)
            elif event.kind == "done":
                results[n] = ("".join(tokens), notices, event.answer)

    first = threading.Thread(target=ask, args=(1,))
    first.start()
    time.sleep(0.4)  # the first question has the model
    second = threading.Thread(target=ask, args=(2,))
    second.start()
    first.join(30)
    second.join(30)
    assert results[1][0] == REPLY and results[2][0] == REPLY  # each answer's own tokens, whole
    assert results[1][1] == []
    assert results[2][1] == ["Even geduld: een andere vraag gebruikt het taalmodel. Uw vraag wacht op het taalmodel."]
    assert results[1][2].mode == results[2][2].mode == "llm"


@pytest.mark.parametrize("mode, code, said", [
    ("ok", 0, "Lokaal taalmodel: werkt (testantwoord in "),
    ("sigill", 1, "Lokaal taalmodel: start niet (de processor kent een instructie van het taalmodel niet (SIGILL)"),
])
def test_model_status_command_reports_a_real_test_answer(fake_model, use_in_env, monkeypatch, capsys, mode, code, said):
    from assistant.cli import main

    llm, _ = fake_model
    use_in_env(llm)
    monkeypatch.setenv("ZORGASSISTENT_LLM_MODEL", str(llm.llm_model_path))
    monkeypatch.setenv("ZORGASSISTENT_LLM_SERVER", llm.llm_server_command)
    monkeypatch.setenv("FAKE_MODEL_MODE", mode)
    assert main(["model", "status"]) == code
    assert capsys.readouterr().out.startswith(said)


def test_the_background_check_then_loads_the_answer_path(fake_model, monkeypatch):
    from assistant.web.launch import check_model_in_background

    llm, events = fake_model
    loaded = []
    monkeypatch.setattr("assistant.answer.llm.preload", lambda: loaded.append(shared_server(llm).status().state))
    check_model_in_background(llm)
    assert wait_for(lambda: loaded, 20)
    assert loaded == [WORKS]  # after the model's test answer, once


def test_preload_imports_what_the_first_model_answer_needs():
    code = ("import sys; from assistant.answer.llm import preload; assert 'langchain_openai' not in sys.modules; "
            "preload(); print('langchain_openai' in sys.modules, 'tiktoken' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "True"]


def test_a_reply_that_breaks_off_is_a_connection_error():
    """The process dies while it sends its reply: the caller sees an OSError, as for a refused
    connection, not an http.client error that no handler expects."""
    import socket

    from assistant.model_process import http_post

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def half_reply() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 184\r\n\r\n{\"choi")
        conn.close()

    threading.Thread(target=half_reply, daemon=True).start()
    with pytest.raises(OSError):
        http_post(f"http://127.0.0.1:{listener.getsockname()[1]}/chat/completions", {"x": 1}, 5.0)
    listener.close()


def test_the_watcher_outlives_an_unexpected_error(settings, tmp_path):
    server = unstarted_server(settings, tmp_path)
    rounds = []

    def once() -> None:
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("onverwacht")
        server._stopped = True  # the second round ends the watching

    server._watch_once = once
    watcher = threading.Thread(target=server._watch, daemon=True)
    watcher.start()
    watcher.join(10)
    assert not watcher.is_alive() and len(rounds) == 2
