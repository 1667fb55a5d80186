"""The non-name classes the round-8 probe found missing or wrongly refused, in
new wordings: each test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from tests.helpers import found, kinds


# An international number broken across a line after any group: phonenumbers
# stops reading at a line break, so the break is read as a space.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("rappeler le +33 6 47 21\n90 38 après 18 h", "+33 6 47 21\n90 38"),
        ("son portable : +33 7 52 18 40 6\n3, merci", "+33 7 52 18 40 6\n3"),
    ],
)
def test_an_international_number_broken_across_a_line(text: str, value: str) -> None:
    assert ("phone", value) in found(text)


# A SIV plate in lower case with single spaces, after a vehicle named in the
# same sentence, as a glued one is (``véhicule gh417pt``).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Une Twingo bleue (hv 318 pc) a percuté un abribus à Rezé.", "hv 318 pc"),
        ("fourgon blanc kt 602 ws repéré devant la déchetterie", "kt 602 ws"),
        ("Signalement :\nvoiture : 208 grise bn 447 td", "bn 447 td"),
    ],
)
def test_a_spaced_lower_case_plate_after_a_vehicle(text: str, value: str) -> None:
    assert ("plate", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "La voiture roulait à 130 km/h ; sa 206 ne démarre plus depuis des mois.",
        "Une moto de 125 cv et une voiture de 150 ch contrôlées sur la rd 178 cet été.",
        "Le fourgon de la mairie passera au 3 rue des Lilas le 12 mai.",
    ],
)
def test_a_vehicle_and_lower_case_numbers_are_no_plate(text: str) -> None:
    assert "plate" not in kinds(text)


# A plate broken across a line after one of its hyphens.
def test_a_hyphenated_plate_broken_across_a_line() -> None:
    text = "la moto (GK-\n731-TB) a été saisie"
    assert ("plate", "GK-\n731-TB") in found(text)


# A German plate after its cue: a town's one to three letters, a hyphen, one
# or two letters and the digits, even where the town's letter would name a
# road or a unit alone (``M``, ``A``, ``D``).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("camping-car immatriculé en Allemagne, plaque D-RT 512, signalé", "D-RT 512"),
        ("plaque A-XK 77 relevée par la patrouille", "A-XK 77"),
    ],
)
def test_a_german_plate_after_its_cue(text: str, value: str) -> None:
    assert ("plate", value) in found(text)


# Two numbers of one building are one house number.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Incendie de poubelles au 14/16 rue Paul-Bellamy cette nuit.", "14/16 rue Paul-Bellamy"),
        ("un locataire du 3-5 allée des Tanneurs interpellé", "3-5 allée des Tanneurs"),
    ],
)
def test_a_range_of_house_numbers(text: str, value: str) -> None:
    assert ("address", value) in found(text)


# A report's labelled fields: the street on one line, ``N° :`` on the next.
def test_a_house_number_in_its_own_field_after_the_street() -> None:
    text = "Adresse : boulevard des Anglais\nN° : 37\nFaits : dégradations"
    assert ("address", "boulevard des Anglais\nN° : 37") in found(text)


# A day of the month written out in words before the month and the year.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("la victime, née le vingt-deux mars 1961, a porté plainte", "vingt-deux mars 1961"),
        ("Le prévenu, né le premier août 1979, sera jugé lundi.", "premier août 1979"),
    ],
)
def test_a_day_written_out_in_a_date_of_birth(text: str, value: str) -> None:
    assert ("date-of-birth", value) in found(text)


# A scheme born on a date keeps its town after its name: still a thing.
@pytest.mark.parametrize(
    "text",
    [
        "Le réseau « Participation citoyenne » de Basse-Goulaine, né le 15/03/2023, s'étend.",
        "Le festival Rock en Loire de Saint-Brevin, né le 02/07/2019, revient cet été.",
    ],
)
def test_a_scheme_of_a_town_born_on_a_date_is_no_date_of_birth(text: str) -> None:
    assert "date-of-birth" not in kinds(text)


# The passport's shape typed in lower case, in a post about any identity
# document, however far from the cue.
def test_a_passport_shaped_number_far_from_an_identity_card_cue() -> None:
    text = "Permis de conduire retrouvé rue Kervégan. Le titulaire reconnaîtra le n° 07kt40318."
    assert ("id-document", "07kt40318") in found(text)


# A school group named in lower case, whose name is a saint's (``notre-dame``),
# with a pupil's age.
@pytest.mark.parametrize(
    "text",
    [
        "une lycéenne de 16 ans du groupe scolaire notre-dame du bon accueil a été agressée",
        "un élève de 12 ans de l'institution saint-joseph a été racketté",
    ],
)
def test_a_lower_case_school_group_with_a_pupils_age(text: str) -> None:
    assert "minor" in kinds(text)


def test_a_school_group_without_a_pupils_age_is_no_minor() -> None:
    assert "minor" not in kinds(
        "Intervention de prévention au groupe scolaire notre-dame ce matin."
    )


# A first name in capitals with the age in brackets, spelt another way than
# the list's (``Matéo`` for ``Mathéo``, ``Maÿlis``, ``Rayane`` with two n).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NOLANN (14 ANS) PORTÉ DISPARU À ANCENIS : APPEL À TÉMOINS", "NOLANN"),
        ("disparition de Mathys (13 ans) signalée hier soir", "Mathys"),
    ],
)
def test_a_first_name_with_an_age_in_brackets(text: str, value: str) -> None:
    assert ("minor", value) in found(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("UN ADOLESCENT (15 ANS) BLESSÉ À LA GARE : ENQUÊTE EN COURS", "ADOLESCENT"),
        ("un collégien (13 ans) a été retrouvé sain et sauf", "collégien"),
    ],
)
def test_a_pupil_with_an_age_in_brackets_is_no_name(text: str, word: str) -> None:
    # Neither a minor's name nor any other finding may take the word.
    assert [(kind, value) for kind, value in found(text) if word in value] == []


# A user name in quotes in a post that speaks of networks or accounts.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Il vendait des cartes volées sous le nom « max.zr_35 » sur plusieurs réseaux.",
            "max.zr_35",
        ),
        ('Le harceleur utilisait le compte "lilou_b2010" pour écrire à la victime.', "lilou_b2010"),
    ],
)
def test_a_quoted_user_name_in_a_post_about_networks(text: str, value: str) -> None:
    assert ("handle", value) in found(text)


def test_a_quoted_code_in_capitals_is_no_user_name() -> None:
    text = "Sur votre compte, saisissez le code « SECU2026 » pour activer l'alerte."
    assert "handle" not in kinds(text)
