"""The local language model in its own process: start, watch, restart, and an honest status.

llama.cpp is native code; on a host whose CPU (or virtual machine) lacks an instruction it was
built for, it dies with SIGILL, and a model can run out of memory or hang. So it never runs
inside the assistant: `ModelServer` starts llama-cpp-python's OpenAI-compatible server
(`python -m llama_cpp.server`) on loopback, and the assistant talks to it through the same
OpenAI-compatible chat backend as any remote model. When the process dies, a watcher thread
starts it again with back-off (1 s, 2 s, 4 s, ... at most `MAX_BACKOFF_S`); questions asked in the
meantime are answered without the model (the service's fallback). One question at a time is
sent to the model (`turn()`): a second one waits and is told so, or is answered without it.

The status is only "werkt" after the model answered a short test prompt in that process.
The process's own facts (command, states, exit reasons) are in `model_process.py`.
Deliberately not done here: prompts, verification (the answer chain), assembling the model file
(`models.py`).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import messages as msg
from .errors import BackendUnavailableError
from .model_process import (
    FAILS,
    NOT_INSTALLED,
    STARTING,
    UNKNOWN,
    WORKS,
    Status,
    Turn,
    die_with_parent,
    exit_reason,
    free_port,
    http_ok,
    http_post,
    is_timeout,
    log_tail,
    not_installed_reason,
    server_command,
    server_environment,
)
from .settings import Settings

MAX_BACKOFF_S = 30.0
HEALTHY_AFTER_S = 60.0  # a process that lived this long resets the back-off
DYING_WAIT_S = 1.0  # how long a process that broke a request off may take to exit
PROBE_PROMPT = "Antwoord met één woord: ja."
logger = logging.getLogger("zorgassistent.taalmodel")


class ModelServer:
    """One supervised model process. Thread-safe; `ensure()` starts it on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.host = "127.0.0.1"
        self.port = settings.llm_port or free_port()
        self._process: subprocess.Popen | None = None
        self._lock = threading.RLock()
        self._turn = Turn()
        self._status = Status(UNKNOWN)
        self._started_at = 0.0
        self._backoff = 1.0
        self._next_start = 0.0
        self._failures = 0  # failures in a row, each after a short life
        self._watcher: threading.Thread | None = None
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="taalmodel-start")  # its thread never ends
        self._stopped = False
        self.restarts = 0

    # ------------------------------------------------------------------ facts
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def log_path(self) -> Path:
        return self.settings.data_dir / "logs" / "taalmodel.log"

    def installed(self) -> str:
        """"" when the model and its server can be started, else the Dutch reason why not."""
        return not_installed_reason(self.settings)

    def command(self) -> list[str]:
        return server_command(self.settings, self.host, self.port)

    def status(self) -> Status:
        """The last known status, without starting anything."""
        with self._lock:
            if self._status.state == UNKNOWN and (reason := self.installed()):
                self._status = Status(NOT_INSTALLED, reason)
            return self._status

    # ------------------------------------------------------------------ life cycle
    def ensure(self, timeout: float | None = None) -> subprocess.Popen:
        """Make sure the process runs and answers HTTP, and return it; raise BackendUnavailableError
        (Dutch) if not. Never waits for a back-off: a process that failed a moment ago fails the
        question at once."""
        with self._lock:
            if self._stopped:
                raise BackendUnavailableError(msg.LLM_STOPPED)
            if reason := self.installed():
                self._status = Status(NOT_INSTALLED, reason)
                raise BackendUnavailableError(reason)
            running = self._process is not None and self._process.poll() is None
            if running and self._status.state == WORKS:
                return self._process
            if not running:
                if time.monotonic() < self._next_start:
                    raise BackendUnavailableError(self._status.reason or msg.LLM_RESTARTING)
                self._spawn()
            process = self._process
        self._wait_ready(process, self.settings.llm_start_seconds if timeout is None else timeout)
        return process

    def _spawn(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self._process = self._starter.submit(
            subprocess.Popen, self.command(), stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=server_environment(),
            preexec_fn=die_with_parent, close_fds=True).result()
        log.close()
        self._started_at = time.monotonic()
        self._status = Status(STARTING)
        logger.info("taalmodel gestart (pid %s, poort %s)", self._process.pid, self.port)
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="taalmodel-bewaker", daemon=True)
            self._watcher.start()

    def _wait_ready(self, process: subprocess.Popen | None, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if process is None or process.poll() is not None:
                with self._lock:
                    self._failed(process)
                    raise BackendUnavailableError(self._status.reason or msg.LLM_RESTARTING)
            if http_ok(f"{self.url}/models", 2.0):
                return
            if time.monotonic() > deadline:
                with self._lock:
                    self._kill(process)
                    self._failed(process, msg.LLM_START_TIMEOUT.format(seconds=timeout))
                    raise BackendUnavailableError(self._status.reason or msg.LLM_RESTARTING)
            time.sleep(0.2)

    def _failed(self, process: subprocess.Popen | None, reason: str = "") -> None:
        """Record why the process is gone and when to try again (lock held). A process that is
        no longer the current one was dealt with already."""
        if process is not self._process:
            return
        self._process = None
        lived = time.monotonic() - self._started_at
        if lived > HEALTHY_AFTER_S:
            self._backoff, self._failures = 1.0, 0
        self._failures += 1
        self._next_start = time.monotonic() + self._backoff
        self._backoff = min(MAX_BACKOFF_S, self._backoff * 2)
        code = process.poll() if process is not None else None
        self._status = Status(FAILS, reason or exit_reason(code, log_tail(self.log_path)))
        logger.warning("taalmodel (pid %s) gestopt: %s; nieuwe poging over %.0f s", process.pid if process else "-",
                    self._status.reason, self._next_start - time.monotonic())

    def _watch(self) -> None:
        """Restart a process that died, after its back-off; runs until `stop()`. No error of one
        round ends the watching: it is logged and the next round tries again."""
        while not self._stopped:
            time.sleep(0.25)
            try:
                self._watch_once()
            except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                logger.exception("bewaking van het taalmodel: onverwachte fout; de bewaking gaat door")

    def _watch_once(self) -> None:
        with self._lock:
            process = self._process
            if process is not None and process.poll() is not None:
                self._failed(process)
            if self._process is None and not self._stopped and self._status.state == FAILS \
                    and time.monotonic() >= self._next_start and self._failures <= self.settings.llm_max_restarts:
                self.restarts += 1
                self._spawn()
                process = self._process
            else:
                return
        with contextlib.suppress(BackendUnavailableError):
            self._wait_ready(process, self.settings.llm_start_seconds)
            self.probe(start=False)

    def failed_request(self, error: BaseException, process: subprocess.Popen | None) -> None:
        """A request to `process` broke off. A hung process (time-out) is killed so that the
        watcher starts a new one; a process that was replaced meanwhile is left alone. A process
        that closed the connection because it is dying (SIGILL) is given a moment to exit, so that
        the status names why it stopped."""
        if process is None or process is not self._process:  # already replaced: nothing to wait for
            return
        if not is_timeout(error):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(DYING_WAIT_S)
        with self._lock:
            if process is not self._process:
                return
            if process.poll() is None and is_timeout(error):
                logger.warning("taalmodel (pid %s) antwoordt niet (%s): gestopt", process.pid, type(error).__name__)
                self._kill(process)
            if process.poll() is not None:
                self._failed(process)

    @staticmethod
    def _kill(process: subprocess.Popen | None, sig: int = signal.SIGKILL) -> None:
        """Signal the process's group and wait up to 5 s for it; what a SIGTERM leaves running is killed."""
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(Exception):
            if sig == signal.SIGKILL:
                process.kill()
            process.wait(5)
        if sig != signal.SIGKILL:
            ModelServer._kill(process)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            process, self._process = self._process, None
        self._kill(process, signal.SIGTERM)

    # ------------------------------------------------------------------ use
    def probe(self, start: bool = True) -> Status:
        """Run a short test generation in the model process and record the outcome. While a
        question has the model, nothing is probed: that question's answer tells."""
        if self.busy() and self._status.state in (WORKS, STARTING):
            return self._status
        process = self._process
        try:
            if start:
                process = self.ensure()
            started = time.perf_counter()
            body = {"model": "lokaal", "messages": [{"role": "user", "content": PROBE_PROMPT}], "max_tokens": 2,
                    "temperature": 0}
            with self.turn(wait=self.settings.llm_wait_seconds):
                reply = http_post(f"{self.url}/chat/completions", body, self.settings.llm_timeout_seconds)
            if not reply.get("choices"):
                raise BackendUnavailableError(msg.LLM_NO_REPLY)
            status = Status(WORKS, seconds=time.perf_counter() - started)
            logger.info("taalmodel werkt (pid %s, testantwoord in %.1f s)", process.pid if process else "-", status.seconds)
        except BackendUnavailableError as error:
            status = self._status if self._status.state in (FAILS, NOT_INSTALLED) else Status(FAILS, str(error))
        except (OSError, ValueError) as error:
            self.failed_request(error, process)
            status = self._status if self._status.state == FAILS else Status(FAILS, msg.LLM_NO_REPLY)
        with self._lock:
            self._status = status
        return status

    def mark_working(self) -> None:
        with self._lock:
            if self._status.state == STARTING:
                self._status = Status(WORKS)

    def turn(self, wait: float) -> contextlib.AbstractContextManager[bool]:
        """Hold the model for one request (a context manager); see `Turn.hold`."""
        return self._turn.hold(wait)

    def busy(self) -> bool:
        return self._turn.busy()


_SERVERS: dict[tuple, ModelServer] = {}
_SERVERS_LOCK = threading.Lock()


def shared_server(settings: Settings) -> ModelServer:
    """The one model process of this assistant process for these model settings."""
    key = (str(settings.local_llm_path), settings.llm_server_command, settings.llm_threads, str(settings.data_dir))
    with _SERVERS_LOCK:
        server = _SERVERS.get(key)
        if server is None or server._stopped:  # noqa: SLF001 - own module
            server = _SERVERS[key] = ModelServer(settings)
        return server


def stop_all() -> None:
    with _SERVERS_LOCK:
        servers = list(_SERVERS.values())
        _SERVERS.clear()
    for server in servers:
        server.stop()


atexit.register(stop_all)  # registered once, by the module that owns the processes
