"""A local `chroma run` server on a free port, started and stopped by the benchmark."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .config import CHROMA_MISSING, CHROMA_NO_START, SERVER_START_SECONDS, BenchError
from .measure import process_peak_rss_mb


# ---------------------------------------------------------------------- chroma server
def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ChromaServer:
    """A `chroma run` child process on 127.0.0.1 over a persistent folder (context manager).

    `start()` waits for the heartbeat with bounded retries; `stop()` terminates it (kills it after
    a grace period). A restart keeps folder and port, so a client URL stays valid.
    Not a deployment: no authentication, no TLS, local only.
    """

    def __init__(self, path: Path, port: int | None = None, executable: Path | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.executable = executable or Path(sys.executable).with_name("chroma")
        self.log_path = path.with_name(path.name + ".log")
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        try:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
            with opener.open(f"{self.url}/api/v2/heartbeat", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def start(self, timeout_s: float = SERVER_START_SECONDS) -> ChromaServer:
        if not self.executable.is_file():
            raise BenchError(CHROMA_MISSING.format(path=self.executable))
        self.path.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [str(self.executable), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self._process.poll() is None:
            if self.alive():
                return self
            time.sleep(0.2)
        self.stop()
        tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-5:])
        raise BenchError(CHROMA_NO_START.format(url=self.url, seconds=timeout_s, log=self.log_path, tail=tail))

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)

    def restart(self) -> ChromaServer:
        self.stop()
        return self.start()

    def peak_rss_mb(self) -> float | None:
        return process_peak_rss_mb(self.pid) if self.pid else None

    def __enter__(self) -> ChromaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
