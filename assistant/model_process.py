"""What a local model process is: how it is started, the states it can be in, and why it stopped.

Pure facts and small helpers for `model_server.ModelServer` (which supervises the process): the
server command and its environment, whether the model and runtime are installed, a Dutch
reason for an exit code or signal, whether a request error was a time-out, the tail of the
process's log, plain HTTP to it on loopback, and `Turn` (one request at a time). Nothing here
starts or watches a process.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shlex
import signal
import socket
import sys
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import messages as msg
from .errors import BackendUnavailableError
from .settings import Settings

WORKS, NOT_INSTALLED, FAILS, STARTING, UNKNOWN = "werkt", "niet geïnstalleerd", "start niet", "start", "onbekend"


@dataclass(frozen=True)
class Status:
    state: str  # WORKS | NOT_INSTALLED | FAILS | STARTING | UNKNOWN
    reason: str = ""
    seconds: float | None = None  # how long the test answer took

    @property
    def works(self) -> bool:
        return self.state == WORKS

    def text(self) -> str:
        """Dutch, for the status line and `zorgassistent model status`.

        Example: Status("start niet", "proces stopte").text() == "start niet (proces stopte)"
        """
        if self.state == WORKS and self.seconds is not None:
            return msg.LLM_STATUS_WORKS.format(seconds=self.seconds)
        return f"{self.state} ({self.reason})" if self.reason else self.state


def exit_reason(returncode: int | None, log_tail: str = "") -> str:
    """A Dutch reason for a model process that stopped.

    Example: exit_reason(-4) starts with "de processor kent een instructie"
    """
    if returncode is not None and returncode < 0:
        number = -returncode
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else f"signaal {number}"
        if number == signal.SIGILL:
            return msg.LLM_SIGILL
        if number == signal.SIGKILL:
            return msg.LLM_KILLED
        return msg.LLM_SIGNAL.format(signal=name)
    last = next((line.strip() for line in reversed(log_tail.splitlines()) if line.strip()), "")
    return msg.LLM_EXITED.format(code=returncode, last=f": {last[:200]}" if last else "")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """The model process ends when the assistant ends, however the assistant ends. Linux sends
    this signal when the *thread* that started the child ends, so children are started from a
    thread that lives as long as the server object (`ModelServer._starter`)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    os.setsid()


def is_timeout(error: BaseException) -> bool:
    """Whether a request error (httpx, openai, urllib) was a time-out."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, TimeoutError) or "timeout" in type(error).__name__.lower():
            return True
        error = error.__cause__ or error.__context__
    return False



def not_installed_reason(settings: Settings) -> str:
    """"" when the model and its server can be started, else the Dutch reason why not."""
    from importlib.util import find_spec

    from .models import is_installed

    path = settings.local_llm_path
    if settings.llm_server_command:  # another server: it needs the model file, nothing more
        return "" if path.is_file() else msg.LLM_NOT_INSTALLED
    if find_spec("llama_cpp") is None:  # find_spec does not load the native library
        return msg.LLM_NO_RUNTIME
    if not (is_installed(path) or (settings.llm_model_path and path.is_file())):
        return msg.LLM_NOT_INSTALLED
    return ""


def server_command(settings: Settings, host: str, port: int) -> list[str]:
    """The command that starts the OpenAI-compatible model server on host:port."""
    s = settings
    base = shlex.split(s.llm_server_command) if s.llm_server_command else [sys.executable, "-m", "llama_cpp.server"]
    return base + [
        "--model", str(s.local_llm_path), "--host", host, "--port", str(port),
        "--n_ctx", "2048", "--n_threads", str(s.llm_threads), "--n_batch", "512",
        "--interrupt_requests", "False", "--model_alias", "lokaal",
    ]


def server_environment() -> dict[str, str]:
    """The model process's environment. OpenMP threads that spin while they wait starve when the
    app (or anything else) needs a core too: measured 0.3 instead of 5.6 tokens/s on 2 busy
    cores. Passive threads sleep."""
    return {"OMP_WAIT_POLICY": "PASSIVE", **os.environ, "PYTHONUNBUFFERED": "1"}


def log_tail(path: Path, size: int = 4000) -> str:
    """The last `size` bytes of a log file as text ("" when it cannot be read)."""
    try:
        with path.open("rb") as log:
            log.seek(max(0, log.seek(0, 2) - size))
            return log.read().decode("utf-8", "replace")
    except OSError:
        return ""


def http_ok(url: str, timeout: float) -> bool:
    """Whether a GET of `url` (the model server on loopback) answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status == 200
    except (OSError, ValueError, http.client.HTTPException):
        return False


def http_post(url: str, body: dict, timeout: float) -> dict:
    """POST `body` as JSON to `url` and return the JSON reply. A reply that breaks off (the process
    died while sending it: `http.client.IncompleteRead`, a bad status line) is a connection error,
    an `OSError` like a refused connection, so that callers handle both the same way."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
            return json.loads(response.read())
    except http.client.HTTPException as error:
        raise ConnectionError(f"antwoord afgebroken: {type(error).__name__}") from error


class Turn:
    """One request at a time to the model process: a second one waits its turn."""

    def __init__(self) -> None:
        self._lock = threading.Semaphore(1)

    @contextlib.contextmanager
    def hold(self, wait: float) -> Iterator[bool]:
        """Hold the model for one request; yields whether it had to wait. Raises
        BackendUnavailableError when it stays busy longer than `wait` seconds."""
        waited = not self._lock.acquire(blocking=False)
        if waited and not self._lock.acquire(timeout=wait):
            raise BackendUnavailableError(msg.LLM_BUSY)
        try:
            yield waited
        finally:
            self._lock.release()

    def busy(self) -> bool:
        if self._lock.acquire(blocking=False):
            self._lock.release()
            return False
        return True
