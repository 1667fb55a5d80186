"""Identity document numbers: passports, identity cards, residence permits,
driving licences.

A French passport number (``12AB34567``) is distinctive enough alone. Other
numbers (the 12 digits of the old identity card, the 9 characters of the new
one, residence permits, driving licences) are found after a context word
(``passeport``, ``CNI``, ``carte d'identité``, ``titre de séjour``…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import longest_run, lower, runs

KIND = "id-document"

POSITIVE = [
    "passeport n° 12AB34567 perdu",
    "son passeport 19FV02841 a été retrouvé",
    "CNI n° 880692310285",
    "carte d'identité numéro X4RTBPFW4",
    "carte nationale d'identité : 1201 4412 3456",
    "titre de séjour n°9912345678",
    "permis de conduire 12AA34567",
    "pièce d'identité n° T7X9K2L4P",
    "Carte d'identité retrouvée sur le parking Atlantis : n° 230844109876.",
]

NEGATIVE = [
    "Pensez à vérifier la date de validité de votre passeport.",
    "Démarches CNI et passeport : prenez rendez-vous en mairie.",
    "PV 2026/004512",
    "Perte de carte d'identité : déclarez-la en ligne, cela prend 5 minutes.",
    "carte d'identité valable 15 ans",
]

_HINTS = (
    "passeport",
    "cni",
    "c.n.i",
    "identit",
    "séjour",
    "sejour",
    "permis",
    "récépiss",
    "recepiss",
)
_PASSPORT = re.compile(r"(?<![\w-])\d{2}[A-Z]{2}\d{5}(?![\w-])")
_CUE = re.compile(
    r"passeport|\bC\.?N\.?I\b|carte\s+(?:nationale\s+)?d['’]\s?identit[ée]|pi[èe]ce\s+d['’]\s?identit[ée]"
    r"|titre\s+de\s+s[ée]jour|permis\s+de\s+conduire|permis\s+(?=n[°o]|num)|r[ée]c[ée]piss[ée]",
    re.IGNORECASE,
)
# After the cue, in the same sentence (``n°``, ``numéro``, a place…), a token
# of 8 to 14 letters and digits holding at least 2 digits, or digit groups.
_NUMBER = re.compile(
    r"[^.!?\n]{0,60}?(?<![\w-])((?=(?:[A-Z]*\d){2})[A-Z0-9]{8,14}|\d{4}(?:[ \u00a0]\d{4}){2})(?![\w-])"
)


def find(text: str) -> Iterator[tuple[int, int]]:
    if not runs(text):
        return
    if longest_run(text) >= 5:
        for match in _PASSPORT.finditer(text):
            yield match.span()
    low = lower(text)
    if not any(hint in low for hint in _HINTS):
        return
    for cue in _CUE.finditer(text):
        number = _NUMBER.match(text, cue.end())
        if number is not None:
            yield number.span(1)
