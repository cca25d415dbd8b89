"""Forms of a Dutch verb: a regular one's stem found under ge- and endings, respelled, conjugated again;
a strong one's from its table."""

from assistant import compounds
from assistant.keyword_index import tokenize
from assistant.word_forms import forms, stems


def test_the_stem_under_participles_past_tenses_and_infinitives():
    assert stems("georganiseerd") == {"organiseer"}
    assert stems("organiseerde") == {"organiseer"} and "organiseer" in stems("organiseerden")
    assert "organiseer" in stems("organiseren")
    assert stems("aangejaagd") >= {"aanjaag"}   # ge- after a separable particle
    assert stems("werkt") == stems("werkte") == {"werk"}


def test_past_endings_follow_t_kofschip():
    assert "plan" not in stems("planten")       # -ten after a voiced consonant is a plural, not a past tense
    assert "werk" in stems("werkte") and "werk" not in stems("werkde")
    assert "leef" in stems("leefde")            # leven: -de after f from v


def test_every_form_of_a_stem_is_made_with_its_spelling():
    assert {"organiseren", "georganiseerd", "organiseert", "organiseerde"} <= forms("organiseerden")
    assert {"jagen", "jaagt", "gejaagd"} <= forms("jaagde")
    assert {"zetten", "zette"} <= forms("zet")
    assert {"leven", "leefde", "geleefd"} <= forms("leeft")
    assert {"wijzigen", "gewijzigd", "wijziging"} <= forms("wijzigt")
    assert "wijziggen" not in forms("wijzigt")  # no doubled consonant after an unstressed syllable
    assert "werkt" not in forms("werkt")
    # a vowel after another vowel it forms no digraph with is a syllable of its own: evalu-e-ren
    assert {"geevalueerd", "evalueert", "evalueren"} <= forms("evalueerde") and "kiees" not in str(forms("kiezen"))


def test_a_verb_with_an_unstressed_prefix_has_its_participle_without_ge():
    assert "betaald" in forms("betaalt") and "betaalt" in forms("betaald")  # "Wie betaalt ...?": "wordt betaald"
    assert stems("herhaald") == {"herhaal"} and "herhaald" in forms("herhalen")
    assert "gewerkt" in forms("werkt") and "werkt" in forms("gewerkt")  # no such prefix: ge- stays


def test_a_strong_verb_changes_its_vowel_also_with_a_particle_or_a_prefix():
    from assistant.word_forms import particle_verbs, split_particle_verbs

    assert stems("genomen") == stems("nam") == {"neem"} and {"nam", "namen", "genomen", "nemen"} <= forms("neemt")
    assert "geneemd" not in forms("neemt")  # not the regular guess
    assert {"zitten", "zat"} <= forms("zit") and {"geven", "gaf"} <= forms("geeft")  # the infinitive too
    assert {"sluiten", "sloot", "gesloten"} <= forms("sluit")  # a stem that ends like a form
    assert stems("aangenomen") == {"aanneem"} and "aanneem" in particle_verbs("aangenomen")
    # "Hoeveel medewerkers zijn aangenomen?" is answered by "De zorggroep nam 46 medewerkers aan."
    assert "aanneem" in split_particle_verbs("de zorggroep nam 46 medewerkers aan".split())
    assert stems("verschoven") == {"verschuif"} and "verschoven" in forms("verschuift")  # ver-: no ge-


def test_a_strong_verb_is_only_strong_and_irregular_infinitives_are_its_own():
    # "Wat wordt aanbevolen?" is asked of a section headed "Aanbevelingen": the participle's -ing noun.
    assert {"aanbevelen", "aanbeveling", "aanbevelingen"} <= forms("aanbevolen")
    assert "komen" in forms("kwam") and "kommen" not in forms("kwam")  # not the regular respelling
    assert {"gaan", "gaat", "gegaan"} <= forms("ging") and "gaen" not in forms("ging")
    assert stems("opnemen") == {"opneem"} and not {"opnemde", "geopnemd"} & forms("opnemen")
    assert "sluitt" not in forms("sluit") and "zett" not in forms("zet")  # a stem ending in t is its present


def test_a_separable_verb_is_found_where_a_main_clause_writes_it_apart():
    from assistant.word_forms import particle_verbs, split_particle_verbs

    assert particle_verbs("opgeleverd") == {"oplever"} and "inzet" in particle_verbs("ingezet")
    assert particle_verbs("organiseerde") == set() and particle_verbs("informatie") == set()
    assert "oplever" in split_particle_verbs("het plan levert de buurt veel op".split())
    assert "inzet" in split_particle_verbs("de gemeente zet extra mensen in".split())
    assert "oplever" not in split_particle_verbs("het plan levert de buurt veel".split())  # no particle: another verb


def test_the_sentence_that_writes_the_asked_verb_apart_shares_that_word():
    from assistant.answer.extractive import particle_terms
    from assistant.answer.sentence_scores import FEATURES, unit_rows
    from assistant.answer.units import data_units
    from assistant.keyword_index import tokenize
    from assistant.records import Chunk, Hit

    chunk = Chunk(id="d#0", source="d.txt", title="Plan", heading="", text="Het plan levert de buurt veel op. Het plan is oud.",
                  context="", ordinal=0)
    hits = [Hit(chunk=chunk, score=1.0, rank=1)]
    question = "Wat heeft het plan opgeleverd?"
    terms = {t: 1.0 for t in tokenize(question)}
    units = data_units(hits)
    lexical = FEATURES.index("lexical")
    with_verbs = unit_rows(units, hits, terms, particle_terms=particle_terms(terms, question))
    without = unit_rows(units, hits, terms)
    assert with_verbs[0][lexical] > without[0][lexical]       # "levert ... op" is "opgeleverd"
    assert with_verbs[1][lexical] == without[1][lexical]


def test_a_compound_in_a_passage_covers_its_first_part_and_its_head():
    # Dutch writes compounds as one word: a passage on the "fietsenstalling" names "fietsen" and
    # "stalling". Short stems ("fiets") are parts of too many compounds, and letters inside a word
    # ("stalling" in "overstallingspunt") are no part it starts or ends with.
    from assistant.compounds import compound_parts

    terms = {"fietsen": 4.0, "stalling": 4.0, "fiets": 4.0, "gemeent": 2.0}
    assert compound_parts(terms, {"fietsenstalling", "gemeent"}) == {"fietsen", "stalling"}
    assert compound_parts({"stalling": 4.0}, {"overstallingspunt"}) == set()


def test_a_compound_as_written_holds_the_stem_of_its_head():
    # The stem of "kinderzitje" is "kinderzitj": the written "autokinderzitje" ends with the word it
    # stems from, not with the stem itself.
    from assistant.compounds import compound_parts

    assert compound_parts({"kinderzitj": 5.0}, {"autokinderzitje"}) == {"kinderzitj"}
    assert compound_parts({"kinderzitj": 5.0}, {"autokinderzitjesbak"}) == set()


def test_a_short_head_counts_after_a_word_of_its_own_for_the_decision():
    # "Wanneer krijgt de raad de resultaten?" is asked of a text on the "gemeenteraad"; a "voorraad"
    # is no raad (its first part is a preposition), and only the decision reads short heads.
    from assistant.compounds import compound_parts
    from assistant.keyword_index import tokenize

    raad = {tokenize("raad")[0]: 1.0}
    assert compound_parts(raad, set(tokenize("De gemeenteraad besluit.")), short_heads=True) == set(raad)
    assert not compound_parts(raad, set(tokenize("De voorraad is op.")), short_heads=True)
    assert not compound_parts(raad, set(tokenize("De gemeenteraad besluit.")))


def test_a_compound_is_found_in_its_two_parts_its_head_stemmed_alone():
    # "internetdekking" stems to "internetdek", its head "dekking" to itself: each part is read as a word
    words = set(tokenize("De internetverbinding is slecht; de dekking is onvoldoende."))
    assert compounds.apart("internetdekking", words)
    assert not compounds.apart("internetdekking", set(tokenize("De dekking is onvoldoende.")))  # no word starts with its first part
    assert not compounds.apart("onderzoek", set(tokenize("Zij gaan onder de brug door; zoek het op.")))  # a prefix is no part


def test_a_verb_the_question_writes_apart_is_found_written_as_one_word():
    from assistant.word_forms import apart_verbs, written_together

    assert written_together(apart_verbs(["als", "er", "een", "pagina", "los", "zit"]), ["als", "er", "pagina's", "loszitten"]) == {"los", "zit"}
    assert written_together(apart_verbs(["hoe", "vraag", "ik", "het", "aan"]), ["u", "kunt", "het", "aanvragen"]) == {"aan", "vraag"}
    assert written_together(apart_verbs(["hoe", "vraag", "ik", "het", "aan"]), ["u", "kunt", "het", "opvragen"]) == set()


def test_a_suspended_hyphen_holds_the_compound_it_leaves_out():
    from assistant.answer.question_words import written_terms
    from assistant.keyword_index import tokenize

    assert tokenize("bedsensoren")[0] in written_terms("De bed- en deursensoren melden een val.")
    assert tokenize("bedsensoren")[0] not in written_terms("De bed en de deursensoren melden een val.")


def test_a_preposition_away_from_the_verb_is_no_particle_of_it():
    from assistant.word_forms import apart_verbs, written_together

    question = ["wanneer", "moet", "de", "aanbieder", "gegevens", "in", "de", "atlas", "gevuld", "hebben"]
    assert written_together(apart_verbs(question), ["een", "andere", "invulling"]) == set()


def test_a_particle_before_te_and_its_verb_is_one_verb():
    from assistant.word_forms import apart_verbs, written_together

    assert written_together(apart_verbs(["wat", "moet", "ik", "doen", "om", "het", "aan", "te", "vragen"]), ["u", "kunt", "het", "aanvragen"]) == {
        "aan", "vragen"}
