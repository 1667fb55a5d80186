"""What the prosecutor may not exempt: identifiers never published, victims of sexual offences."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazouille.checks.authorization import mentions_sexual_offence
from tests.helpers import check_text, rules

APPEAL = "---\ncategory: appel-a-temoins\nauthorization:\n  reference: PR Nantes 2026/1187\n"


def appeal(body: str, authorization: str) -> str:
    return APPEAL + authorization + "---\n" + body + "\n"


@pytest.mark.parametrize("kind", ["nir", "iban", "card", "id-document", "image-metadata"])
def test_a_never_published_kind_cannot_be_allowed(repo: Path, kind: str) -> None:
    text = appeal(
        "Appel à témoins : vol à l'arraché rue Crébillon. Appelez le 17.",
        f"  allows: [person-name, {kind}]\n",
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("authorization/not-allowed", 5)]
    problem = result.problems[0]
    assert problem.severity == "error"
    assert f"« {kind} »" in problem.message
    assert "retirez" in (problem.fix or "")


def test_the_line_is_the_one_of_the_offending_item(repo: Path) -> None:
    text = appeal(
        "Appel à témoins. Appelez le 17.", "  allows:\n    - person-name\n    - plate\n    - iban\n"
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("authorization/not-allowed", 8)]


def test_the_identifier_stays_refused_despite_the_allows(repo: Path) -> None:
    body = "Escroquerie : la victime avait versé la somme sur FR76 3000 6000 0112 3456 7890 189."
    result = check_text(repo, appeal(body, "  allows: [iban]\n"))
    assert rules(result) == ["authorization/not-allowed", "personal-data/iban"]
    assert "FR76 3000 6000 0112 3456 7890 189" not in str(result.problems)


def test_allowed_kinds_still_pass(repo: Path) -> None:
    body = "Appel à témoins : Kevin MARTIN est recherché. Véhicule AB-123-CD. Appelez le 17."
    result = check_text(repo, appeal(body, "  allows: [person-name, plate]\n"))
    assert rules(result) == []


SEXUAL = "Appel à témoins après le viol d'Émilie DURAND, 34 ans, rue des Lilas le 28 novembre. Appelez le 17."


def test_a_victim_of_a_sexual_offence_is_not_exempted(repo: Path) -> None:
    result = check_text(repo, appeal(SEXUAL, "  allows: [person-name]\n"))
    assert rules(result) == ["personal-data/person-name"]
    problem = result.problems[0]
    assert "39 quinquies" in (problem.fix or "")
    assert "victim_consent" in (problem.fix or "")
    assert "DURAND" not in problem.message


def test_the_written_consent_of_the_victim_restores_the_exemption(repo: Path) -> None:
    consent = "  allows: [person-name]\n  victim_consent: consentement écrit du 29/11/2026, PV 2026/4471\n"
    assert rules(check_text(repo, appeal(SEXUAL, consent))) == []


def test_a_blank_consent_is_refused_by_the_schema(repo: Path) -> None:
    consent = '  allows: [person-name]\n  victim_consent: " "\n'
    assert "schema" in rules(check_text(repo, appeal(SEXUAL, consent)))


def test_the_offence_in_an_image_description_counts_too(repo: Path) -> None:
    text = (
        "---\ncategory: appel-a-temoins\nauthorization:\n  reference: PR 7\n  allows: [person-name]\n"
        "media:\n  - file: media/pn44/cambriolages-bons-reflexes.png\n"
        "    alt: Affiche de l'appel à témoins après une agression sexuelle\n"
        "---\nAppel à témoins : Émilie DURAND, 34 ans. Appelez le 17.\n"
    )
    assert "personal-data/person-name" in rules(check_text(repo, text))


def test_without_a_sexual_offence_the_exemption_holds(repo: Path) -> None:
    body = (
        "Appel à témoins après l'agression d'Émilie DURAND, 34 ans, rue des Lilas. Appelez le 17."
    )
    assert rules(check_text(repo, appeal(body, "  allows: [person-name]\n"))) == []


@pytest.mark.parametrize(
    "text",
    [
        "après un viol commis samedi",
        "deux VIOLS en réunion",
        "elle a été violée",
        "Agressions sexuelles dans le tram",
        "une atteinte sexuelle sur mineure",
        "exhibition sexuelle devant un collège",
        "agressée sexuellement dans le parking",
        "harcèlement sexuel au travail",
        "faits d'inceste",
        "des attouchements",
        "le violeur présumé",
    ],
)
def test_sexual_offences_are_recognised(text: str) -> None:
    assert mentions_sexual_offence([text])


@pytest.mark.parametrize(
    "text",
    [
        "violences conjugales",
        "un conducteur violent",
        "violation de domicile",
        "un violon volé",
        "une agression au couteau",
        "atteinte aux biens",
        "le feu violet",
    ],
)
def test_other_words_are_not_sexual_offences(text: str) -> None:
    assert not mentions_sexual_offence([text])
