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
    "faux passeport n° 21 KD 48 317",
    "titre de séjour n° : 612 904 7731",
    "cni 1102 4412 0093 retrouvée",
    "carte d'identité, numéro\nT8XR2MV41",
    "permis n° 22-BC-81642",
    "passeport 19fv02841 (minuscules)",
    "passeport19fv02841 collé au mot",
    "pass. n° 19 KT 70 335 retrouvé",
    "passep. no 20 RM 11 947",
    "abrégé : pass. 18 DF 52 604, expiré",
    "carte de séjour n° 9912345678",
    "Passport no. 18FV02841",
    "permis B n° 123456789012",
    "titre de voyage n° 21 KD 48 317",
    "P<FRAMARTIN<<KEVIN<<<<<<<<<<<<<<<<<<<<<<<<",
    "un passeport volé (n°20dr51733)",
    "passeport d'un touriste, numéro 21kd48317, remis au consulat",
    "C.N.I. n° 190644302817 retrouvée",
    "une C.N.I. 880692310285 au nom de la victime",
    "carte de séjour (n°19ab02841) expirée",
    "Un passeport a été rapporté. Voici son numéro :\n20kd51733\nVenez en mairie.",
    "12 cartes d'identité saisies, dont une portant le numéro\n880692310285\nvolée en 2024",
    "cni n° t7kx2wn48 retrouvée au parc",
    "passeport trouvé dans le tram ligne 3, n° 20 fp 81 447, à l'accueil",
    "une carte d'identité. Pour info, voici le numéro complet : 19bz51047",
]

NEGATIVE = [
    "Pensez à vérifier la date de validité de votre passeport.",
    "Démarches CNI et passeport : prenez rendez-vous en mairie.",
    "PV 2026/004512",
    "Perte de carte d'identité : déclarez-la en ligne, cela prend 5 minutes.",
    "carte d'identité valable 15 ans",
    "Passeport : 12 à 15 jours de délai en 2026 à Nantes.",
    "Titre de séjour : 3 200 demandes traitées en 2026, soit 12 % de plus.",
    "Le pass. Navigo et le pass. 2026 sont acceptés.",
    "Au pass. no 3 du col, 12 cyclistes.",
    "Carte de séjour : 3 200 demandes en 2026 ; << 2026 >>.",
    "C.N.I. : 12 à 15 jours de délai ; passeport : rendez-vous en ligne (réf. 2026).",
    "Passeport : démarches sur ants.gouv.fr, formulaire 12100*02.",
    "Passeport : 48 heures de délai, 12 cartes d'identité remises, code 44ab.",
    "CNI et passeport : rendez-vous sur rdv44nantes en ligne, 12 fp de délai.",
    "Passeport : retrait à la mairie, offre paris2024 et code 2026nantes.",
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
    "pass.",
    "passep.",
    "passport",
    "carte de",
    "titre de",
    "document de",
)
_PASSPORT = re.compile(r"(?<![\w-])\d{2}[A-Z]{2}\d{5}(?![\w-])")
# A passport number in lower case anywhere in a post that speaks of a passport
# (``Un passeport a été rapporté. […] voici son numéro : 19cv48213``), even
# glued to the word (``passeport19fv02841``).
_PASSPORT_ANY_CASE = re.compile(r"(?:(?<![\w-])|(?i:(?<=passeport)))\d{2}[A-Za-z]{2}\d{5}(?![\w-])")
_CUE = re.compile(
    r"passeport|passport|\bC\.?N\.?I\b\.?|cartes?\s+(?:nationales?\s+)?d['’]\s?identit[ée]"
    r"|pi[èe]ce\s+d['’]\s?identit[ée]|\bpass(?:ep)?\.(?=\s*(?:n[°o](?![^\W\d])|num|\d))"
    # Every French residence or travel document: titre, carte or permis de
    # séjour, carte de résident, titre de voyage; a licence and its category.
    r"|(?:titre|carte|permis|document)\s+de\s+(?:s[ée]jour|r[ée]sident|voyage|circulation)"
    r"|carte\s+de\s+r[ée]sident|permis\s+de\s+conduire"
    r"|permis\s+(?:(?:AM|[A-D][12]?E?)\s+)?(?=n[°o]|num)|r[ée]c[ée]piss[ée]",
    re.IGNORECASE,
)
# The machine-readable zone of a passport or an identity card:
# ``P<FRAMARTIN<<KEVIN<<<<…``, ``IDFRA…<<<<``.
_MRZ = re.compile(r"(?<![\w<])[A-Z0-9<]{2}[A-Z<]{3}[A-Z0-9<]{20,}(?![\w<])")
# After the cue, in the same sentence (``n°``, ``numéro``, a place…), a token
# of 8 to 14 letters and digits holding at least 2 digits, or digit groups,
# or a passport number in lower case (``passeport volé (n°20dr51733)``).
# The 9 characters of the new identity card typed in lower case
# (``cni n° t7kx2wn48``): 3 digits at least, letters between them (not a word
# and a year, ``paris2024``); a passport number spaced as printed, in either
# case (``n° 20 fp 81 447``).
_NUMBER = re.compile(
    r"[^.!?]{0,60}?(?<![\w-])((?=(?:[A-Z]*\d){2})[A-Z0-9]{8,14}|\d{4}(?:[ \u00a0]\d{4}){2}"
    r"|(?=(?:[a-z]*\d){3})(?=[a-z]*\d+[a-z]+\d)[a-z0-9]{9}"
    r"|\d{2} ?[A-Za-z]{2} ?\d{2} ?\d{3})(?![\w-])"
)
# The same number spaced or split (``18 FV 30 291``, ``750 214 8396``), or on
# the line after its cue: groups of letters and digits that make 8 to 14.
_SPACED = re.compile(
    r"[^.!?]{0,60}?(?<![\w-])((?:[A-Z0-9]{1,5}[ _.\-\n]){1,5}[A-Z0-9]{1,5})(?![\w-])"
)


def find(text: str) -> Iterator[tuple[int, int]]:
    if "<<" in text:
        for match in _MRZ.finditer(text):
            if "<<" in match.group():
                yield match.span()
    if not runs(text):
        return
    low = lower(text)
    cued = any(hint in low for hint in _HINTS)
    if longest_run(text) >= 5:
        # The passport's shape in capitals anywhere; in lower case too in a post
        # about a passport or any other identity document, however far from its
        # cue (``une carte d'identité. […] voici le numéro complet : 19bz51047``).
        about_a_document = "passeport" in low or "passport" in low or (cued and _CUE.search(text))
        passport = _PASSPORT_ANY_CASE if about_a_document else _PASSPORT
        for match in passport.finditer(text):
            yield match.span()
    if not cued:
        return
    for cue in _CUE.finditer(text):
        number = _NUMBER.match(text, cue.end())
        if number is not None:
            yield number.span(1)
            continue
        spaced = _SPACED.match(text, cue.end())
        if spaced is not None and _looks_like_a_number(spaced.group(1)):
            yield spaced.span(1)


def _looks_like_a_number(value: str) -> bool:
    """8 to 14 letters and digits, at least 5 digits, no word among them."""
    groups = re.split(r"[ _.\-\n]", value)
    compact = "".join(groups)
    digits = sum(c.isdigit() for c in compact)
    words = [g for g in groups if g.isalpha() and len(g) > 2]
    return 8 <= len(compact) <= 14 and digits >= 5 and not words
