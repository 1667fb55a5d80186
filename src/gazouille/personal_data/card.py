"""Payment card numbers: 13 to 19 digits, Luhn checked by python-stdnum.

The first digit must be one that card networks issue (2 to 6); grouped by
spaces or hyphens or written in one run. A company's SIRET (14 digits, Luhn
valid too) is not a card: written ``552 081 317 00018`` (3-3-3-5) or after
``SIRET``/``SIREN``, and valid for python-stdnum's ``fr.siret``. Nor is a file or order number right
after its label (``Référence du dossier : 44-2026-0012345``) grouped as no
card is (cards run in one block, by fours, or 4-6-5 and 4-6-4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import NUMBER_SEP, digit_count, valid_spans

KIND = "card"

POSITIVE = [
    "carte 4970 1012 3456 7893 volée",
    "CB n° 4970101234567893",
    "Mastercard 5555-5555-5555-4444 exp 12/27",
    "Amex 3782 822463 10005",
    "numéro 4111 1111 1111 1111.",
    "carte 4970.1012.3456.7893 et JCB 3530 1113 3330 0000",
    "Diners 3056 930902 5904, Mastercard 2223 0031 2200 3222",
    "carte 4970_1012_3456_7893",
    "carte 4970–1012–3456–7893 (tirets demi-cadratins)",
    "carte 4970 1012\n3456 7893 sur deux lignes",
    "carte 4970\u200b1012\u200b3456\u200b7893 (espaces de largeur nulle)",
    "carte ４９７０ １０１２ ３４５６ ７８９３",
    "le 12/03, 4970 1012 3456 7893 a servi",
    "carte 49 70 10 12 34 56 78 93 groupée par deux",
    "Diners 3056 930902 5904 (14 chiffres mais groupés en carte)",
    "SIRET de l'entreprise puis la carte 4970 1012 3456 7893",
    "carte 4532|0151|1283|0366 (barres)",
    "CB 4532·0151·1283·0366 exp. 04/28",
    "commande réglée avec la carte 4970 1012 3456 7893",
    "numéro de suivi du colis : 4970 1012 3456 7893",
]

NEGATIVE = [
    "carte 4970 1012 3456 7894 (Luhn faux)",
    "Saisie de 1 200 000 € en 2026.",
    "PV 2026/004512",
    "1234 5678 9012 3456 7",
    "la société (SIRET 732 829 320 00074) a porté plainte",
    "Siret : 73282932000074, escroquerie au faux RIB",
    "fournisseur n° 732 829 320 00074 usurpé",
    "Communes : 44000, 44100, 44200, 44300 et 44400.",
    "Référence du dossier : 44-2026-0012345-B.",
    "Procédure n° 44-2026-00123459 transmise au parquet (Luhn valide par hasard).",
]

_CANDIDATE = re.compile(rf"(?<![\d\w])[2-6]\d(?:{NUMBER_SEP}{{0,3}}\d){{11,17}}(?!\d)")


def find(text: str) -> Iterator[tuple[int, int]]:
    if digit_count(text) < 13:
        return
    from stdnum import luhn

    for start, end in valid_spans(text, _CANDIDATE, luhn.is_valid, shortest=13):
        if _is_siret(text, start, end) or _LIST.search(text, start, end):
            continue
        if _is_reference(text, start, end):
            continue
        yield start, end


# ``Référence du dossier : 44-2026-0012345``: a file or order number, grouped
# as no card is, right after its label, unless a card is named too.
_REFERENCE_CUE = re.compile(
    r"\b(?:r[ée]f(?:[ée]rence)?|dossier|proc[ée]dure|pv|plainte|affaire|scell[ée]s?|commande"
    r"|colis|suivi|ticket|facture|contrat|client|parquet)\b[^\n\d]{0,20}$",
    re.IGNORECASE,
)
_CARD_CUE = re.compile(
    r"\b(?:cartes?|cb|visa|mastercard|amex|american\s+express|jcb|diners|maestro|paiement)\b",
    re.IGNORECASE,
)


def _is_reference(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _REFERENCE_CUE.search(before) is None or _CARD_CUE.search(before) is not None:
        return False
    groups = [len(group) for group in re.findall(r"\d+", text[start:end])]
    return not _card_grouping(groups)


def _card_grouping(groups: list[int]) -> bool:
    """How cards are written: in one run, by fours, or 4-6-5 / 4-6-4 (Amex, Diners)."""
    if len(groups) == 1:
        return True
    if all(size == 4 for size in groups[:-1]) and 1 <= groups[-1] <= 4:
        return True
    return groups in ([4, 6, 5], [4, 6, 4])


# ``44000, 44100, 44200``: numbers listed (one in ten passes Luhn by chance);
# nobody types a card number with a comma and a space between its groups.
_LIST = re.compile(r",\s")


_SIRET_GROUPS = re.compile(r"\d{3}[ \u00a0.]\d{3}[ \u00a0.]\d{3}[ \u00a0.]\d{5}")
_SIRET_CUE = re.compile(r"\bsir[ée][tn]\b\W{0,12}$", re.IGNORECASE)


def _is_siret(text: str, start: int, end: int) -> bool:
    """A company number: 14 digits valid for ``fr.siret``, grouped 3-3-3-5 or
    just after ``SIRET``/``SIREN``."""
    value = text[start:end]
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) != 14:
        return False
    from stdnum.fr import siret

    if not siret.is_valid(digits):
        return False
    cued = _SIRET_CUE.search(text, max(0, start - 24), start) is not None
    return cued or _SIRET_GROUPS.fullmatch(value) is not None
