"""The non-name classes the round-6 probe found missing, in new wordings: each
test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from tests.helpers import found, kinds


# E-mail: ``chez`` written for the ``@`` (French for "at").
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Faux recruteur : écrire à m.lebreton (chez) yahoo (point) fr, disait l'annonce.",
            "m.lebreton (chez) yahoo (point) fr",
        ),
        ("Contact de l'escroc : kevin_44 chez orange point fr.", "kevin_44 chez orange point fr"),
        ("Il signait [chez] : s.abalo [chez] outlook.com", "s.abalo [chez] outlook.com"),
    ],
)
def test_chez_written_for_the_at_sign(text: str, value: str) -> None:
    assert ("email", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Soldes : rendez-vous chez darty.com ou en magasin, pas sur des sites inconnus.",
        "Le randonneur perdu a été raccompagné chez lui. Merci aux pompiers.com du secteur.",
        "Pièces détachées achetées chez Leboncoin.fr : méfiez-vous des faux vendeurs.",
    ],
)
def test_chez_as_a_preposition_is_no_address(text: str) -> None:
    assert "email" not in kinds(text)


# IBAN: the country code in capitals spaced from its check digits.
def test_an_iban_whose_country_code_is_spaced() -> None:
    text = "Ne virez rien sur ce compte : DE 89 3704 0044 0532 0130 00 (faux RIB)."
    assert ("iban", "DE 89 3704 0044 0532 0130 00") in found(text)


def test_a_spaced_country_code_still_needs_mod_97() -> None:
    assert "iban" not in kinds("Lot FR 76 3000 6000 0112 3456 7890 181 en stock.")


# Identity documents: the number on the line after its cue, the cue in the
# plural, a lower-case passport number away from the word « passeport ».
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Trois cartes d'identité volées ; l'une porte le numéro\n190644302817", "190644302817"),
        (
            "Passeport trouvé rue Crébillon. Son numéro, pour le propriétaire : 18dk22951.",
            "18dk22951",
        ),
    ],
)
def test_identity_document_numbers_away_from_the_cue(text: str, value: str) -> None:
    assert ("id-document", value) in found(text)


# Address: the house number in brackets after the street, or apart from the
# street in the same sentence where someone lives.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "La victime, qui vit rue des Hortensias (n° 27), a porté plainte.",
            "rue des Hortensias (n° 27",
        ),
        (
            "Squat évacué chemin de la Censive ; les occupants logeaient au numéro 112, chez lui.",
            "chemin de la Censive ; les occupants logeaient au numéro 112",
        ),
    ],
)
def test_a_house_number_apart_from_its_street(text: str, value: str) -> None:
    assert ("address", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contrôles boulevard Dalby ; le n° 2 du classement des infractions reste la vitesse.",
        "Travaux avenue de la Gare. Le n° 15 de notre lettre habite votre boîte mail.",
    ],
)
def test_a_number_near_a_street_without_a_dweller_is_no_address(text: str) -> None:
    assert "address" not in kinds(text)


# Date of birth: ``DN`` before a date spaced like a form (day month year).
def test_dn_before_a_date_written_with_spaces() -> None:
    text = "Contrôle routier : la passagère (DN 03 11 1984) était recherchée."
    assert ("date-of-birth", "03 11 1984") in found(text)


def test_dn_before_a_short_year_with_spaces_is_not_a_date() -> None:
    assert "date-of-birth" not in kinds("Classement DN 3 11 84 : en hausse.")


# Handle: the network inside quotes after the word that introduces it.
def test_a_handle_after_a_quoted_network() -> None:
    text = "Le profil « insta : chloe_nts.22 » diffusait les menaces."
    assert ("handle", "chloe_nts.22") in found(text)


# Minor: a pupil ``scolarisé`` in a class, two pupils of one class, a school
# named in lower case with its article, each with the school named.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Un élève scolarisé en CE2 à l'école Jean-Zay de Rezé a été suivi par un inconnu.",
            "école Jean-Zay de Rezé",
        ),
        (
            "Trois collégiennes de 5e du collège Rosa-Parks ont été menacées à l'arrêt de bus.",
            "collège Rosa-Parks",
        ),
        (
            "rixe devant le collège les sables : une collégienne de 13 ans blessée.",
            "collège les sables",
        ),
    ],
)
def test_a_minor_identified_by_class_or_school(text: str, value: str) -> None:
    assert ("minor", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Les élèves de 4e du collège Gaston-Serpette ont suivi un atelier de prévention.",
        "Au collège le matin, une collégienne de 13 ans a été bousculée ; aucune plainte.",
        "Intervention au lycée la semaine dernière : un élève de 16 ans sensibilisé.",
    ],
)
def test_a_class_or_a_time_after_the_school_is_no_identified_minor(text: str) -> None:
    assert "minor" not in kinds(text)


def test_a_pupil_named_in_the_masculine_with_a_class() -> None:
    text = "Un lycéen de seconde du lycée Livet a été racketté dans le tram."
    assert ("minor", "lycée Livet") in found(text)


# The year-alone decision holds after every cue: a month and a year is a
# date of birth, a year alone is an age.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Contrôle : le passager (DDN 07/1992) était sans permis.", "07/1992"),
        ("Fiche : date de naissance : 11 1985, domicile inconnu.", "11 1985"),
        ("Le fuyard (DN avril 2001) a été rattrapé.", "avril 2001"),
    ],
)
def test_a_month_and_a_year_after_a_cue_is_a_date_of_birth(text: str, value: str) -> None:
    assert ("date-of-birth", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contrôle : le passager (DN 1992) était sans permis.",
        "Fiche : date de naissance : 1985, domicile inconnu.",
        "Un homme né en 1979 a été interpellé.",
    ],
)
def test_a_year_alone_after_a_cue_is_an_age(text: str) -> None:
    assert "date-of-birth" not in kinds(text)
