"""Answer or refuse: one probability over named signals, with the reason that pulled it down.
Synthetic models and corpora; no names from the project's documents."""

import numpy as np
import pytest

from assistant import fitted
from assistant import messages as msg
from assistant.answer import decision, question_words
from assistant.answer.decision import FEATURES, decide, row
from assistant.keyword_index import tokenize


def model_on(weights: dict[str, float], intercept: float = 0.0) -> fitted.LinearModel:
    coef = np.array([weights.get(f, 0.0) for f in FEATURES])
    return fitted.LinearModel(FEATURES, np.full(len(FEATURES), 0.5), np.ones(len(FEATURES)), coef, intercept)


def values(**changes: float) -> list[float]:
    base = dict(zip(FEATURES, [2.0, 1.0, 1.0, 0.05, 0.1, 0.8, 1.0, 0.8, 0.0, 0.0, 0.0, 4.0]))
    base.update(changes)
    return [base[f] for f in FEATURES]


def test_row_measures_the_question_against_passages_and_quotes():
    got = row([3.0, 1.0, 0.0], [0.9, 0.7, 0.5], 0.8, {"vergunning": 3.0, "kost": 1.0},
              {"vergunning", "kost", "jaar"}, {"kost"}, "bedrag", False, 1)
    features = dict(zip(FEATURES, got))
    assert features["rank_margin"] == 2.0 and features["rank_spread"] == 2.5
    assert features["dense_top"] == pytest.approx(0.1) and features["dense_spread"] == pytest.approx(0.2)
    assert features["coverage"] == 1.0 and features["rarest_present"] == 1.0
    assert features["quote_coverage"] == 0.25  # only "kost" (idf 1 of 4) is quoted
    assert features["fact_supported"] == -1.0 and features["fact_missing"] == 1.0 and features["names_missing"] == 1.0
    assert features["question_terms"] == 2.0


def test_the_cutoff_decides_and_the_probability_is_reported():
    model = model_on({"coverage": 4.0})
    yes = decide(values(coverage=0.9), [], "", "", model, fallback=False)
    no = decide(values(coverage=0.1), [], "", "", model, fallback=True)
    assert yes.answer and yes.probability > decision.CUTOFF and yes.kind == "beantwoord"
    assert not no.answer and no.probability < decision.CUTOFF  # the rule's verdict is not used
    assert no.as_json()["features"]["coverage"] == 0.1


def test_the_reason_is_the_signal_that_pulled_down_most():
    model = model_on({"names_missing": -3.0, "rarest_present": 1.0, "fact_supported": 1.0}, intercept=-3.0)
    names = decide(values(names_missing=2.0, rarest_present=0.0), ["Zeeland", "2019"], "uurtarief", "", model, False)
    assert names.kind == "namen" and names.reason == msg.DECISION_NAMES.format(names="'Zeeland' of '2019'")
    word = decide(values(rarest_present=0.0), [], "uurtarief", "", model, False)
    assert word.kind == "woord" and word.reason == "Geen passage noemt 'uurtarief'."
    fact = decide(values(fact_supported=-1.0), [], "", "jaar", model, False)
    assert fact.kind == "feit" and "het gevraagde jaar" in fact.reason
    topic = decide(values(), [], "", "", model_on({}, intercept=-1.0), False)
    assert topic.kind == "onderwerp"
    # A missing fact has its own weight: when that signal pulls down most, the reason is the fact.
    missing = decide(values(fact_supported=-1.0, fact_missing=1.0), [], "uurtarief", "bedrag",
                     model_on({"fact_missing": -4.0, "rarest_present": 1.0}), False)
    assert missing.kind == "feit" and "het gevraagde bedrag" in missing.reason


def test_a_missing_fact_is_its_own_signal_and_a_held_one_is_not_missing():
    def signals(fact: str, held: bool) -> dict[str, float]:
        return dict(zip(FEATURES, row([1.0], [0.9], 0.8, {"kost": 1.0}, {"kost"}, {"kost"}, fact, held, 0)))

    assert signals("bedrag", False)["fact_missing"] == 1.0 and signals("bedrag", False)["fact_supported"] == -1.0
    assert signals("bedrag", True)["fact_missing"] == 0.0 and signals("bedrag", True)["fact_supported"] == 1.0
    assert signals("", False)["fact_missing"] == 0.0 and signals("", False)["fact_supported"] == 0.0


def test_without_a_fitted_model_the_rule_decides():
    assert decide(values(), [], "", "", None, fallback=True).answer
    refused = decide(values(names_missing=1.0), ["Zeeland"], "", "", None, fallback=False)
    assert not refused.answer and refused.probability is None and refused.kind == "namen"


SHOP = """# Winkel De Molen

De winkel De Molen is open van maandag tot en met zaterdag, van negen tot zes uur.

## Bezorging

Bestellingen boven de vijftig euro bezorgt De Molen gratis in de hele gemeente.
"""


def ingested(tmp_path, settings, files: dict[str, str]):
    """The settings of a tiny corpus of `files` (name -> text), ingested."""
    from assistant.index import open_index
    from ingest.pipeline import ingest

    corpus = tmp_path / "winkel"  # the settings fixture has its own corpus/ and data/
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    local = settings.with_(corpus_dir=corpus, data_dir=tmp_path / "winkeldata")
    ingest(open_index(local), warn=lambda m: None)
    return local


@pytest.fixture
def shop(tmp_path, settings):
    return ingested(tmp_path, settings, {"molen.md": SHOP})


def test_every_answer_carries_its_decision_and_a_refusal_says_why(shop):
    from assistant.service import Assistant

    assistant = Assistant(shop)
    answered = assistant.ask("Wanneer is de winkel De Molen open?")
    assert not answered.refused and answered.decision.answer and answered.decision.kind == "beantwoord"
    refused = assistant.ask("Hoeveel kost een abonnement bij de sportschool in Utrecht?")
    assert refused.refused and not refused.decision.answer
    assert refused.decision.reason in refused.text
    data = assistant.to_json(refused)
    assert data["decision"]["answer"] is False and set(data["decision"]["features"]) == set(FEATURES)


def test_the_rarest_term_is_never_a_count():
    # "Welke vier stappen ...": whether there are four is for the list to show, not a word to find.
    terms = {"vier": 6.0, "2030": 5.5, "stap": 3.0, "zorg": 1.0}
    assert question_words.rarest_term(terms) == "stap"
    features = dict(zip(FEATURES, row([1.0], [0.9], 0.8, terms, {"stap"}, {"stap"}, "opsomming", True, 0)))
    assert features["rarest_present"] == 1.0


def test_a_follow_ups_asked_word_is_its_own_not_the_earlier_topics():
    # The earlier topic found the passages; the follow-up asks about something else.
    terms = {"molen": 6.0, "parkeren": 3.0, "zorg": 1.0}
    assert question_words.asked_term(terms, {"parkeren"}) == "parkeren"
    assert question_words.asked_term(terms, set()) == "molen"  # no words of its own: the question's rarest



def test_coverage_weighs_a_word_by_what_it_tells_in_general_language():
    # In a small corpus a common verb can be rarer than the subject asked about; a passage on
    # the subject without that verb still covers most of the question, the reverse does not.
    question = "Wat doet de gemeente tegen zwerfafval?"
    verb, subject = tokenize("doet")[0], tokenize("zwerfafval")[0]
    idf = {verb: 5.0, tokenize("gemeente")[0]: 1.0, subject: 2.0}
    weights = question_words.informativeness(question, idf)
    assert weights[subject] > weights[verb]
    covered = lambda tokens: dict(zip(FEATURES, row([1.0], [0.9], 0.8, weights, tokens, tokens, "", False, 0)))["coverage"]  # noqa: E731
    assert covered({subject, tokenize("gemeente")[0]}) > 0.6 > covered({verb, tokenize("gemeente")[0]})


def test_a_refusal_names_the_most_telling_word_no_passage_holds():
    question = "Wat plant de gemeente tegen zwerfafval?"
    weights = question_words.informativeness(question, {t: 1.0 for t in tokenize(question)})
    own = set(weights)
    assert question_words.missing_word(question, weights, {tokenize("gemeente")[0]}, own) == "zwerfafval"
    assert question_words.missing_word(question, weights, {tokenize("zwerfafval")[0], tokenize("gemeente")[0]}, own) == "plant"
    # "wat doet X" asks for any activity: the answer has another verb, so "doet" is never the missing word
    doet = "Wat doet de gemeente tegen zwerfafval?"
    weights = question_words.informativeness(doet, {t: 1.0 for t in tokenize(doet)})
    assert question_words.missing_word(doet, weights, {tokenize("zwerfafval")[0], tokenize("gemeente")[0]}, set(weights)) != "doet"
    assert question_words.missing_word(question, weights, set(weights), own) == ""
    # "waarheen", "waarvoor" say what is asked, not what the answer holds
    waarheen = "Waarheen is de markt verhuisd?"
    weights = question_words.informativeness(waarheen, {t: 1.0 for t in tokenize(waarheen)})
    assert question_words.missing_word(waarheen, weights, {tokenize("markt")[0]}, set(weights)) == "verhuisd"
    # a follow-up names its own word before the earlier topic's
    follow_up = "En de kosten? (over: zwerfafval)"
    weights = question_words.informativeness(follow_up, {t: 1.0 for t in tokenize(follow_up)})
    assert question_words.missing_word(follow_up, weights, set(), set(tokenize("En de kosten?"))) == "kosten"


def test_a_verb_the_passages_hold_in_another_form_counts_as_found(shop):
    from assistant.service import Assistant

    answer = Assistant(shop).ask("Wanneer bezorgde De Molen de bestellingen gratis?")
    assert answer.standalone_question == "Wanneer bezorgde De Molen de bestellingen gratis?"  # searched as asked
    assert answer.decision.features["coverage"] == 1.0 and answer.decision.features["rarest_present"] == 1.0


def test_a_separable_verb_the_passages_write_apart_counts_as_found(tmp_path, settings):
    # Dutch puts the particle of "aanleveren" at the end of a main clause: "leveren ... aan".
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {
        "molen.md": "# Leveranciers\n\nLeveranciers moeten dit vaak doen: zij leveren elke week hun prijslijsten aan.\n"})
    answer = Assistant(local).ask("Hoe vaak moeten leveranciers prijslijsten aanleveren?")
    assert answer.decision.features["coverage"] == 1.0 and answer.decision.features["quote_coverage"] == 1.0
    assert question_words.split_verbs({"aanlever": {"aanlever"}}, "Zij leveren het aan. Daarna niets.") == {"aanlever"}
    assert question_words.split_verbs({"aanlever": {"aanlever"}}, "Zij leveren het. Zij komen aan.") == set()  # one sentence


def test_what_happens_counts_where_a_passage_says_it_and_is_no_missing_word_where_none_does(tmp_path, settings):
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {
        "molen.md": "# Molen\n\nAls de molen stilstaat, maalt de bakker het meel zelf met de hand.\n"})
    answer = Assistant(local).ask("Wat gebeurt er als de molen stilstaat?")
    assert answer.decision.features["coverage"] == 1.0 and "gebeurt" not in answer.decision.reason
    (tmp_path / "prijzen").mkdir()
    local = ingested(tmp_path / "prijzen", settings, {
        "prijzen.md": "# Prijzen\n\nWat moet er gebeuren als de prijs van graan stijgt? Dan verhoogt de molen het broodtarief.\n"})
    answer = Assistant(local).ask("Wat moet er gebeuren als de prijs van graan stijgt?")  # written: counted
    assert answer.decision.features["question_terms"] == 4.0 and answer.decision.features["coverage"] == 1.0


def test_a_hyphenated_question_word_is_named_by_its_parts(tmp_path, settings):
    # "ICT-capaciteit" asked; the text writes "ICT-afdeling" and "capaciteit".
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {
        "molen.md": "# Personeel\n\nDe ICT-afdeling van de molen heeft een groot tekort aan capaciteit. Daarom huurt de molen "
                    "twee beheerders in.\n"})
    answer = Assistant(local).ask("Hoe groot is het tekort aan ICT-capaciteit bij de molen?")
    assert answer.decision.features["coverage"] == 1.0
    assert question_words.named_in_parts({"ict-capaciteit": 5.0}, {"ict", "afdel", "capaciteit"}) == {"ict-capaciteit"}
    assert question_words.named_in_parts({"ict-capaciteit": 5.0}, {"ict", "afdel"}) == set()  # a part missing
    # a closed compound, read as the question writes it: its head a word of its own, its first part starting one
    # ("videoprogramma's": "programma's voor een videoconsult"); a short first part ("zorg") starts too many words
    words = set(tokenize("Alleen programma's voor een videoconsult. Een team voor de zorgvraag."))
    terms = {t: 5.0 for t in tokenize("videoprogramma's zorgteam")}
    assert question_words.named_in_parts(terms, words, "Welke videoprogramma's heeft het zorgteam?") == {"videoprogramma'"}
    assert question_words.named_in_parts(terms, words) == set()  # without the question as written: hyphens only


def test_a_question_naming_the_publisher_is_covered_by_its_own_documents(tmp_path, settings):
    # The document speaks of itself as "wij"; who "wij" is, is its publisher.
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {
        "plan.md": "# Inkoopplan\n\nWij vragen zorgaanbieders om een opleidingsplan voor nieuwe "
                   "medewerkers tegen de personeelstekorten.\n",
        "sources.toml": '[[document]]\nfile = "plan.md"\npublisher = "Zorgkantoor Oostland"\n'})
    answer = Assistant(local).ask("Wat vraagt het zorgkantoor tegen personeelstekorten?")
    assert answer.decision.features["coverage"] == 1.0 and answer.decision.features["quote_coverage"] == 1.0


def test_the_words_that_ask_for_a_checked_fact_are_no_content():
    from assistant.answer.facts import expected_fact

    # "hoe lang" asks for a duration, which the quotes are checked for; "lang" is not a word to find.
    question = "Hoe lang loopt de regeling Zorgpas?"
    assert tokenize("lang")[0] not in tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert tokenize("Zorgpas")[0] in tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    # "hoe lang duurt het" asks a duration: "binnen zes weken krijgt u een besluit" need not say "duurt"
    question = "Hoe lang duurt het voordat ik een besluit krijg?"
    kept = tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert tokenize("duurt")[0] not in kept and tokenize("besluit")[0] in kept
    # "hoeveel" asks for a number (checked with what is counted), which no passage writes as "hoeveel"
    question = "Hoeveel bezoekers had de markt?"
    kept = tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert tokenize("hoeveel")[0] not in kept and tokenize("bezoekers")[0] in kept
    # "hoe vaak" asks for a frequency ("elk kwartaal"), which no passage writes as "vaak"
    question = "Hoe vaak leveren teams cijfers aan?"
    kept = tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert tokenize("vaak")[0] not in kept and tokenize("cijfers")[0] in kept
    # what "wanneer loopt ... af" encloses is content: the contract must be found, "loopt" and "af" not
    question = "Wanneer loopt het huurcontract af?"
    kept = tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert tokenize("huurcontract")[0] in kept and tokenize("loopt")[0] not in kept
    for question in ("How long does the lease run?", "When does the lease end?", "What does the lease cost?"):
        assert "lease" in question_words.without_fact_phrase(question, expected_fact(question))
    # "contact opnemen" is how Dutch asks for contact details: the whole phrase, not a word "opnemen" to find
    question = "Hoe kan ik contact opnemen over de regeling?"
    kept = tokenize(question_words.without_fact_phrase(question, expected_fact(question)))
    assert expected_fact(question).kind == "contact" and tokenize("opnemen")[0] not in kept and tokenize("regeling")[0] in kept
    # a role is content: "wie is de voorzitter" must find the voorzitter
    question = "Wie is de voorzitter van de raad?"
    assert question_words.without_fact_phrase(question, expected_fact(question)) == question


def test_how_often_is_covered_in_either_wording():
    # "Hoeveel procent gebruikt de app wekelijks?" is answered by "minstens één keer per week", and back
    assert tokenize("wekelijks")[0] in question_words.written_terms("Zij gebruiken de app één keer per week.")
    assert tokenize("maand")[0] in question_words.written_terms("De raad komt maandelijks bijeen.")
    assert tokenize("wekelijks")[0] not in question_words.written_terms("Een week later kwam het besluit.")


def test_a_refusal_shows_a_missing_name_as_the_user_wrote_it():
    # names.named keeps a name's words ("Sanne", "Boer"); the refusal quotes the question's own words
    assert question_words.as_written("Wie is Sanne de Boer?", ("Sanne", "Boer")) == "Sanne de Boer"
    assert question_words.as_written("Wat zegt Boer over Sanne?", ("Sanne", "Boer")) == "Sanne Boer"  # no span: its words


def test_every_signal_has_a_direction_and_the_fit_keeps_it():
    assert set(decision.SIGNS) == set(FEATURES)
    from evals.fitting import fit_signed

    # "b" tells the same as "a" plus noise; the label leans on a minus b, so a free fit weighs b
    # against its meaning. Kept on its side, b gets no weight and "a" carries the label.
    rng = np.random.default_rng(0)
    a = rng.normal(size=400)
    b = a + rng.normal(scale=0.3, size=400)
    y = (2 * a - b + rng.normal(scale=0.2, size=400) > 0).astype(int)
    x = np.column_stack([a, b])
    free = fit_signed(x, y, ("a", "b"), {"a": 0, "b": 0}, 1.0)
    kept = fit_signed(x, y, ("a", "b"), {"a": 1, "b": 1}, 1.0)
    assert free.coef[1] < -0.5 and free.coef[0] > 0
    assert kept.coef[1] == 0.0 and kept.coef[0] > 0
    assert np.mean((kept.logits(x) > 0) == y) > 0.8


def test_the_signed_fit_is_the_usual_logistic_regression_when_no_bound_binds():
    from sklearn.linear_model import LogisticRegression

    from evals.fitting import fit_signed

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 2))
    y = (x[:, 0] - x[:, 1] + rng.normal(size=300) > 0.5).astype(int)  # unbalanced classes
    got = fit_signed(x, y, ("a", "b"), {"a": 1, "b": -1}, 1.0)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    want = LogisticRegression(C=1.0, class_weight="balanced").fit(z, y)
    assert got.coef == pytest.approx(want.coef_[0], abs=1e-3)
    assert got.intercept == pytest.approx(want.intercept_[0], abs=1e-3)


def test_a_refusal_names_no_word_that_a_passage_the_answer_read_holds():
    # The signals look at the three best passages; the answer reads more. A word that only the
    # fourth passage holds is not absent, so the refusal does not say "Geen passage noemt ...".
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    texts = ["De markt is op zaterdag open.", "Het plein ligt in het centrum.", "De kramen zijn groen.",
             "De vrachtfiets staat bij de ingang van het plein."]
    chunks = [Chunk(id=f"c{i}", source="markt.md", title="Markt", heading="", text=t, context="", ordinal=i)
              for i, t in enumerate(texts)]
    hits = [Hit(chunk=c, score=1.0 - i / 10, rank=i + 1, dense_score=0.9) for i, c in enumerate(chunks)]
    quote = Citation(1, "markt.md", "Markt", texts[3], "c3")
    question = "Waar staat de vrachtfiets?"
    refusing = model_on({"coverage": 1.0}, intercept=-5.0)
    got = decision.judge(question, question, False, expected_fact(question), hits, [quote], hits, Corpus(chunks),
                         0.8, refusing)
    assert not got.answer and got.features["coverage"] < 0.5  # the top three lack the question's words
    assert "vrachtfiets" not in got.reason and got.kind != "woord"
    # Read only the top three (and quote one of them), and the word is missing indeed.
    first = Citation(1, "markt.md", "Markt", texts[0], "c0")
    got = decision.judge(question, question, False, expected_fact(question), hits, [first], hits[:3],
                         Corpus(chunks), 0.8, refusing)
    assert got.reason == "Geen passage noemt 'vrachtfiets'."


def test_a_quoted_list_item_is_read_with_the_line_that_introduces_its_list():
    # "2. Zaterdag" answers "Wat is de tweede marktdag?" only under "De marktdagen zijn:".
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    text = "Over de markt.\nDe marktdagen zijn:\n1. Dinsdag vanaf acht uur\n2. Zaterdag vanaf negen uur\nDe kramen zijn groen."
    chunk = Chunk(id="c0", source="markt.md", title="Markt", heading="", text=text, context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
    question = "Wat is de tweede marktdag?"
    for quote, covered in [("2. Zaterdag vanaf negen uur", True), ("De kramen zijn groen.", False)]:
        got = decision.judge(question, question, False, expected_fact(question), hits,
                             [Citation(1, "markt.md", "Markt", quote, "c0")], hits, Corpus([chunk]), 0.8, model_on({}))
        assert (got.features["quote_coverage"] > 0.5) is covered, quote


def test_a_definition_question_needs_a_passage_that_says_what_it_is(tmp_path, settings):
    # A passage that names something in passing holds the question's words but not its answer.
    from assistant.service import Assistant

    assistant = Assistant(ingested(tmp_path, settings, {
        "pas.md": "# Klantenpassen\n\nDe Molenpas: een kaart waarmee vaste klanten van De Molen korting krijgen.\n\n"
                  "## Betalen\n\nBetalen kan contant, met de Spaarkaart of met een cadeaubon.\n"}))
    defined = assistant.ask("Wat is de Molenpas?")
    assert defined.decision.features["fact_supported"] == 1.0
    assert any("Molenpas: een kaart" in c.quote for c in defined.citations)
    named_only = assistant.ask("Wat is de Spaarkaart?")
    assert named_only.refused and named_only.decision.kind == "feit"
    assert named_only.decision.reason == "De passages noemen niet wat het is."


def test_a_section_headed_by_the_subject_says_what_it_is():
    # "Wat is het besluit?" under the heading "Besluit": the section's first sentences are the answer,
    # though none of them starts with "Het besluit is ...".
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    text = "U krijgt een scootmobiel in bruikleen."
    for heading, held in [("Brief › Besluit", 1.0), ("Brief › Bezwaar", -1.0)]:
        chunk = Chunk(id="c0", source="b.md", title="Brief", heading=heading, text=text, context="", ordinal=0)
        hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
        question = "Wat is het besluit?"
        got = decision.judge(question, question, False, expected_fact(question), hits,
                             [Citation(1, "b.md", "Brief", text, "c0", heading=heading)], hits, Corpus([chunk]), 0.8, model_on({}))
        assert got.features["fact_supported"] == held, heading


def test_a_verb_of_position_is_no_word_to_find():
    # "Waar bevindt het kantoor zich?" asks where; "bevindt" (its rarest word) is written by no answer
    # ("het kantoor in Oostdorp"); another verb still counts.
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    text = "Het kantoor in Oostdorp is elke werkdag open."
    chunk = Chunk(id="c0", source="m.md", title="Nacht", heading="", text=text, context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
    for question, present in [("Waar bevindt het kantoor zich?", 1.0), ("Waar vergadert het kantoor?", 0.0)]:
        got = decision.judge(question, question, False, expected_fact(question), hits,
                             [Citation(1, "m.md", "Nacht", text, "c0")], hits, Corpus([chunk]), 0.8, model_on({}))
        assert got.features["rarest_present"] == present, question


def test_a_word_with_a_bracketed_part_counts_as_the_whole_word_too():
    # "(buurt)winkels" is written for "buurtwinkels" and "winkels" at once.
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    text = "(Buurt)winkels gaven in 2021 een signaal over de huur."
    chunk = Chunk(id="c0", source="w.md", title="Winkels", heading="", text=text, context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
    for question in ("Wanneer gaven buurtwinkels een signaal?", "Wanneer gaven winkels een signaal?"):
        got = decision.judge(question, question, False, expected_fact(question), hits,
                             [Citation(1, "w.md", "Winkels", text, "c0")], hits, Corpus([chunk]), 0.8, model_on({}))
        assert got.features["rarest_present"] == 1.0 and got.features["coverage"] == 1.0, question


def test_a_refusal_for_a_missing_fact_does_not_say_that_no_passage_names_what_the_quotes_name():
    # "Wat is het telefoonnummer van De Molen?": the quote names De Molen but holds no number. The
    # signals count the name as missing (no sentence holds the fact), the reason says what is missing.
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    text = "De Molen is een winkel aan het plein."
    chunk = Chunk(id="c0", source="molen.md", title="Winkels", heading="", text=text, context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
    quote = Citation(1, "molen.md", "Winkels", text, "c0")
    for question, kind in [("Wat is het telefoonnummer van De Molen?", "feit"), ("Wat is het telefoonnummer van Bakkerij Zon?", "namen")]:
        got = decision.judge(question, question, False, expected_fact(question), hits, [quote], hits, Corpus([chunk]),
                             0.8, model_on({"names_missing": -1.0, "fact_missing": -0.5}, intercept=0.2))
        assert not got.answer and got.features["names_missing"] == 1.0 and got.kind == kind, question
    # The count is there, for another shop: the reason says the passages do not give it for this one.
    text = "Bakkerij Zon heeft drie winkels. Molenaar Piet is eigenaar van een winkel aan het plein."
    chunk = Chunk(id="c0", source="molen.md", title="Winkels", heading="", text=text, context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1, dense_score=0.9)]
    question = "Hoeveel winkels heeft Molenaar Piet?"
    got = decision.judge(question, question, False, expected_fact(question), hits, [Citation(1, "molen.md", "Winkels", text, "c0")],
                         hits, Corpus([chunk]), 0.8, model_on({"names_missing": -1.0}, intercept=0.2))
    assert got.features["fact_supported"] == 1.0 and got.kind == "namen"
    assert got.reason == msg.DECISION_NAMES_ELSEWHERE.format(names="'Molenaar Piet'")


def test_a_refusal_says_no_passage_names_a_name_only_when_no_passage_read_does():
    # The quote leaves the name out, another passage read mentions it: "Geen passage noemt" would be untrue.
    from assistant.answer.facts import expected_fact
    from assistant.corpus import Corpus
    from assistant.records import Chunk, Citation, Hit

    chunks = [Chunk(id="c0", source="a.md", title="Zorg", heading="", text="De bijdrage is laag.", context="", ordinal=0),
              Chunk(id="c1", source="b.md", title="Zorg", heading="", text="Oostdorp ligt aan zee.", context="", ordinal=0)]
    hits = [Hit(chunk=c, score=1.0, rank=i + 1, dense_score=0.9) for i, c in enumerate(chunks)]
    for question, reason in [("Wat vindt Oostdorp van de bijdrage?", msg.DECISION_NAMES_ELSEWHERE.format(names="'Oostdorp'")),
                             ("Wat vindt Westdorp van de bijdrage?", msg.DECISION_NAMES.format(names="'Westdorp'"))]:
        got = decision.judge(question, question, False, expected_fact(question), hits,
                             [Citation(1, "a.md", "Zorg", "De bijdrage is laag.", "c0")], hits, Corpus(chunks), 0.8,
                             model_on({"names_missing": -1.0}, intercept=0.2))
        assert not got.answer and got.reason == reason, question


def test_a_fact_asked_for_must_sit_in_a_sentence_about_the_questions_subject(tmp_path, settings):
    # Another thing's price in the quotes does not answer "what does X cost?".
    from assistant.service import Assistant

    assistant = Assistant(ingested(tmp_path, settings, {
        "verslag.md": "# Jaarverslag De Molen\n\nDe stofzuiger van De Molen zuigt stil en weegt vier kilo. "
                      "Klanten zijn er tevreden over.\n\n## Prijzen\n\nDe waterkoker van De Molen kost 30 euro.\n"}))
    price = assistant.ask("Hoeveel kost de stofzuiger?")
    assert price.decision is not None and price.decision.features["fact_supported"] == -1.0
    other = assistant.ask("Hoeveel kost de waterkoker?")
    assert other.decision.features["fact_supported"] == 1.0


def test_a_fact_must_sit_with_enough_of_what_is_asked_not_with_one_shared_word(tmp_path, settings):
    # "financiering" alone ties the end of one programme's money to a question about another's; the
    # sentence with its heading and title must name at least NAMING_SHARE of what is asked.
    from assistant.service import Assistant

    assistant = Assistant(ingested(tmp_path, settings, {
        "fietsplan.md": "# Fietsplan Oostdorp\n\n## Geld\n\nDe huidige financiering loopt tot eind 2027.\n",
        "wijkplan.md": "# Wijkplan Westdorp\n\nHet wijkplan versterkt de buurtteams met vrijwilligers.\n"}))
    other = assistant.ask("Wanneer loopt de financiering van het wijkplan voor buurtteams af?")
    assert other.decision is not None and other.decision.features["fact_supported"] == -1.0
    own = assistant.ask("Wanneer loopt de financiering van het fietsplan af?")
    assert own.decision.features["fact_supported"] == 1.0


def test_a_contact_line_is_read_with_the_signature_above_it(tmp_path, settings):
    # "06 ..." alone names no one; the lines above it in its block say whose number it is.
    from assistant.service import Assistant

    assistant = Assistant(ingested(tmp_path, settings, {
        "brief.txt": "Nieuwsbrief van het wijkteam\n\nDe lunch is op vrijdag in het buurthuis.\n\n"
                     "Met groet,\nAnna Smit\nTeamcoach Wijkteam Oost\n06 12 34 56 78\n"}))
    coach = assistant.ask("Wat is het telefoonnummer van de teamcoach?")
    assert coach.decision is not None and coach.decision.features["fact_supported"] == 1.0
    other = assistant.ask("Wat is het telefoonnummer van de huisarts?")
    assert other.decision.features["fact_supported"] != 1.0


def test_a_numbered_part_quoted_by_its_number_covers_the_ordinal():
    # "Wat is het tweede speerpunt?" answered by "2. ..." says "tweede" by the number; another
    # number, or the word "tweede" asked of a list that has no such part, does not.
    from assistant.answer.lists import ordinals_numbered

    assert ordinals_numbered("Wat is het tweede speerpunt?", ["Vier speerpunten:\n2. Een vaste casemanager."]) == set(tokenize("tweede"))
    assert ordinals_numbered("Wat is het tweede speerpunt?", ["3. De avondzorg."]) == set()
    assert ordinals_numbered("Wat is de derde fase?", ["Fase 3: borgen"]) == set(tokenize("derde"))
    assert ordinals_numbered("Wat zijn de speerpunten?", ["2. Een vaste casemanager."]) == set()


def test_the_number_of_what_het_aantal_names_counts_it():
    from assistant.answer.facts import expected_fact, has_fact

    fact = expected_fact("Hoeveel cliënten krijgen beeldzorg?")
    assert has_fact("Het aantal cliënten dat beeldzorg krijgt, steeg van 90 naar 260.", fact)
    assert not has_fact("Het aantal teams steeg van 9 naar 26.", fact)


def test_an_asking_verb_matched_to_the_form_its_corpus_has_still_only_asks():
    # "Welke risico's noemt het plan?" over a corpus that writes only "noemden": the verb form is
    # matched to "noemden", and that must not become a word the passages have to hold.
    from assistant.answer.extractive import ASKING_WORDS
    from assistant.spelling import Vocabulary

    vocabulary = Vocabulary.from_texts(["De deelnemers noemden twee risico's. Zij zeiden en schreven het ook."])
    for verb in ("noemt", "zegt", "schrijft"):
        assert set(tokenize(vocabulary.corrected(verb, verb_forms=True))) <= ASKING_WORDS, verb


def test_every_form_of_doen_only_asks():
    # "Wat doet X?", "Wat wordt daaraan gedaan?": the activity is what is asked, not a word the passage must hold.
    from assistant.answer.extractive import ASKING_WORDS

    for form in ("doe", "doet", "doen", "deed", "deden", "gedaan"):  # "Wat doe ik als ...?"
        assert set(tokenize(form)) <= ASKING_WORDS, form
    # "kun" is no stop word in search (a passage's "kun je" finds it), but no word an answer must hold
    assert tokenize("kun") and set(tokenize("Waarvoor kun je het gebruiken?")) - ASKING_WORDS == set(tokenize("gebruiken"))


def test_the_answer_reads_a_verb_in_the_form_its_passages_write(tmp_path, settings):
    # "gekeken" is asked, "kijken" written: the sentence that says what is looked at is the best one,
    # as the decision reads it; not the one that only shares the section's subject.
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {"plan.md": (
        "# Plan Oostdorp\n\n## Evaluatie\n\nEind 2028 evalueren we het plan. "
        "We kijken dan naar de wachttijd en de tevredenheid van cliënten.\n\n"
        "Waar mogelijk wordt bij de wijkpunten naar de buurt geluisterd.\n")})
    answer = Assistant(local).ask("Waar wordt bij de evaluatie naar gekeken?")
    assert not answer.refused and answer.text.startswith("We kijken dan naar de wachttijd")


def test_the_names_must_be_with_the_sentence_that_holds_the_fact(tmp_path, settings):
    # Oostdorp's page gives the wait for a stairlift; Westdorp's only the wait for a first talk. Asked
    # for Westdorp's stairlift, Westdorp named in another sentence with another duration is no answer.
    from assistant.service import Assistant

    local = ingested(tmp_path, settings, {
        "oostdorp.md": "# Wmo in Oostdorp\n\n## Wachttijd\n\nDe gemiddelde wachttijd voor een traplift is vier maanden.\n",
        "westdorp.md": ("# Wmo in Westdorp\n\n## Aanvragen\n\nIn Westdorp meldt u zich bij het loket. "
                        "U krijgt binnen twee weken een gesprek met een consulent.\n")})
    assistant = Assistant(local)
    assert assistant.ask("Hoe lang is de wachttijd voor een traplift in Westdorp?").refused
    answered = assistant.ask("Hoe lang is de wachttijd voor een traplift in Oostdorp?")
    assert not answered.refused and "vier maanden" in answered.text
