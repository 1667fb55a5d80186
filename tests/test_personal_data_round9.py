"""The non-name classes the round-9 probe found missing, in new wordings:
each test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from tests.helpers import found, kinds


# A number dictated in words, in part or whole, opening with ``zéro``: the
# words are read as their digits and the number goes to phonenumbers.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Le témoin peut être joint au zéro sept 44 18 62 09.", "zéro sept 44 18 62 09"),
        ("son numéro : zero six, quinze, vingt-huit, quarante et un, soixante-treize",
         "zero six, quinze, vingt-huit, quarante et un, soixante-treize"),
        ("appelez le zéro six quatre-vingt-dix 12 43 57 après 18 h", "zéro six quatre-vingt-dix 12 43 57"),
    ],
)  # fmt: skip
def test_a_phone_number_dictated_in_words(text: str, value: str) -> None:
    assert ("phone", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tolérance zéro : six contrôles, 38 infractions, 52 PV, 71 retraits de points.",
        "Zéro accident et six interpellations ce week-end.",
        "Objectif zéro cambriolage : 12 34 56 patrouilles en 2026.",
    ],
)
def test_zero_and_numbers_that_are_not_dictated_phone_numbers(text: str) -> None:
    assert "phone" not in kinds(text)


# A cued SIV plate whose groups are separated by slashes, in lower case.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fourrière pour la voiture immatriculée fz/418/kd.", "fz/418/kd"),
        ("plaque relevée : cb / 732 / nt, véhicule en fuite", "cb / 732 / nt"),
    ],
)
def test_a_cued_plate_with_slashes(text: str, value: str) -> None:
    assert ("plate", value) in found(text)


# ``pass.`` (passeport) before ``n°`` glued to the number.
@pytest.mark.parametrize(
    "text",
    [
        "Retrouvé sur la voie publique : un pass. n°21 rk 58 304 au nom d'un touriste.",
        "pass. n°19 fb 22 718 présenté lors du contrôle",
    ],
)
def test_an_abbreviated_passport_with_its_number_glued(text: str) -> None:
    assert "id-document" in kinds(text)


def test_pass_before_a_word_is_no_passport() -> None:
    assert "id-document" not in kinds("Le pass. nous a été présenté ; pass Navigo 2026 valide.")


# The town (and its postcode) between the street and a ``n°`` on the next line
# or after a comma.
@pytest.mark.parametrize(
    "text",
    [
        "Lieu de l'interpellation :\nallée des Tanneurs, Rezé\nn° 9",
        "Cambriolage au domicile : rue Paul-Bert, 44100 Nantes, numéro 31.",
    ],
)
def test_a_house_number_after_the_street_and_its_town(text: str) -> None:
    assert "address" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contrôles rue de Strasbourg, Nantes, 3 interpellations.",
        "Travaux avenue de la Libération, Saint-Herblain, du 3 au 14 mars.",
    ],
)
def test_a_street_and_a_town_with_a_count_are_no_address(text: str) -> None:
    assert "address" not in kinds(text)


# A minor's age with a university or a university institute of technology
# named: a bachelor of 17 is as identifiable as a pupil.
@pytest.mark.parametrize(
    "text",
    [
        "Un étudiant de 17 ans de l'IUT de La Roche-sur-Yon a été dépouillé de son téléphone.",
        "Agressée à 16 ans à la sortie de l'université de Nantes, elle a porté plainte.",
    ],
)
def test_a_minor_at_a_named_university(text: str) -> None:
    assert "minor" in kinds(text)


def test_a_university_and_adult_ages_name_no_minor() -> None:
    text = "L'IUT de Saint-Nazaire accueille 900 étudiants de 18 à 24 ans."
    assert "minor" not in kinds(text)


# A press word in a handle (``info``, ``actu``) does not make an institution
# of the account an offence went through.
@pytest.mark.parametrize(
    "text",
    [
        "Des rumeurs diffusées via le compte @infos_de_la_2nde_b.",
        "Menaces publiées depuis le faux profil @actu.rezé44 contre une élève.",
    ],
)
def test_an_account_named_like_the_press_that_an_offence_went_through(text: str) -> None:
    assert "handle" in kinds(text)


def test_the_press_accounts_themselves_pass() -> None:
    assert "handle" not in kinds("À lire sur @franceinfo, @actu_nantes et @OuestFrance.")
