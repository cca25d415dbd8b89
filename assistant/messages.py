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
INGEST_PROGRESS = "Documenten inlezen"
EMBED_PROGRESS = "Tekstdelen verwerken"

NOT_IN_DOCUMENTS = "Dat staat niet in de documenten."
NOT_IN_DOCUMENTS_EN = "The documents do not cover this."
NEAREST_SOURCES = "De dichtstbijzijnde bronnen zijn:"
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

KEY_PASSAGE_ADDED = ("Het taalmodel gaf de passage die de vraag het best beantwoordt niet volledig weer; "
                     "die staat letterlijk onder het antwoord.")

EVAL_INPUT_MISSING = "Het vragenbestand {path} bestaat niet."
EVAL_INPUT_BAD_LINE = "Regel {line} van {path} is geen geldige JSON met 'id' en 'question': {error}"
EVAL_PROGRESS = "Vragen beantwoorden"

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
