"""wording/presumption-of-innocence: no one called guilty before judgement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import check_text, post, rules

RULE = "wording/presumption-of-innocence"


def warned(repo: Path, category: str, body: str) -> list[str]:
    return [p.rule for p in check_text(repo, post(category, body)).problems if p.rule == RULE]


@pytest.mark.parametrize(
    "body",
    [
        "Le voleur a été interpellé rue de Strasbourg.",
        "La voleuse de sacs à main a été placée en garde à vue.",
        "Les cambrioleurs ont été surpris par une patrouille.",
        "Deux cambrioleuses interpellées à Vertou.",
        "L'agresseur a pris la fuite vers la gare.",
        "L’agresseur a été identifié.",
        "Le coupable a été retrouvé grâce à la vidéoprotection.",
        "Les coupables sont en garde à vue.",
        "Le meurtrier s'est rendu au commissariat.",
        "La meurtrière présente au juge demain.",
        "Le violeur a été écroué.",
        "Un dealer interpellé quartier Bellevue.",
        "Les malfaiteurs ont été interpellés.",
        "L'escroc a été déféré au parquet.",
        "Les braqueurs de la station-service sont en garde à vue.",
        "LE DEALER A ÉTÉ INTERPELLÉ.",
    ],
)
def test_guilty_words_get_the_warning(repo: Path, body: str) -> None:
    result = check_text(repo, post("interpellation", body))
    problems = [p for p in result.problems if p.rule == RULE]
    assert len(problems) == 1, body
    assert problems[0].severity == "warning"
    assert problems[0].line == 4
    assert "l'auteur présumé" in (problems[0].fix or "")
    assert "9-1" in problems[0].message


@pytest.mark.parametrize(
    "body",
    [
        "Le voleur présumé a été interpellé.",
        "La voleuse présumée a été interpellée.",
        "Le présumé cambrioleur a été interpellé.",
        "Les agresseurs présumés ont été placés en garde à vue.",
        "Le dealer, suspecté de revente de cannabis, a été interpellé.",
        "Le braqueur soupçonné a été interpellé.",
        "Le cambrioleur mis en cause a été déféré.",
        "Les cambrioleuses mises en cause ont été déférées.",
        "Le suspect a été interpellé.",
        "La personne mise en cause a été placée en garde à vue.",
        "L'auteur présumé a été interpellé.",
        "Il a été reconnu coupable.",
        "Un incendie meurtrier à Rezé : un homme de 45 ans interpellé.",
        "Un incendie criminel est à l'origine du sinistre.",
        "Un vol à l'arraché a été commis.",
        "Opération antivol sur les vélos.",
        "Les violences conjugales ne sont pas une fatalité.",
    ],
)
def test_qualified_or_other_words_pass(repo: Path, body: str) -> None:
    assert warned(repo, "interpellation", body) == [], body


def test_a_sentence_judged_is_not_warned(repo: Path) -> None:
    body = "Le cambrioleur a été condamné à 18 mois de prison ferme."
    assert warned(repo, "peine", body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Prévention : ne tentez pas d'arrêter un voleur vous-même, appelez le 17.",
        "Les cambrioleurs profitent des vacances : fermez vos volets.",
        "Un voleur à la tire guette les sacs ouverts dans la foule.",
    ],
)
def test_generic_advice_is_not_about_anyone(repo: Path, body: str) -> None:
    assert warned(repo, "prevention", body) == []


def test_a_case_told_in_a_prevention_post_is_warned(repo: Path) -> None:
    body = "Grâce à vos signalements, le cambrioleur a été interpellé hier. Fermez vos volets !"
    assert warned(repo, "prevention", body) == [RULE]


def test_the_qualifier_must_be_near_the_word(repo: Path) -> None:
    body = "Le voleur a été interpellé. Son complice présumé est en fuite."
    assert warned(repo, "interpellation", body) == [RULE]


def test_a_warning_does_not_block_and_points_at_the_line(repo: Path) -> None:
    body = "Interpellation à Rezé.\n\nL'agresseur a été placé en garde à vue."
    result = check_text(repo, post("agression", body))
    assert rules(result) == [RULE]
    assert result.problems[0].line == 6
    assert result.errors == []


def test_image_descriptions_are_read_too(repo: Path) -> None:
    text = (
        "---\ncategory: interpellation\nmedia:\n  - file: media/pn44/cambriolages-bons-reflexes.png\n"
        "    alt: Photo du cambrioleur menotté\n---\nUn homme a été interpellé.\n"
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [(RULE, 5)]
    assert "texte alternatif" in result.problems[0].message


def test_each_word_of_a_thread_is_reported_in_its_part(repo: Path) -> None:
    body = "Le voleur a été interpellé.\n---\nLes receleurs aussi ont été interpellés."
    result = check_text(repo, post("interpellation", body))
    assert [(p.rule, p.line) for p in result.problems] == [(RULE, 4), (RULE, 6)]
