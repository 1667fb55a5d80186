"""Personal data however it is typed or pasted (issue 10): normalization,
offsets mapped back, links, handles and the allow forms of round 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazouille.accounts import Allow
from gazouille.personal_data import scan
from gazouille.personal_data._text import normalize
from tests.helpers import check_text, cli, kinds, post, rules, write


def found(text: str, allow: Allow | None = None) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text, allow)]


# One normalization, and the original offsets.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06\u202f12\u00a034\u200956 78", "06 12 34 56 78"),
        ("06\u200b12\u2060 34\u00ad56", "0612 3456"),
        ("０６ ＠ ＦＲ", "06 @ FR"),
        ("\u041c\u0430rc \u0412\u0415RN\u0410RD \u0420\u0422", "Marc BERNARD PT"),
        ("O6 12 34 56 78 et 1 85 O5 ; Octobre, OK", "06 12 34 56 78 et 1 85 05 ; Octobre, OK"),
        ("Jaurès « Léa » 12 € – œuvre", "Jaurès « Léa » 12 € – œuvre"),
    ],
)
def test_normalize_reads_what_a_person_reads(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tél. 06\u200b12\u200b34\u200b56\u200b78 !", "06\u200b12\u200b34\u200b56\u200b78"),
        ("Tél. ０６ １２ ３４ ５６ ７８ !", "０６ １２ ３４ ５６ ７８"),
        ("\u00ad\u200bKevin MARTIN\u200b a été vu", "Kevin MARTIN"),
        ("Interpellé : \u041carc Legrand.", "\u041carc Legrand"),
    ],
)
def test_findings_carry_the_original_offsets(text: str, value: str) -> None:
    (finding,) = scan(text)
    assert text[finding.start : finding.end] == value
    assert value not in finding.redacted


def test_the_redacted_report_keeps_the_original_line(repo: Path) -> None:
    body = "Ligne\u200b un\u00a0!\n\nContact\u202f: 06\u202f12\u202f34\u202f56\u202f78."
    result = check_text(repo, post("interpellation", body))
    (problem,) = [p for p in result.problems if p.rule == "personal-data/phone"]
    assert problem.line == 6
    assert "34" not in problem.message


def test_alt_text_and_every_thread_part_are_normalized(repo: Path) -> None:
    text = (
        "---\ncategory: prevention\nmedia:\n  - file: media/pn44/cambriolages-bons-reflexes.png\n"
        "    alt: Le numéro 06\u202f12\u202f34\u202f56\u202f78 sur la porte\n---\n"
        "Vigilance.\n---\nSuite : carte 4970\u200b1012\u200b3456\u200b7893.\n"
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems if p.rule.startswith("personal")] == [
        ("personal-data/phone", 5),
        ("personal-data/card", 9),
    ]


# Checksummed numbers and phones, disguised every way at once.
_SEPARATORS = [" ", "  ", " - ", ",", "/", "_", "\u2013", "\u00a0", "\u202f", "\u2009"]
_INVISIBLE = ["", "\u200b", "\u2060", "\u00ad"]


@st.composite
def disguised(draw: st.DrawFn, number: str, sizes: list[int]) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at : at + size])
        at += size
    out = parts[0]
    for part in parts[1:]:
        gap = draw(st.sampled_from([*_SEPARATORS, "\n"]))
        out += draw(st.sampled_from(_INVISIBLE)) + gap + part
    if draw(st.booleans()):
        out = out.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    elif draw(st.booleans()):
        out = out.replace("0", "O")
    return out


_NUMBERS = [
    ("nir", "185057800608491", [1, 2, 2, 2, 3, 3, 2]),
    ("iban", "FR7630006000011234567890189", [4] * 7),
    ("card", "4970101234567893", [4, 4, 4, 4]),
    ("phone", "0612345678", [2, 2, 2, 2, 2]),
    ("phone", "0781223344", [4, 3, 3]),
]


@pytest.mark.parametrize(("kind", "number", "sizes"), _NUMBERS)
@given(data=st.data())
@settings(max_examples=80, deadline=None)
def test_every_disguise_of_a_number_is_found(
    kind: str, number: str, sizes: list[int], data: st.DataObject
) -> None:
    text = data.draw(disguised(number, sizes))
    assert kind in kinds(f"Signalé : {text}, merci.")


# Links: path and query read.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lien : wa.me/33612345678", "phone"),
        ("https://api.whatsapp.com/send?phone=33612345678", "phone"),
        ("QR code : tel:+33612345678", "phone"),
        ("sms:0612345678?body=code", "phone"),
        ("mailto:kevin.martin@gmail.com?subject=vente", "email"),
        ("annonce : https://exemple.fr/vente/0612345678", "phone"),
        ("https://www.facebook.com/kevin.martin.44", "handle"),
        ("https://www.tiktok.com/@kevin.martin44/video/1", "handle"),
    ],
)
def test_links_are_read(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://www.interieur.gouv.fr/actualites/2026/03/12/0612345-bilan",
        "https://www.service-public.fr/particuliers/vosdroits/F1234",
        "https://www.facebook.com/events/612345",
        "https://www.masecurite.interieur.gouv.fr/fr/demarches-en-ligne",
    ],
)
def test_institutional_links_pass(text: str) -> None:
    assert scan(text) == []


# Handles and allow.handles.
HANDLES = Allow(handles=("@PoliceNationale", "@Prefet44", "https://www.facebook.com/ma.ville"))


@pytest.mark.parametrize(
    "text",
    [
        "Merci à @PoliceNationale et @prefet44 !",
        "Notre partenaire : facebook.com/ma.ville",
    ],
)
def test_allowed_handles_pass(text: str) -> None:
    assert "handle" not in kinds(text, HANDLES)


def test_a_private_handle_is_refused_beside_an_allowed_one() -> None:
    text = "Avec @PoliceNationale, merci à @lea_durand44."
    assert found(text, HANDLES) == [("handle", "@lea_durand44")]


def test_a_hashtag_made_of_a_name_is_a_handle() -> None:
    assert found("Marche #JusticePourKevinMartin samedi.") == [
        ("handle", "#JusticePourKevinMartin")
    ]
    assert scan("#Prévention #NonAuHarcèlement #JeanJaurès") == []


# E-mails: service mailboxes only through a domain entry.
MAILBOXES = Allow(emails=("@interieur.gouv.fr", "presse-*@nantes.fr", "accueil@ville.fr"))


@pytest.mark.parametrize(
    "text",
    [
        "Écrivez à ddsp44-communication@interieur.gouv.fr",
        "Écrivez à presse-police@nantes.fr",
        "Écrivez à accueil@ville.fr",
        "Écrivez à ACCUEIL (at) ville (point) fr",
    ],
)
def test_service_mailboxes_pass(text: str) -> None:
    assert "email" not in kinds(text, MAILBOXES)


@pytest.mark.parametrize(
    "text",
    [
        "Écrivez à julie.moreau@interieur.gouv.fr",
        "Écrivez à j.moreau@interieur.gouv.fr",
        "Écrivez à julie.moreau arobase interieur.gouv.fr",
        "Écrivez à kevin@nantes.fr",
        "Écrivez à accueil@ville.fr.evil.com",
    ],
)
def test_individual_addresses_are_refused_at_an_allowed_domain(text: str) -> None:
    assert "email" in kinds(text, MAILBOXES)


# accounts.yml: the new allow.handles list and its schema.
def test_accounts_declare_handles(repo: Path) -> None:
    body = "Merci à @Prefet44 et @PoliceNationale, et à @kevin_m44."
    result = check_text(repo, post("fonctionnement", body))
    assert [r for r in rules(result) if r.startswith("personal")] == ["personal-data/handle"]
    (problem,) = [p for p in result.problems if p.rule == "personal-data/handle"]
    assert "allow.handles" in (problem.fix or "")
    assert "kevin_m44" not in problem.message


def test_a_malformed_handle_entry_is_a_configuration_error(repo: Path) -> None:
    accounts = (repo / "accounts.yml").read_text(encoding="utf-8")
    write(repo, "accounts.yml", accounts.replace('"@Prefet44"', '"@Prefet 44"', 1))
    result = cli(repo, "check")
    assert result.exit_code == 2
    assert "accounts.yml" in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_every_kind_is_declared_labelled_and_fixable() -> None:
    import json

    from gazouille.checks.personal_data import FIXES, LABELS
    from gazouille.personal_data import KINDS

    schema = json.loads(
        (Path(__file__).parents[1] / "schema" / "post.schema.json").read_text(encoding="utf-8")
    )
    allows = schema["properties"]["authorization"]["properties"]["allows"]["items"]["enum"]
    assert "handle" in KINDS
    assert set(KINDS) == set(allows) == set(LABELS) == set(FIXES)
