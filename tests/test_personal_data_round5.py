"""The non-name classes the round-5 probe found missing or wrongly refused, in
new wordings: each test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from tests.helpers import found, kinds


# Plate: glued in lower case, after the driver, the make or the model that
# says a vehicle is meant.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Refus d'obtempérer : l'automobiliste, dans une Clio grise (bk274vd), a fui.", "bk274vd"),
        ("Deux conducteurs verbalisés, dont la conductrice de la 2008 rouge, fn318rd.", "fn318rd"),
        ("Une Peugeot blanche, ft608nr, a été retrouvée incendiée à Rezé.", "ft608nr"),
        ("Le chauffeur a pris la fuite, plaque relevée par un témoin : dz461gw.", "dz461gw"),
    ],
)
def test_a_glued_plate_after_a_driver_a_make_or_a_model(text: str, value: str) -> None:
    assert ("plate", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Automobilistes, votre code de suivi gh417pt est personnel : ne le donnez pas.",
        "Le conducteur a été verbalisé. Votre référence ab123cd vous sera demandée.",
        "La 308 des policiers municipaux a été remplacée ; dossier ek512rb clos.",
    ],
)
def test_a_code_after_a_vehicle_is_still_a_code(text: str) -> None:
    assert "plate" not in kinds(text)


# Address: an abbreviated street type, the house number after it.
@pytest.mark.parametrize(
    "text",
    [
        "Vol par fausse qualité chez une octogénaire, rte de Clisson, n°87.",
        "Le suspect demeurait imp. des Glycines, n° 6.",
        "Cambriolage av Jean-Jaurès, 27 bis : les bijoux ont disparu.",
        "Perquisition pl. du Commerce, n°3, ce matin.",
    ],
)
def test_an_abbreviated_street_then_its_house_number(text: str) -> None:
    assert "address" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bouchons rte de Vannes, 3 km ; travaux av Jean-Jaurès, 12 à 14 h.",
        "Contrôles pl. du Commerce, 40 véhicules vérifiés.",
    ],
)
def test_a_count_after_an_abbreviated_street_is_no_house_number(text: str) -> None:
    assert "address" not in kinds(text)


# Date of birth: a form's field, a colon after ``né le``.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fiche\nSexe : M\nNé(e) le : 03/11/1991\nFaits : vol à l'étalage", "03/11/1991"),
        ("NOM : LEROY\nPrénom : Jade\nNée le : 8 avril 2003", "8 avril 2003"),
        ("Signalement — né le : 14.02.1979 — taille 1 m 80", "14.02.1979"),
        ("Né en : juillet 2008", "juillet 2008"),
    ],
)
def test_a_date_of_birth_in_a_form_field(text: str, value: str) -> None:
    assert ("date-of-birth", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fiche\nSexe : F\nNée en : 1988\nFaits : conduite sans permis",
        "Un homme né en 1979, interpellé le : 12/03/2026 à 14 h.",
    ],
)
def test_a_birth_year_alone_in_a_form_field_stays_an_age(text: str) -> None:
    assert "date-of-birth" not in kinds(text)


# Handle: a user name ending a sentence after its network; a hashtag whose
# surname opens with particles.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Les menaces venaient du compte Snap : lou.rnt22. Déposez plainte.", "lou.rnt22"),
        ("Il revendait les billets via son insta _maxime.tls. Ne payez pas.", "_maxime.tls"),
        ("Le suspect se cachait derrière le pseudo TikTok : enzo_b44.", "enzo_b44"),
    ],
)
def test_a_user_name_ending_a_sentence(text: str, value: str) -> None:
    assert ("handle", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "La cagnotte #SoutienAMaelleDeLaTour est une escroquerie.",
        "Marche blanche : #JeSuisYannickLeGall.",
        "Mobilisation #KarimBenSalem devant le tribunal.",
    ],
)
def test_a_hashtag_name_with_a_particle_surname(text: str) -> None:
    assert "handle" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "#JeSuisCharlie #MarcheDeNoël #FêteDeLaMusique #NuitDesMusées",
        "Retrouvez-nous sur notre compte Instagram. Bonne soirée.",
    ],
)
def test_events_and_sentences_are_no_handles(text: str) -> None:
    assert "handle" not in kinds(text)


# E-mail: the ``(a)`` and ``[.]`` that hide an address from robots.
@pytest.mark.parametrize(
    "text",
    [
        "Le vendeur répondait à gaelle.morin(a)gmail.com.",
        "Contact donné sur l'annonce : t.hamon [a] free [.] fr",
        "Écrire à lucas.perrin(at)orange(.)fr pour le remboursement.",
    ],
)
def test_an_address_hidden_from_robots(text: str) -> None:
    assert "email" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cochez la case (a) Nantes.fr ou la case (b) Rezé.",
        "Voir l'annexe [a] tableau.pdf et l'article 3 (a).",
    ],
)
def test_a_list_marker_is_no_at_sign(text: str) -> None:
    assert "email" not in kinds(text)


# Minor: a school in capitals; a first name in lower case before an age.
@pytest.mark.parametrize(
    "text",
    [
        "RACKET D'UNE COLLÉGIENNE DE 12 ANS DU COLLÈGE ROSA-PARKS : UN MAJEUR INTERPELLÉ",
        "ÉLÈVE DE 14 ANS DE L'ÉCOLE SAINTE-ANNE BLESSÉ À LA SORTIE",
        "maëlys 13 ans n'est pas rentrée de son entraînement, appelez le 17",
        "on recherche noah, 15 ans, vu pour la dernière fois gare sud",
    ],
)
def test_a_minor_in_capitals_or_in_lower_case(text: str) -> None:
    assert "minor" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "PRÉVENTION AU LYCÉE CARCOUËT AVEC 300 ÉLÈVES DE 15 ANS",
        "marié 12 ans, il a été condamné ; depuis 15 ans, rien ; il y a 14 ans, rien",
        "un homme de 45 ans, condamné à 16 ans de réclusion",
    ],
)
def test_a_group_a_duration_or_an_adult_is_no_minor(text: str) -> None:
    assert "minor" not in kinds(text)


# Phone: a helpline's landline or internet number is a service's.
@pytest.mark.parametrize(
    "text",
    [
        "Isolé, en détresse ? Une association vous écoute 24 h/24 au 09 72 39 40 50.",
        "Ligne d'écoute pour les victimes : 01 41 83 42 08, 7 j/7.",
        "SOS Écoute Jeunes répond au 02 40 12 34 56, de façon anonyme.",
    ],
)
def test_a_helpline_number_is_a_service(text: str) -> None:
    assert "phone" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Un faux conseiller bancaire, joignable 24 h/24 au 09 72 11 22 33, vide les comptes.",
        "Arnaque : « SOS Dépannage » appelle du 02 40 98 76 54, ne rappelez pas.",
        "Mathis vous écoute 24 h/24 au 06 12 34 56 78.",
        "Kevin, joignable 7 j/7 au 07 12 34 56 78.",
    ],
)
def test_a_scammer_or_a_mobile_stays_a_phone(text: str) -> None:
    assert "phone" in kinds(text)
