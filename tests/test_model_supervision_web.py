"""The web app survives its model: the app and a model server (the stand-in, which speaks the
same API) run as real processes; the model server is killed with SIGKILL in the middle of an
answer, asked over the app's HTTP API. The answer still arrives, the app still serves, and the
model server is back within a minute."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
FAKE = Path(__file__).parent / "fixtures" / "fake_model_server.py"
REPLY = ("Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen [1]. "
         "Dat is de beweging Thuis als het kan en zo gaat het verder met nog wat woorden om tijd te winnen [1].")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def events(path: Path, kind: str) -> list[int]:
    if not path.exists():
        return []
    return [int(line.split()[1]) for line in path.read_text().splitlines() if line.startswith(kind + " ")]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.fixture
def app(tmp_path, corpus):
    data = tmp_path / "data"
    model_file = tmp_path / "model.gguf"
    model_file.write_bytes(b"GGUF")
    log_events = tmp_path / "events.txt"
    port = free_port()
    env = {**os.environ, "ZORGASSISTENT_DATA": str(data), "ZORGASSISTENT_CORPUS": str(corpus),
           "ZORGASSISTENT_EMBEDDING": "fake", "ZORGASSISTENT_ANSWER_MODE": "llm", "ZORGASSISTENT_PORT": str(port),
           "ZORGASSISTENT_LLM_MODEL": str(model_file), "ZORGASSISTENT_LLM_SERVER": f"{sys.executable} {FAKE}",
           "FAKE_MODEL_EVENTS": str(log_events), "FAKE_MODEL_REPLY": REPLY, "FAKE_MODEL_DELAY": "0.25"}
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    log = (tmp_path / "app.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve"], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            return urllib.request.urlopen(url, timeout=2).status == 200
        except OSError:
            return False

    if not wait_for(up, 240):  # importing gradio alone takes ~10 s on 2 busy cores
        process.kill()
        pytest.fail("De webapp startte niet: " + (tmp_path / "app.log").read_text())
    yield {"url": url, "events": log_events, "process": process}
    process.terminate()
    process.wait(timeout=20)
    for pid in set(events(log_events, "start")):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def ask(client, question: str, mode: str):
    from gradio_client import Client  # noqa: F401 - the client comes with gradio

    return client.submit(question, [], mode, [], [], api_name="/respond")


def final_text(job) -> str:
    chat = job.result(timeout=90)[0]
    return chat[-1]["content"] if isinstance(chat[-1]["content"], str) else str(chat[-1]["content"])


def test_killing_the_model_mid_answer_does_not_take_the_app_down(app):
    from gradio_client import Client

    assert wait_for(lambda: len(events(app["events"], "request")) >= 1, 60), "the status check never asked the model"
    client = Client(app["url"], verbose=False)
    job = ask(client, "Wat houdt de beweging Thuis als het kan in?", "llm")
    assert wait_for(lambda: len(events(app["events"], "request")) >= 2, 30), "the question never reached the model"
    time.sleep(1.0)  # mid-answer: the stand-in streams for about 7 s
    killed = events(app["events"], "request")[-1]
    os.kill(killed, signal.SIGKILL)

    text = final_text(job)
    assert "Let op: het lokale taalmodel is niet beschikbaar" in text
    assert "Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen." in text  # answered from the passages
    assert app["process"].poll() is None

    other = final_text(ask(client, "Wat houdt de beweging Thuis als het kan in?", "extractive"))
    assert "Mensen met een Wlz indicatie" in other and "Let op" not in other

    assert wait_for(lambda: [p for p in events(app["events"], "start") if p != killed], 60), "no model server within a minute"
    again = final_text(ask(client, "Wat houdt de beweging Thuis als het kan in?", "llm"))
    assert "Let op" not in again and "Mensen met een Wlz indicatie" in again
