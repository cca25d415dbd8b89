"""The OpenAI-compatible backend against a small local server that speaks the chat API
(streaming server-sent events), and the fallback when an endpoint is down."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.index import open_index
from assistant.service import Assistant
from ingest.pipeline import ingest

REPLY = "Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen [1]."


class ChatHandler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ChatHandler.requests.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for i, word in enumerate(REPLY.split(" ")):
            piece = word if i == 0 else " " + word
            event = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                     "choices": [{"index": 0, "delta": {"role": "assistant", "content": piece}, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
        done = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())


@pytest.fixture
def endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), ChatHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_openai_compatible_backend_streams_and_is_verified(settings, endpoint):
    ingest(open_index(settings), warn=lambda m: None)
    assistant = Assistant(settings.with_(answer_mode="openai", openai_url=endpoint, openai_model="groot-model"))
    assert assistant.notices() == []
    events = list(assistant.stream("Wat houdt de beweging Thuis als het kan in?"))
    tokens = [e.text for e in events if e.kind == "token"]
    assert len(tokens) > 3 and "".join(tokens) == REPLY
    answer = events[-1].answer
    assert answer.mode == "openai" and not answer.refused
    assert answer.citations[0].quote.endswith("Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen.")
    request = ChatHandler.requests[-1]
    assert request["model"] == "groot-model"
    assert request["messages"][0]["role"] == "system" and "Beantwoord met de fragmenten hierboven" in request["messages"][1]["content"]


def test_unconfigured_or_unreachable_remote_falls_back(settings):
    ingest(open_index(settings), warn=lambda m: None)
    missing = Assistant(settings.with_(answer_mode="ollama"))
    assert missing.notices() == ["Let op: ollama is niet beschikbaar (stel ZORGASSISTENT_OLLAMA_MODEL in). Ik antwoord zonder taalmodel."]
    down = Assistant(settings.with_(answer_mode="openai", openai_url="http://127.0.0.1:9/v1", openai_model="m"))
    answer = down.ask("Wat houdt de beweging Thuis als het kan in?")
    assert answer.mode == "extractive" and not answer.refused
    assert answer.notices[-1].startswith("Let op: openai is niet beschikbaar (")
