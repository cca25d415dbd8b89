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


# ---------------------------------------------------------------- the app as a product (issue 16)
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TABS = {"vragen": "Vragen", "documenten": "Documenten", "plan": "Plan van aanpak"}
SIZES = {"desktop": (1400, 900), "telefoon": (390, 844)}
# Gradio's own English texts that must not reach the page (text or aria-label/title/placeholder).
ENGLISH = ["Clear", "Copy message", "Drop File Here", "Click to Upload", "Click to upload", "steps", "Built with",
           "Loading", "Submit", "More tabs", "chatbot conversation", "File upload", "Fullscreen", "Table actions",
           "Copy table data", "Open cell menu", "user's message", "bot's message", "Uploading"]
PROJECTS = "Hoeveel projecten lopen er in het kader van Waardigheid en trots?"


def open_tab(page, key: str) -> None:
    tab = page.locator(f"#tab-{key}-button")
    if not tab.is_visible():  # a narrow screen may fold tabs into a menu: that is a failure of its own
        pytest.fail(f"Het tabblad {TABS[key]} is niet zichtbaar")
    tab.click()
    page.wait_for_timeout(400)


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core ontbreekt: npm install --no-save --no-package-lock axe-core@4 (make browser doet dat).")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")


def page_texts(page) -> str:
    return page.evaluate("""() => {
        const out = [document.body.innerText];
        document.querySelectorAll('[aria-label], [title], [placeholder]').forEach(e => {
            for (const a of ['aria-label', 'title', 'placeholder']) { if (e.getAttribute(a)) out.push(e.getAttribute(a)); }
        });
        return out.join('\\n');
    }""")


def test_page_is_dutch_accessible_and_screenshotted(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ask(page, "Wat houdt de beweging Thuis als het kan in?")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("h1").count() == 1
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for key in TABS:
            open_tab(page, key)
            assert axe_violations(page) == [], f"axe op {TABS[key]} ({size})"
            texts = page_texts(page)
            assert [w for w in ENGLISH if w in texts] == [], f"Engelse tekst op {TABS[key]} ({size})"
            page.screenshot(path=str(SHOTS / f"{key}-{size}.png"))
    open_tab(page, "vragen")  # on a phone the answer's sources follow the answer, before examples and filters
    top = page.evaluate("document.querySelector('#bronnen').getBoundingClientRect().top + window.scrollY")
    assert top < 1400, f"de bronnen beginnen {top:.0f} px lager"


def test_refusal_shows_reason_nearest_passages_and_rephrasings(page):
    answer = ask(page, "Hoeveel projecten lopen er in Twente?")
    assert answer.startswith("Dat staat niet in de documenten.") and "Misschien bedoelt u:" in answer
    assert "De dichtstbijzijnde passages staan rechts bij de bronnen" in answer
    panel = page.locator("#bronnen")
    assert panel.locator(".niet-gebruikt").count() >= 1
    assert "niet als antwoord gebruikt" in panel.inner_text()
    suggestion = page.locator("#suggesties button").first
    assert suggestion.is_visible() and suggestion.inner_text().startswith("Wat staat er in de documenten over")


def test_active_filter_is_named_and_new_conversation_resets_it(page):
    page.locator("#filters").get_by_text("Filters en antwoordmodus").click()
    page.click("#soortfilter input")
    page.keyboard.type("blog")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    answer = ask(page, "Wat houdt de beweging Thuis als het kan in?")
    assert "Let op: er staat een filter aan (soort: ‘blog’)." in answer
    assert "Zonder dit filter staat het antwoord wel in de documenten." in answer
    page.click("#nieuw")
    page.wait_for_function("() => !document.querySelector('#soortfilter').innerText.includes('blog')", timeout=10000)
    assert "Let op" not in ask(page, "Wat houdt de beweging Thuis als het kan in?")


def test_citation_link_jumps_to_and_highlights_its_source_and_old_sources_are_marked(page):
    answer = ask(page, PROJECTS)
    assert "[2]" in answer and "(bron uit 2020)" in answer
    page.wait_for_selector("#bronnen .bron[id$='-2']", timeout=30000)
    assert "bron uit 2020" in page.locator("#bronnen .bron").first.inner_text()
    assert "7 juli 2020" in page.locator("#bronnen .bron").first.locator("time").inner_text()
    page.locator("#gesprek a[href$='-2']").first.click()
    page.wait_for_timeout(500)
    target = page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
    assert target and target.endswith("-2") and target in page.url
    source = page.locator(f"#{target}")
    assert source.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    box, view = source.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < view["height"]


def test_upload_box_empties_and_removal_asks_for_confirmation(page, tmp_path):
    note = tmp_path / "notitie-nachtzorg.txt"
    note.write_text("Nachtzorg op afstand\n\nHet nachtteam kijkt op afstand mee bij 17 cliënten.\n", encoding="utf-8")
    open_tab(page, "documenten")
    page.set_input_files("#upload input[type=file]", str(note))
    page.wait_for_timeout(1500)
    page.click("#inlezen")
    page.wait_for_selector("#uploadstatus:has-text('toegevoegd')", timeout=90000)
    page.wait_for_function("() => !document.querySelector('#upload').innerText.includes('notitie-nachtzorg')",
                           timeout=10000)
    assert "uploads/notitie-nachtzorg.txt" in page.locator("#documenten").inner_text()
    page.click("#verwijderkeuze input")
    page.keyboard.type("Nachtzorg")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.click("#verwijder")
    page.wait_for_selector("#bevestig", state="visible", timeout=10000)
    assert "Weet u het zeker?" in page.locator("#uploadstatus").inner_text()
    page.click("#annuleer")
    page.wait_for_selector("#bevestig", state="hidden", timeout=10000)
    assert "uploads/notitie-nachtzorg.txt" in page.locator("#documenten").inner_text()
    page.click("#verwijder")
    page.click("#bevestigverwijder")
    page.wait_for_selector("#uploadstatus:has-text('verwijderd')", timeout=60000)
    assert "uploads/notitie-nachtzorg.txt" not in page.locator("#documenten").inner_text()


def test_plan_progress_is_dutch_from_the_start(page):
    open_tab(page, "plan")
    page.fill("#plandoel textarea", "Invoeren van beeldzorg in de wijkverpleging")
    page.click("#maakplan")
    page.wait_for_selector("text=/Het plan wordt gemaakt|stappen/", timeout=3000)
    page.wait_for_selector("#planvoorbeeld h1", timeout=120000)
    assert "steps" not in page.locator("body").inner_text()


def test_enter_then_a_quick_click_asks_once_and_the_technical_status_is_folded_away(page):
    assert "Embeddingmodel" not in page.locator("body").inner_text()
    page.fill("#vraag textarea", "Wat is het doel van het programma KIK-V?")
    page.press("#vraag textarea", "Enter")
    page.click("#verstuur")
    page.wait_for_function(
        "() => { const m = document.querySelectorAll('#gesprek .message'); "
        "return m.length && !m[m.length-1].innerText.includes('…') && !m[m.length-1].innerText.includes('▌'); }",
        timeout=60000)
    page.wait_for_timeout(1500)
    assert page.locator("#gesprek [data-testid='user']").count() == 1
    page.locator("#over").get_by_text("Over deze assistent").click()
    page.wait_for_selector("#status:has-text('Embeddingmodel')", timeout=10000)
