"""French social security numbers (NIR), key checked by python-stdnum.

Fifteen characters: sex, year, month, department (``2A``/``2B`` for
Corsica), commune, order and the two-digit key, with or without separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import NUMBER_SEP, compact, digit_count

KIND = "nir"

POSITIVE = [
    "NIR 1 85 05 78 006 084 91",
    "sécu : 185057800608491",
    "numéro de sécurité sociale 2 69 05 49 588 157 80",
    "n° SS 1-85-05-78-006-084-91",
    "immatriculé 2 85 12 2A 004 123 21",
    "1.85.05.78.006.084.91 (clé 91)",
    "NIR : 1 85 05 78 006 084 (91)",
    "sécurité sociale 1 85 05 78 006 084 clé 91",
    "NIR 1–85–05–78–006–084–91 (tirets demi-cadratins)",
    "n° sécu 1 85 05 78\n006 084 91 coupé en fin de ligne",
    "n° ss 1_85_05_78_006_084_91",
    "NIR 1\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a091",
    "carte vitale 1 85 O5 78 OO6 O84 91 (lettre O pour zéro)",
    "sécu １８５０５７８００６０８４９１",
    "NIR 2|91|03|44|109|123|26",
    "sécu 2 91 03 44 109 123 - clé 26",
    "sécu 2·85·02·44·109·001·38",
]

NEGATIVE = [
    "NIR 1 85 05 78 006 084 36 (clé fausse)",
    "PV 2026/004512 et 2026/004513",
    "Saisie de 185 000 € le 12 mars.",
    "référence 1 85 05 78 006 084",
]

_CANDIDATE = re.compile(rf"(?<![\w])[1-478](?:{NUMBER_SEP}{{0,3}}[0-9ABab]){{14}}(?![\w])")
# The key set apart: ``1 85 05 78 006 084 (91)``, ``… 084 clé 91``,
# ``… 084 - clé 91``.
_KEY_APART = re.compile(
    rf"(?<![\w])[1-478](?:{NUMBER_SEP}{{0,3}}[0-9ABab]){{12}}\s*[-–—,;]?\s*(?:\(\s*|cl[ée]\s*:?\s*|/\s*)\d\d\)?",
    re.IGNORECASE,
)


def find(text: str) -> Iterator[tuple[int, int]]:
    if digit_count(text) < 13:
        return
    from stdnum.fr import nir

    for pattern in (_CANDIDATE, _KEY_APART):
        for match in pattern.finditer(text):
            value, _ = compact(match.group())
            if nir.is_valid(value.replace("CLE", "").replace("CLÉ", "")):
                yield match.span()
