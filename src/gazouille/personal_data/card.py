"""Payment card numbers: 13 to 19 digits, Luhn checked by python-stdnum.

The first digit must be one that card networks issue (2 to 6); grouped by
spaces or hyphens or written in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import SEP, longest_run, longest_valid_prefix

KIND = "card"

POSITIVE = [
    "carte 4970 1012 3456 7893 volée",
    "CB n° 4970101234567893",
    "Mastercard 5555-5555-5555-4444 exp 12/27",
    "Amex 3782 822463 10005",
    "numéro 4111 1111 1111 1111.",
    "carte 4970.1012.3456.7893 et JCB 3530 1113 3330 0000",
    "Diners 3056 930902 5904, Mastercard 2223 0031 2200 3222",
]

NEGATIVE = [
    "carte 4970 1012 3456 7894 (Luhn faux)",
    "Saisie de 1 200 000 € en 2026.",
    "PV 2026/004512",
    "1234 5678 9012 3456 7",
]

_CANDIDATE = re.compile(rf"(?<![\d\w])[2-6]\d(?:{SEP}{{0,2}}\d){{11,17}}(?!\d)")


def find(text: str) -> Iterator[tuple[int, int]]:
    if longest_run(text) < 13:
        return
    from stdnum import luhn

    for match in _CANDIDATE.finditer(text):
        end = longest_valid_prefix(match.group(), luhn.is_valid, shortest=13)
        if end:
            yield match.start(), match.start() + end
