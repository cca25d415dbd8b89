"""A bounded load test of the web app on loopback: simulated users ask through the app's HTTP
API (Gradio's, the same calls the page makes) for a fixed time, some in LLM mode.

It prints per mode how many questions were asked, errors, lost answers (no answer text, or the
generic failure message) and latency p50/p95. Bounded in time and count, loopback only; it
starts the app itself (in its own process, with its own data folder) unless given a URL.
Not a timed test: the numbers are printed, `make test` does not assert them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

MAX_QUESTIONS_PER_USER = 500  # a bound besides the time
FAILURE_TEXTS = ("Er ging iets mis",)


@dataclass
class Outcome:
    mode: str
    seconds: float
    ok: bool
    error: str = ""
    notice: bool = False  # the answer carries a notice (e.g. answered without the model)


@dataclass
class LoadResult:
    users: int
    llm_users: int
    seconds: float
    outcomes: list[Outcome] = field(default_factory=list)

    def table(self) -> str:
        """Per mode: asked, errors, lost, p50 and p95 in ms."""
        from .metrics import percentile

        by_mode: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by_mode[outcome.mode].append(outcome)
        lines = [f"Belasting: {self.users} gebruikers extractief + {self.llm_users} met taalmodel, {self.seconds:.0f} s",
                 f"{'modus':<12}{'vragen':>8}{'fouten':>8}{'verloren':>10}{'met melding':>13}{'p50 ms':>10}{'p95 ms':>10}"]
        for mode, outcomes in sorted(by_mode.items()):
            times = [o.seconds * 1000 for o in outcomes if o.ok]
            lines.append(f"{mode:<12}{len(outcomes):>8}{sum(bool(o.error) for o in outcomes):>8}"
                         f"{sum(not o.ok and not o.error for o in outcomes):>10}{sum(o.notice for o in outcomes):>13}"
                         f"{percentile(times, 50) if times else float('nan'):>10.0f}"
                         f"{percentile(times, 95) if times else float('nan'):>10.0f}")
        return "\n".join(lines)


def message_text(message: dict) -> str:
    """The text of a chat message as Gradio's client returns it: a string, or a list of parts.

    Example: message_text({"content": [{"type": "text", "text": "a"}]}) == "a"
    """
    content = message.get("content", "")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def questions(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if r.get("answerable") and not r.get("history")]


def _user(url: str, mode: str, asked: list[str], deadline: float, out: list[Outcome], lock: threading.Lock,
          offset: int) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as error:  # noqa: BLE001 - counted, never raised: one user failing is a result
        with lock:
            out.append(Outcome(mode, 0.0, False, f"verbinden: {type(error).__name__}"))
        return
    for n in range(MAX_QUESTIONS_PER_USER):
        if time.monotonic() >= deadline:
            return
        question = asked[(offset + n) % len(asked)]
        started = time.perf_counter()
        try:
            chat = client.predict(question, [], mode, [], [], api_name="/respond")[0]
            text = message_text(chat[-1]) if chat else ""
            ok = bool(text.strip()) and not text.startswith(FAILURE_TEXTS)
            outcome = Outcome(mode, time.perf_counter() - started, ok, notice="Let op" in text[:40])
        except Exception as error:  # noqa: BLE001
            outcome = Outcome(mode, time.perf_counter() - started, False, type(error).__name__)
        with lock:
            out.append(outcome)


def run_load(url: str, asked: list[str], users: int = 20, llm_users: int = 1, seconds: float = 60.0) -> LoadResult:
    deadline = time.monotonic() + seconds
    result = LoadResult(users, llm_users, seconds)
    lock = threading.Lock()
    threads = [threading.Thread(target=_user, args=(url, "extractive", asked, deadline, result.outcomes, lock, i * 7))
               for i in range(users)]
    threads += [threading.Thread(target=_user, args=(url, "llm", asked, deadline, result.outcomes, lock, 3 + i))
                for i in range(llm_users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)  # a question asked just before the deadline may still be answered
    return result


def start_app(data_dir: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """The app in its own process (as `make run` starts it), on loopback; ingests if needed."""
    env = {**os.environ, **(env or {}), "ZORGASSISTENT_DATA": str(data_dir), "ZORGASSISTENT_PORT": str(port),
           "ZORGASSISTENT_HOST": "127.0.0.1", "ZORGASSISTENT_ANSWER_MODE": "llm"}
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / "load-app.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve"], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(240):
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("De webapp startte niet; zie " + str(data_dir / "load-app.log"))


def wait_for_model(url: str, question: str, seconds: float = 300.0) -> bool:
    """Ask in LLM mode until an answer comes from the model (no "Let op" notice): the app starts
    its model process in the background, so the first questions may be answered without it."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        chat = client.predict(question, [], "llm", [], [], api_name="/respond")[0]
        if not message_text(chat[-1]).lstrip("_* ").startswith("Let op"):
            return True
        time.sleep(3)
    return False


def main(data_dir: Path, questions_path: Path, users: int, seconds: float, url: str = "") -> str:
    """Start the app (unless `url`), warm the model up, run the load, stop the app; the table."""
    from assistant.model_process import free_port

    asked = questions(questions_path)
    process = None
    if not url:
        port = free_port()
        process = start_app(data_dir, port)
        url = f"http://127.0.0.1:{port}/"
    try:
        warm = wait_for_model(url, asked[0])
        result = run_load(url, asked, users=users, llm_users=1, seconds=seconds)
    finally:
        if process is not None:
            process.terminate()
            process.wait(30)
    note = "" if warm else "\nLet op: het taalmodel gaf vooraf geen antwoord; LLM-vragen kregen het extractieve antwoord."
    return result.table() + note
