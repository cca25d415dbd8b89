"""LLM answer backends through LangChain chat models: local GGUF (llama-cpp), any
OpenAI-compatible endpoint, and Ollama. Same prompts, same verification for all.

The prompt is kept small: the best passages are cut down to their most relevant sentences
(verbatim) within a token budget counted with tiktoken. The model only drafts; the service
verifies every citation and decides refusals on evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import messages as msg
from ..errors import BackendUnavailableError
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


class ChatGenerator:
    """Wraps a LangChain `BaseChatModel`; `[n]` in the output refers to `hits[n-1]`."""

    def __init__(self, chat_model, name: str, budget_tokens: int = 600, weights_for=None) -> None:
        self.chat_model = chat_model
        self.name = name
        self.budget_tokens = budget_tokens
        self._weights_for = weights_for or (lambda terms: {})

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
        for chunk in self.chat_model.stream(self.messages(question, hits, english)):
            text = chunk.content if isinstance(chunk.content, str) else ""
            if text:
                yield text


def local_chat_model(settings: Settings):
    from ..models import is_installed

    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailableError(msg.LLM_NOT_INSTALLED) from exc
    path = settings.local_llm_path
    if not is_installed(path) and not (settings.llm_model_path and path.is_file()):
        raise BackendUnavailableError(msg.LLM_NOT_INSTALLED)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from langchain_community.chat_models import ChatLlamaCpp

    return ChatLlamaCpp(
        model_path=str(path), n_ctx=2048, n_threads=settings.llm_threads, n_batch=512,
        max_tokens=220, temperature=0.1, top_p=0.9, repeat_penalty=1.1, streaming=True, verbose=False,
        stop=STOP,
    )


def make_chat_generator(settings: Settings, mode: str, weights_for=None) -> ChatGenerator:
    """Factory keyed by mode; raises BackendUnavailableError with a Dutch reason."""
    match mode:
        case "llm":
            model = local_chat_model(settings)
        case "openai":
            if not (settings.openai_url and settings.openai_model):
                raise BackendUnavailableError("stel ZORGASSISTENT_OPENAI_URL en ZORGASSISTENT_OPENAI_MODEL in")
            try:
                from langchain_openai import ChatOpenAI
            except ImportError as exc:
                raise BackendUnavailableError("pip install langchain-openai") from exc
            model = ChatOpenAI(base_url=settings.openai_url, model=settings.openai_model,
                               api_key=settings.openai_api_key or "niet-nodig", temperature=0.1,
                               max_tokens=300, timeout=60, max_retries=0, streaming=True)
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
    return ChatGenerator(model, mode, budget_tokens=settings.llm_context_tokens, weights_for=weights_for)
