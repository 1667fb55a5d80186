"""IBANs, mod-97 checked by python-stdnum, any country, with or without spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from gazouille.personal_data._text import SEP, longest_run, longest_valid_prefix

KIND = "iban"

POSITIVE = [
    "virement sur FR76 3000 6000 0112 3456 7890 189",
    "IBAN : FR7630006000011234567890189.",
    "iban fr76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP",
    "compte DE89 3704 0044 0532 0130 00 en Allemagne",
    "RIB : FR14-2004-1010-0505-0001-3M02-606",
    "IBAN:BE68 5390 0754 7034 (clé nationale fausse, mod 97 juste)",
    "FR76  3000  6000  0112  3456  7890  189",
]

NEGATIVE = [
    "FR76 3000 6000 0112 3456 7890 180 (clé fausse)",
    "Plus d'infos sur FR24 et FR3.",
    "Opération COVID19 2020 terminée.",
]

_CANDIDATE = re.compile(rf"(?<![\w])[A-Za-z]{{2}}\d\d(?:{SEP}{{0,2}}[A-Za-z0-9]){{11,31}}")


def find(text: str) -> Iterator[tuple[int, int]]:
    if longest_run(text) < 8:
        return
    from stdnum import iban

    is_valid = partial(iban.is_valid, check_country=False)
    for match in _CANDIDATE.finditer(text):
        end = longest_valid_prefix(match.group(), is_valid, shortest=15)
        if end:
            yield match.start(), match.start() + end
