"""The web app in a real browser (Debian chromium driven by Playwright) and over plain HTTP.

One server for the module: a temporary index of the real corpus with the real e5 model,
extractive answers (fast and deterministic). Screenshots go to artifacts/e2e/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SHOTS = PROJECT_ROOT / "artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("web-data")
    port = free_port()
    env = {**os.environ, "ZORGASSISTENT_DATA": str(data), "ZORGASSISTENT_ANSWER_MODE": "extractive",
           "ZORGASSISTENT_PORT": str(port), "ZORGASSISTENT_MAX_FILE_MB": "2"}
    subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, check=True, capture_output=True)
    log = (data / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("De webapp startte niet: " + (data / "server.log").read_text())
    yield {"url": url, "data": data}
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: apt-get install chromium (make test doet dat).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server["url"])
    page.wait_for_selector("#vraag textarea", timeout=30000)
    yield page
    context.close()


def ask(page, question: str) -> str:
    page.fill("#vraag textarea", question)
    page.click("#verstuur")
    page.wait_for_function(
        "() => { const m = document.querySelectorAll('#gesprek .message'); "
        "return m.length && !m[m.length-1].innerText.includes('…') && !m[m.length-1].innerText.includes('▌') "
        "&& m[m.length-1].innerText.trim().length > 5; }", timeout=60000)
    messages = page.locator("#gesprek .message")
    return messages.nth(messages.count() - 1).inner_text()


def test_question_gets_answer_with_citation_and_highlighted_quote(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    answer = ask(page, "Wat houdt de beweging Thuis als het kan in?")
    assert "[1]" in answer and "thuis" in answer.lower()
    page.wait_for_selector("#bronnen mark", timeout=30000)
    quote = page.locator("#bronnen mark").first.inner_text()
    assert len(quote) > 20 and quote.split()[0] in page.locator("#bronnen blockquote").first.inner_text()
    assert "corpus/cz-zorgkantoor-bewegingen-langdurige-zorg.txt" in page.locator("#bronnen").inner_text()
    page.screenshot(path=str(SHOTS / "antwoord-met-bron.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "telefoonbreedte.png"), full_page=True)


def test_uploaded_docx_can_be_asked_about(page, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Pilot beeldzorg Almelo", level=1)
    document.add_paragraph("De pilot beeldzorg in Almelo startte met 42 cliënten en een digitaal nachtteam.")
    path = tmp_path / "pilot-almelo.docx"
    document.save(path)
    page.get_by_role("tab", name="Documenten").click()
    page.set_input_files("#upload input[type=file]", str(path))
    page.wait_for_timeout(1500)
    page.click("#inlezen")
    page.wait_for_selector("#uploadstatus:has-text('toegevoegd')", timeout=90000)
    assert "uploads/pilot-almelo.docx" in page.locator("#documenten").inner_text().split()
    page.screenshot(path=str(SHOTS / "upload-docx.png"), full_page=True)
    page.get_by_role("tab", name="Vragen").click()
    answer = ask(page, "Met hoeveel cliënten startte de pilot beeldzorg in Almelo?")
    assert "42" in answer


def test_bad_file_shows_dutch_reason(page, tmp_path):
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.4 dit is geen echte pdf")
    page.get_by_role("tab", name="Documenten").click()
    page.set_input_files("#upload input[type=file]", str(bad))
    page.wait_for_timeout(1500)
    page.click("#inlezen")
    page.wait_for_selector("#uploadstatus:has-text('overgeslagen')", timeout=60000)
    assert "kapot.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand." in page.locator("#uploadstatus").inner_text()
    page.screenshot(path=str(SHOTS / "fout-bestand.png"), full_page=True)


@pytest.mark.parametrize("target", [
    "/etc/passwd",
    "../../../../../../etc/passwd",
    "..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    str(PROJECT_ROOT / "README.md"),
    "{data}/chroma/chroma.sqlite3",
    "{data}/manifest.json",
])
def test_files_outside_the_app_are_not_served(server, target):
    target = target.replace("{data}", str(server["data"]))
    for prefix in ("gradio_api/file=", "file="):
        try:
            with urllib.request.urlopen(server["url"] + prefix + target, timeout=10) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            assert error.code in (400, 403, 404, 405)
            continue
        assert b"root:" not in body and b"Zorgassistent" not in body and b"SQLite format" not in body
        assert b"signature" not in body
