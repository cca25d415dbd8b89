"""LLM answer backends through LangChain chat models: the local GGUF model (in its own
server process, `model_server.py`), any OpenAI-compatible endpoint, and Ollama. The local
model and remote endpoints share one seam: LangChain's `ChatOpenAI`. Same prompts, same
verification for all.

The prompt is kept small: the best passages are cut down to their most relevant sentences
(verbatim) within a token budget counted with tiktoken. The model only drafts; the service
verifies every citation and decides refusals on evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import messages as msg
from ..errors import BackendUnavailableError, ZorgError
from ..records import Hit
from ..settings import Settings
from ..tokens import count_tokens
from . import prompts
from .extractive import focused_passages

CHAT_MODES = ("llm", "openai", "ollama")
# The small model tends to go on by echoing the prompt; these end the answer.
STOP = ["Bronfragment", "Kort antwoord met", "Beantwoord met de fragmenten", "\nVraag:", "Source fragment",
        "\nQuestion:", "\n\n\n"]
PASSAGES = 3
BACKEND_LABELS = {"llm": "het lokale taalmodel"}


class Notice(str):
    """A piece of a generator's output that is a message for the user, not answer text."""


def text_only(pieces: Iterable[str]) -> str:
    """The answer text of a generator's output, without its notices.

    Example: text_only(["a", Notice("wacht"), "b"]) == "ab"
    """
    return "".join(p for p in pieces if not isinstance(p, Notice))


def fallback_notice(mode: str, error: BaseException) -> str:
    """The Dutch notice for an answer given without the chosen model.

    Example: fallback_notice("openai", ConnectionError()) ==
        "Let op: openai is niet beschikbaar (ConnectionError). Ik antwoord zonder taalmodel."
    """
    if isinstance(error, ZorgError):
        reason = str(error)
    else:
        reason = msg.LLM_BROKE_OFF if mode == "llm" else type(error).__name__
    return msg.BACKEND_FALLBACK.format(backend=BACKEND_LABELS.get(mode, mode), reason=reason)


class ChatGenerator:
    """Wraps a LangChain `BaseChatModel`; `[n]` in the output refers to `hits[n-1]`.

    With a `server` (the local model's process), each answer first takes the model's turn:
    a question that has to wait yields a `Notice` first; a broken request is reported to the
    server, which kills a hung process so it is restarted."""

    def __init__(self, chat_model, name: str, budget_tokens: int = 600, weights_for=None, server=None,
                 wait_seconds: float = 90.0) -> None:
        self.chat_model = chat_model
        self.name = name
        self.budget_tokens = budget_tokens
        self._weights_for = weights_for or (lambda terms: {})
        self.server = server
        self.wait_seconds = wait_seconds

    def messages(self, question: str, hits: list[Hit], english: bool = False):
        from langchain_core.messages import HumanMessage, SystemMessage

        from ..keyword_index import tokenize

        weights = self._weights_for(tokenize(question))
        blocks = []
        for n, text in focused_passages(question, hits[:PASSAGES], weights, self.budget_tokens, count_tokens).items():
            hit = hits[n - 1]
            title = hit.chunk.title if not hit.chunk.heading or hit.chunk.heading == hit.chunk.title else f"{hit.chunk.title} — {hit.chunk.heading}"
            blocks.append(prompts.PASSAGE.format(n=n, title=title, text=text))
        user = (prompts.USER_EN if english else prompts.USER).format(passages="\n\n".join(blocks), question=question)
        return [SystemMessage(prompts.SYSTEM_EN if english else prompts.SYSTEM), HumanMessage(user)]

    def generate(self, question: str, hits: list[Hit], english: bool = False) -> Iterator[str]:
        if self.server is None:
            yield from self._stream(question, hits, english)
            return
        if self.server.busy():
            yield Notice(msg.LLM_WAITING)
        with self.server.turn(wait=self.wait_seconds):
            process = self.server.ensure()
            try:
                finished = yield from self._stream(question, hits, english)
                if not finished:  # the connection closed before the model said it was done
                    raise BackendUnavailableError(msg.LLM_BROKE_OFF)
            except Exception as error:
                self.server.failed_request(error, process)
                raise
        self.server.mark_working()

    def _stream(self, question: str, hits: list[Hit], english: bool) -> Iterator[str]:
        """Yield the text pieces; return whether the stream ended with a finish reason."""
        finished = False
        for chunk in self.chat_model.stream(self.messages(question, hits, english)):
            finished = finished or bool(getattr(chunk, "response_metadata", {}).get("finish_reason"))
            text = chunk.content if isinstance(chunk.content, str) else ""
            if text:
                yield text
        return finished


def preload() -> None:
    """Import what the first model answer of a process needs (LangChain's OpenAI client, the
    tokenizer; ~2.6 s on 2 cores), so that the web app does it while nobody waits."""
    try:
        import langchain_openai  # noqa: F401
    except ImportError:  # reported as the backend's reason when a question needs it
        return
    count_tokens("")


def openai_chat_model(base_url: str, model: str, api_key: str = "", timeout: float = 60.0, max_tokens: int = 300,
                      **extra):
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise BackendUnavailableError("pip install langchain-openai") from exc
    return ChatOpenAI(base_url=base_url, model=model, api_key=api_key or "niet-nodig", temperature=0.1,
                      max_tokens=max_tokens, timeout=timeout, max_retries=0, streaming=True, **extra)


def make_chat_generator(settings: Settings, mode: str, weights_for=None) -> ChatGenerator:
    """Factory keyed by mode; raises BackendUnavailableError with a Dutch reason."""
    server = None
    match mode:
        case "llm":
            from ..model_server import shared_server

            server = shared_server(settings)
            if reason := server.installed():
                raise BackendUnavailableError(reason)
            # The process is started on the first question (or by the status check), not here.
            model = openai_chat_model(server.url, "lokaal", timeout=settings.llm_timeout_seconds, max_tokens=220,
                                      stop=STOP, top_p=0.9, extra_body={"repeat_penalty": 1.1})
        case "openai":
            if not (settings.openai_url and settings.openai_model):
                raise BackendUnavailableError("stel ZORGASSISTENT_OPENAI_URL en ZORGASSISTENT_OPENAI_MODEL in")
            model = openai_chat_model(settings.openai_url, settings.openai_model, settings.openai_api_key)
        case "ollama":
            if not settings.ollama_model:
                raise BackendUnavailableError("stel ZORGASSISTENT_OLLAMA_MODEL in")
            try:
                from langchain_ollama import ChatOllama
            except ImportError as exc:
                raise BackendUnavailableError("pip install langchain-ollama") from exc
            model = ChatOllama(base_url=settings.ollama_url, model=settings.ollama_model, temperature=0.1, num_predict=300)
        case _:
            raise ValueError(msg.UNKNOWN_OPTION.format(value=mode, what="antwoordmodus",
                                                       options=", ".join(("extractive", *CHAT_MODES))))
    return ChatGenerator(model, mode, budget_tokens=settings.llm_context_tokens, weights_for=weights_for,
                         server=server, wait_seconds=settings.llm_wait_seconds)
