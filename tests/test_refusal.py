"""The checkable facts a question asks for, and whether cited quotes hold them (exact cases)."""

import pytest

from assistant.answer.facts import Fact, expected_fact, has_fact, supported
from assistant.answer.names import Cited, elliptical, named, owner, unsupported_names
from assistant.answer.refusal import Evidence, coverage


@pytest.mark.parametrize(("question", "fact"), [
    ("Hoeveel medewerkers heeft Noordhof?", Fact("getal", ("medewerker",))),
    ("Hoeveel zorgkantoren zijn er?", Fact("getal", ("zorgkantor",))),
    ("Wat is het storingsnummer?", Fact("telefoon")),  # a number to call, not what it is
    ("In welk jaar kwam het signaal?", Fact("jaar")),
    ("Hoe lang duurt de wachttijd?", Fact("duur")),
    ("Hoeveel procent CO2-reductie is nodig?", Fact("procent")),
    ("Wat is het uurtarief voor wijkverpleging?", Fact("bedrag")),
    ("Hoeveel subsidie kan een aanbieder aanvragen?", Fact("bedrag")),
    ("Wat is het budget van het programma?", Fact("bedrag")),
    ("What is the hourly rate for district nursing?", Fact("bedrag")),
    ("Tot wanneer loopt de financiering?", Fact("einde")),  # where it ends
    ("Wanneer loopt de subsidie af?", Fact("einde")),
    ("Wanneer loopt de inschrijving?", Fact("datum")),
    ("Wanneer vond het ledenevent plaats?", Fact("datum")),
    ("Wanneer is digitale zorg passend?", Fact()),  # a condition, not a moment
    ("Wie is de bestuursvoorzitter van het ZGO?", Fact("rol", ("bestuursvoorzitter",), named=True)),
    ("Wie is Anna de Wit?", Fact("persoon", ("Wit",))),  # who a named person is
    ("Who is Anna de Wit?", Fact("persoon", ("Wit",))),
    ("Wie is verantwoordelijk voor de planning?", Fact()),  # asks for a person, names none
    ("Welke zes bouwblokken zijn er?", Fact("opsomming", ("6",))),
    ("What are the four building blocks?", Fact("opsomming", ("4",))),
    ("Wat houdt de beweging Thuis als het kan in?", Fact()),
    ("Wat is het telefoonnummer van het ZGO?", Fact("telefoon")),
    ("Wat is het e-mailadres van Noordhof?", Fact("email")),
    ("Wat is de website van Noordhof?", Fact("website")),
    ("Welke website noemt het zorgkantoor?", Fact()),  # may ask for a name, not an address
    ("Wat is het adres van het ZGO?", Fact("adres")),
    ("Hoe kan ik contact opnemen met Noordhof?", Fact("contact")),
    ("Wat zijn de openingstijden van het contactcentrum?", Fact("tijd")),
    ("Wanneer is het loket open?", Fact("tijd")),  # when it is open: its hours
    ("Wanneer is de helpdesk bereikbaar?", Fact("tijd")),  # when it can be called: its hours
    ("Wat is het nummer van de helpdesk?", Fact("telefoon")),  # "het nummer" of someone: a phone number
    ("Hoeveel tijd krijgen teams om te oefenen?", Fact("duur")),  # an amount of time: a duration
    ("Hoeveel krijg ik voor een rollator?", Fact("getal")),  # a verb after "hoeveel": an amount, nothing counted
    ("Hoeveel draagt het zorgkantoor bij?", Fact("getal", ("zorgkantor",), measured=True)),  # an amount of the subject after the verb
    ("Wat betaalt de gemeente?", Fact("bedrag")),  # what is paid: an amount
    ("Voor wie is de regeling bedoeld?", Fact()),  # a preposition before "wie": no role holder asked for
    ("Aan wie is de brief gericht?", Fact()),
    ("Wanneer is de open dag?", Fact()),  # an open day: a date, not hours
    ("Wanneer start het beeldbellen?", Fact("datum")),  # when it starts: a moment ("vanaf maart 2027")
    ("How long do the contracts run?", Fact("looptijd")),  # English plural: "do", not only "does"
    ("When do the contracts end?", Fact("einde")),
    ("Hoeveel betalen de gemeenten?", Fact("bedrag")),  # how much is paid: an amount, not a count
    ("Wat verdient een verzorgende?", Fact("bedrag")),  # a wage: an amount
    ("Hoe snel krijg ik een besluit?", Fact("duur")),  # how soon: a duration
    ("Hoeveel is de eigen bijdrage?", Fact("getal", ("eig", "bijdrag"), measured=True)),  # the value of what comes after "is de"
    ("Hoe vaak komt het wijkteam bijeen?", Fact("frequentie")),  # how often: not a count
    ("Hoeveel keer per jaar is er overleg?", Fact("frequentie")),
    ("Wie schreef het artikel over de regio?", Fact("auteur")),
    ("Door wie is de blog geschreven?", Fact("auteur")),
    ("Wat is de Zorgpas?", Fact("definitie", ("Zorgpas",))),  # what something is
    ("Wat zijn schaduwlijsten?", Fact("definitie", ("schaduwlijsten",))),
    ("Wat zijn de handvatten?", Fact()),  # which ones: a list, not what they are
    ("En wat is Noordhof Thuis?", Fact("definitie", ("Noordhof Thuis",))),
    ("What is the Zorgpas?", Fact("definitie", ("Zorgpas",))),
    ("Wat is de rol van de Zorgpas?", Fact()),  # an aspect of it, not what it is
    ("Wat is de eerste stap?", Fact()),  # a part of a sequence (lists.numbered_part), not what a step is
    ("Wat doet Noordhof?", Fact("activiteit", ("Noordhof",))),  # what it does
    ("Wat doet het wijkteam?", Fact("activiteit", ("wijkteam",))),
    ("Wat doet Noordhof voor ouderen?", Fact()),  # something it does for someone: the words decide
    ("Wat doet de gemeente tegen zwerfafval?", Fact()),
    ("Wat is er gebeurd in Oostdorp?", Fact()),
    ("Waar staat de Zorgpas voor en wat is het doel ervan?", Fact()),  # not the whole question
])
def test_expected_fact(question, fact):
    assert expected_fact(question) == fact


@pytest.mark.parametrize(("text", "question", "holds"), [
    ("Noordhof heeft ca 2200 medewerkers.", "Hoeveel medewerkers heeft Noordhof?", True),
    ("De tot nu toe lopende projecten (268) leverden veel op.", "Hoeveel projecten zijn er?", True),
    ("Er lopen 268 projecten in de regio's van de zorgkantoren.", "Hoeveel zorgkantoren zijn er?", False),
    ("Zorgkantoren werken in 2020 actief samen.", "Hoeveel zorgkantoren zijn er?", False),  # a year counts nothing
    ("Het 1e aanspreekpunt voor een cliënt.", "Hoeveel cliënten wachten?", False),  # nor does an ordinal
    ("Het heeft 600 digitale zorgmomenten opgeleverd.", "Hoeveel zorgmomenten levert Noordhof?", True),
    ("Er is een tekort aan verpleegkundigen: er staan 35 vacatures open.", "Hoeveel verpleegkundigen zijn er?", False),  # a count counts the word after it
    ("Een aanbieder die twee jaar te laat is, krijgt een brief.", "Hoeveel aanbieders zijn er?", False),
    ("Het team nam 46 mensen aan, van wie 19 zij-instromers.", "Hoeveel zij-instromers waren er?", True),
    ("Noordhof heeft 3 nieuwe teams.", "Hoeveel teams heeft Noordhof?", True),  # an adjective between
    ("Het aantal medewerkers: 2.200.", "Hoeveel medewerkers?", True),  # no word after the count: the distance decides
    ("Twee van de teams werken al digitaal.", "Hoeveel teams werken digitaal?", True),  # a function word after it: the distance decides
    ("De financiering loopt t/m eind 2021.", "Hoe lang zijn de wachttijden?", False),
    ("De wachttijd is zes weken.", "Hoe lang zijn de wachttijden?", True),
    ("De financiering loopt t/m eind 2021.", "Tot wanneer loopt de financiering?", True),
    ("De financiering loopt t/m eind 2021.", "Hoe lang loopt het programma?", True),  # how long it runs: where it ends
    ("Het programma loopt drie jaar.", "Hoe lang loopt het programma?", True),
    ("Het programma loopt al een tijd.", "Hoe lang loopt het programma?", False),
    ("Eind mei zijn de resultaten gepresenteerd.", "Wanneer vond de presentatie plaats?", True),
    ("Hybride zorg is data gedreven.", "Tot wanneer loopt de financiering?", False),
    ("Vanaf 2023 is de regeling beschikbaar.", "Wanneer loopt de regeling af?", False),  # a start is no end
    ("De kaart is geldig tot 1 maart 2027.", "Wanneer loopt de kaart af?", True),
    ("Vul het uiterlijk 1 december in.", "Uiterlijk wanneer moet het formulier binnen zijn?", True),
    ("Het loket is open tot 17.00 uur.", "Tot wanneer is het loket open?", True),
    ("Aanmelden kan tot en met vrijdag.", "Tot wanneer kan ik me aanmelden?", True),
    ("De regeling loopt tot het eind van het schooljaar.", "Tot wanneer loopt de regeling?", True),
    ("Het loket is open op werkdagen.", "Tot wanneer is het loket open?", False),
    ("Aanbieders die voor 2024 zijn gecontracteerd.", "Tot wanneer loopt het contract?", False),
    ("Een reductie van 49% in 2030.", "Hoeveel procent CO2-reductie?", True),
    ("De reductie van CO2 is de grootste uitdaging.", "Hoeveel procent CO2-reductie?", False),
    ("Het kost € 1.200 per jaar.", "Wat kost een scan?", True),
    ("De scan kost weinig tijd en 2 gesprekken.", "Wat kost een scan?", False),
    ("De bestuursvoorzitter van het ZGO opende het event.", "Wie is de bestuursvoorzitter van het ZGO?", True),
    ("Het ZGO vertelde over zijn lessen.", "Wie is de bestuursvoorzitter van het ZGO?", False),
    ("‘Het werkt’, zegt Anna de Wit, teamleider in Noordhof.", "Wie is Anna de Wit?", True),  # an apposition
    ("Anna de Wit (Noordhof) gaf de workshop.", "Wie is Anna de Wit?", True),
    ("‘Het werkt’, aldus Anna de Wit namens de gemeente.", "Wie is Anna de Wit?", True),
    ("‘Het werkt’, zegt Anna de Wit.", "Wie is Anna de Wit?", False),  # she speaks; who she is, it does not say
    ("‘Het werkt’, zegt wijkverpleegkundige Anna de Wit.", "Wie is Anna de Wit?", True),  # her role before her name
    ("Het project loopt onder Anna de Wit.", "Wie is Anna de Wit?", False),  # a preposition is no role
    ("Met vriendelijke groet, A. (Anna) de Wit voorzitter", "Wie is Anna de Wit?", True),  # a signature: the role ends it
    ("Rol: Teamleider; Naam: Anna de Wit; Taak: roosters", "Wie is Anna de Wit?", True),  # a cell of a row with her role
    ("Rol: Functioneel beheerder; Taak: inrichting", "Wie is de functioneel beheerder?", False),  # a cell's capital is no name
    ("Rol: Functioneel beheerder; Naam: Anna de Wit", "Wie is de functioneel beheerder?", True),
    ("Het klopt, zei Anna de Wit later.", "Wie is Anna de Wit?", False),
    ("U kunt een eigen risico van maximaal € 500 kiezen.", "Hoeveel mag het eigen risico zijn?", True),
    ("Het regionale meldpunt in Oostdorp is open. Het verdeelt de zorg.", "Wat doet het meldpunt?", True),  # an adjective first
    ("Het project Samen Sterk koppelt buren aan ouderen.", "Wat doet Samen Sterk?", True),  # the kind of thing before a name
    ("Buren en Samen Sterk doen mee.", "Wat doet Samen Sterk?", False),  # named in passing
    ("Het is geïnitieerd door VWS en ZonMw.", "Welke twee organisaties?", True),
    ("Zij implementeren gezamenlijk vier technologische innovaties.", "Welke vier technologische innovaties?", False),
    ("Wat houdt het in?", "Wat houdt de beweging Thuis als het kan in?", True),  # nothing checkable
    ("Het ministerie van VWS stelde middelen beschikbaar.", "Wie is de minister van VWS?", False),  # no compound head
    ("De minister van VWS opende het event.", "Wie is de minister van VWS?", True),
    ("Het telt 12 teamleden.", "Hoeveel teams heeft Noordhof?", False),  # "teamleden" are no teams
    ("3. Stuur de cliënt de link.", "Hoeveel cliënten doen mee?", False),  # a step's number counts nothing
    ("3. Er doen 40 cliënten mee.", "Hoeveel cliënten doen mee?", True),
    ("Noordhof heeft 30 wijkteams.", "Hoeveel teams heeft Noordhof?", True),
    ("Noordhof heeft 30 teams.", "Hoeveel wijkteams heeft Noordhof?", False),  # a head names no compound with it
    ("Oostdorp heeft veel ouders met jonge kinderen.", "Wie is de wethouder van Oostdorp?", False),  # "ouder" is no wethouder
    ("Bel ons op 088 123 45 67.", "Wat is het telefoonnummer van het ZGO?", True),
    ("Bel ons op (030) 123 45 67.", "Wat is het telefoonnummer van het ZGO?", True),  # an area code in brackets
    ("Bel gratis 0800 - 1234 567.", "Wat is het telefoonnummer van het ZGO?", True),  # set apart by a spaced dash
    ("Van: Anna de Wit <anna@zgo.example>", "Wie schreef de nieuwsbrief?", True),  # an e-mail's sender
    ("Het rapport is geschreven door onderzoeksbureau Zorgwijzer.", "Wie schreef het rapport?", True),  # the kind of writer first
    ("Het rapport is geschreven door de afdeling.", "Wie schreef het rapport?", False),
    ("Zij praat van: wat is zorg?", "Wie schreef de nieuwsbrief?", False),
    ("Bel 030 - 123 45 67.", "Wat is het telefoonnummer van het ZGO?", True),
    ("Het plan loopt 2025 - 2030 met 1234 567 euro.", "Wat is het telefoonnummer van het ZGO?", False),
    ("Werkdagen van 8.00 tot 20.00 uur.", "Wanneer is de helpdesk bereikbaar?", True),
    ("Kijk op https://www.zgo.example.", "Wat is het telefoonnummer van het ZGO?", False),  # an address, not a number
    ("Het ZGO is verantwoordelijk voor keuze-informatie.", "Wat is het telefoonnummer van het ZGO?", False),
    ("Mail naar info@zgo.example.", "Wat is het e-mailadres van Noordhof?", True),
    ("Kijk op www.noordhof.nl voor meer.", "Wat is de website van Noordhof?", True),
    ("Noordhof, Postbus 1234, 5000 AB Oostdorp.", "Wat is het adres van het ZGO?", True),
    ("In 2023 en 2024 liepen er 268 projecten.", "Wat is het adres van het ZGO?", False),  # "2023 en" is no postcode
    ("Bel 0800 1234 of mail info@zgo.example.", "Hoe kan ik contact opnemen met Noordhof?", True),
    ("Open van 9.00 tot 17.00 uur.", "Wat zijn de openingstijden van het contactcentrum?", True),
    ("Het contactcentrum is op werkdagen open.", "Wat zijn de openingstijden van het contactcentrum?", False),
    ("Zij volgen een traject van negen maanden.", "Hoe lang duurt het traject?", True),  # any count word
    ("Iedereen volgt de training van een dagdeel.", "Hoe lang duurt de training?", True),
    ("Een cliëntondersteuner helpt u daarbij gratis.", "Wat kost een cliëntondersteuner?", True),  # nothing is an amount
    ("Aan de bezoeken zijn voor u geen kosten verbonden.", "Wat kost een bezoek?", True),
    ("Voor de pas betaalt u niets.", "Wat kost de pas?", True),
    ("Na het gesprek volgt binnen zes weken een besluit.", "Hoeveel is de eigen bijdrage?", False),  # a number of weeks
    ("U betaalt een eigen bijdrage van 21,80 euro per maand.", "Hoeveel is de eigen bijdrage?", True),  # its value
    ("De eigen bijdrage is maximaal € 500 extra.", "Hoeveel is de eigen bijdrage?", True),  # after "€" a value, counting no "extra"
    ("Voor zorg thuis is de bijdrage in 2027 maximaal € 1.023.", "Hoeveel is de eigen bijdrage?", True),  # its value, words away
    ("De bijdrage gaat naar het CAK. Dat telt 12 kantoren.", "Hoeveel is de eigen bijdrage?", False),
    ("Er zijn vier doelen. Ten eerste wonen ouderen thuis. Ten tweede delen teams personeel. Ten derde komt er "
     "een pool. Ten vierde leggen zij gegevens vast.", "Welke vier doelen zijn er?", True),  # enumerated sentences
    ("Er zijn vier doelen. Ten eerste wonen ouderen thuis. Ten tweede delen teams personeel.", "Welke vier doelen zijn er?",
     False),  # two of four
    ("Teams leveren elk kwartaal cijfers aan.", "Hoe vaak leveren teams cijfers aan?", True),
    ("Het wijkteam komt om de twee weken bijeen.", "Hoe vaak komt het wijkteam bijeen?", True),
    ("Het team belt cliënten elke ochtend.", "Hoe vaak belt het team cliënten?", True),
    ("Het overleg is twee keer per jaar.", "Hoe vaak is er overleg?", True),
    ("Teams leveren cijfers aan over tevredenheid.", "Hoe vaak leveren teams cijfers aan?", False),  # the act, not how often
    ("Door: Anna de Wit", "Wie schreef het artikel over de regio?", True),  # a byline
    ("Dit stuk is geschreven door Anna de Wit.", "Wie schreef het artikel over de regio?", True),
    ("Het programma is geïnitieerd door VWS en ZonMw.", "Wie schreef het artikel over de regio?", False),
    ("Voorzitter: Joost Brand. Verslag: Ilse Maas.", "Wie maakte het verslag?", True),  # who took the minutes
    ("Het verslag: zie de bijlage.", "Wie maakte het verslag?", False),
    # what something is: where a text introduces it, not where it names it in passing
    ("Regelingen zoals de Zorgpas (Zorg Passend Akkoord) helpen.", "Wat is de Zorgpas?", True),
    ("Zorgpas: een pas voor zorg op maat.", "Wat is de Zorgpas?", True),
    ("Het Zorg Passend Akkoord (ZPA) loopt tot 2026.", "Wat is het ZPA?", True),
    ("De Zorgpas geeft toegang tot de wijkteams.", "Wat is de Zorgpas?", True),  # a sentence about it
    ("Dat heet de zogenoemde ruilregeling.", "Wat is de ruilregeling?", True),
    ("Gegevens volgens de MQ7-standaard.", "Wat is MQ7?", True),  # a compound that classifies it
    ("Werkwijzen zoals valpreventie en leefstijlcoaching.", "Wat is valpreventie?", False),  # named in passing
    ("Het uitvoeringsplan van ZorgNet volgt later.", "Wat is ZorgNet?", False),
    ("Passende hybride zorg (de combinatie van fysiek en digitaal).", "Wat is passende zorg?", True),
    ("De Zorgpas, een pas voor zorg op maat.", "Wat is de Zorgpas?", True),  # an apposition
    ("Registers voor de Zorgpas, het wijkteam en de gemeente.", "Wat is de Zorgpas?", False),  # a list, no apposition
    # what something does: where a text makes it the subject or introduces it
    ("Noordhof helpt ouderen thuis.", "Wat doet Noordhof?", True),
    ("Anna de Wit (Noordhof) vertelde.", "Wat doet Noordhof?", True),
    ("Het register voor Noordhof, het wijkteam en de gemeente.", "Wat doet Noordhof?", False),
    ("In de wijk is de Zorgpas ingevoerd: wie hem heeft, krijgt zorg op maat.", "Wat is de Zorgpas?", True),  # participle, colon
    ("Elk team wijst een wijkcoach aan die collega's helpt.", "Wat doet een wijkcoach?", True),  # a clause past the particle
    ("Wij zoeken nog een wijkcoach voor die afdeling.", "Wat doet een wijkcoach?", False),  # "die" points, no clause
    ("Per team is er een wijkcoach, die collega's helpt.", "Wat doet een wijkcoach?", True),  # a describing clause
    ("De partners richten een flexpool op, zodat invallers overal kunnen werken.", "Wat is de flexpool?", True),  # what it is for
    # a time of day counts nothing: "tussen 9.00 en 17.00 uur een consulent" is no number of consulenten
    ("U kunt tussen 9.00 en 17.00 uur een consulent spreken.", "Hoeveel consulenten zijn er?", False),
    ("Er werken 12 consulenten.", "Hoeveel consulenten zijn er?", True),
    # an amount or a rate counts nothing: "€ 500 per aanvraag" is no number of aanvragen
    ("De bijdrage is ten hoogste € 500 per aanvraag.", "Hoeveel aanvragen zijn er?", False),
    ("De bijdrage is 500 euro per aanvraag.", "Hoeveel aanvragen zijn er?", False),
    ("Het team belt 3 keer per week.", "Hoeveel weken zijn er?", False),
    ("Er kwamen 12 nieuwe aanvragen binnen.", "Hoeveel aanvragen zijn er?", True),
    # a table row names what it counts in one cell and the count in another
    ("Indicator: Teams getraind; 2025: 19; 2026: 31", "Hoeveel teams zijn er getraind?", True),
    ("Indicator: Cliënten met zorg; 2026: 31", "Hoeveel teams zijn er getraind?", False),
    ("De teams werken hard; er zijn 12 wijken.", "Hoeveel teams zijn er?", False),  # a sentence, no row
    # one holder of a role is named; an adjective is no role; a group may be "wij"
    ("Het contract met de huidige leverancier loopt af.", "Wie is de huidige leverancier?", False),
    ("De huidige leverancier is Medipunt.", "Wie is de huidige leverancier?", True),
    ("Wij zijn de verbinders in de wijk.", "Wie zijn de verbinders?", True),
    # until when: also the date first and the verb that ends it after
    ("Het contract, dat op 31 december 2026 afloopt, wordt vervangen.", "Wanneer loopt het contract af?", True),
    ("Het contract loopt sinds 2024.", "Wanneer loopt het contract af?", False),
])
def test_has_fact(text, question, holds):
    assert has_fact(text, expected_fact(question)) is holds


def test_a_list_counts_over_all_quotes_other_facts_sit_in_one_sentence():
    three = expected_fact("Welke drie fasen zijn er?")
    assert supported(["De fasen:\n• werken\n• samenwerken", "• dienstverleningsmodellen"], three) is True
    assert supported(["De fasen:\n• werken\n• samenwerken"], three) is False
    count = expected_fact("Hoeveel zorgkantoren zijn er?")
    assert supported(["Er lopen 268 projecten. De zorgkantoren zijn tevreden."], count) is False
    assert supported(["Er zijn 31 zorgkantoren."], count) is True
    assert supported([], Fact()) is False


def test_a_fact_counts_in_a_sentence_about_what_is_asked_or_the_next_one_of_its_passage():
    price = expected_fact("Hoeveel kost de stofzuiger?")

    def about(sentence: str) -> bool:
        return "stofzuiger" in sentence.lower()

    assert supported(["De stofzuiger kost 200 euro."], price, about) is True
    assert supported(["De stofzuiger is nieuw. Die kost 200 euro."], price, about) is True  # the passage goes on about it
    assert supported(["De stofzuiger is nieuw.", "De winkel had een omzet van 3 miljoen euro."], price, about) is False
    assert supported(["De winkel had een omzet van 3 miljoen euro."], price) is True  # nothing to be about


def test_english_coverage_counts_only_words_the_corpus_knows():
    weights = {"noordhof": 2.0, "many": 5.0, "medewerker": 2.0}
    passages = ["Noordhof heeft 2200 medewerkers."]
    assert coverage("How many medewerkers Noordhof", passages, weights) == pytest.approx(4 / 9)
    assert coverage("How many medewerkers Noordhof", passages, weights, keep=lambda t: t != "many") == 1.0


@pytest.mark.parametrize(("question", "names"), [
    ("Hoeveel projecten lopen er in de regio Oostdorp?", [("Oostdorp",)]),
    ("Welke tips gaf Mirije van Dijk aan 65-plussers?", [("Mirije", "Dijk"), ("65",)]),
    ("Wat doet het ZGO met de iO-blog?", [("ZGO",), ("iO",)]),
    ("Welke doelen noemt de Green Deal zorg 3.0?", [("Green", "Deal"), ("3.0",)]),
    ("Welke zes belemmeringen zijn er? Welke 3 fasen?", []),  # the count asked for names nothing
    ("Wat houdt de 2e fase in?", []),  # nor does an ordinal
    ("Wat is hybride zorg?", []),
])
def test_named(question, names):
    assert named(question) == names



@pytest.mark.parametrize(("question", "cited", "missing"), [
    # the number must sit with the name: the next sentence of the paragraph is another region
    ("Hoeveel zorgaanbieders doen mee in Westmark?",
     [Cited("In Zuid-Vlakte doen veertien zorgaanbieders mee. Westmark volgde.",
            "In Zuid-Vlakte doen veertien zorgaanbieders mee. Westmark volgde.")], [("Westmark",)]),
    ("Hoeveel zorgaanbieders doen mee in Zuid-Vlakte?",
     [Cited("In Zuid-Vlakte doen veertien zorgaanbieders mee.", "In Zuid-Vlakte doen veertien zorgaanbieders mee.")], []),
    # ... or before it in the paragraph, which sets the topic
    ("Uiterlijk wanneer moeten de gegevens in de Zorgatlas staan?",
     [Cited("Iedere zorgaanbieder heeft uiterlijk 1 december 2023 zijn gegevens gevuld.",
            "Informatie staat in de Zorgatlas. Iedere zorgaanbieder heeft uiterlijk 1 december 2023 zijn gegevens gevuld.")],
     []),
    # ... or in what the passage is about: its heading, title or publisher
    ("Hoeveel zorgaanbieders werken met Noordhof?",
     [Cited("Er werken 30 zorgaanbieders mee.", "Er werken 30 zorgaanbieders mee.", "Transformatie binnen Noordhof")], []),
    ("Hoeveel zorgaanbieders zijn er in België?",
     [Cited("In Nederland zijn er 31 zorgaanbieders.", "In Nederland zijn er 31 zorgaanbieders.")], [("België",)]),
    ("Hoeveel zorgaanbieders van 65-plussers zijn er?",
     [Cited("Voor 75-plussers zijn er 12 zorgaanbieders.", "Voor 75-plussers zijn er 12 zorgaanbieders.")], [("65",)]),
    # a longer word counts for a name of four letters or more
    ("Hoeveel zorgaanbieders zijn er in Nederland?",
     [Cited("Er zijn 31 Nederlandse zorgaanbieders.", "Er zijn 31 Nederlandse zorgaanbieders.")], []),
    # the article of a name is in every text: "De Horst" is not named by "de" ...
    ("Wie is de bestuurder van De Horst?",
     [Cited("Voorzitter is Anna Vos, bestuurder van de Zorggroep Waalstede.",
            "Voorzitter is Anna Vos, bestuurder van de Zorggroep Waalstede.")], [("De", "Horst")]),
    # ... but by its own word
    ("Wie is de bestuurder van De Horst?",
     [Cited("Anna Vos is bestuurder van De Horst.", "Anna Vos is bestuurder van De Horst.")], []),
])
def test_names_must_sit_with_the_fact(question, cited, missing):
    assert unsupported_names(question, expected_fact(question), cited) == missing


def test_a_number_written_as_an_ordinal_is_mentioned():
    # "op uw 65e" names the 65 of "als ik 65 jaar word"; "650e" and "6e" do not.
    question = "Mag de zaak sluiten als de eigenaar 65 jaar wordt?"
    for text, missing in [("Sluiten mag pas na uw 65e verjaardag.", []), ("De 18de dag.", [("65",)]),
                          ("Na de 650e klant.", [("65",)]), ("Na de 6e klant.", [("65",)])]:
        assert unsupported_names(question, Fact(), [Cited(text, text)]) == missing, text


def test_a_number_is_named_by_a_bound_that_includes_it_in_its_unit():
    # The user gives their age; the text a bound: "18 jaar of ouder" covers 20, not 16; "van 18 tot
    # 35 jaar" covers 20, not 36 nor 10; a date or another unit covers nothing.
    cases = [("Moet ik entree betalen als ik 20 ben?", "U betaalt entree als u 18 jaar of ouder bent.", []),
             ("Moet ik entree betalen als ik 16 ben?", "U betaalt entree als u 18 jaar of ouder bent.", [("16",)]),
             ("Wat betaal ik als ik 20 ben?", "Bezoekers van 18 tot 35 jaar betalen niets.", []),
             ("Wat betaal ik als ik 36 ben?", "Bezoekers van 18 tot 35 jaar betalen niets.", [("36",)]),
             ("Wat betaal ik als ik 10 ben?", "Bezoekers van 18 tot 35 jaar betalen niets.", [("10",)]),
             ("Mogen kinderen van 12 jaar meedoen?", "Kinderen jonger dan 13 mogen meedoen met een ouder.", []),
             ("Mag ik meedoen als ik 17 ben?", "Vanaf je 16e mag je zelf meedoen.", []),
             ("Wat betaal ik als ik 20 ben?", "Vanaf 1 april 2021 is de entree gratis.", [("20",)]),
             ("Wat kost een pakket van 40 kilo?", "Pakketten die meer dan 10 dagen onderweg zijn, zijn gratis.", [("40",)])]
    for question, text, missing in cases:
        assert unsupported_names(question, Fact(), [Cited(text, text)]) == missing, (question, text)


def test_a_section_headed_with_one_party_of_the_publisher_line_is_that_partys():
    # An event report published for two parties: the count under "Aanpak binnen Noordhof" is Noordhof's.
    from assistant.answer.names import passage_about

    publisher, heading = "Ledenevent Oost (Noordhof, Westmark)", "Aanpak binnen Noordhof"
    cited = "Het leverde wekelijks 300 digitale zorgmomenten op."
    for question, missing in [("Hoeveel digitale zorgmomenten heeft Westmark per week?", [("Westmark",)]),
                              ("Hoeveel digitale zorgmomenten heeft Noordhof per week?", [])]:
        about = passage_about(question, heading, "Verslag", publisher)
        assert unsupported_names(question, expected_fact(question), [Cited(cited, cited, about)]) == missing, question
    # Under a heading that names no party, the publisher line says whose the passage is.
    question = "Hoeveel digitale zorgmomenten heeft Westmark per week?"
    about = passage_about(question, "Resultaten", "Verslag", publisher)
    assert unsupported_names(question, expected_fact(question), [Cited(cited, cited, about)]) == []


def test_other_answers_need_the_names_in_the_quoted_paragraph():
    cited = [Cited("Start met enthousiaste zorgprofessionals.", "Mirije gaf tips. Start met enthousiaste zorgprofessionals.",
                   "Workshopverslag")]
    assert unsupported_names("Welke tips gaf Mirije van Dijk?", Fact(), cited) == []
    assert unsupported_names("Welke tips gaf Carlijn Pierik?", Fact(), cited) == [("Carlijn", "Pierik")]


def test_what_a_definition_question_asks_about_is_no_missing_name():
    # "Wat is de Zorgpas?" names the Zorgpas; a quote that only mentions it lacks the fact (what it
    # is), which the decision weighs once, not a second time as a missing name.
    question = "Wat is de Zorgpas?"
    passing = [Cited("Zoals de Zorgpas en de Wijkpas.", "Zoals de Zorgpas en de Wijkpas.")]
    assert not supported([c.quote for c in passing], expected_fact(question))
    assert unsupported_names(question, expected_fact(question), passing) == []
    elsewhere = [Cited("De Wijkpas geeft toegang.", "De Wijkpas geeft toegang.")]
    assert unsupported_names(question, expected_fact(question), elsewhere) == [("Zorgpas",)]


def test_english_question_only_counts_names_the_corpus_knows():
    cited = [Cited("Noordhof heeft ca 2200 medewerkers.", "Noordhof heeft ca 2200 medewerkers.")]
    fact = expected_fact("How many employees does Noordhof have?")
    known = lambda word: word.lower() in {"noordhof", "zgo"}  # noqa: E731
    assert unsupported_names("How many employees does Noordhof have in the Netherlands?", fact, cited, known) == []
    assert unsupported_names("How many employees does the ZGO have?", fact, cited, known) == [("ZGO",)]


def test_a_name_may_be_written_as_its_acronym_or_long_form():
    assert unsupported_names("Wat vraagt het IZA?", Fact(), [Cited("x", "Het Integraal Zorg Akkoord vraagt veel.")]) == []
    assert unsupported_names("Wat vraagt het Integraal Zorgakkoord?", Fact(), [Cited("x", "Het IZA vraagt veel.")]) == []
    assert unsupported_names("Wat vraagt het IZA?", Fact(), [Cited("x", "Het akkoord vraagt veel.")]) == [("IZA",)]


@pytest.mark.parametrize(("question", "whose"), [
    ("Uit hoeveel medewerkers bestaat het centrale digitale zorgteam van Noordhof?", "zorgteam"),
    ("Hoeveel teams heeft de wijkverpleging van Noordhof?", "wijkverpleging"),
    ("Hoeveel projecten heeft het programma Kracht en zorg?", "Kracht"),
    ("Hoeveel medewerkers heeft Noordhof?", ""),  # a bare name: see named()
    ("Hoeveel projecten lopen er?", ""),
])
def test_owner_of_a_count(question, whose):
    assert owner(question) == whose


def test_the_owner_of_a_count_must_be_in_the_numbers_own_sentence():
    paragraph = "Noordhof werkt met een centraal digitaal zorgteam. Noordhof heeft 30 teams en ca 2200 medewerkers."
    cited = [Cited("Noordhof heeft 30 teams en ca 2200 medewerkers.", paragraph)]
    question = "Uit hoeveel medewerkers bestaat het digitale zorgteam van Noordhof?"
    assert unsupported_names(question, expected_fact(question), cited) == [("zorgteam",)]
    question = "Hoeveel medewerkers heeft Noordhof?"
    assert unsupported_names(question, expected_fact(question), cited) == []
    about = [Cited("Er werken 40 medewerkers.", "Er werken 40 medewerkers.", "Het digitale zorgteam van Noordhof")]
    question = "Uit hoeveel medewerkers bestaat het digitale zorgteam van Noordhof?"
    assert unsupported_names(question, expected_fact(question), about) == []


@pytest.mark.parametrize(("coverage", "dense", "sufficient"), [
    (0.20, 0.86, True),   # close in meaning, some of the words
    (0.20, 0.84, False),  # a bit less close: then half the question's words must be there
    (0.60, 0.84, True),
    (0.60, 0.82, False),  # further below: most of the words
    (0.75, 0.82, True),
    (0.75, 0.80, False),  # too far off whatever the words
    (0.05, 0.95, False),  # close in meaning but none of the informative words
])
def test_a_lower_cosine_needs_more_of_the_questions_words(coverage, dense, sufficient):
    assert Evidence(coverage, dense, min_dense=0.85).sufficient is sufficient


def test_a_misspelt_name_still_counts_a_different_name_does_not():
    cited = [Cited("x", "Kracht en zorg helpt de regio Westmark.")]
    assert unsupported_names("Wat doet Krachtt en zorg in Westmark?", Fact(), cited) == []
    assert unsupported_names("Wat doet Kracht en zorg in Groningen?", Fact(), cited) == [("Groningen",)]
    assert unsupported_names("Wat doet het MSD?", Fact(), [Cited("x", "Het ZGO helpt.")]) == [("MSD",)]  # short: exact


@pytest.mark.parametrize(("question", "is_elliptical"), [
    ("En in Westmark?", True),
    ("En het ZGO?", True),
    ("En hoe kijken de zorgkantoren daartegen aan?", False),  # asks something new
    ("En daarna?", False),  # names nothing
])
def test_elliptical_follow_up(question, is_elliptical):
    assert elliptical(question) is is_elliptical


def test_every_kind_of_fact_has_dutch_words_for_a_refusal_and_the_page():
    from assistant import messages as msg
    from assistant.answer.fact_kinds import FACT_KINDS

    for kind in FACT_KINDS:
        assert msg.DECISION_FACT_WORDS.get(kind.kind) and msg.WEB_FACT_NAMES.get(kind.kind), kind.kind


def test_an_english_what_is_question_finds_its_subject_in_dutch_through_the_glossary():
    # "What is the support structure?" over Dutch text: the subject is introduced as "ondersteuningsstructuur".
    text = "De ondersteuningsstructuur is een set handvatten voor het zorgveld."
    assert has_fact(text, expected_fact("What is the support structure?"))
    assert not has_fact(text, expected_fact("What is the gizmo?"))
    assert expected_fact("Wat is de ondersteuningsstructuur?").about == ("ondersteuningsstructuur",)  # Dutch: as written


def test_a_sentence_that_defines_what_the_sentence_before_it_ends_on_introduces_it():
    # "... naar slimme zorg. Dat betekent ..." says what slimme zorg is; "Dat is lastig." does not.
    fact = expected_fact("Wat is slimme zorg?")
    assert has_fact("De wijk vraagt om slimme zorg. Dat betekent zorg op afstand waar het kan.", fact)
    assert not has_fact("De wijk vraagt om slimme zorg. Dat is lastig.", fact)


def test_a_byline_is_a_line_of_its_own_and_the_question_keeps_what_it_asks_about():
    # "Door X zijn de partijen ..." opens a sentence; "Door: Anna de Wit" and "Door Anna de Wit" on
    # their own line are bylines. "Wie heeft [het artikel over X] geschreven?" asks about the article.
    from assistant.answer.question_words import without_fact_phrase

    fact = expected_fact("Wie schreef het artikel?")
    assert has_fact("Door: Anna de Wit", fact) and has_fact("Door Anna de Wit", fact)
    assert has_fact("Door Anna de Wit · 3 november 2026", fact)  # with its date after a separator
    assert not has_fact("Door Waardigheid in de regio zijn de partijen aan tafel gezet.", fact)
    question = "Wie heeft het artikel over de molen geschreven?"
    assert "molen" in without_fact_phrase(question, expected_fact(question))
