"""IBANs, mod-97 checked by python-stdnum, any country, with or without spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from gazouille.personal_data._text import NUMBER_SEP, digit_count, valid_spans

KIND = "iban"

POSITIVE = [
    "virement sur FR76 3000 6000 0112 3456 7890 189",
    "IBAN : FR7630006000011234567890189.",
    "iban fr76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP",
    "compte DE89 3704 0044 0532 0130 00 en Allemagne",
    "RIB : FR14-2004-1010-0505-0001-3M02-606",
    "IBAN:BE68 5390 0754 7034 (clé nationale fausse, mod 97 juste)",
    "FR76  3000  6000  0112  3456  7890  189",
    "compte FR76–3000–6000–0112–3456–7890–189 (tirets demi-cadratins)",
    "IBAN FR76 3000 6000 0112\n3456 7890 189 coupé en fin de ligne",
    "ＦＲ７６ ３０００ ６０００ ０１１２ ３４５６ ７８９０ １８９ en pleine chasse",
    "iban fr76_3000_6000_0112_3456_7890_189",
    "IBAN FR76\u202f3000\u202f6000\u202f0112\u202f3456\u202f7890\u202f189",
    "IBAN FR76 3OOO 6OOO O112 3456 789O 189 (lettre O pour zéro)",
    "IBAN : PT50·0002·0123·1234·5678·9015·4",
    "compte TN59 1000 6035 1835 9847 8831",
    "ce RIB : FR 76 3000 6000 0112 3456 7890 189, contactez le 17",
]

NEGATIVE = [
    "FR76 3000 6000 0112 3456 7890 180 (clé fausse)",
    "Plus d'infos sur FR24 et FR3.",
    "Opération COVID19 2020 terminée.",
    "FR 76 3000 6000 0112 3456 7890 180 (clé fausse, code pays espacé)",
]

# The country code may be spaced from its check digits when in capitals
# (``FR 76 1820 …``); mod 97 still decides.
_CANDIDATE = re.compile(
    rf"(?<![\w])(?:[A-Za-z]{{2}}|[A-Z]{{2}} )\d\d(?:{NUMBER_SEP}{{0,3}}[A-Za-z0-9]){{11,31}}"
)


def find(text: str) -> Iterator[tuple[int, int]]:
    if digit_count(text) < 8:
        return
    from stdnum import iban

    is_valid = partial(iban.is_valid, check_country=False)
    yield from valid_spans(text, _CANDIDATE, is_valid, shortest=15)
