"""Named minors: a name or first name together with an age under 18 or a school.

Loi du 29 juillet 1881, art. 39 bis: nothing may identify a minor who ran
away, was abandoned or is the victim of an offence. An unnamed minor (``un
mineur de 16 ans``) and a named adult (``Kevin, 25 ans``, reported as
``person-name``) are not this rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data.person_name import names

KIND = "minor"

POSITIVE = [
    "Yanis, 15 ans, a disparu mercredi.",
    "Léa B., âgée de 12 ans, est recherchée.",
    "Nathan, élève au collège Victor-Hugo, a été agressé.",
    "la jeune Inès (14 ans) n'est pas rentrée",
    "Kevin MARTIN, mineur de 17 ans, a été interpellé.",
    "Théo, quinze ans, scolarisé en 3e, a fugué.",
    "Ryan, lycéen de 16 ans, a été blessé.",
]

NEGATIVE = [
    "Un mineur de 16 ans a été interpellé.",
    "Kevin, 25 ans, a été interpellé.",
    "Prévention au collège Victor-Hugo avec 120 élèves de 4e.",
    "Un adolescent de 15 ans a été retrouvé sain et sauf.",
]

_WORD_AGES = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "dix-sept": 17,
}  # fmt: skip
_AGE = re.compile(
    r"\b(?P<age>\d{1,2}|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix-sept|dix|onze|douze"
    r"|treize|quatorze|quinze|seize)\s*(?:ans|an|mois)\b"
    r"(?!\s+(?:de\s+prison|d['’]emprisonnement|de\s+r[ée]clusion|ferme|avec\s+sursis|de\s+suspension))"
    r"|\((?P<bare>\d{1,2})\)",
    re.IGNORECASE,
)
_CUES = re.compile(
    r"\b(?:mineure?s?|adolescente?s?|ados?|collégiens?|collégiennes?|lycéens?|lycéennes?"
    r"|écoliers?|écolières?|élèves?|fillettes?|garçonnets?|bébés?|nourrissons?|enfants?"
    r"|scolarisée?s?|collège|lycée|école|classe\s+de|en\s+(?:CM[12]|CE[12]|CP|[3-6]e|[3-6]ème"
    r"|seconde|première|terminale)|(?:la|le)\s+(?:petite?|jeune)(?=\s+[A-Z]))\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"(?:depuis|il y a|pendant|durant|après|apres|dans|plus de|moins de|à)\s*$", re.I
)
_WINDOW_BEFORE = 60
_WINDOW_AFTER = 90


def find(text: str) -> Iterator[tuple[int, int]]:
    for start, end in names(text):
        if near_minor(text, start, end):
            yield start, end


def near_minor(text: str, start: int, end: int) -> bool:
    """An age under 18 or a school around the name at ``text[start:end]``."""
    window = text[max(0, start - _WINDOW_BEFORE) : end + _WINDOW_AFTER]
    return bool(_CUES.search(window)) or _under_18(window)


def _under_18(window: str) -> bool:
    for match in _AGE.finditer(window):
        value = match.group("age") or match.group("bare")
        unit = match.group().lower()
        if _DURATION.search(window[max(0, match.start() - 14) : match.start()]):
            continue  # ``depuis 3 ans``, ``il y a 2 ans``: a duration, not an age
        age = _WORD_AGES.get(value.lower()) if not value.isdigit() else int(value)
        if age is not None and (age < 18 or "mois" in unit):
            return True
    return False
