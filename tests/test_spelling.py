"""Question words read as the corpus words they mean; names are never corrected into other names."""

from assistant.spelling import Vocabulary, information

CORPUS = ["Het programma REG-X helpt zorgaanbieders.", "De veranderingen in de langdurige zorg.",
          "Het zorgkantoor in Oostdorp betaalt.", "Het zorgkantoor overlegt."]


def test_hyphen_and_space_folding():
    vocabulary = Vocabulary.from_texts(CORPUS)
    assert vocabulary.corrected("Wat is REGX?") == "Wat is REG-X?"
    assert vocabulary.corrected("Wat is reg x?") == "Wat is REG-X?"
    assert vocabulary.corrected("Wat doet het zorg kantoor?") == "Wat doet het zorgkantoor?"


def test_typos_in_ordinary_words():
    vocabulary = Vocabulary.from_texts(CORPUS)
    assert vocabulary.corrected("Welke verandreingen zijn er in de langdurge zorg?") == (
        "Welke veranderingen zijn er in de langdurige zorg?")


def test_names_short_words_and_numbers_stay_as_asked():
    vocabulary = Vocabulary.from_texts(CORPUS)
    # A place the corpus does not name stays unknown, even one letter from a place it does name.
    assert vocabulary.corrected("Betaalt het zorgkantoor in Oostdorq?") == "Betaalt het zorgkantoor in Oostdorq?"
    assert vocabulary.corrected("Wat is zorh?") == "Wat is zorh?"          # too short to guess
    assert vocabulary.corrected("Sinds 2031?") == "Sinds 2031?"
    assert vocabulary.correction("zorgkantoor") is None                      # known words are left alone


def test_the_most_frequent_candidate_wins():
    vocabulary = Vocabulary.from_texts(["kanton", "kantor kantor kantor"])
    assert vocabulary.correction("kantox") == "kantor"


def test_real_words_and_other_forms_are_no_typos():
    vocabulary = Vocabulary.from_texts(["Hoe kunt u zich inschrijven of iets aanschaffen?", "Zij begeleidt het team."])
    assert vocabulary.corrected("Hoe kan ik mij uitschrijven?") == "Hoe kan ik mij uitschrijven?"
    assert vocabulary.corrected("Gaan ze dat afschaffen?") == "Gaan ze dat afschaffen?"
    assert vocabulary.corrected("Wie begeleid het team?") == "Wie begeleid het team?"  # a real word, no typo
    assert vocabulary.corrected("Hoe kan ik mij inschrijvn?") == "Hoe kan ik mij inschrijven?"


def test_a_word_tells_more_the_rarer_it_is_in_general_language():
    assert information("de") < information("gemeente") < information("zwerfafval") < information("qzxwvk") == 9.0


def test_a_verb_form_the_corpus_lacks_is_read_as_the_form_it_has():
    vocabulary = Vocabulary.from_texts(["Hoe organiseren we het overleg?", "De wijziging van het plan.",
                                        "De wijziging wordt gemeld.", "Zij wijzigen het plan."])
    assert vocabulary.corrected("Wie organiseerde het overleg?", verb_forms=True) == "Wie organiseren het overleg?"
    assert vocabulary.corrected("Wie organiseerde het overleg?") == "Wie organiseerde het overleg?"  # a real word: searched as asked
    assert vocabulary.corrected("Wie heeft het georganiseerd?", verb_forms=True) == "Wie heeft het organiseren?"
    # A conjugation before the -ing noun, however frequent the noun.
    assert vocabulary.correction("wijzigde", verb_forms=True) == "wijzigen"
    assert Vocabulary.from_texts(["De wijziging."]).correction("wijzigt", verb_forms=True) == "wijziging"
    # a short verb too when asked: another form is no guess at a typo ("Waar meld ik me?" of "U meldt zich ...")
    loket = Vocabulary.from_texts(["U meldt zich bij het loket."])
    assert loket.correction("meld", verb_forms=True, short_verbs=True) == "meldt"
    assert loket.correction("meld", verb_forms=True) is None and loket.correction("meld") is None


def test_only_regular_verb_forms_are_matched():
    vocabulary = Vocabulary.from_texts(["Het plan is klaar.", "De reis duurt lang."])
    assert vocabulary.correction("planten", verb_forms=True) is None   # a past tense of "plan" would be "planden"
    assert vocabulary.correction("Oostplan", verb_forms=True) is None  # a name stays as asked


def test_a_compound_the_corpus_writes_as_two_words_is_read_as_those_words():
    vocabulary = Vocabulary.from_texts(["Het beeldbellen groeide tot 900 gesprekken per maand.",
                                        "Het beeldzorgteam belt.", "Het beeld is scherp en de zorg is goed."])
    assert vocabulary.corrected("Hoeveel beeldbelgesprekken zijn er?") == "Hoeveel beeldbel gesprekken zijn er?"
    assert vocabulary.correction("beeldzorg") is None  # held in a longer corpus compound: found as it is
    assert vocabulary.correction("Beeldgesprekken") is None  # a name stays as asked
    assert vocabulary.correction("gesprekkenstof") is None  # "stof" is no corpus word: nothing to split into


def test_a_corrected_word_keeps_the_case_the_user_typed():
    # A heading capitalises "Bewegingen" more often than the text writes it; in the question it is no name.
    vocabulary = Vocabulary.from_texts(["Bewegingen", "Bewegingen", "De bewegingen.", "Het KIK-V programma."])
    assert vocabulary.corrected("Wat zijn de bewegignen?") == "Wat zijn de bewegingen?"
    assert vocabulary.corrected("Wat is kikv?") == "Wat is KIK-V?"
