"""The extractive selection on hand-made passages: which sentences answer, in which order."""

from assistant.answer.extractive import publisher_names, select
from assistant.records import Chunk, Hit

PUBLISHER = "ZK zorgkantoor, inkoopbeleid langdurige zorg (Wlz) 2024"


def hit(text: str, rank: int, heading: str = "", ordinal: int = 0, windows=(), context: str = "",
        publisher: str = PUBLISHER, source: str = "corpus/beleid.txt") -> Hit:
    chunk = Chunk(id=f"{source}#{ordinal}", source=source, title="Beleid", heading=heading, text=text,
                  context=context or heading, ordinal=ordinal, publisher=publisher)
    return Hit(chunk=chunk, score=1.0 / rank, rank=rank, window_scores=tuple(windows))


def texts(question: str, hits: list[Hit]) -> list[str]:
    return [u.text for u in select(question, hits, {})]


def test_publisher_names_leave_out_the_description():
    assert publisher_names(PUBLISHER) == "ZK zorgkantoor"
    assert publisher_names("Kracht en zorg / Zorgverzekeraars Nederland") == \
        "Kracht en zorg Zorgverzekeraars Nederland"


def test_the_publishers_name_does_not_choose_the_sentence():
    # The sentence that only shares "ZK zorgkantoor" with the question has the best dense score
    # (embeddings match names too); the one with the asked words must still win.
    hits = [
        hit("ZK zorgkantoor is verantwoordelijk voor keuze-informatie over het zorgaanbod.", 1,
            windows=[(0, 0.95)]),
        hit("Op landelijk niveau zijn regelingen voor preventie ontwikkeld zoals GALA en IZA.", 2,
            windows=[(0, 0.90)], ordinal=1),
    ]
    assert texts("Welke landelijke regelingen noemt ZK zorgkantoor voor preventie?", hits)[0].startswith(
        "Op landelijk niveau")


def test_a_list_that_shares_only_the_name_is_not_preferred_to_the_answer():
    hits = [
        hit("Onder Thuis verstaat ZK zorgkantoor:\n1. In de eigen woning.\n2. In een verpleeghuis.", 1,
            windows=[(0, 0.95), (1, 0.95), (2, 0.94)]),
        hit("Voor preventie zijn landelijke regelingen ontwikkeld, zoals GALA.", 2, ordinal=3,
            windows=[(0, 0.90)]),
    ]
    assert texts("Welke landelijke regelingen noemt ZK zorgkantoor voor preventie?", hits) == [
        "Voor preventie zijn landelijke regelingen ontwikkeld, zoals GALA."]


def test_the_opening_of_a_section_whose_heading_matches_the_question_answers_it():
    heading = "Bewegingen die nodig zijn om de zorg anders te organiseren"
    hits = [  # the list deeper in the section ranks first and is as close in meaning
        hit("Onder Thuis verstaat het zorgkantoor:\n1. In de eigen woning.\n2. In een verpleeghuis.", 1,
            heading=heading, ordinal=5, windows=[(0, 0.91), (1, 0.91), (2, 0.91)]),
        hit(f"{heading}\nOm aan de zorgvraag te voldoen zijn nieuwe bewegingen nodig: zelf, thuis en digitaal "
            "als het kan. Figuur 2 toont ze.", 2, heading=heading, ordinal=4, windows=[(1, 0.90)]),
        hit("Informatie over het zorgaanbod staat in de Zorgatlas.", 3, heading="Zorgaanbod", ordinal=9,
            windows=[(0, 0.80)]),
    ]
    assert texts("Welke bewegingen zijn nodig om de zorg anders te organiseren?", hits)[0].startswith(
        "Om aan de zorgvraag te voldoen")


def test_a_paragraph_labelled_with_what_is_asked_answers_before_a_mention_of_it():
    hits = [  # the mention ranks first and is as close in meaning
        hit("Bij de uitwerking van de aanpak 'Samen als het kan' is goede gegevensuitwisseling van belang.", 1,
            ordinal=7, windows=[(0, 0.91)]),
        hit("Aanpak Samen als het kan: buren en vrijwilligers helpen waar de zorg het niet alleen kan.", 2,
            ordinal=3, windows=[(0, 0.90)]),
        hit("De gemeente betaalt de vervoerskosten.", 3, ordinal=9, windows=[(0, 0.50)]),
    ]
    assert texts("Wat houdt de aanpak Samen als het kan in?", hits)[0].startswith("Aanpak Samen als het kan:")


def test_a_list_at_the_top_of_its_chunk_gets_its_introduction_from_the_chunk_before():
    intro = "We hielden in 2023 bijeenkomsten met zorgbemiddelaars. Uit deze bijeenkomsten hebben we de volgende input opgehaald:"
    hits = [
        hit("• Terugdringen van schaduwwachtlijsten.\n• Vergroten van de kennis van de sociale kaart.", 1,
            ordinal=8, context=f"Wachtlijsten — {intro}"),
        hit(f"Wachtlijsten\nTot de bedrijfsvoering behoren wachtlijsten. {intro}", 2, heading="Wachtlijsten", ordinal=7),
    ]
    # "Uit deze bijeenkomsten ..." points back: the sentence that names the bijeenkomsten comes along.
    assert texts("Welke input kwam er uit de bijeenkomsten met zorgbemiddelaars?", hits) == [
        "We hielden in 2023 bijeenkomsten met zorgbemiddelaars.",
        "Uit deze bijeenkomsten hebben we de volgende input opgehaald:",
        "• Terugdringen van schaduwwachtlijsten.",
        "• Vergroten van de kennis van de sociale kaart.",
    ]


def test_a_link_line_is_neither_a_list_item_nor_an_answer():
    hits = [hit("Onder Thuis verstaat het zorgkantoor:\n1. In de eigen woning.\n2. In een verpleeghuis.\n"
                "(Voor meer informatie zie link: Toekomstbestendige verpleegzorg - zorgkantoor)", 1,
                windows=[(0, 0.80), (1, 0.80), (2, 0.80), (3, 0.95)])]
    assert texts("Wat verstaat het zorgkantoor onder thuis?", hits) == [
        "Onder Thuis verstaat het zorgkantoor:", "1. In de eigen woning.", "2. In een verpleeghuis."]


def test_more_information_that_names_a_person_is_an_answer_a_bare_link_is_not():
    hits = [hit("Het netwerk start in januari.\nMeer informatie: Anna de Wit, coördinator van het netwerk, via 053 123 4567.\n"
                "Meer informatie: www.netwerk.example", 1, windows=[(0, 0.80), (1, 0.95), (2, 0.95)])]
    assert texts("Wie is de coördinator van het netwerk?", hits) == [
        "Meer informatie: Anna de Wit, coördinator van het netwerk, via 053 123 4567."]


def test_a_reference_to_another_section_is_no_answer():
    # "In paragraaf 3.3 gaan we in op X" says where X is treated, not what it is.
    hits = [hit("In paragraaf 3.3 gaan we nader in op bewezen slimme technologieën.\n"
                "Slimme technologieën zoals sensoren besparen werk.", 1, windows=[(0, 0.95), (1, 0.80)])]
    assert texts("Welke slimme technologieën zijn bewezen?", hits)[0] == "Slimme technologieën zoals sensoren besparen werk."


def test_a_common_word_in_a_publishers_name_still_counts():
    # "Zorg voor innoveren" publishes, but "zorg" is in most passages: it names nothing.
    publisher = "Zorg voor innoveren (VWS)"
    hits = [hit("Hybride technologie vraagt veel.", 1, publisher=publisher, ordinal=1),
            hit("Hybride zorg vraagt veel.", 2, publisher=publisher, ordinal=2)]
    weights = {"zorg": 0.9, "hybrid": 1.0, "vraagt": 1.0}
    assert select("Wat vraagt hybride zorg?", hits, weights)[0].text == "Hybride zorg vraagt veel."
    assert select("Wat vraagt hybride zorg?", hits, weights | {"zorg": 2.5})[0].text == "Hybride technologie vraagt veel."


def test_a_question_in_the_document_is_not_its_answer():
    hits = [hit("Hoe is de structuur opgebouwd?\nZe heeft zes bouwblokken.\nWelke handvatten zijn in ontwikkeling?\n"
                "We werken aan drie handvatten voor het zorgveld.", 1)]
    assert texts("Welke handvatten zijn er in ontwikkeling?", hits)[0] == "We werken aan drie handvatten voor het zorgveld."


def test_when_the_question_names_a_publisher_its_passages_answer():
    hits = [hit("Dan kan het misschien digitaal, zelf en thuis.", 1, publisher="iO (adviesbureau)", source="corpus/io.txt"),
            hit("Beweging Zelf als het kan: mensen doen zoveel mogelijk zelf.", 2, ordinal=4)]
    assert texts("Wat verstaat ZK zorgkantoor onder Zelf als het kan?", hits)[0].startswith("Beweging Zelf als het kan")


def test_an_english_question_finds_its_dutch_sentence_through_the_glossary():
    from assistant.answer.extractive import ExtractiveGenerator

    hits = [hit("Hybride zorg groeit snel in de regio.\nDe ondersteuningsstructuur is geïnitieerd door VWS en ZonMw.", 1,
                ordinal=2, windows=[(0, 0.95), (1, 0.90)])]
    answer = "".join(ExtractiveGenerator().generate("Who initiated the support structure?", hits, english=True))
    assert answer.startswith("De ondersteuningsstructuur is geïnitieerd door VWS en ZonMw. [1]")


KNELPUNTEN = ("Organisaties lopen vast op één van deze drie knelpunten:\n1. Fragmentatie\nElke afdeling heeft eigen tools.\n"
              "2. Onvoldoende inrichting\nDe ICT-afdeling is verantwoordelijk gesteld.\nRollen zijn onduidelijk.\n"
              "3. Beperkt zicht\nOrganisaties kennen hun maturiteit niet.")


def test_a_follow_up_about_the_second_part_gets_that_part_with_its_explanation():
    hits = [hit(KNELPUNTEN, 1, heading="Waarom hybride zorg vastloopt", windows=[(1, 0.95), (2, 0.9)])]
    query = "En wat houdt het tweede knelpunt in? (over: is het eerste knelpunt waarop hybride zorg vastloopt)"
    assert texts(query, hits) == ["2. Onvoldoende inrichting", "De ICT-afdeling is verantwoordelijk gesteld.",
                                  "Rollen zijn onduidelijk."]


def test_a_numbered_part_runs_on_into_the_next_chunk_and_needs_the_asked_noun():
    first, rest = KNELPUNTEN.split("\nRollen")
    hits = [hit(first, 1), hit("Rollen" + rest, 2, ordinal=1)]
    assert texts("Wat houdt het tweede knelpunt in?", hits)[-1] == "Rollen zijn onduidelijk."
    # "de tweede helft" is no part of a list of knelpunten
    assert texts("Wat gebeurt er in de tweede helft van het jaar?", hits)[0] != "2. Onvoldoende inrichting"


def test_the_third_part_may_be_a_table_row_named_by_the_asked_noun():
    rows = ("Het kader kent drie percelen:\nPerceel: 1; Inhoud: Rolstoelen; Waarde: 1,4 miljoen euro\n"
            "Perceel: 2; Inhoud: Woningaanpassingen; Waarde: 0,8 miljoen euro\n"
            "Perceel: 3; Inhoud: Sensoren; Waarde: 0,3 miljoen euro")
    hits = [hit(rows, 1, windows=[(1, 0.95), (2, 0.9), (3, 0.9)])]
    assert texts("Wat is de waarde van het derde perceel?", hits) == ["Perceel: 3; Inhoud: Sensoren; Waarde: 0,3 miljoen euro"]


def test_more_sentences_come_from_the_best_sentences_paragraph_first():
    pad = ", en dit geldt voor alle regio's en alle zorgaanbieders die in de Wlz zijn gecontracteerd, groot en klein."
    s1 = "De coronacrisis had veel invloed op de regionale samenwerking tussen zorgkantoren en aanbieders" + pad
    s2 = "Prioriteiten lagen tijdens de crisis op andere zaken dan samenwerking in de regio" + pad
    s3 = "De coronacrisis bracht de samenwerking rond technologie ook in een stroomversnelling" + pad
    t = "De coronacrisis veranderde de samenwerking tussen verpleeghuizen in Limburg" + pad
    text = f"{s1} {s2} {s3}\n{t}\nEen losse zin over iets anders."
    hits = [hit(text, 1, windows=[(0, 0.95), (1, 0.90), (2, 0.90), (3, 0.91)]),
            hit("Iets heel anders.", 2, ordinal=5, windows=[(0, 0.70)])]
    chosen = texts("Welke invloed had de coronacrisis op de samenwerking?", hits)
    assert chosen[2].startswith("De coronacrisis bracht") and not any(c.startswith("De coronacrisis veranderde") for c in chosen)


def _two_lists() -> list[Hit]:
    # The list of steps mentions the pijlers in every item and ranks first; the other list is
    # introduced, in the sentence before its colon, as the pijlers of the kader.
    return [
        hit("Wij zetten drie stappen:\n• de vier pijlers als meetlat\n"
            "• een gids langs de vier pijlers\n• een plan", 1,
            windows=[(0, 0.92), (1, 0.92), (2, 0.92), (3, 0.90)]),
        hit("De knelpunten zijn vertaald naar de vier pijlers van het kader. Dit zijn de vier knelpunten:\n"
            "1. Samenwerking\n2. Geld\n3. Mensen\n4. Gegevens", 2, ordinal=1, windows=[(0, 0.88), (1, 0.86)]),
    ]


def test_a_question_for_four_things_gets_the_list_of_four():
    answer = texts("Welke vier pijlers heeft het kader?", _two_lists())
    assert answer[-1] == "4. Gegevens" and "Wij zetten drie stappen:" not in answer


def test_a_list_introduced_as_what_is_asked_for_beats_a_list_whose_items_mention_it():
    answer = texts("Welke pijlers heeft het kader?", _two_lists())
    assert answer[-1] == "4. Gegevens" and "Wij zetten drie stappen:" not in answer
    # The principle, not a preference for the second list: asked for the steps, the steps answer.
    assert texts("Welke stappen zet het kader?", _two_lists())[0] == "Wij zetten drie stappen:"


def test_a_list_whose_introduction_names_what_is_asked_for_answers_it():
    # The sentence with the speaker's full name ranks first; the question asks for her tips.
    hits = [
        hit("Carlijn Pierik en Mirije van Dijk gingen in gesprek met de aanwezigen.\n"
            "De ervaringen die Mirije overdroeg met tips voor aanwezigen:\n• Start klein\n• Neem de tijd", 1,
            windows=[(0, 0.93), (1, 0.90), (2, 0.85), (3, 0.85)]),
    ]
    weights = {"mirij": 3.0, "dijk": 12.0, "tip": 3.0}  # a rare surname
    answer = [u.text for u in select("Welke tips gaf Mirije van Dijk?", hits, weights)]
    assert answer[0].startswith("De ervaringen die Mirije") and answer[-1] == "• Neem de tijd"


def test_list_items_worded_as_questions_are_no_answer():
    # The document lists the questions it asks (bullets without question marks); the answer to
    # "how" is in the sentences that say what was done.
    hits = [
        hit("Bij de wijkverpleging wordt naar drie aspecten gekeken:\n• Welke hulpmiddelen kunnen worden ingezet\n"
            "• Wat kan de buurt doen\n• Hoe helpen naasten", 1, windows=[(0, 0.90), (1, 0.93), (2, 0.93), (3, 0.92)]),
        hit("Oostdorp zet hulpmiddelen in bij de wijkverpleging. Het heeft geleid tot minder bezoeken aan huis.", 2,
            ordinal=1, windows=[(0, 0.89), (1, 0.87)]),
    ]
    answer = texts("Hoe zet Oostdorp hulpmiddelen in?", hits)
    assert answer[0] == "Oostdorp zet hulpmiddelen in bij de wijkverpleging."
    assert not any(line.startswith("•") for line in answer)


def test_a_list_runs_on_into_the_next_chunk_but_not_into_a_line_that_introduces_something_else():
    hits = [
        hit("De regio kent de volgende diensten:\n• Beeldbellen met de wijkverpleging;\n• Een slimme medicijndoos;", 1,
            windows=[(0, 0.95)]),
        hit("• Een alarmknop voor de nacht.\nDeel via:", 2, ordinal=1),
    ]
    chosen = texts("Welke diensten kent de regio?", hits)
    assert "• Een alarmknop voor de nacht." in chosen
    assert "Deel via:" not in chosen


def test_what_the_page_itself_holds_is_no_answer():
    # "Op deze pagina vindt u antwoorden op vragen over X" shares the question's words and says nothing about X.
    hits = [
        hit("Op deze pagina vindt u antwoorden op vragen over hulpmiddelen die de gemeente vergoedt.", 1,
            windows=[(0, 0.95)]),
        hit("De gemeente vergoedt onder meer een rolstoel en een traplift.", 2, ordinal=1, windows=[(0, 0.90)]),
    ]
    quoted = [u.text for u in select("Welke hulpmiddelen vergoedt de gemeente?", hits, {}) if not u.is_heading]
    assert quoted == ["De gemeente vergoedt onder meer een rolstoel en een traplift."]


def test_an_enumeration_in_prose_is_a_list_and_ends_where_its_enumeration_ends():
    # "Ten eerste ... Ten tweede ...": the items are sentences on lines of their own; the list
    # runs on into the next chunk with "Ten derde ...", not into that chunk's next section.
    hits = [
        hit("De partijen spraken drie doelen af.\nTen eerste wonen ouderen langer thuis, met hulp uit de wijk.\n"
            "Ten tweede delen de aanbieders hun personeel in een regionale pool.", 1, windows=[(0, 0.95)]),
        hit("Ten derde leggen alle partijen dezelfde gegevens vast.\nOrganisatie\nEen stuurgroep komt vier keer per "
            "jaar bijeen.", 2, ordinal=1),
    ]
    chosen = texts("Welke drie doelen spraken de partijen af?", hits)
    assert chosen[0] == "De partijen spraken drie doelen af."
    assert chosen[-1] == "Ten derde leggen alle partijen dezelfde gegevens vast."
    assert "Organisatie" not in chosen


def test_a_list_of_other_things_gives_way_to_a_sentence_that_names_what_is_asked_for():
    # Asked for the "routes", the best-scoring passage is a list of schemes in the same region;
    # a sentence that names the routes answers.
    schemes = hit("In de regio gelden de volgende regelingen:\n• Een subsidie voor vervoer in de regio\n"
                  "• Een fonds voor vervoer naar de zorg", 1, windows=[(0, 0.92), (1, 0.93), (2, 0.92)])
    routes = hit("Er zijn drie nieuwe routes nodig voor vervoer in de regio. Ze lopen via het dorp, de stad en de kust.", 2,
                 ordinal=3, windows=[(0, 0.925), (1, 0.86)])
    answer = texts("Wat zijn de routes voor vervoer in de regio?", [schemes, routes])
    assert answer[0] == "Er zijn drie nieuwe routes nodig voor vervoer in de regio."
    assert not any(line.startswith("•") for line in answer)
    # (A list whose introduction names them, also elsewhere in the passages, stays the answer:
    # test_a_list_at_the_top_of_its_chunk_gets_its_introduction_from_the_chunk_before.)


def test_a_list_question_gets_the_sentence_with_its_own_plural_not_one_labelled_member():
    # "Wat zijn de bewegingen": the sentence that names the bewegingen (plural) introduces the set;
    # a paragraph labelled with one of them ("Beweging Samen: ...") is a member, although it scores more.
    from assistant.answer.lists import list_noun_words, list_nouns, named_list
    from assistant.answer.units import data_units

    schemes = hit("In de regio gelden de volgende regelingen:\n• Een subsidie voor de zorg\n• Een fonds voor vervoer", 1)
    moves = hit("Er zijn nieuwe bewegingen nodig in de regio. Ze gaan over het dorp en de stad.\n"
                "Beweging Samen: buren helpen elkaar in de regio.", 2, ordinal=3)
    units = data_units([schemes, moves])
    scores = {"• Een subsidie voor de zorg": 1.0, "Er zijn nieuwe bewegingen nodig in de regio.": 0.7,
              "Beweging Samen: buren helpen elkaar in de regio.": 0.8}
    for unit in units:
        unit.score = scores.get(unit.text, 0.1)
    best = max(units, key=lambda u: u.score)
    question = "Wat zijn de bewegingen in de regio?"
    chosen = named_list(units, best, list_nouns(question), list_noun_words(question))
    assert chosen.text == "Er zijn nieuwe bewegingen nodig in de regio."
    # Without the question's own form, any sentence naming the stem would do: the best of them.
    assert named_list(units, best, list_nouns(question)).text.startswith("Beweging Samen")


def test_a_caption_names_the_subject_but_is_no_answer():
    # A caption describes a picture that is not in the text.
    hits = [hit("Figuur 3: De routes voor vervoer in de regio.\nDe routes voor vervoer in de regio lopen via het dorp en de stad.",
                1, windows=[(0, 0.95), (1, 0.93)])]
    assert texts("Wat zijn de routes voor vervoer in de regio?", hits)[0].startswith("De routes voor vervoer in de regio lopen")


def test_a_documents_opening_answers_before_an_equal_sentence_deeper_in_it():
    # A page states its answer first and explains after: of two sentences that match the question
    # equally, the one that opens the document goes first, whatever their passages' ranks.
    deeper = hit("Een parkeervergunning vraagt u aan bij de gemeente, ook als u verhuist.", 1,
                 source="corpus/parkeren.txt", ordinal=3, windows=[(0, 0.90)])
    opening = hit("Een parkeervergunning vraagt u aan bij de gemeente waar u woont.", 2,
                  source="corpus/parkeren.txt", ordinal=0, windows=[(0, 0.90)])
    filler = hit("De gemeente int ook de afvalstoffenheffing.", 3, source="corpus/afval.txt", ordinal=2,
                 windows=[(0, 0.40)])
    assert texts("Waar vraag ik een parkeervergunning aan?", [deeper, opening, filler])[0] == opening.chunk.text


def test_a_sentence_that_writes_the_asked_word_inside_a_compound_holds_it():
    # Dutch writes compounds as one word: "fietsenstalling" holds the "stalling" asked about.
    hits = [hit("De gemeente bouwt het plein dit jaar opnieuw in.", 1, ordinal=4, windows=[(0, 0.90)]),
            hit("De fietsenstalling aan het plein is overdekt en gratis.", 2, ordinal=6, windows=[(0, 0.90)])]
    assert texts("Wat is er bekend over de stalling?", hits)[0].startswith("De fietsenstalling")


def test_a_question_about_two_names_gets_a_sentence_on_each():
    # The first passage answers for Noordhof at length; the sentence on Zuidwijk scores far lower
    # (later passage, fewer shared words) but is the only one on the second thing asked about.
    hits = [
        hit("De aanpak van Noordhof begint bij de wijkverpleging. Noordhof zet beeldzorg in bij de aanpak. "
            "De aanpak van Noordhof werkt met een digitaal team.", 1, windows=[(0, 0.9), (1, 0.9), (2, 0.9)]),
        hit("In Zuidwijk werken de teams samen.", 4, ordinal=3, source="corpus/zuidwijk.txt", windows=[(0, 0.5)]),
    ]
    question = "Wat is het verschil tussen de aanpak van Noordhof en die van Zuidwijk?"
    assert texts(question, hits)[-1] == "In Zuidwijk werken de teams samen."


def test_a_name_the_passages_do_not_mention_adds_nothing():
    hits = [hit("De aanpak van Noordhof begint bij de wijkverpleging.", 1, windows=[(0, 0.9)])]
    assert texts("Wat doen Noordhof en Westmark?", hits) == ["De aanpak van Noordhof begint bij de wijkverpleging."]


def test_a_number_in_the_question_brings_the_sentence_whose_bound_covers_it():
    # "als ik 40 ben": the best sentence is about the young buyers; the one on buyers of 35 or older
    # answers this user, so it joins the answer, as a second named thing would. At 20 the first covers it.
    from assistant.answer.along import with_named_units
    from assistant.answer.units import data_units

    hits = [hit("Kopers van 18 tot 35 jaar betalen geen belasting bij aankoop van een huis. "
                "De regel geldt sinds 2021. Kopers van 35 jaar of ouder betalen 2%.", 1)]
    units = data_units(hits)
    chosen = with_named_units("Hoeveel belasting betaal ik als ik 40 ben?", units[:1], units, hits)
    assert [u.text for u in chosen] == [units[0].text, "Kopers van 35 jaar of ouder betalen 2%."]
    assert with_named_units("Hoeveel belasting betaal ik als ik 20 ben?", units[:1], units, hits) == units[:1]


def test_a_sentence_that_refers_back_comes_with_the_sentence_before_it():
    # "Dan betaalt u geen entree." alone tells everyone they pay nothing; the condition before it
    # (a question the document asks) comes along. A heading before "Dit ..." does not.
    hits = [hit("Bent u jonger dan 18 jaar? Dan betaalt u geen entree voor de molen.\nDe molen is open op zaterdag.", 1)]
    assert texts("Moet ik entree betalen voor de molen?", hits)[:2] == ["Bent u jonger dan 18 jaar?",
                                                                         "Dan betaalt u geen entree voor de molen."]
    from assistant.answer.units import data_units, with_antecedents

    units = data_units([hit("Kosten\nDit kost vijf euro per persoon.", 1, heading="Kosten")])
    said = [u for u in units if u.text.startswith("Dit")]
    assert with_antecedents(said, units) == said
    plain = data_units([hit("De molen draait. Het meel is vers.", 1)])
    assert with_antecedents(plain[1:], plain) == plain[1:]  # nothing refers back
    # "deze" early in the sentence points back too: "De regels voor deze dienst ..." needs the dienst.
    early = data_units([hit("Bij een wachtdienst bent u thuis bereikbaar. De regels voor deze dienst staan in de wet.", 1)])
    assert with_antecedents(early[1:], early) == early


def test_one_idea_of_a_sentence_that_leans_on_the_one_before_serves_answers_and_plans():
    from assistant.plan_signals import leans_on_context
    from assistant.text import refers_back

    leaning = ["Dan betaalt u niets.", "Dit leidt tot druk.", "• Daarnaast is er een wachtlijst.", "Zij werken samen.",
               "De regels voor deze dienst staan in de wet."]
    standing = ["De molen draait op zaterdag.", "Zorgkantoren kopen zorg in.", "Welke tips gaf zij?"]
    assert all(refers_back(s) and leans_on_context(s) for s in leaning)
    assert not any(refers_back(s) or leans_on_context(s) for s in standing)


def test_the_byline_asked_for_comes_from_the_document_the_answer_quotes():
    # "Wie schreef ...?": the sentences closest to the question hold no author; the article's byline
    # comes along. A byline of another document does not, and a sentence that opens with "Door X"
    # is no byline.
    article = hit("Door de regio zijn de partijen aan tafel gezet.\nDe samenwerking in de regio groeit.\nDoor: Anna de Wit", 1,
                  source="corpus/artikel.txt")
    other = hit("Een ander verslag over de regio.\nDoor: Piet Smit", 2, source="corpus/verslag.txt", ordinal=1)
    said = texts("Wie schreef het artikel over de samenwerking in de regio?", [article, other])
    assert "Door: Anna de Wit" in said and "Door: Piet Smit" not in said
    alone = hit("Door de regio zijn de partijen aan tafel gezet.\nDe samenwerking in de regio groeit.", 1, source="corpus/artikel.txt")
    assert not any(t.startswith("Door:") for t in texts("Wie schreef het artikel over de samenwerking in de regio?", [alone, other]))



def test_a_separable_verb_the_question_writes_apart_is_found_written_as_one_word():
    hits = [hit("De pas is geldig tot de einddatum. Een nieuwe pas kost 20 euro.", 1, windows=[(0, 0.90), (1, 0.90)]),
            hit("U moet een nieuwe pas aanvragen als er iets loszit.", 2, ordinal=1, windows=[(0, 0.90)])]
    assert texts("Wat moet ik doen als er iets los zit?", hits) == ["U moet een nieuwe pas aanvragen als er iets loszit."]


def test_a_list_item_that_is_a_clause_comes_with_the_sentence_it_hangs_on():
    hits = [hit("In deze gevallen vraagt u een nieuwe pas aan:\n- Als de foto beschadigd is.\n- Als er pagina's "
                "loszitten.\nDe kosten betaalt u zelf.", 1, windows=[(0, 0.90), (1, 0.90), (2, 0.92), (3, 0.90)])]
    assert texts("Wat moet ik doen als er pagina's loszitten?", hits) == [
        "In deze gevallen vraagt u een nieuwe pas aan:", "- Als er pagina's loszitten."]


def test_a_line_reads_under_its_own_section_of_the_chunk_not_the_first():
    text = "Direct regelen\nMelding doen\nContact loket\nTelefoon: 14 0123\nBereikbaar op werkdagen van 8.30 tot 12.30 uur"
    chunk = Chunk(id="p#0", source="p.html", title="Hulp thuis", heading="Hulp thuis › Direct regelen", text=text,
                  context="Hulp thuis — Direct regelen", ordinal=0,
                  sections=((text.index("Contact"), "Hulp thuis › Contact loket"),))
    other = Chunk(id="p#1", source="p.html", title="Hulp thuis", heading="Hulp thuis › Aanvragen",
                  text="Doe een melding bij het loket, telefonisch of online.", context="Hulp thuis — Aanvragen", ordinal=1,
                  sections=())
    hits = [Hit(chunk=other, score=1.0, rank=1, window_scores=((0, 0.90),)),
            Hit(chunk=chunk, score=0.9, rank=2, window_scores=((0, 0.88), (1, 0.88), (2, 0.88), (3, 0.88), (4, 0.88)))]
    assert "Bereikbaar op werkdagen van 8.30 tot 12.30 uur" in texts("Wanneer is het loket bereikbaar?", hits)



def test_a_numbered_heading_of_a_later_section_is_no_item_after_a_sentence():
    text = ("3. Per regio\nRegio Noord had met 520 cliënten de meeste cliënten, gevolgd door regio Midden en regio Zuid. "
            "In regio Zuid begon de uitrol later omdat de wijkteams daar eerst werden heringericht.\n4. Kosten\nHet kost veel.")
    chunk = Chunk(id="r#2", source="r.pdf", title="Verslag", heading="Verslag › 3. Per regio", text=text,
                  context="Verslag — 3. Per regio", ordinal=2, sections=((text.index("4."), "Verslag › 4. Kosten"),))
    hits = [Hit(chunk=chunk, score=1.0, rank=1, window_scores=((0, 0.90), (1, 0.90), (2, 0.93), (3, 0.90)))]
    assert "4. Kosten" not in texts("Welke regio had de meeste cliënten?", hits)


def test_a_question_heading_a_later_section_is_no_answer_not_even_its_first_sentence():
    text = ("Wat kost het?\nDe pas is gratis.\nIk ben het niet eens met het besluit. Wat kan ik doen?\n"
            "U kunt binnen zes weken bezwaar maken.")
    chunk = Chunk(id="f#1", source="f.html", title="FAQ", heading="FAQ › Wat kost het?", text=text, context="FAQ — Wat kost het?",
                  ordinal=1, sections=((text.index("Ik ben"), "FAQ › Ik ben het niet eens met het besluit. Wat kan ik doen?"),))
    hits = [Hit(chunk=chunk, score=1.0, rank=1, window_scores=((0, 0.85), (1, 0.85), (2, 0.95), (3, 0.95), (4, 0.92)))]
    answer = texts("Wat kan ik doen als ik het niet eens ben met het besluit?", hits)
    assert "Ik ben het niet eens met het besluit." not in answer
    assert "U kunt binnen zes weken bezwaar maken." in answer
