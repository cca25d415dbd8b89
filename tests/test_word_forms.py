"""Forms of a regular Dutch verb: stem found under ge- and endings, respelled, conjugated again."""

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
