"""Settings: the one place where the environment is read.

Everything else receives a `Settings` (or plain keyword arguments). `Settings.from_env()` is
called by the entry points (CLI, web app); tests build `Settings(...)` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """The user's data folder for the index, outside the git tree."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("zorgassistent", appauthor=False))


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    # Embedding models: "e5" (default), "use", "st:/path/to/model", "fake".
    embedding: str = "e5"
    # A second dense model fused in by RRF; "" switches it off.
    second_embedding: str = ""
    # Answer backend: "extractive" (default: measured as good as the local model, 250x faster),
    # "llm" (local GGUF in its own server process), "openai", "ollama".
    answer_mode: str = "extractive"
    llm_model_path: Path | None = None
    llm_threads: int = 2
    # The local model's server process: "" runs `python -m llama_cpp.server`; another command
    # (shell words) gets the same arguments. Port 0 picks a free loopback port.
    llm_server_command: str = ""
    llm_port: int = 0
    llm_start_seconds: float = 120.0  # loading the model
    llm_timeout_seconds: float = 60.0  # silence from the model before a request counts as hung
    llm_wait_seconds: float = 90.0  # how long a question waits while another one has the model
    llm_max_restarts: int = 5  # automatic restarts in a row after short lives; a question still retries
    # Token budget of the passages in the LLM prompt (about 85 prompt tokens/s on 2 cores).
    llm_context_tokens: int = 420
    openai_url: str = ""
    openai_model: str = ""
    openai_api_key: str = ""
    ollama_url: str = "http://127.0.0.1:11434"
    ollama_model: str = ""
    # Chroma over HTTP instead of the embedded store, e.g. http://127.0.0.1:8000
    chroma_url: str = ""
    # Retrieval.
    top_k: int = 10
    candidates: int = 40
    # Ingestion limits.
    max_file_mb: float = 50.0
    # Texts embedded together across documents: small pages alone leave the embedding batches
    # half empty; 1 writes document by document (progress per document, slower).
    ingest_group_texts: int = 512
    # Web app.
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str = ""
    auth_password: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from `ZORGASSISTENT_*` variables; keyword overrides win.

        Example: Settings.from_env({"ZORGASSISTENT_DATA": "/tmp/x"}).data_dir == Path("/tmp/x")
        """
        env = dict(os.environ if env is None else env)
        get = lambda name, default="": env.get(f"ZORGASSISTENT_{name}", default).strip()  # noqa: E731
        values: dict[str, object] = {}
        if get("DATA"):
            values["data_dir"] = Path(get("DATA")).expanduser()
        if get("CORPUS"):
            values["corpus_dir"] = Path(get("CORPUS")).expanduser()
        for name, key in [
            ("EMBEDDING", "embedding"),
            ("ANSWER_MODE", "answer_mode"),
            ("OPENAI_URL", "openai_url"),
            ("OPENAI_MODEL", "openai_model"),
            ("OLLAMA_URL", "ollama_url"),
            ("OLLAMA_MODEL", "ollama_model"),
            ("HOST", "host"),
            ("AUTH_USER", "auth_user"),
            ("AUTH_PASSWORD", "auth_password"),
            ("LLM_SERVER", "llm_server_command"),
        ]:
            if get(name):
                values[key] = get(name)
        if "ZORGASSISTENT_SECOND_EMBEDDING" in env:
            values["second_embedding"] = get("SECOND_EMBEDDING")
        if get("LLM_MODEL"):
            values["llm_model_path"] = Path(get("LLM_MODEL")).expanduser()
        if env.get("OPENAI_API_KEY"):
            values["openai_api_key"] = env["OPENAI_API_KEY"]
        if env.get("CHROMA_URL") or get("CHROMA_URL"):
            values["chroma_url"] = get("CHROMA_URL") or env["CHROMA_URL"]
        for name, key, kind in [
            ("TOP_K", "top_k", int),
            ("PORT", "port", int),
            ("LLM_THREADS", "llm_threads", int),
            ("MAX_FILE_MB", "max_file_mb", float),
            ("INGEST_GROUP", "ingest_group_texts", int),
            ("LLM_TIMEOUT", "llm_timeout_seconds", float),
        ]:
            if get(name):
                values[key] = kind(get(name))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def model_dir(self) -> Path:
        """Models live in the user's data folder, shared by every index (ZORGASSISTENT_DATA)."""
        return default_data_dir() / "models"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def local_llm_path(self) -> Path:
        return self.llm_model_path or self.model_dir / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
