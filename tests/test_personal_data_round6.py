"""The non-name classes the round-6 probe found missing, in new wordings: each
test names the class, not the probe's sentence."""

from __future__ import annotations

import pytest

from gazouille.personal_data import scan
from tests.helpers import kinds


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]


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
