"""Optional login and the default bind address of the web app, over plain HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from test_e2e_web import free_port  # tests/ is on sys.path (no package), like fixtures/

from assistant.settings import Settings

pytestmark = pytest.mark.slow


def test_default_settings_bind_loopback_only():
    settings = Settings.from_env({})
    assert (settings.host, settings.port, settings.auth_user) == ("127.0.0.1", 7860, "")


def status(url: str, data: dict | None = None, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode() if data else None)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Set-Cookie", "") or ""
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_login_is_required_when_configured(settings, tmp_path):
    port = free_port()
    env = {**os.environ, "ZORGASSISTENT_DATA": str(settings.data_dir), "ZORGASSISTENT_CORPUS": str(settings.corpus_dir),
           "ZORGASSISTENT_EMBEDDING": "fake", "ZORGASSISTENT_ANSWER_MODE": "extractive", "ZORGASSISTENT_PORT": str(port),
           "ZORGASSISTENT_AUTH_USER": "zorg", "ZORGASSISTENT_AUTH_PASSWORD": "geheim"}
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        assert status(base + "/config")[0] == 401
        assert status(base + "/login", {"username": "zorg", "password": "fout"})[0] == 400
        code, cookie = status(base + "/login", {"username": "zorg", "password": "geheim"})
        assert code == 200 and cookie
        assert status(base + "/config", cookie=cookie.split(";")[0])[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
