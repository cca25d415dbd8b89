"""Every text a user reads, in Dutch (B1). Logic modules import from here, never write their own."""

NO_INDEX = "Er is nog geen index in {data_dir}. Draai eerst `zorgassistent ingest`."
EMPTY_QUESTION = "Stel een vraag: de vraag is leeg."
NO_LETTERS = "Ik begrijp de vraag niet: er staan geen woorden in. Stel een vraag in gewone taal."
QUESTION_TRUNCATED = "Let op: de vraag was erg lang en is ingekort tot {n} tekens."
INDEX_REBUILD = (
    "De index is gemaakt met {old}; nu is {new} ingesteld. De index wordt opnieuw opgebouwd."
)
INDEX_LOCKED = (
    "Een ander proces werkt op dit moment de index bij ({path}). Wacht tot dat klaar is en "
    "probeer het dan opnieuw."
)

FILE_MISSING = "Bestand of map niet gevonden: {path}"
FILE_UNSUPPORTED = (
    "{name} overgeslagen: bestandstype {suffix} wordt niet ondersteund "
    "(wel: PDF, DOCX, HTML, Markdown en TXT)."
)
FILE_EMPTY = "{name} overgeslagen: het bestand is leeg."
FILE_NO_TEXT = "{name} overgeslagen: er staat geen leesbare tekst in (is het een scan zonder tekstlaag?)."
FILE_TOO_LARGE = "{name} overgeslagen: het bestand is {size_mb:.1f} MB, de grens is {limit_mb:g} MB."
FILE_UNREADABLE = "{name} overgeslagen: het bestand is beschadigd of geen geldig {kind}-bestand."
FILE_ENCRYPTED = "{name} overgeslagen: de PDF is beveiligd met een wachtwoord."
FILE_BOMB = "{name} overgeslagen: het bestand pakt uit tot een verdacht grote omvang."

INGEST_SUMMARY = (
    "Klaar: {documents} document(en) bekeken, {added} nieuw of gewijzigd, {unchanged} ongewijzigd, "
    "{removed} verwijderd, {skipped} overgeslagen. {chunks_written} tekstdelen geschreven, "
    "{chunks_deleted} verwijderd; de index heeft nu {total} tekstdelen."
)
INGEST_RELABELLED = " {n} tekstdelen kregen alleen nieuwe gegevens (hun tekst is gelijk, dus niet opnieuw ingebed)."
INGEST_PROGRESS = "Documenten inlezen"
EMBED_PROGRESS = "Tekstdelen verwerken"

NOT_IN_DOCUMENTS = "Dat staat niet in de documenten."
NOT_IN_DOCUMENTS_EN = "The documents do not cover this."
NEAREST_SOURCES = "De dichtstbijzijnde bronnen zijn:"
# Why the assistant answered or refused (answer/decision.py); shown with a refusal and in the eval report.
DECISION_ANSWERED = "De passages beantwoorden de vraag."
DECISION_NAMES = "Geen passage noemt {names}."
DECISION_NAMES_ELSEWHERE = "De passages noemen het gevraagde niet voor {names}."  # the fact is there, for someone else
DECISION_WORD = "Geen passage noemt '{word}'."
DECISION_FACT = "De passages noemen niet {fact}."
DECISION_FACT_WORDS = {"getal": "het gevraagde aantal", "jaar": "het gevraagde jaar", "datum": "de gevraagde datum",
                       "einde": "tot wanneer het loopt",
                       "looptijd": "hoe lang het loopt", "duur": "de gevraagde duur", "frequentie": "hoe vaak het gebeurt", "procent": "het gevraagde percentage",
                       "bedrag": "het gevraagde bedrag", "telefoon": "het gevraagde telefoonnummer", "email": "het gevraagde e-mailadres",
                       "website": "het gevraagde webadres", "adres": "het gevraagde adres", "contact": "de gevraagde contactgegevens",
                       "tijd": "de gevraagde tijden", "auteur": "wie het schreef", "rol": "wie die rol heeft", "persoon": "wie die persoon is",
                       "definitie": "wat het is", "activiteit": "wat het doet", "opsomming": "de gevraagde opsomming"}
DECISION_TOPIC = "De gevonden passages gaan over iets anders dan de vraag."
DECISION_NO_QUOTE = "Geen zin in de passages beantwoordt de vraag."
DECISION_INSTRUCTIONS = "De vraag gaat over de instructies van de assistent, niet over de documenten."
NEAREST_SOURCES_EN = "The nearest sources are:"
UNSUPPORTED_MARK = "(niet onderbouwd)"
SYSTEM_PROMPT_REFUSAL = (
    "Daar kan ik niet op ingaan: ik deel mijn instructies niet. Stel gerust een vraag over de "
    "documenten over hybride zorg."
)
BACKEND_FALLBACK = "Let op: {backend} is niet beschikbaar ({reason}). Ik antwoord zonder taalmodel."
LLM_NOT_INSTALLED = "het modelbestand ontbreekt; draai `make install` of kies de modus extractive"
LLM_NO_RUNTIME = "llama-cpp-python ontbreekt; draai `make install` of kies de modus extractive"
# The local model's own process (model_server.py).
LLM_STATUS_CHECKING = "Het taalmodel wordt gestart en krijgt een testvraag ..."
LLM_STATUS_LINE = "Lokaal taalmodel: {status} ({path})"
LLM_STATUS_WORKS = "werkt (testantwoord in {seconds:.1f} s)"
LLM_SIGILL = ("de processor kent een instructie van het taalmodel niet (SIGILL); "
              "bouw het opnieuw met `make install`")
LLM_KILLED = "het proces van het taalmodel werd gestopt (SIGKILL, bijvoorbeeld door geheugengebrek)"
LLM_SIGNAL = "het proces van het taalmodel stopte door {signal}"
LLM_EXITED = "het proces van het taalmodel stopte met code {code}{last}"
LLM_START_TIMEOUT = "het taalmodel was na {seconds:g} s nog niet gestart"
LLM_RESTARTING = "het taalmodel wordt opnieuw gestart"
LLM_STOPPED = "het taalmodel is gestopt"
LLM_NO_REPLY = "het taalmodel gaf geen antwoord"
LLM_BUSY = "het taalmodel is bezig met andere vragen"
LLM_BROKE_OFF = "het taalmodel stopte midden in het antwoord"
LLM_WAITING = "Even geduld: een andere vraag gebruikt het taalmodel. Uw vraag wacht op het taalmodel."
LLM_FALLBACK = "Let op: het taalmodel is niet beschikbaar ({reason}). Ik antwoord zonder taalmodel."
UNKNOWN_OPTION = "Onbekende waarde {value!r} voor {what}. Kies uit: {options}."
LLM_UNVERIFIED = ("Het taalmodel gaf geen antwoord dat met de documenten te controleren is; "
                  "hieronder staan de passages zelf.")


EVAL_INPUT_MISSING = "Het vragenbestand {path} bestaat niet."
EVAL_INPUT_BAD_LINE = "Regel {line} van {path} is geen geldige JSON met 'id' en 'question': {error}"
EVAL_PROGRESS = "Vragen beantwoorden"
EVAL_SOURCES_MISSING = ("Let op: {n} geciteerde bron(nen) niet gevonden (bijvoorbeeld {first}); hun citaten tellen als "
                        "ongeldig. Zet ZORGASSISTENT_CORPUS op de map die is ingelezen.")
CALIBRATE_NO_EXTERNAL = "Geen tweede vragenset in {path} (questions.jsonl en corpus/): alleen de eigen sets worden gebruikt."

# Robustness of ingestion: reasons to skip a file, and a broken sources.toml.
FILE_ENCODING = (
    "{name} overgeslagen: de tekenset (codering) van het bestand is niet te herkennen. "
    "Sla het op als UTF-8 en probeer het opnieuw."
)
FILE_NO_WORDS = "{name} overgeslagen: er staan geen gewone woorden in (alleen cijfers, tekens of onleesbare inhoud)."
FILE_TOO_MUCH_TEXT = (
    "{name} overgeslagen: er staat meer dan {limit} tekens tekst in. Splits het bestand in kleinere delen."
)
FILE_TOO_MANY_PAGES = (
    "{name} overgeslagen: de PDF heeft {pages} pagina's, de grens is {limit}. Splits het bestand in kleinere delen."
)
FILE_TOO_SLOW = (
    "{name} overgeslagen: het lezen duurde langer dan {seconds} seconden. Het bestand is te zwaar of beschadigd."
)
SOURCES_TOML_INVALID = (
    "{path} kon niet worden gelezen ({error}). De titels en datums daaruit worden niet gebruikt; "
    "de documenten worden wel ingelezen."
)

# Plan van aanpak
PLAN_DIGESTED = (
    "Let op: bij {n} onderdeel/onderdelen kon geen zin van het taalmodel in de documenten worden teruggevonden; "
    "daar staan de citaten uit de documenten zelf."
)
PLAN_EMPTY_GOAL = (
    "Beschrijf eerst het doel van het plan, bijvoorbeeld: Invoeren van beeldzorg in de wijkverpleging in regio Twente."
)
PLAN_DOCX_NEEDS_OUT = "Een Word-bestand kan niet op het scherm. Geef een bestandsnaam op, bijvoorbeeld: --out plan.docx"
PLAN_SAVED = "Plan opgeslagen in {path}"

# Web app (assistant/web/): labels, panel texts and the help around a refusal.
WEB_TITLE = "Zorgassistent"
WEB_INTRO = ("Vragen over passende hybride zorg, beantwoord uit de beleidsdocumenten, "
             "met bronnen die u kunt nakijken.")
WEB_TAB_CHAT = "Vragen"
WEB_TAB_DOCUMENTS = "Documenten"
WEB_TAB_PLAN = "Plan van aanpak"
WEB_CHAT_LABEL = "Gesprek"
WEB_CHAT_PLACEHOLDER = ("**Stel een vraag over hybride zorg.** Bijvoorbeeld over de bouwblokken, de bewegingen "
                        "of programma's als IZA en KIK-V.")
WEB_QUESTION_LABEL = "Uw vraag"
WEB_QUESTION_PLACEHOLDER = "Bijvoorbeeld: Wat houdt de beweging Thuis als het kan in?"
WEB_SEND = "Vraag stellen"
WEB_NEW = "Nieuw gesprek"
WEB_EXPORT = "Exporteren (Markdown)"
WEB_DOWNLOAD = "Download"
WEB_EXAMPLES = "Voorbeeldvragen"
WEB_SUGGESTIONS = "Anders vragen"
WEB_FILTERS = "Filters en antwoordmodus"
WEB_MODE_LABEL = "Antwoordmodus"
WEB_DOC_FILTER = "Alleen deze documenten (leeg = alle)"
WEB_TYPE_FILTER = "Alleen dit soort document (leeg = alle)"
WEB_SOURCES = "Bronnen"
WEB_ABOUT = "Over deze assistent"
WEB_MODE_LABELS = {"extractive": "Zonder taalmodel (citaten)", "llm": "Lokaal taalmodel",
                   "openai": "OpenAI-compatibel", "ollama": "Ollama"}
WEB_STATUS = ("Embeddingmodel: `{embedding}` · Index: {documents} documenten, {chunks} tekstdelen · "
              "Antwoordmodus: {mode} · Lokaal taalmodel: {llm}")
WEB_LLM_NOT_INSTALLED = "**{state}** (antwoorden komen zonder taalmodel)"
WEB_LLM_CHECKING = "wordt gecontroleerd …"

WEB_NO_SOURCES = "Nog geen bronnen. Stel een vraag; de bronnen verschijnen hier."
WEB_NO_PASSAGES = "Geen passages gevonden in de documenten."
WEB_NEAREST_HEAD = ("Dit zijn de passages die het dichtst bij de vraag kwamen. "
                    "Ze zijn niet als antwoord gebruikt.")
WEB_NOT_USED = "niet als antwoord gebruikt"
WEB_OLD_SOURCE = "bron uit {year}"
WEB_OCR_SOURCE = "tekst herkend uit een scan (OCR): controleer het origineel"
WEB_BEFORE = "Tekst ervoor"
WEB_AFTER = "Tekst erna"
WEB_SOURCE_FILE = "bestand"
WEB_ERROR = "Er ging iets mis bij het beantwoorden. Probeer het opnieuw."
WEB_WRITING = "Het antwoord wordt gemaakt …"

WEB_REFUSAL_MISSING = "Geen van de gevonden passages noemt {words}."
WEB_REFUSAL_FACT = "De passages die erover gaan, noemen niet wat u vraagt ({fact})."
WEB_REFUSAL_WEAK = "De passages die het dichtst bij de vraag komen, beantwoorden haar niet."
WEB_REFUSAL_NEAREST = "De dichtstbijzijnde passages staan rechts bij de bronnen (niet als antwoord gebruikt)."
WEB_REPHRASE = "Misschien bedoelt u:"
WEB_REPHRASE_QUESTION = "Wat staat er in de documenten over {topic}?"
WEB_FACT_NAMES = {"getal": "aantal", "jaar": "jaartal", "datum": "datum", "einde": "einddatum", "looptijd": "looptijd", "duur": "duur", "frequentie": "frequentie", "procent": "percentage",
                  "bedrag": "bedrag", "telefoon": "telefoonnummer", "email": "e-mailadres", "website": "webadres",
                  "adres": "adres", "contact": "contactgegeven", "tijd": "tijdstip", "auteur": "auteur", "rol": "naam", "persoon": "wie het is", "definitie": "wat het is", "activiteit": "wat het doet",
                  "opsomming": "opsomming"}
WEB_FILTER_ACTIVE = "Let op: er staat een filter aan ({filters})."
WEB_FILTER_DOCUMENTS = "documenten: {names}"
WEB_FILTER_TYPES = "soort: {names}"
WEB_FILTER_ANSWER_WITHOUT = ("Zonder dit filter staat het antwoord wel in de documenten. "
                             "Maak het filter leeg (of klik op ‘Nieuw gesprek’) en stel de vraag opnieuw.")
WEB_FILTER_NO_ANSWER_WITHOUT = "Ook zonder filter staat het antwoord niet in de documenten."

WEB_NO_ANSWER_TO_EXPORT = "Er is nog geen antwoord om te exporteren."
WEB_EXPORT_QUESTION = "Vraag"
WEB_EXPORT_ANSWER = "Antwoord"
WEB_EXPORT_SOURCES = "Bronnen"

WEB_UPLOAD_LABEL = "Documenten toevoegen (PDF, DOCX, HTML, Markdown, TXT)"
WEB_UPLOAD_BUTTON = "Inlezen"
WEB_UPLOAD_DONE = ("Gelukt: {count} document(en) toegevoegd of bijgewerkt; "
                   "de index heeft nu {total} tekstdelen.")
WEB_UPLOAD_NOTHING = "Kies eerst een of meer bestanden."
WEB_UPLOAD_PROGRESS = "Documenten inlezen"
WEB_TIME_LEFT = " · nog ongeveer {time}"
WEB_TABLE_LABEL = "Documenten in de index"
WEB_TABLE_HEADERS = ["titel", "soort", "datum", "tekstdelen", "ingelezen", "bestand"]
WEB_REMOVE_LABEL = "Documenten verwijderen"
WEB_REMOVE_BUTTON = "Verwijder gekozen documenten"
WEB_REMOVE_CONFIRM = "Ja, verwijder"
WEB_REMOVE_CANCEL = "Annuleren"
WEB_REMOVE_ASK = "Weet u het zeker? U verwijdert {names} uit de index. Dit kunt u niet ongedaan maken."
WEB_REMOVE_NOTHING = "Kies eerst een document om te verwijderen."
WEB_REMOVE_DONE = "{count} document(en) verwijderd ({chunks} tekstdelen)."
WEB_REMOVE_CANCELLED = "Niets verwijderd."

WEB_PLAN_INTRO = ("Een eerste opzet voor een plan van aanpak, per bouwblok van de ondersteuningsstructuur. "
                  "Elke zin met een nummer komt uit de documenten; waar niets gevonden is, staat dat erbij.")
WEB_PLAN_GOAL = "Doel en context"
WEB_PLAN_GOAL_PLACEHOLDER = "Bijvoorbeeld: Invoeren van beeldzorg in de wijkverpleging in regio Twente"
WEB_PLAN_ORGANISATION = "Soort organisatie (mag leeg)"
WEB_PLAN_ORGANISATION_PLACEHOLDER = "Bijvoorbeeld: VVT-organisatie, ziekenhuis, gemeente"
WEB_PLAN_PHASE = "Fase van hybride zorg (mag leeg)"
WEB_PLAN_NO_PHASE = "Geen keuze"
WEB_PLAN_MODE_INFO = ("Zonder taalmodel is het plan binnen een minuut klaar; met een taalmodel "
                      "kan het tien minuten of langer duren.")
WEB_PLAN_BUTTON = "Maak plan"
WEB_PLAN_STARTING = "Het plan wordt gemaakt …"
WEB_PLAN_STEPS = "stappen"
WEB_PLAN_MARKDOWN = "Download Markdown"
WEB_PLAN_DOCX = "Download Word (DOCX)"
WEB_PLAN_ERROR = "Er ging iets mis bij het maken van het plan. Probeer het opnieuw."
# Gradio's own English texts (buttons, aria labels, upload box, toasts), shown in Dutch by a script
# in the page (layout.HEAD): many are not translatable through Gradio's i18n. Exact texts first,
# then prefixes of labels that end with content ("user's message: ...").
WEB_GRADIO_TEXTS = {
    "Clear": "Wissen", "Copy message": "Kopieer bericht", "Copied message": "Bericht gekopieerd",
    "Copy": "Kopiëren", "Copied": "Gekopieerd", "Retry": "Opnieuw", "Undo": "Ongedaan maken", "Edit": "Bewerken",
    "Like": "Goed antwoord", "Dislike": "Slecht antwoord", "Share": "Delen", "Submit": "Versturen",
    "Cancel": "Annuleren", "More tabs": "Meer tabbladen", "chatbot conversation": "Gesprek",
    "Click to upload or drop files": "Sleep bestanden hierheen - of - Klik om te kiezen",
    "File upload": "Bestanden kiezen", "Drop File Here": "Sleep bestanden hierheen", "- or -": "- of -",
    "Click to Upload": "Klik om te kiezen", "Uploading...": "Bezig met uploaden ...", "Download": "Downloaden",
    "Remove": "Verwijderen", "Table actions": "Tabelacties", "Copy table data": "Kopieer de tabel",
    "Fullscreen": "Volledig scherm", "Exit fullscreen mode": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten", "Open cell menu": "Celmenu openen", "Sort column": "Kolom sorteren",
    "Search...": "Zoeken ...", "Loading...": "Laden ...", "Loading…": "Laden …", "Loading": "Laden", "Loading content": "Inhoud wordt geladen",
    "Loading response": "Het antwoord wordt geladen", "Loading Progress": "Voortgang van het laden",
    "Loading history": "Eerdere gesprekken laden", "Error": "Fout", "Warning": "Waarschuwing",
    "Info": "Melding", "Close": "Sluiten", "close": "sluiten", "Dropdown": "Keuzelijst",
    "Remove All": "Alles verwijderen", "Clear all": "Alles wissen", "Remove all": "Alles verwijderen",
    "Connection errored out.": "De verbinding met de server is verbroken. Laad de pagina opnieuw.",
    "Lost connection due to leaving page. Rejoining queue...":
        "De verbinding viel weg doordat u de pagina verliet. De vraag gaat opnieuw in de wachtrij ...",
    "Connection to the server was lost. Attempting reconnection...":
        "De verbinding met de server is weggevallen. Er wordt opnieuw verbinding gemaakt ...",
    "Reconnected to server, but the server has changed. You may need to <a href=''>refresh the page</a>.":
        "De verbinding is hersteld, maar de server is veranderd. Laad de pagina opnieuw.",
    "Reconnected to server.": "De verbinding is hersteld.",
}
WEB_GRADIO_PREFIXES = {"user's message: ": "uw vraag: ", "bot's message: ": "antwoord: ",
                       "Remove ": "Verwijder ", "Select ": "Kies "}

# Plan van aanpak (draft)
PLAN_INTRO_UNVERIFIED = (
    "Let op: bij {n} bouwblok(ken) kon geen zin van het taalmodel in de documenten worden teruggevonden; "
    "daar staat geen inleiding, wel de citaten uit de documenten zelf."
)

# Ingest progress
INGEST_READING = "Bestanden lezen — {name}"
INGEST_READING_PAGE = "Bestanden lezen — {name}, pagina {page} van {pages}"
INGEST_EMBEDDING = "Teksten embedden — {name}"
INGEST_KEYWORDS = "Trefwoordindex bijwerken"
INGEST_TIMES = (
    "Tijd: lezen {reading:.1f} s, tekstdelen maken {chunking:.1f} s, embedden {embedding:.1f} s "
    "(tekstdelen {embedding_chunks:.1f} s, vensters {embedding_windows:.1f} s), opslaan {store:.1f} s, "
    "trefwoordindex {keywords:.1f} s, overig {other:.1f} s; totaal {total:.1f} s"
)
