"""The classes the round-4 probe found missing or wrongly refused, in new
wordings: each test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from tests.helpers import found, kinds


# Address: the house number before ``de la rue`` / ``du boulevard``, after any
# word that places something at a house.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tirs signalés à hauteur du 9 de la rue Crébillon.", "9 de la rue Crébillon"),
        ("Un feu de poubelle devant le 3 du boulevard Dalby.", "3 du boulevard Dalby"),
        ("Tags relevés derrière le 17 de l'avenue de Gaulle.", "17 de l'avenue de Gaulle"),
        ("Rixe en face du 42 de la place du Commerce.", "42 de la place du Commerce"),
        ("Fuite d'eau au 14 bis de l'impasse des Lilas.", "14 bis de l'impasse des Lilas"),
    ],
)
def test_a_house_number_before_the_street_it_belongs_to(text: str, value: str) -> None:
    assert ("address", value) in found(text)


# Address: the number after the street and a comma, ending the phrase.
@pytest.mark.parametrize(
    "text",
    [
        "Perquisition rue Paul-Bert, 31 : deux armes de poing saisies.",
        "Cambriolage constaté avenue de la Gare, 12 bis.",
        "Incendie impasse des Tilleuls, 4 ; les pompiers sont sur place.",
        "Le suspect résidait boulevard des Anglais, 156 !",
    ],
)
def test_a_house_number_after_the_street_and_a_comma(text: str) -> None:
    assert "address" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ralentissement rue de Rennes, 3 km de bouchons.",
        "Fermeture boulevard Gambetta, 12 à 14 h.",
        "Manifestation place Royale, 300 personnes ; quai de la Fosse, 2 blessés.",
        "Marché place Viarme, 9:30 ; rue Crébillon, 3,5 t de gravats.",
        "Ouverture le 2 de la semaine ; devant le 3 du classement.",
    ],
)
def test_a_count_or_an_hour_after_a_street_is_no_house_number(text: str) -> None:
    assert "address" not in kinds(text)


# Plate: a SIV plate glued, in any case, after a vehicle in the same sentence.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("contrôle : véhicule gh417pt placé en fourrière", "gh417pt"),
        ("la moto fx208kl a été saisie", "fx208kl"),
        ("une voiture grise, ef903tm, retrouvée brûlée", "ef903tm"),
        ("Le fourgon (rc512hm) a été intercepté.", "rc512hm"),
        ("un scooter GH417PT signalé volé", "GH417PT"),
    ],
)
def test_a_glued_plate_after_a_vehicle(text: str, value: str) -> None:
    assert ("plate", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Voiture brûlée cette nuit. Le code ab123cd du formulaire ne sert qu'une fois.",
        "ab123cd : référence du dossier.",
        "Moto 125cc et voiture de 150ch contrôlées ; scooter kx1234ab.",
    ],
)
def test_a_glued_code_without_a_vehicle_before_it_is_no_plate(text: str) -> None:
    assert "plate" not in kinds(text)


# ID document: a passport number glued after ``n°`` and in lower case; the
# dotted ``C.N.I.``.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("interpellé avec un passeport volé (n°20dr51733)", "20dr51733"),
        ("passeport d'un touriste, numéro 21kd48317, remis au consulat", "21kd48317"),
        ("C.N.I. n° 190644302817 retrouvée dans un taxi", "190644302817"),
        ("une C.N.I. 880692310285 au nom de la victime", "880692310285"),
    ],
)
def test_an_identity_document_number_however_it_is_typed(text: str, value: str) -> None:
    assert ("id-document", value) in found(text)


def test_the_delays_of_a_dotted_cni_are_no_number() -> None:
    assert "id-document" not in kinds("C.N.I. : 12 à 15 jours de délai, réf. 2026.")


# Date of birth: ``n. le`` / ``n. en`` abbreviate ``né le`` / ``né en``.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("GAV : DUBOIS Kevin n. le 19/10/1995, pour recel", "19/10/1995"),
        ("fiche : individu n.le 3 mai 1988 à Brest", "3 mai 1988"),
        ("la plaignante, n. en juillet 2004, a été entendue", "juillet 2004"),
    ],
)
def test_an_abbreviated_born_on(text: str, value: str) -> None:
    assert ("date-of-birth", value) in found(text)


# A birth year alone says no more than an age: not a date of birth. A month
# and a year, or a full date, still are.
@pytest.mark.parametrize(
    "text",
    [
        "Un homme né en 1998 condamné à 6 mois avec sursis.",
        "Objet trouvé : un passeport au nom d'une femme née en 1992.",
        "Le conducteur, n. en 1985, a été contrôlé positif.",
        "Un adolescent né en 2009 a été interpellé pour dégradations.",
    ],
)
def test_a_birth_year_alone_is_not_a_date_of_birth(text: str) -> None:
    assert "date-of-birth" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "une femme née en mars 1992 a été retrouvée",
        "un homme né le 4 mars 1998 a été interpellé",
        "un individu né en 1985 (né le 14/06/1985) condamné",
    ],
)
def test_a_month_and_a_year_still_are(text: str) -> None:
    assert "date-of-birth" in kinds(text)


# A scheme or a service that was born is not a person.
@pytest.mark.parametrize(
    "text",
    [
        "Le dispositif « Tranquillité Seniors », né le 01/03/2025, a permis 340 visites.",
        "Notre service de médiation, né en mars 2021, fête ses cinq ans.",
        "Le projet Cœur de Ville, né le 4 mai 2019, s'étend à Rezé.",
        'L\'association "Voisins vigilants", née le 2 juin 2015, recrute.',
    ],
)
def test_a_scheme_born_on_a_date_is_not_a_person(text: str) -> None:
    assert "date-of-birth" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "le fondateur du site, né le 12/03/1990, a été interpellé",
        "le président de l'association Kevin Martin, né le 12/03/1998, entendu",
        "Le dispositif a permis d'arrêter un homme, né le 02/05/1991.",
    ],
)
def test_a_person_beside_a_scheme_keeps_a_date_of_birth(text: str) -> None:
    assert "date-of-birth" in kinds(text)


# Phone: a foreign number with its country code, grouped any way, in a block
# phonenumbers does not know yet, is still a mobile of that country.
@pytest.mark.parametrize(
    "text",
    [
        "Arnaque au colis : appel du +44 7911 482305, ne rappelez pas.",
        "le faux livreur écrivait depuis le +4479 1148 2305",
        "SMS reçu du 0044 7911 482 305",
        "numéro espagnol +34 612 345 678 sur l'annonce",
        "contact allemand : +49 1512 3456789",
    ],
)
def test_a_foreign_mobile_with_its_country_code(text: str) -> None:
    assert "phone" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Saisies en hausse : +44 250 000 000 € en un an.",
        "Bilan : +1 250 000 contrôles et +33 450 verbalisations.",
    ],
)
def test_figures_after_a_plus_sign_are_no_mobile(text: str) -> None:
    assert "phone" not in kinds(text)


# Minor: two or three pupils, each given an age, with their school named.
@pytest.mark.parametrize(
    "text",
    [
        "Deux collégiens de 13 et 14 ans, élèves au collège Jean-Mermoz, interpellés.",
        "trois lycéennes de 15, 16 ou 17 ans du lycée Camus ont été menacées",
        "deux écoliers de 9-10 ans de l'école Paul-Fort ont été suivis",
        "un garçon et une fille de 12 et 13 ans, scolarisés au collège Rosa-Parks, agressés",
    ],
)
def test_a_few_pupils_with_their_ages_and_their_school(text: str) -> None:
    assert "minor" in kinds(text)


# Minor: a school named in lower case, with a pupil's age.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("un élève de 15 ans, en seconde au lycée jules-verne, interpellé", "lycée jules-verne"),
        ("une collégienne de 13 ans du collège jean moulin suivie", "collège jean moulin"),
        ("une écolière de 8 ans de l'école sainte-thérèse retrouvée", "école sainte-thérèse"),
    ],
)
def test_a_school_named_in_lower_case(text: str, value: str) -> None:
    assert ("minor", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sensibilisation des élèves de 13 et 14 ans du collège Jean-Mermoz.",
        "Forum au lycée Camus pour les 15-17 ans ; 300 élèves de 15, 16 et 17 ans.",
        "Deux mineurs de 14 et 15 ans interpellés près d'une école de Rezé.",
        "Un mineur de 16 ans interpellé devant le lycée ce matin, au collège hier soir.",
        "Un adolescent de 15 ans interpellé ; le lycée lui-même a porté plainte.",
    ],
)
def test_classes_groups_and_unnamed_schools_pass(text: str) -> None:
    assert "minor" not in kinds(text)
