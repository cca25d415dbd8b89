"""Loaders on good, odd and hostile input: exact blocks, exact Dutch reasons, bounded work.

The property tests feed random bytes, random text and mutated real files to every loader: the
only allowed outcomes are blocks or a ZorgError, within the deadline.
"""

from __future__ import annotations

import codecs
import io
import logging
import zipfile
from datetime import timedelta

import pytest
from fixtures.documents import (
    Text,
    W,
    docx_document,
    layout_pdf,
    paragraph_lines,
    scanned_pdf,
    text_box_paragraph,
    tracked_paragraph,
)
from fixtures.hostile import (
    DUTCH_LINES,
    Maker,
    docx_bomb,
    docx_bytes,
    encrypted_pdf,
    entity_bomb_docx,
    image_pdf,
    lying_docx,
    pdf_bomb,
    random_bytes,
    stream_pdf,
    text_pdf,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import UnreadableFileError, UnsupportedFileError, ZorgError
from assistant.records import Block
from ingest import loaders
from ingest.loaders import decode_text, load_bytes, readable
from ingest.loaders.frontmatter import split_front_matter
from ingest.loaders.lines import rejoin, repair_glyphs
from ingest.loaders.pdf_title import plausible_title
from ingest.loaders.tables import row_text, table_lines

DUTCH = "Hybride zorg: één cliënt, coördinatie en ‘naasten’ – samen thuis."
# No .hypothesis folder in the working tree, and a generous deadline: a hang is minutes, and a
# busy test machine must not turn a 50 ms example into a failure.
PROPERTY = settings(max_examples=60, deadline=timedelta(seconds=5), database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    return text_pdf()


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return docx_bytes([("Title", "Zorgplan"), ("Heading 1", "Doel"), ("Normal", DUTCH_LINES[0]),
                       ("List Bullet", "een punt in de lijst")], title="Plan hybride zorg")


# ---------------------------------------------------------------- decoding
@pytest.mark.parametrize("data", [
    DUTCH.encode("utf-8"),
    codecs.BOM_UTF8 + DUTCH.encode("utf-8"),
    DUTCH.encode("cp1252"),
    "Hybride zorg voor één cliënt".encode("latin-1"),
    DUTCH.encode("utf-16"),  # with byte order mark
    DUTCH.encode("utf-16-le"),  # without
    DUTCH.encode("utf-16-be"),
    DUTCH.encode("utf-32"),
], ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf16-bom", "utf16le", "utf16be", "utf32"])
def test_encodings_decode_to_the_right_characters(data: bytes):
    expected = "Hybride zorg voor één cliënt" if data.startswith(b"Hybride zorg voor") else DUTCH
    assert decode_text(data, "a.txt") == expected


@pytest.mark.parametrize(("text", "encoding"), [
    ("Гибридная помощь объединяет помощь на расстоянии и помощь на дому для пожилых людей.", "cp1251"),
    ("Η υβριδική φροντίδα συνδυάζει φροντίδα από απόσταση και φροντίδα στο σπίτι.", "cp1253"),
])
def test_other_alphabets_are_left_to_charset_detection(text: str, encoding: str):
    assert decode_text(text.encode(encoding), "a.txt") == text


@pytest.mark.parametrize(("data", "message"), [
    (random_bytes(3000, seed=1), "a.txt overgeslagen: het bestand is beschadigd of geen geldig tekst-bestand."),
    (b"Zorg\x00thuis\x00\x00\x01werkt\x02goed" * 20, "a.txt overgeslagen: het bestand is beschadigd of geen geldig tekst-bestand."),
    (codecs.BOM_UTF8 + b"Zorg \xff\xfe thuis", "a.txt overgeslagen: de tekenset (codering) van het bestand is niet te herkennen. Sla het op als UTF-8 en probeer het opnieuw."),
], ids=["random-bytes", "nul-bytes", "bad-after-bom"])
def test_binary_or_undecodable_text_is_refused(data: bytes, message: str):
    with pytest.raises(UnreadableFileError) as error:
        decode_text(data, "a.txt")
    assert str(error.value) == message


@pytest.mark.parametrize(("text", "expected"), [
    ("Zorg thuis werkt.", True),
    ("1234 5678 %%% ### 99 ab", False),
    ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", False),
    ("2023 2024 Totaal 1.234 5.678 9.101 1.121 3.141 5.161 7.181 9.202 1.222 3.242", False),
    ("Zorg thuis werkt: 2023 2024 1.234 5.678", True),
])
def test_readable_needs_real_words(text: str, expected: bool):
    assert readable(text) is expected


# ---------------------------------------------------------------- good files
def test_text_pdf_gives_its_lines_with_page_numbers(good_pdf: bytes):
    blocks, meta = load_bytes(good_pdf, "beleid.pdf")
    assert blocks == [Block("paragraph", DUTCH_LINES[0], page=1), Block("paragraph", DUTCH_LINES[1], page=1)]
    assert meta == {}


def test_pdf_with_only_an_owner_password_is_read():
    blocks, _ = load_bytes(encrypted_pdf(user_password=""), "beleid.pdf")
    assert [b.text for b in blocks] == list(DUTCH_LINES)


def test_docx_keeps_headings_lists_and_title(good_docx: bytes):
    blocks, meta = load_bytes(good_docx, "plan.docx")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Zorgplan", 1), ("heading", "Doel", 1), ("paragraph", DUTCH_LINES[0], 1),
        ("list_item", "een punt in de lijst", 1),
    ]
    assert meta == {"title": "Plan hybride zorg"}


# ---------------------------------------------------------------- plain text
def test_numbered_lines_over_their_text_are_sections_unless_a_line_with_a_colon_introduces_them():
    notes = ("Verslag werksessie\n1. Opening en doel\nDe voorzitter opende de sessie.\n2. Afspraken\n- Wij kiezen een leverancier.\n"
             "3. Rondvraag\nEr waren geen vragen.\nDe drie knelpunten zijn:\n1. Versnippering\nElke afdeling werkt anders.\n"
             "2. Geen geld\nDe pilot stopt.\n").encode()
    blocks, _ = load_bytes(notes, "verslag.txt")
    kinds = {b.text: b.kind for b in blocks}
    assert [kinds[t] for t in ("1. Opening en doel", "2. Afspraken", "3. Rondvraag")] == ["heading"] * 3
    assert [kinds[t] for t in ("1. Versnippering", "2. Geen geld")] == ["list_item"] * 2
    assert kinds["- Wij kiezen een leverancier."] == "list_item"



def test_a_numbered_section_may_hold_a_list_numbered_in_another_style():
    notes = ("Werkwijze\n1. Doel\nWij werken veilig.\n2. Bij een melding\n1) Bevestig de melding.\n2) Ga kijken.\n"
             "3. Camera's\nDe camera staat uit.\n").encode()
    kinds = {b.text: b.kind for b in load_bytes(notes, "werkwijze.txt")[0]}
    assert [kinds[t] for t in ("1. Doel", "2. Bij een melding", "3. Camera's")] == ["heading"] * 3
    assert [kinds[t] for t in ("1) Bevestig de melding.", "2) Ga kijken.")] == ["list_item"] * 2


def test_a_rule_of_dashes_or_equals_signs_is_no_text_and_no_heading():
    blocks, _ = load_bytes("Werkwijze\n==========\nWij werken veilig.\n----------\nVragen? Bel ons.\n".encode(), "w.txt")
    assert [b.text for b in blocks] == ["Werkwijze", "Wij werken veilig.", "Vragen? Bel ons."]


# A made-up instruction wrapped at 40 characters, as an e-mail program or `fmt` saves it.
WRAPPED = """Werkwijze nacht
Versie 2  |  vastgesteld 1 mei
Eigenaar: Anna de Wit

1. Doel

De nachtdienst reageert op meldingen van
de sensoren zonder de cliënten met
rondes te storen. Het profiel wordt elke
maand besproken in het multidiscipli-
nair overleg.

2. Bij een melding

1) Bevestig de melding binnen drie
   minuten op de handset.
2) Ga bij twijfel altijd kijken.
"""


def test_a_hard_wrapped_text_file_is_read_a_paragraph_at_a_time():
    blocks, _ = load_bytes(WRAPPED.encode(), "nacht.txt")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Werkwijze nacht"),
        ("list_item", "Versie 2 | vastgesteld 1 mei"),  # laid out with spaces: not wrapped text
        ("list_item", "Eigenaar: Anna de Wit"),  # a field stays on its own
        ("heading", "1. Doel"),
        ("paragraph", "De nachtdienst reageert op meldingen van de sensoren zonder de cliënten met rondes te storen. "
                      "Het profiel wordt elke maand besproken in het multidisciplinair overleg."),
        ("heading", "2. Bij een melding"),
        ("list_item", "1) Bevestig de melding binnen drie minuten op de handset."),
        ("list_item", "2) Ga bij twijfel altijd kijken."),
    ]


def test_short_lines_that_each_end_a_sentence_are_not_taken_for_wrapped_text():
    """Lines near the longest one, but each a sentence of its own: a file written a line per paragraph."""
    lines = ["De nachtdienst reageert op elke melding.", "Het profiel wordt elke maand besproken.",
             "De camera staat alleen aan met toestemming.", "Beelden worden nooit opgeslagen of bewaard."]
    blocks, _ = load_bytes("\n".join(lines).encode(), "regels.txt")
    assert [b.text for b in blocks] == lines


def test_a_file_with_a_paragraph_per_long_line_keeps_its_lines():
    long = "De nachtdienst reageert op meldingen van de sensoren zonder de cliënten met rondes te storen, en"
    lines = [long + " dat werkt.", "zo blijft het rustig op de afdeling, ook als er veel meldingen binnenkomen in de nacht."] * 3
    blocks, _ = load_bytes("\n".join(lines).encode(), "lang.txt")
    assert [b.text for b in blocks] == lines


def test_docx_a_line_all_in_bold_is_a_heading_below_its_section_a_bold_label_is_not():
    import docx

    document = docx.Document()
    document.add_heading("Vragen over beeldzorg", 1)
    document.add_paragraph().add_run("Wat kost het?").bold = True
    document.add_paragraph("Beeldzorg kost u niets.")
    field = document.add_paragraph()
    field.add_run("Datum: ").bold = True
    field.add_run("3 mei 2027")
    document.add_paragraph().add_run("Dit is een lange zin in het vet die een waarschuwing geeft aan de lezer.").bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    blocks, _ = load_bytes(buffer.getvalue(), "faq.docx")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Vragen over beeldzorg", 1), ("heading", "Wat kost het?", 2), ("paragraph", "Beeldzorg kost u niets.", 1),
        ("paragraph", "Datum: 3 mei 2027", 1),
        ("paragraph", "Dit is een lange zin in het vet die een waarschuwing geeft aan de lezer.", 1)]

# ---------------------------------------------------------------- HTML
def test_html_leaves_out_what_the_site_marks_as_chrome_by_role_class_or_id():
    page = ('<html><title>Nieuws</title><div class="site-breadcrumb">Home &gt; Nieuws</div>'
            '<div role="navigation"><p>Over ons</p></div>'
            '<main><h1>Wijkzorg op afstand</h1><div class="menukaart"><p>Het team werkt op afstand.</p></div></main>'
            '<div id="cookie-banner"><div><p>Wij gebruiken cookies.</p></div><p>Akkoord</p></div>'
            '<p>Het team belt elke ochtend.</p><p class="cookie-tekst">Cookies<p>De zorg gaat door.</html>').encode()
    blocks, meta = load_bytes(page, "nieuws.html")
    # nested elements of the same tag inside the banner end with it, not before; a class word that
    # only starts with a chrome word ("menukaart") is content; a <p> may lack its end tag, so it is
    # never taken for chrome (it would hide the rest of the page)
    assert [(b.kind, b.text) for b in blocks] == [("heading", "Wijkzorg op afstand"), ("paragraph", "Het team werkt op afstand."),
                                                  ("paragraph", "Het team belt elke ochtend."),
                                                  ("paragraph", "Cookies"), ("paragraph", "De zorg gaat door.")]
    assert meta == {"title": "Nieuws"}


def test_html_footer_keeps_only_its_contact_lines_under_their_own_heading():
    # A municipality's page often says how to reach its desk only in the footer; the footer's links
    # and legal lines are no content.
    page = ('<html><main><h1>Hulp thuis</h1><p>U kunt hulp aanvragen bij het loket.</p></main>'
            '<footer><p><a href="/privacy">Privacy</a> · <a href="/cookies">Cookies</a></p>'
            '<p>Loket: 0180 44 55 66 (ma-vr 9.00-12.30 uur)<br>loket@oostdorp.nl</p>'
            '<div class="footer-adres">Gemeente Oostdorp · Raadhuisplein 1 · 4321 AB Oostdorp</div></footer>'
            '<div id="site-footer"><p>© 2026 Gemeente Oostdorp</p><script>var m = "webmaster@oostdorp.nl";</script></div>'
            '</html>').encode()
    blocks, _ = load_bytes(page, "hulp.html")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Hulp thuis"), ("paragraph", "U kunt hulp aanvragen bij het loket."),
        ("heading", "Contactgegevens"), ("paragraph", "Loket: 0180 44 55 66 (ma-vr 9.00-12.30 uur)"),
        ("paragraph", "loket@oostdorp.nl"), ("paragraph", "Gemeente Oostdorp · Raadhuisplein 1 · 4321 AB Oostdorp")]
    blocks, _ = load_bytes(b"<main><p>Het loket helpt u verder.</p></main><footer><p>Privacy</p></footer>", "a.html")
    assert [b.text for b in blocks] == ["Het loket helpt u verder."]



def test_html_footer_keeps_the_name_over_an_address_but_not_a_link():
    page = ('<main><p>Het loket helpt u verder.</p></main><footer><ul><li><a href="/p">Privacy</a></li></ul>'
            '<p>Telefoon 14 0180</p><p>Stadskantoor<br>Raadhuisplein 1<br>4321 AB Oostdorp</p></footer>').encode()
    blocks, _ = load_bytes(page, "a.html")
    assert [b.text for b in blocks] == ["Het loket helpt u verder.", "Contactgegevens", "Telefoon 14 0180", "Stadskantoor",
                                        "Raadhuisplein 1", "4321 AB Oostdorp"]


def test_an_accordion_button_is_a_heading_over_its_panel_and_share_links_are_chrome():
    page = ('<h1>Hulp thuis</h1><h2>Voorzieningen</h2><div class="accordion">'
            '<button class="accordion-button" aria-expanded="false">Alarmknop</button>'
            '<div class="panel"><p>De knop kost € 20 per maand.</p></div>'
            '<h3><button aria-controls="p2">Beeldzorg</button></h3><div id="p2"><p>U krijgt een tablet.</p></div></div>'
            '<p><button>Meer laden</button></p>'
            '<div class="share-buttons"><span>Deel deze pagina:</span><a href="#">Facebook</a></div>').encode()
    blocks, _ = load_bytes(page, "hulp.html")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Hulp thuis", 1), ("heading", "Voorzieningen", 2), ("heading", "Alarmknop", 3),
        ("paragraph", "De knop kost € 20 per maand.", 1), ("heading", "Beeldzorg", 3), ("paragraph", "U krijgt een tablet.", 1),
        ("paragraph", "Meer laden", 1)]

def test_an_html_table_is_read_row_by_row_as_in_markdown_and_docx():
    # A label must stay with its value: cell by cell, "iOS 16" and "Android 11" lose which device they are for.
    page = ("<h2>Apparaten</h2><table><caption>Minimale versies</caption>"
            "<tr><th>Apparaat</th><th>Versie</th></tr><tr><td>Telefoon<td>Android 11"  # end tags left out, as HTML allows
            "<tr><td>Tablet<br>of laptop</td><td><p>iOS 16</p></td></tr></table><p>Daarna.</p>").encode()
    blocks, _ = load_bytes(page, "app.html")
    assert [b.text for b in blocks] == ["Apparaten", "Minimale versies", "Apparaat: Telefoon; Versie: Android 11",
                                        "Apparaat: Tablet of laptop; Versie: iOS 16", "Daarna."]
    # a cell spanning rows holds its text in the rows below (they have no cell there: the columns would shift),
    # one spanning columns in each column
    blocks, _ = load_bytes(b"<table><tr><th>Bouwblok</th><th>Actie</th><th>Wanneer</th></tr><tr><td rowspan='2'>Samenwerking</td>"
                           b"<td>Overleg</td><td>Q1</td></tr><tr><td>Convenant</td><td>Q2</td></tr>"
                           b"<tr><td>Financiering</td><td colspan='2'>Afspraken volgen</td></tr></table>", "plan.html")
    assert [b.text for b in blocks] == ["Bouwblok: Samenwerking; Actie: Overleg; Wanneer: Q1",
                                        "Bouwblok: Samenwerking; Actie: Convenant; Wanneer: Q2",
                                        "Bouwblok: Financiering; Actie en Wanneer: Afspraken volgen"]
    # a value that holds for two columns is said once, for both
    blocks, _ = load_bytes(b"<table><tr><th>Middel</th><th>Basis</th><th>Extra</th><th>Plus</th></tr>"
                           b"<tr><td>Meter</td><td>Nee</td><td>60 euro</td><td>60 euro</td></tr></table>", "v.html")
    assert [b.text for b in blocks] == ["Middel: Meter; Basis: Nee; Extra en Plus: 60 euro"]
    # without a header row of <th> cells, a two-column table reads as label and value
    blocks, _ = load_bytes(b"<table><tr><td>Tablet</td><td>8 euro</td></tr><tr><td>Borg</td><td>25 euro</td></tr></table>", "t.html")
    assert [b.text for b in blocks] == ["Tablet: 8 euro", "Borg: 25 euro"]


def test_an_html_layout_table_is_read_as_the_page_it_lays_out_and_its_menu_column_goes():
    # An older site or a mailed newsletter lays its page out in a table: read row by row, the whole page
    # became one row "Home Wonen: Hulp thuis ...". A table with a heading (or a table in it, or a cell of
    # three paragraphs) is layout; its cell of links only is the menu. A data table stays a table.
    page = ("<table><tr><td><a href='/'>Home</a><br><a href='/wonen'>Wonen</a></td><td><h1>Hulp thuis</h1>"
            "<p><strong>Voor wie?</strong><br>Voor inwoners die hulp nodig hebben.</p>"
            "<table><tr><th>Uren</th><th>Prijs</th></tr><tr><td>2</td><td>20 euro</td></tr></table></td></tr></table>").encode()
    blocks, _ = load_bytes(page, "hulp.html")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Hulp thuis"), ("heading", "Voor wie?"), ("paragraph", "Voor inwoners die hulp nodig hebben."),
        ("paragraph", "Uren: 2; Prijs: 20 euro")]  # a bold line is a heading under the section


def test_html_faq_summary_is_a_heading_a_definition_list_reads_term_and_meaning_and_related_links_go():
    page = ("<main><h2>Vragen</h2><details><summary>Wat kost de app?</summary><p>De app is gratis.</p></details>"
            "<dl><dt>Wlz</dt><dd>Wet langdurige zorg.</dd><dt>Los begrip</dt></dl><p>Einde.</p></main>"
            "<aside class='related-links'><ul><li><a href='/a'>Tandzorg</a></li></ul></aside>").encode()
    blocks, _ = load_bytes(page, "faq.html")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Vragen", 2), ("heading", "Wat kost de app?", 3), ("paragraph", "De app is gratis.", 1),
        ("paragraph", "Wlz: Wet langdurige zorg.", 1), ("paragraph", "Los begrip", 1), ("paragraph", "Einde.", 1)]


def test_plain_text_email_header_lines_are_paragraphs_and_the_subject_is_the_title():
    data = ("Van: Anna de Wit <anna@zgo.example>\nAan: Het team\nOnderwerp: Planning februari\n\n"
            "Beste collega's,\nDe planning is klaar.\n\nGroet,\nAnna de Wit\nTeamleider Oost\n").encode()
    blocks, meta = load_bytes(data, "mail.txt")
    assert meta == {"title": "Planning februari"}
    # the closing's name and role sign the mail: no headings (a heading never follows a comma)
    assert [b.kind for b in blocks] == ["paragraph"] * 8
    # after the signature, a sentence, and then a heading again
    blocks, _ = load_bytes("Groet,\nAnna de Wit\nDe planning volgt.\nVolgende stap\nWe beginnen.\n".encode(), "b.txt")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph", "heading", "paragraph"]
    blocks, meta = load_bytes(b"Van huis uit\nDe zorg begint thuis.\n", "a.txt")  # no header: one "van" line
    assert meta == {} and blocks[0].kind == "heading"


# ---------------------------------------------------------------- Markdown
def test_markdown_heading_without_space_and_raw_html():
    data = ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            "####Begripsbepalingen\n\n<!-- opmerking\nvan de redactie -->\n<div class=\"x\">\n"
            "Een **cliënt** is wie [zorg](https://example.nl) krijgt.\n</div>\n").encode()
    blocks, _ = load_bytes(data, "regels.md")
    assert blocks == [Block("heading", "Begripsbepalingen", level=4),
                      Block("paragraph", "Een cliënt is wie zorg krijgt.")]


@pytest.mark.parametrize(("head", "expected"), [
    ("titel: Inkoopbeleid\ndatum: 2024\nsoort: beleid\nuitgever: ZK",
     {"title": "Inkoopbeleid", "date": "2024", "type": "beleid", "publisher": "ZK"}),
    ("title: Purchasing\ndate: 2023\ntype: policy\npublisher: ZK",
     {"title": "Purchasing", "date": "2023", "type": "policy", "publisher": "ZK"}),
    ("title: Purchasing\ntitel: Inkoopbeleid\nDatum: 2024", {"title": "Inkoopbeleid", "date": "2024"}),
    ("titel: Inkoopbeleid\ntitle: Purchasing", {"title": "Inkoopbeleid"}),
], ids=["dutch", "english", "dutch-wins-after", "dutch-wins-before"])
def test_front_matter_dutch_and_english_keys(head: str, expected: dict[str, str]):
    assert split_front_matter(f"---\n{head}\n---\nTekst") == (expected, "Tekst")
    _, meta = load_bytes(f"---\n{head}\n---\n# Doel\n\nDe zorg is thuis geregeld.".encode(), "a.md")
    assert meta == expected


def test_markdown_as_note_tools_export_it():
    # A callout without its marks, fields on their own lines, tasks that say whether they are done,
    # single-star emphasis gone, a rule that breaks, a line underlined as a heading.
    data = ("# 🎯 Doelen\n**Eigenaar:** Anna de Wit\n**Status:** In uitvoering\n\n> 💡 **Samenvatting:** De zorg\n> gaat door.\n\n"
            "- [x] Keuze leverancier\n- [ ] Scholing – *januari 2027*\n\n---\nPlanning\n========\n*Vragen?* Mail ons.\n").encode()
    blocks, _ = load_bytes(data, "plan.md")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Doelen"), ("paragraph", "Eigenaar: Anna de Wit"), ("paragraph", "Status: In uitvoering"),
        ("paragraph", "Samenvatting: De zorg gaat door."),
        ("list_item", "- Keuze leverancier (afgerond)"), ("list_item", "- Scholing – januari 2027"),
        ("heading", "Planning"), ("paragraph", "Vragen? Mail ons.")]


def test_markdown_table_rows_keep_labels_with_their_cells():
    data = (b"Tabel 1\n\n| Bouwblok | Doel | Eigenaar |\n|:---|---|---:|\n"
            b"| Samenwerking | Afspraken in de regio | Zorgkantoor |\n| Financiering | | Gemeente |\n\nNa de tabel.\n")
    blocks, _ = load_bytes(data, "tabel.md")
    assert [b.text for b in blocks] == [
        "Tabel 1", "Bouwblok: Samenwerking; Doel: Afspraken in de regio; Eigenaar: Zorgkantoor",
        "Bouwblok: Financiering; Eigenaar: Gemeente", "Na de tabel.",
    ]


@pytest.mark.parametrize(("rows", "header", "expected"), [
    ([["Wlz", "Wet langdurige zorg"], ["Zvw", "Zorgverzekeringswet"]], None,
     ["Wlz: Wet langdurige zorg", "Zvw: Zorgverzekeringswet"]),
    ([["Term", "Uitleg"], ["Wlz", "Wet langdurige zorg"]], True, ["Term: Wlz; Uitleg: Wet langdurige zorg"]),
    ([["Fase", "Wie", "Wanneer"], ["Pilot", "Team", "2024"], ["Opschalen", "Regio", "2025"]], None,
     ["Fase: Pilot; Wie: Team; Wanneer: 2024", "Fase: Opschalen; Wie: Regio; Wanneer: 2025"]),
    ([["Regio", "Oostdorp", "Oostdorp", "Achterhoek"]], None, ["Regio: Oostdorp; Achterhoek"]),
    ([["", ""], ["Alleen", ""]], None, ["Alleen"]),
], ids=["label-value", "header", "guessed-header", "merged-cell", "empty-cells"])
def test_table_lines(rows: list[list[str]], header: bool | None, expected: list[str]):
    assert table_lines(rows, header) == expected


def test_row_text_without_header_uses_the_first_cell_as_label():
    assert row_text(["Doel", "cel1", "cel2"]) == "Doel: cel1; cel2"


# ---------------------------------------------------------------- PDF layout
def test_pdf_lines_join_into_paragraphs_by_layout_not_by_capitals():
    page = [Text(72, 790, "Begripsbepalingen", 14, bold=True),
            *paragraph_lines(["Mensen met een indicatie voor de", "Wlz blijven zo lang mogelijk thuis wonen.",
                              "Dat vraagt om zorg op afstand.", "Doel", "Hybride zorg is de norm in de wijk."],
                             top=765),
            *paragraph_lines(["Na een witregel begint een nieuwe alinea met", "twee regels."], top=690)]
    blocks, meta = load_bytes(layout_pdf([page]), "beleid.pdf")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Begripsbepalingen"),
        ("paragraph", ("Mensen met een indicatie voor de Wlz blijven zo lang mogelijk thuis wonen. "
                       "Dat vraagt om zorg op afstand.")),
        ("heading", "Doel"),
        ("paragraph", "Hybride zorg is de norm in de wijk."),
        ("paragraph", "Na een witregel begint een nieuwe alinea met twee regels."),
    ]
    assert meta == {"title": "Begripsbepalingen"}


def test_pdf_heading_wrapped_over_lines_is_one_heading():
    # A title in a large font over two lines, at its own leading (more than the body text's).
    page = [Text(72, 790, "Regiovisie langdurige zorg", 24), Text(72, 762, "Oostland 2026-2030", 24),
            Text(72, 720, "Inleiding", 16),
            *paragraph_lines(["In de regio werken zes aanbieders samen aan een visie op de", "langdurige zorg.",
                              "De regio telt veel inwoners en het aantal ouderen groeit snel."], top=695)]
    blocks, meta = load_bytes(layout_pdf([page]), "visie.pdf")
    assert [(b.kind, b.text) for b in blocks][:2] == [("heading", "Regiovisie langdurige zorg Oostland 2026-2030"),
                                                      ("heading", "Inleiding")]
    assert meta == {"title": "Regiovisie langdurige zorg Oostland 2026-2030"}
    # two numbered headings in the same large font, one under the other, stay two
    page = [Text(72, 790, "1 Inleiding", 18), Text(72, 765, "1.1 Aanleiding", 18),
            *paragraph_lines(["In de regio werken zes aanbieders samen aan een visie op de", "langdurige zorg.",
                              "De regio telt veel inwoners en het aantal ouderen groeit snel."], top=735)]
    blocks, _ = load_bytes(layout_pdf([page]), "visie.pdf")
    assert [b.text for b in blocks][:2] == ["1 Inleiding", "1.1 Aanleiding"]


def test_pdf_soft_hyphen_drawn_as_a_space_glyph_joins_its_word():
    # A browser's "print to PDF" draws an unbroken soft hyphen as a space glyph in a span whose
    # ActualText is U+00AD; the word is one word.
    content = (b"BT /F1 12 Tf 72 720 Td (In de wijk werken de zorg) Tj /Span<</ActualText <FEFF00AD> >> BDC ( ) Tj EMC "
               b"135.4 0 Td (aanbieders samen met de huisartsen.) Tj ET")  # Td: the width of the text before
    blocks, _ = load_bytes(stream_pdf([content]), "wijk.pdf")
    assert [b.text for b in blocks] == ["In de wijk werken de zorgaanbieders samen met de huisartsen."]


def test_pdf_hyphenated_words_are_rejoined_and_real_hyphens_kept():
    page = paragraph_lines(["De cliëntprofie-", "len van KIK-", "V gelden voor de zorg-", "en welzijnssector",
                            "en de Wlz-", "indicatie."])
    blocks, _ = load_bytes(layout_pdf([page]), "a.pdf")
    assert [b.text for b in blocks] == [("De cliëntprofielen van KIK-V gelden voor de zorg- en welzijnssector "
                                         "en de Wlz-indicatie.")]


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("cliëntprofie-", "len", "cliëntprofielen"),
    ("KIK-", "V", "KIK-V"),
    ("zorg-", "en welzijn", "zorg- en welzijn"),
    ("ICT-", "systemen", "ICT-systemen"),
    ("de Wlz-", "indicatie", "de Wlz-indicatie"),
    ("eHealth-", "toepassing", "eHealth-toepassing"),
    ("2023-", "2024", "2023-2024"),
    ("2027\u2013", "2030", "2027\u20132030"),
    ("zorg \u2013", "2030", "zorg \u2013 2030"),
    ("ver\u00ad", "pleging", "verpleging"),
    ("een streep -", "daarna", "een streep - daarna"),
    ("De zorg", "Thuis", "De zorg Thuis"),
])
def test_rejoin(left: str, right: str, expected: str):
    assert rejoin(left, right) == expected


def test_pdf_running_headers_footers_page_and_line_numbers_are_removed():
    body = ["Hybride zorg combineert zorg op afstand met zorg", "aan huis voor elke cliënt in de wijk."]

    def page(number: int) -> list[Text]:
        lines = paragraph_lines([f"Deel {number}: {body[0]}", body[1]], top=700)
        numbers = [Text(40, t.y, str(10 * number + i), 8) for i, t in enumerate(lines)]
        extra = [Text(40, 676, str(10 * number + 5), 8), Text(40, 664, str(10 * number + 6), 8)]
        return [Text(72, 800, "Beleidsregels Wlz 2025 | concept", 8), *lines, *numbers, *extra,
                Text(280, 40, f"Pagina {number} van 3", 8), Text(520, 25, str(50 + number), 8)]

    blocks, _ = load_bytes(layout_pdf([page(1), page(2), page(3)]), "a.pdf")
    assert [(b.page, b.text) for b in blocks] == [(n, f"Deel {n}: {body[0]} {body[1]}") for n in (1, 2, 3)]



def test_pdf_a_browsers_print_stamps_in_the_margins_go_on_a_single_page():
    lines = paragraph_lines(["Het team belt elke cliënt op maandag."], top=700)
    page = [Text(30, 780, "12/8/26, 9:41 AM Jaarverslag zorg 2026", 8), *lines,
            Text(30, 20, "https://www.zorg.example/jaarverslag 1/1", 8)]
    blocks, _ = load_bytes(layout_pdf([page]), "a.pdf")
    assert [b.text for b in blocks] == ["Het team belt elke cliënt op maandag."]


def test_pdf_slides_keep_their_short_lines_apart_the_document_says_how_long_a_line_is():
    """Slides printed to PDF lose their bullets, and a slide has too few lines to tell a short line from a full one."""
    items = ["Ervaringen delen met elkaar", "Knelpunten ophalen bij de teams", "Afspraken maken over een pilot"]
    slide = [Text(72, 760, "Doel van vandaag", 20, True), *paragraph_lines(items, top=720, leading=24, size=14)]
    long = ["In de sessie werkten vierendertig deelnemers uit wijkverpleging, huisartsenzorg en de teams",
            "van de verpleeghuizen samen aan een plan voor de regio en de gezamenlijke pilot van dit jaar."]
    other = [Text(72, 760, "Wie waren er", 20, True), *paragraph_lines(long, top=720, leading=24, size=14)]
    blocks, _ = load_bytes(layout_pdf([slide, other]), "sessie.pdf")
    assert [b.text for b in blocks][:4] == ["Doel van vandaag", *items]
    assert blocks[-1].text == " ".join(long)

def test_pdf_running_header_of_a_two_page_document_goes_and_a_year_under_the_title_stays():
    # A browser's print header (date and title) on both pages; a title wrapped before its end year.
    def page(number: int, lines: list[str]) -> list[Text]:
        return [Text(30, 815, "12/7/26, 6:59 PM   Regioplan Oostland", 8), *lines,
                Text(30, 20, f"file:///C:/plannen/regioplan.html {number}/2", 8)]

    first = page(1, [Text(72, 770, "Regioplan Oostland 2027–", 20), Text(72, 746, "2030", 20),
                     *paragraph_lines(["De regio vergrijst sneller dan gemiddeld."], top=700)])
    second = page(2, paragraph_lines(["Het plan loopt vier jaar."], top=780))
    blocks, meta = load_bytes(layout_pdf([first, second]), "regioplan.pdf")
    assert [b.text for b in blocks] == ["Regioplan Oostland 2027–2030", "De regio vergrijst sneller dan gemiddeld.",
                                        "Het plan loopt vier jaar."]


def test_pdf_table_rows_are_read_with_their_column_names_and_a_bullet_list_stays_a_list():
    # Cells start at the same places on every row: a table, read as the other formats read one.
    # Bullets drawn as their own pieces line up too, but a list mark is not a cell.
    table = [Text(x, 700 - 18 * r, cell, 10) for r, row in enumerate([("Jaar", "Budget", "Bron"),
                                                                       ("2027", "€ 2,4 miljoen", "rijk"),
                                                                       ("2028", "€ 3,1 miljoen", "regio")])
             for x, cell in zip((72, 110, 220), row)]
    bullets = [t for i, item in enumerate(["eerste punt van de lijst", "tweede punt", "derde punt"])
               for t in (Text(72, 620 - 12 * i, "•", 10), Text(86, 620 - 12 * i, item, 10))]
    page = [*paragraph_lines(["Het plan wordt betaald uit twee bronnen."], top=730), *table,
            *paragraph_lines(["De punten zijn:"], top=640), *bullets]
    blocks, _ = load_bytes(layout_pdf([page]), "begroting.pdf")
    texts = [b.text for b in blocks]
    assert texts[1:3] == ["Jaar: 2027; Budget: € 2,4 miljoen; Bron: rijk", "Jaar: 2028; Budget: € 3,1 miljoen; Bron: regio"]
    assert texts[-3:] == ["• eerste punt van de lijst", "• tweede punt", "• derde punt"]


def test_pdf_label_table_rows_stay_paragraphs_and_a_numbered_heading_names_no_document():
    # A letter's head ("Aan | ...", "Datum | ...") is a table of label and value: each row a paragraph,
    # none a heading or a list item by its shape. "1. Aanleiding" opens a section; the metadata names the letter.
    head = [Text(x, 760 - 14 * r, cell, 9) for r, row in enumerate([("Aan", "de raad van Oostdorp"), ("Datum", "12 mei 2026"),
                                                                     ("Kenmerk", "AB-12")])
            for x, cell in zip((72, 140), row)]
    page = [*head, Text(72, 700, "1. Aanleiding", 12, bold=True),
            *paragraph_lines(["Het programma startte in maart en loopt door tot en met het jaar 2028."], top=680)]
    blocks, meta = load_bytes(layout_pdf([page], title="Voortgangsbrief"), "brief.pdf")
    assert [(b.kind, b.text) for b in blocks][:4] == [("paragraph", "Aan: de raad van Oostdorp"), ("paragraph", "Datum: 12 mei 2026"),
                                                      ("paragraph", "Kenmerk: AB-12"), ("heading", "1. Aanleiding")]
    assert meta == {"title": "Voortgangsbrief"}


def test_a_table_of_contents_is_left_out_of_pdf_and_docx():
    # Its entries repeat the headings without their text: found for a heading's words, they answer nothing.
    page = [Text(72, 780, "Inhoud", 14, bold=True),
            *paragraph_lines(["1 Inleiding ................................ 2", "2 Resultaten .............................. 3"], top=760),
            Text(72, 700, "1 Inleiding", 14, bold=True), *paragraph_lines(["De pilot liep een halfjaar in de wijk."], top=680)]
    blocks, _ = load_bytes(layout_pdf([page]), "rapport.pdf")
    assert [b.text for b in blocks] == ["1 Inleiding", "De pilot liep een halfjaar in de wijk."]
    data = docx_document([("TOC Heading", "Inhoudsopgave"), ("Normal", "1 Inleiding ........ 2"),
                          ("Heading 1", "1 Inleiding"), ("Normal", "De pilot liep een halfjaar.")])
    blocks, _ = load_bytes(data, "rapport.docx")
    assert [b.text for b in blocks] == ["1 Inleiding", "De pilot liep een halfjaar."]


def test_a_letters_subject_line_is_its_title():
    # A letter opens with its letterhead; its subject line names it, not the letterhead or the template's metadata.
    page = [Text(72, 780, "Gemeente Oostdorp", 14, bold=True),
            *paragraph_lines(["Datum: 3 december 2026", "Onderwerp: Besluit over uw aanvraag"], top=750, leading=20),
            *paragraph_lines(["Geachte mevrouw De Boer, u krijgt een scootmobiel in bruikleen van ons."], top=690)]
    _, meta = load_bytes(layout_pdf([page], title="Briefsjabloon"), "brief.pdf")
    assert meta == {"title": "Besluit over uw aanvraag"}


def test_pdf_footnote_marker_is_split_from_its_word():
    page = [*paragraph_lines(["De regeling geldt sinds 1 januari jl.", "Zij is vastgesteld door de minister."]),
            Text(243, 763, "2", 6)]
    blocks, _ = load_bytes(layout_pdf([page]), "a.pdf")
    assert blocks[0].text == "De regeling geldt sinds 1 januari jl. Zij is vastgesteld door de minister."


def test_pdf_ligatures_and_letter_spacing_are_repaired():
    page = paragraph_lines(["De ﬁnanciering en de ﬂexibele", "inzet van B e l e i d s r e g e l s."])
    blocks, _ = load_bytes(layout_pdf([page]), "a.pdf")
    assert blocks[0].text == "De financiering en de flexibele inzet van Beleidsregels."


@pytest.mark.parametrize(("text", "expected"), [
    ("ﬃ ﬄ ﬀ", "ffi ffl ff"),
    ("zorg\u00a0thuis", "zorg thuis"),
    ("D e n H a a g", "DenHaag"),  # the limit: words set letter by letter run together
    ("a, b en c", "a, b en c"),
])
def test_repair_glyphs(text: str, expected: str):
    assert repair_glyphs(text) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Inkoopbeleid Wlz 2025", "Inkoopbeleid Wlz 2025"),
    ("None", "Inkoopbeleid Wlz 2025 van ZK"),
    ("untitled", "Inkoopbeleid Wlz 2025 van ZK"),
    ("Microsoft Word - inkoop.docx", "Inkoopbeleid Wlz 2025 van ZK"),
    ("inkoop_v3_def.pdf", "Inkoopbeleid Wlz 2025 van ZK"),
    ("51", "Inkoopbeleid Wlz 2025 van ZK"),
    ("Sjabloon rapportage", "Inkoopbeleid Wlz 2025 van ZK"),  # contradicted by the first heading
], ids=["plausible", "none", "untitled", "office", "file-name", "number", "contradicted"])
def test_pdf_title_from_metadata_only_when_plausible(title: str, expected: str):
    page = [Text(520, 815, "1", 9), Text(72, 780, "Inkoopbeleid Wlz 2025 van ZK", 18),
            *paragraph_lines(["Dit beleid beschrijft de inkoop van zorg in de regio."], top=740)]
    _, meta = load_bytes(layout_pdf([page], title=title), "inkoop.pdf")
    assert meta == {"title": expected}


def test_plausible_title_rejects_the_file_name():
    assert not plausible_title("inkoop", "inkoop.pdf")


def test_pdf_reports_progress_per_page():
    pages: list[tuple[int, int]] = []
    # two pages with their own text (a line on both pages at the same place would be a running header)
    load_bytes(layout_pdf([paragraph_lines([f"Hybride zorg werkt goed in wijk {n}."]) for n in ("Noord", "Zuid")]), "a.pdf",
               on_page=lambda page, total: pages.append((page, total)))
    assert pages == [(1, 2), (2, 2)]


@pytest.mark.skipif(not loaders.ocr.available(),
                    reason="tesseract met het Nederlandse model ontbreekt (apt-get install tesseract-ocr tesseract-ocr-nld)")
def test_scanned_pdf_is_read_with_ocr():
    pages: list[tuple[int, int]] = []
    data = scanned_pdf(["Hybride zorg in de wijk", "De cliënt krijgt zorg op afstand."])
    blocks, meta = load_bytes(data, "scan.pdf", on_page=lambda page, total: pages.append((page, total)))
    text = " ".join(b.text for b in blocks)
    assert "Hybride zorg in de wijk" in text and "zorg op afstand" in text
    assert {b.page for b in blocks} == {1}
    assert meta["ocr"] == "ja" and pages == [(1, 1)]


def test_ocr_keeps_a_field_on_a_line_of_its_own():
    # tesseract gives a letter's head as one block; "Datum: ..." and "Kenmerk: ..." are fields, no wrapped sentence
    from ingest.loaders.ocr import paragraphs_from_ocr

    assert paragraphs_from_ocr("Datum: 3 mei 2026\nOns kenmerk: AB-12\nOnderwerp: Uw aanvraag\n\nDe zorg gaat\ndoor.") == [
        "Datum: 3 mei 2026", "Ons kenmerk: AB-12", "Onderwerp: Uw aanvraag", "De zorg gaat door."]


# ---------------------------------------------------------------- DOCX structure
def test_docx_merged_cells_hold_their_text_in_each_row_and_column():
    # Word merges a bouwblok's cell over its actions (vMerge) and a value over two years (gridSpan):
    # each row keeps its bouwblok, each column its value.
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate([("Bouwblok", "Actie", "2027"), ("Samenwerking", "Overleg", "ja"), ("", "Convenant", "nee"),
                             ("Financiering", "Budget", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 1).merge(table.cell(3, 2)).text = "€ 20.000"
    buffer = io.BytesIO()
    document.save(buffer)
    blocks, _ = load_bytes(buffer.getvalue(), "plan.docx")
    assert [b.text for b in blocks] == ["Bouwblok: Samenwerking; Actie: Overleg; 2027: ja",
                                        "Bouwblok: Samenwerking; Actie: Convenant; 2027: nee",
                                        "Bouwblok: Financiering; Actie en 2027: € 20.000"]


def test_docx_tables_are_rows_in_body_order():
    data = docx_document([
        ("Heading 1", "Begrippen"), ("Normal", "Voor de tabel."),
        ("table", [["Wlz", "Wet langdurige zorg"], ["Zvw", "Zorgverzekeringswet"]]),
        ("Normal", "Tussen de tabellen."),
        ("table", [["#Fase", "Wie"], ["Pilot", "Wijkteam"]]),
        ("Normal", "Na de tabel."),
    ])
    blocks, _ = load_bytes(data, "plan.docx")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Begrippen"), ("paragraph", "Voor de tabel."),
        ("paragraph", "Wlz: Wet langdurige zorg"), ("paragraph", "Zvw: Zorgverzekeringswet"),
        ("paragraph", "Tussen de tabellen."), ("paragraph", "Fase: Pilot; Wie: Wijkteam"), ("paragraph", "Na de tabel."),
    ]


def test_docx_numbered_paragraphs_start_with_the_number_word_shows():
    # Word keeps a list's numbers out of the text: "het tweede speerpunt" needs the "2.".
    switched_off = (f'<w:p {W}><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/>'
                    '</w:numPr></w:pPr><w:r><w:t>Zonder nummer, tegen de stijl in.</w:t></w:r></w:p>')
    data = docx_document([("Normal", "Vier speerpunten:"), ("List Number", "Wachttijd omlaag."),
                          ("List Number", "Een vaste casemanager."), ("List Bullet", "Een punt zonder nummer."),
                          ("List Number", "1. Al genummerd in de tekst."), ("xml", switched_off)])
    blocks, _ = load_bytes(data, "plan.docx")
    assert [b.text for b in blocks] == ["Vier speerpunten:", "1. Wachttijd omlaag.", "2. Een vaste casemanager.",
                                        "Een punt zonder nummer.", "1. Al genummerd in de tekst.",
                                        "Zonder nummer, tegen de stijl in."]
    from ingest.loaders.docx_numbering import formatted

    assert [formatted(4, f) for f in ("decimal", "lowerLetter", "lowerRoman", "bullet")] == ["4", "d", "iv", None]


def test_docx_tracked_insertions_count_and_deletions_do_not():
    data = docx_document([("xml", tracked_paragraph("De zorg wordt", "thuis geleverd.", "in het ziekenhuis"))])
    blocks, _ = load_bytes(data, "wijziging.docx")
    assert [b.text for b in blocks] == ["De zorg wordt thuis geleverd."]


def test_docx_text_box_is_read_once_after_its_paragraph():
    data = docx_document([("xml", text_box_paragraph("Zorg thuis werkt goed.", "Let op: vraag de cliënt zelf.")),
                          ("Normal", "Daarna de gewone tekst.")])
    blocks, _ = load_bytes(data, "kader.docx")
    assert [b.text for b in blocks] == ["Zorg thuis werkt goed.", "Let op: vraag de cliënt zelf.",
                                        "Daarna de gewone tekst."]


# ---------------------------------------------------------------- bad files, exact reasons
@pytest.mark.parametrize(("name", "make", "message"), [
    ("leeg.txt", lambda: b"", "leeg.txt overgeslagen: het bestand is leeg."),
    ("spaties.md", lambda: b" \n\t\r\n ", "spaties.md overgeslagen: het bestand is leeg."),
    ("bom-alleen.txt", lambda: codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "bom-alleen.txt overgeslagen: het bestand is leeg."),
    ("cijfers.txt", lambda: b"1234 5678 %%% ### 99\n" * 5,
     "cijfers.txt overgeslagen: er staan geen gewone woorden in (alleen cijfers, tekens of onleesbare inhoud)."),
    ("script.html", lambda: b"<html><script>var a = 1;</script><p>12 34</p></html>",
     "script.html overgeslagen: er staan geen gewone woorden in (alleen cijfers, tekens of onleesbare inhoud)."),
    ("kapot.html", lambda: b"<p>Zorg thuis werkt goed.</p><![zorg[ thuis ]]>",
     "kapot.html overgeslagen: het bestand is beschadigd of geen geldig HTML-bestand."),
    ("rommel.pdf", lambda: random_bytes(2000, seed=2), "rommel.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand."),
    ("afgekapt.pdf", lambda: text_pdf()[:5000], "afgekapt.pdf overgeslagen: het bestand is beschadigd of geen geldig PDF-bestand."),
    ("geheim.pdf", encrypted_pdf, "geheim.pdf overgeslagen: de PDF is beveiligd met een wachtwoord."),
    ("scan.pdf", image_pdf, "scan.pdf overgeslagen: er staat geen leesbare tekst in (is het een scan zonder tekstlaag?)."),
    ("bom.pdf", lambda: pdf_bomb(12_000_000), "bom.pdf overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("rommel.docx", lambda: random_bytes(2000, seed=3), "rommel.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("zip.docx", lambda: _zip({"a.txt": b"Zorg thuis werkt goed."}), "zip.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("bom.docx", docx_bomb, "bom.docx overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("liegt.docx", lying_docx, "liegt.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("lach.docx", entity_bomb_docx, "lach.docx overgeslagen: het bestand is beschadigd of geen geldig DOCX-bestand."),
    ("leeg.docx", lambda: docx_bytes([]), "leeg.docx overgeslagen: er staat geen leesbare tekst in (is het een scan zonder tekstlaag?)."),
])
def test_bad_files_are_refused_with_the_exact_reason(name: str, make: Maker, message: str):
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(make(), name)
    assert str(error.value) == message


def test_unsupported_suffix():
    with pytest.raises(UnsupportedFileError) as error:
        load_bytes(b"Zorg thuis werkt goed.", "notities.rtf")
    assert str(error.value) == (
        "notities.rtf overgeslagen: bestandstype .rtf wordt niet ondersteund (wel: PDF, DOCX, HTML, Markdown en TXT)."
    )


def test_lying_zip_header_fails_on_the_checksum_not_on_memory():
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(lying_docx(), "liegt.docx")
    assert isinstance(error.value.__cause__, zipfile.BadZipFile)
    assert str(error.value.__cause__) == "Bad CRC-32 for file 'word/document.xml'"


# ---------------------------------------------------------------- budgets
@pytest.mark.parametrize(("limit", "name", "make", "message"), [
    ("MAX_TEXT_CHARS", "lang.txt", lambda: ("Zorg thuis werkt goed. " * 100).encode(),
     "lang.txt overgeslagen: er staat meer dan 1.000 tekens tekst in. Splits het bestand in kleinere delen."),
    ("MAX_TEXT_CHARS", "lang.pdf", lambda: text_pdf(pages=20),
     "lang.pdf overgeslagen: er staat meer dan 1.000 tekens tekst in. Splits het bestand in kleinere delen."),
    ("MAX_PDF_PAGES", "dik.pdf", lambda: text_pdf(pages=3),
     "dik.pdf overgeslagen: de PDF heeft 3 pagina's, de grens is 2. Splits het bestand in kleinere delen."),
    ("MAX_PDF_CONTENT_BYTES", "zwaar.pdf", lambda: stream_pdf([b"BT /F1 12 Tf 72 720 Td (Zorg thuis werkt) Tj ET\n" + b" " * 600], pages=5),
     "zwaar.pdf overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
    ("MAX_ZIP_MEMBERS", "veel.docx", lambda: docx_bytes([("Normal", DUTCH_LINES[0])]),
     "veel.docx overgeslagen: het bestand pakt uit tot een verdacht grote omvang."),
])
def test_budgets_stop_a_file_with_the_exact_reason(monkeypatch: pytest.MonkeyPatch, limit: str, name: str, make: Maker, message: str):
    data = make()
    monkeypatch.setattr(loaders.limits, limit, {"MAX_TEXT_CHARS": 1000, "MAX_PDF_PAGES": 2,
                                         "MAX_PDF_CONTENT_BYTES": 2000, "MAX_ZIP_MEMBERS": 5}[limit])
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(data, name)
    assert str(error.value) == message


def test_pdf_that_takes_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch, good_pdf: bytes):
    monkeypatch.setattr(loaders.limits, "MAX_PDF_SECONDS", 0)
    with pytest.raises(UnreadableFileError) as error:
        load_bytes(good_pdf, "traag.pdf")
    assert str(error.value) == (
        "traag.pdf overgeslagen: het lezen duurde langer dan 0 seconden. Het bestand is te zwaar of beschadigd."
    )


def test_text_budget_stops_a_pdf_before_it_is_read_to_the_end(monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []
    original = loaders.pdf.PdfBudget.count_text

    def counting(self, text: str, *rest: object) -> None:
        calls.append(self.text_chars)
        original(self, text, *rest)

    monkeypatch.setattr(loaders.limits, "MAX_TEXT_CHARS", 500)
    monkeypatch.setattr(loaders.pdf.PdfBudget, "count_text", counting)
    with pytest.raises(UnreadableFileError):
        load_bytes(text_pdf(pages=50), "lang.pdf")
    assert max(calls) <= 500  # it stopped at the first piece over the limit, not after 50 pages


def test_pypdf_warnings_stay_off_the_screen_and_its_log_level_is_restored(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.WARNING)
    with pytest.raises(UnreadableFileError):
        load_bytes(text_pdf()[:5000], "afgekapt.pdf")
    assert caplog.records == []
    assert logging.getLogger("pypdf").level == logging.NOTSET


# ---------------------------------------------------------------- properties
SUFFIXES = sorted(loaders.LOADERS)


def _outcome(data: bytes, name: str) -> None:
    """Blocks with text, or a ZorgError: nothing else may come out of a loader."""
    try:
        blocks, meta = load_bytes(data, name)
    except ZorgError as error:
        assert str(error).startswith(f"{name} overgeslagen: ")
        return
    assert blocks and all(b.text and b.text == b.text.strip() for b in blocks)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())


@PROPERTY
@given(prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", codecs.BOM_UTF16_LE, b"<html><p>"]),
       data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_give_blocks_or_a_dutch_reason(prefix: bytes, data: bytes, suffix: str):
    _outcome(prefix + data, f"bestand{suffix}")


@PROPERTY
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]),
       suffix=st.sampled_from(SUFFIXES))
def test_random_text_gives_blocks_or_a_dutch_reason(text: str, encoding: str, suffix: str):
    _outcome(text.encode(encoding, errors="ignore"), f"bestand{suffix}")


@PROPERTY
@given(text=st.text(st.characters(codec="cp1252", exclude_categories=["Cc"]) | st.sampled_from("\n\t"),
                   min_size=1, max_size=400))
def test_decoded_text_is_never_silently_different(text: str):
    """Text without control characters in UTF-8, or in UTF-16 with a byte order mark, comes
    back exactly (or is refused); it is never decoded as something else."""
    for data in (text.encode("utf-8"), text.encode("utf-16")):
        try:
            decoded = decode_text(data, "a.txt")
        except ZorgError:
            continue
        assert decoded == text


@PROPERTY
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=0, max_size=8)), min_size=1, max_size=6),
       cut=st.floats(0.05, 1.0), kind=st.sampled_from(["pdf", "docx"]))
def test_damaged_real_files_give_blocks_or_a_dutch_reason(good_pdf: bytes, good_docx: bytes, edits: list[tuple[float, bytes]], cut: float,
                                                    kind: str):
    data = bytearray(good_pdf if kind == "pdf" else good_docx)
    for where, replacement in edits:
        at = int(where * (len(data) - 1))
        data[at : at + len(replacement)] = replacement
    _outcome(bytes(data[: max(1, int(len(data) * cut))]), f"beschadigd.{kind}")


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
