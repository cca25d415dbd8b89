"""The web app survives its model: the app and its model server run as real processes; the
model server is killed with SIGKILL in the middle of an answer asked over the app's HTTP API.
The answer still arrives (from the passages, with a notice), the app still serves, and the model
server is back within a minute. Once with the stand-in server (tests/fixtures/fake_model_server.py,
same API, streams slowly and logs what it does), once with the real model."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.models import is_installed
from assistant.settings import Settings

pytestmark = pytest.mark.slow
FAKE = Path(__file__).parent / "fixtures" / "fake_model_server.py"
REPLY = ("Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen [1]. "
         "Dat is de beweging Thuis als het kan en zo gaat het verder met nog wat woorden om tijd te winnen [1].")
QUESTION = "Wat houdt de beweging Thuis als het kan in?"
UNAVAILABLE = "Let op: het lokale taalmodel is niet beschikbaar"
WRITING = "Het antwoord wordt gemaakt"
CURSOR = " ▌"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def model_pids(log: Path, what: str) -> list[int]:
    """Pids the app logged for its model processes: `what` is "gestart" or "werkt"."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return [int(pid) for pid in re.findall(rf"taalmodel {what} \(pid (\d+)", text)]


@pytest.fixture(params=["stand-in", "echt"])
def app(request, tmp_path, corpus):
    data = tmp_path / "data"
    port = free_port()
    env = {**os.environ, "ZORGASSISTENT_DATA": str(data), "ZORGASSISTENT_CORPUS": str(corpus),
           "ZORGASSISTENT_EMBEDDING": "fake", "ZORGASSISTENT_ANSWER_MODE": "llm", "ZORGASSISTENT_PORT": str(port)}
    if request.param == "stand-in":
        model_file = tmp_path / "model.gguf"
        model_file.write_bytes(b"GGUF")
        env.update({"ZORGASSISTENT_LLM_MODEL": str(model_file), "ZORGASSISTENT_LLM_SERVER": f"{sys.executable} {FAKE}",
                    "FAKE_MODEL_REPLY": REPLY, "FAKE_MODEL_DELAY": "0.25"})
    else:
        model = Settings.from_env().local_llm_path
        if not is_installed(model):
            pytest.fail(f"Het lokale taalmodel ontbreekt ({model}); `make install` zet het klaar.")
        env["ZORGASSISTENT_LLM_MODEL"] = str(model)
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    log = tmp_path / "app.log"
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve"], env=env, stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            return urllib.request.urlopen(url, timeout=2).status == 200
        except OSError:
            return False

    if not wait_for(up, 240):  # importing gradio alone takes ~10 s on 2 busy cores
        process.kill()
        pytest.fail("De webapp startte niet: " + log.read_text())
    yield {"url": url, "log": log, "process": process, "kind": request.param}
    process.terminate()
    process.wait(timeout=30)


def writing(job) -> bool:
    """Whether the answer streams the model's words: not the placeholder, not a notice."""
    outputs = job.outputs()
    if not outputs:
        return False
    content = outputs[-1][0][-1]["content"]
    text = content if isinstance(content, str) else " ".join(str(part.get("text", "")) for part in content)
    return text.endswith(CURSOR) and not text.startswith(("*", WRITING))


def final_text(job) -> str:
    content = job.result(timeout=300)[0][-1]["content"]
    return content if isinstance(content, str) else str(content)


def test_killing_the_model_mid_answer_does_not_take_the_app_down(app):
    from gradio_client import Client

    log = app["log"]
    assert wait_for(lambda: model_pids(log, "werkt"), 180), "the status check never got an answer: " + log.read_text()
    client = Client(app["url"], verbose=False)
    job = client.submit(QUESTION, [], "llm", [], [], api_name="/respond")
    # Killed once the model is writing: the first question of a process can take seconds to
    # reach the model (imports on 2 busy cores); a kill before that is a restart, not a crash.
    assert wait_for(lambda: writing(job), 180), "the model never started its answer: " + log.read_text()
    killed = model_pids(log, "gestart")[-1]
    assert not job.done(), "the answer was complete before the model could be killed"
    os.kill(killed, signal.SIGKILL)

    text = final_text(job)
    assert UNAVAILABLE in text
    assert "Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen." in text  # from the passages
    assert app["process"].poll() is None

    other = final_text(client.submit(QUESTION, [], "extractive", [], [], api_name="/respond"))
    assert "Mensen met een Wlz indicatie" in other and "Let op" not in other

    assert wait_for(lambda: [p for p in model_pids(log, "werkt") if p != killed], 60), "no model server within a minute"
    again = final_text(client.submit(QUESTION, [], "llm", [], [], api_name="/respond"))
    assert UNAVAILABLE not in again and again.strip()
    if app["kind"] == "stand-in":  # the real model words its answer itself
        assert "Mensen met een Wlz indicatie" in again
