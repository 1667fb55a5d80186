"""Vehicle registration plates: SIV (``AB-123-CD``, ``GH 456 JK``) and the old
FNI (``1234 AB 44``), and Belgian plates (``1-ABC-234``), common on the
roads of the north and west.

SIV plates never use the letters I, O and U; FNI plates end with a
department number. Acronyms police posts use (``12 CRS 44``…) are not plates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import lower, runs

KIND = "plate"

POSITIVE = [
    "Moto volée : plaque gb 774 tz.",
    "scooter immatriculé fx 310 kl, immat. gh456jk",
    "un camion belge immatriculé 1-ABC-234 contrôlé en surcharge",
    "véhicule immatriculé AB-123-CD en fuite",
    "une Clio GH 456 JK",
    "plaque 1234 AB 44 (ancien format)",
    "Peugeot 308 immatriculée FG123HJ.",
    "plaque 567 XY 2A",
    "immatriculation 12 ABC 974",
    "la Kangoo ed-214-mp a été identifiée",
    "plaque AI-456-OU (lettres jamais attribuées, mais une plaque quand même)",
    "voiture vue, immat hk 902 vr, direction Nantes",
    "plaque notée par la voisine : tz 118 qb",
    "le scooter imm. FW_271_NC a été saisi",
    "plaque : f g - 4 0 2 - h j",
    "la moto GН-215-ТМ (lettres cyrilliques) a été retrouvée",
    "la voiture ВС-604-КМ en fuite",
    "fourgon RT – 318 – KN aperçu à Rezé",
    "voiture (BZ — 764 — PF) incendiée",
    "moto DK - 552 - WM signalée",
    "la Clio AB.123.CD retrouvée",
    "véhicule GH/456/JK stationné",
    "imat gh 456 jk, une 308 grise",
    "immatriculée en Espagne 4521 KLM",
    "plaque allemande : B-MW 1234",
    "plaque britannique AB12 CDE",
    "immatriculation : f-g-1-2-3-h-j selon le témoin",
    "véhicule gh417pt immobilisé et placé en fourrière",
    "la moto fx208kl a été saisie",
    "une voiture de location grise, ef903tm, retrouvée brûlée",
    "Le fourgon (rc512hm) a été intercepté.",
    "véhicule GH417PT immobilisé",
    "6 conducteurs positifs, dont celui de la 308 (es593qf), qui transportait 40 g",
    "l'automobiliste, en Clio grise, bk274vd, a refusé d'obtempérer",
    "une Peugeot blanche (ft608nr) a été retrouvée",
    "le chauffeur du fourgon loué, immobilisé plus loin : dz461gw",
    "une Clio noire (gm 472 rd) a forcé le contrôle",
    "le motard, gh417pt, a pris la fuite",
    "un cyclomoteur (gm 472 rd) signalé volé",
    "le scooter (AF-\n318-KE) immobilisé",
    "plaque M-KL 4821 (allemande)",
]

NEGATIVE = [
    "Contrôle routier : 187 km/h sur l'A 11.",
    "PV 2026/004512",
    "la CRS 44 et la BAC 75 étaient présentes",
    "Collision RN 165 à 14 h 30.",
    "Le COVID-19 et le SARS-CoV-2",
    "En 2026 BAC 44 : 120 interpellations.",
    "Secteur 1-AB, lot 234 ; référence 12-ABC-345 ; appel 1-ABCD-234.",
    "La plaque de 250 kg et la plaque à 120 km ; immatriculé en 2019 et le 12 mai.",
    "Plaque de verglas sur la RD 178 à 7 h : prudence.",
    "Immatriculations en hausse de 12 % en 2026.",
    "Bilan RN – 165 – A 11 : trois accidents.",
    "Score final : PSG – 2 – OM, match tendu.",
    "Voir fr/123/ab sur le site ; plaque de 12 cm ; immatriculé en 2019 sur la RD 178.",
    "Plaque tournante du trafic : 44 NORD.",
    "Voiture brûlée cette nuit. Le code ab123cd du formulaire ne sert qu'une fois.",
    "Moto 125cc, voiture de 150ch, scooter kx1234ab, utilitaire type-ab123cd.",
    "ab123cd : référence du dossier, sans véhicule en cause.",
    "Le conducteur a été contrôlé. Le code ab123cd du formulaire ne sert qu'une fois.",
    "Conducteurs, votre code de suivi ab123cd est personnel ; 3008 dossiers traités.",
    "La voiture roulait vite ; sa 206 ne démarre plus, une voiture de 150 ch.",
    "vol d'une moto de cross, une yz250f",
]

_SIV = re.compile(
    r"(?<![\w-])([A-HJ-NP-TV-Z]{2})[-_ \u00a0]?(?P<digits>\d{3})[-_ \u00a0]?([A-HJ-NP-TV-Z]{2})(?![\w-])"
)
# Hyphenated, the shape is distinctive enough to take any letters and either
# case: people do not all know that I, O and U are never used.
# Dots or slashes, the same on both sides, in capitals: ``AB.123.CD``, ``GH/456/JK``.
# A line may break after a hyphen (``AF-⏎318-KE``).
_SIV_HYPHENS = re.compile(
    r"(?<![\w-])([A-Za-z]{2})(?P<sep>[-_]|(?<=[A-Z]{2})[./])\n?(?P<digits>\d{3})(?P=sep)\n?"
    r"(?:[A-Za-z]{2}(?<=[-_\n][A-Za-z]{2})|[A-Z]{2})(?![\w-])"
)
_SIV_DASHED = re.compile(
    r"(?<![\w-])([A-HJ-NP-TV-Z]{2})[ \u00a0]*[-\u2013\u2014][ \u00a0]*(\d{3})"
    r"[ \u00a0]*[-\u2013\u2014][ \u00a0]*([A-HJ-NP-TV-Z]{2})(?![\w-])"
)
# In lower case, spaced or with odd separators, a SIV plate is told from words
# only by a context word before it in the same sentence: ``plaque gb 774 tz``,
# ``immatriculé fx 310 kl``, ``plaque relevée par le témoin : cd 927 pv``,
# ``imm. ek_513_rb``, ``plaque : b x - 3 4 1 - l m``, ``imm : hj/275/bx``.
_CUE = r"(?:plaques?|immatricul[ée]e?s?|immatriculation|imm?at|imm|matricule)\b\.?"
_SIV_CUED = re.compile(
    _CUE + r"(?:[^.!?\n\d]{0,40}?[\s:(])?\s*(?:n°\s*)?:?\s*"
    r"(?<![\w])([a-hj-np-tv-z][ .\-]?[a-hj-np-tv-z])[ _./\-]{0,3}"
    r"(\d[ .\-]?\d[ .\-]?\d)[ _./\-]{0,3}"
    r"([a-hj-np-tv-z][ .\-]?[a-hj-np-tv-z])(?![\w-])",
    re.IGNORECASE,
)
# Any other country's plate after the same cue, in the same sentence: one to
# three groups of capitals and digits, 5 to 9 of them, two letters and two
# digits at least (``immatriculée en Espagne 4521 KLM``, ``B-MW 1234``,
# ``AB12 CDE``).
_FOREIGN_CUE = re.compile(_CUE, re.IGNORECASE)
_FOREIGN = re.compile(r"(?<![\w-])[A-Z0-9]{1,5}(?:[ \-][A-Z0-9]{1,5}){0,2}(?![\w-])")
_SENTENCE_END = re.compile(r"[.!?\n]")
# Words and units that the cued pattern would take for a plate's letters
# (``plaque de 250 kg``).
_NOT_PLATE_PAIRS = frozenset(
    [
        "de",
        "la",
        "le",
        "en",
        "et",
        "sa",
        "se",
        "ce",
        "ma",
        "ta",
        "me",
        "te",
        "ne",
        "kg",
        "km",
        "cm",
        "mm",
        "ml",
        "cl",
        "mg",
        "ha",
    ]
)
# Units come after a number (``250 kg``), never before it.
_UNITS = frozenset(["kg", "km", "cm", "mm", "ml", "cl", "mg", "ha"])
# Glued and in lower case (``véhicule gh417pt``), a SIV plate is told from a
# code only by a vehicle named before it in the same sentence: the vehicle
# itself, its driver (``l'automobiliste``), its make or its model (``la 308``,
# ``une Clio``).
_VEHICLE_CUE = re.compile(
    r"\b(?:v[ée]hicule|voiture|auto|moto|scooter|cyclomoteur|camion(?:nette)?|fourgon(?:nette)?"
    r"|utilitaire|berline|citadine|4x4|quad|van|poids[ -]lourds?|bus|taxi|vtc"
    r"|conducteur|conductrice|automobiliste|motard|chauffeur"
    r"|peugeot|renault|citro[ëe]n|dacia|volkswagen|vw|audi|bmw|mercedes|toyota|fiat|ford|opel"
    r"|tesla|clio|twingo|m[ée]gane|sandero|kangoo|golf|polo|yaris)s?\b"
    r"|\b(?:la|une|sa|leur|cette)\s+[1-5]0?08\b",
    re.IGNORECASE,
)
_GLUED_LETTERS = frozenset("abcdefghjklmnpqrstvwxyzABCDEFGHJKLMNPQRSTVWXYZ")
# Belgian plates since 2010: ``1-ABC-234``.
_BELGIAN = re.compile(r"(?<![\w-])[1-9]-[A-Z]{3}-\d{3}(?![\w-])")
_FNI = re.compile(
    r"(?<![\w-])\d{1,4}[- \u00a0]?([A-Z]{1,3})[- \u00a0]?(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])(?![\w-])"
)
# Service names that a number and a department may surround.
_NOT_LETTERS = frozenset(
    {
        "BAC",
        "CRS",
        "PV",
        "RN",
        "RD",
        "N",
        "D",
        "A",
        "GN",
        "PN",
        "PJ",
        "PM",
        "EN",
        "ET",
        "DE",
        "AU",
        "LE",
        "LA",
        "H",
        "KM",
        "M",
        "J",
        "MAI",
        "TV",
        "NO",
        "SO",
    }
)


def find(text: str) -> Iterator[tuple[int, int]]:
    low = lower(text)
    if "plaque" in low or "imm" in low or "imat" in low or "matricul" in low:
        for cued in _SIV_CUED.finditer(text):
            first = cued.group(1).lower().replace(" ", "")
            last = cued.group(3).lower().replace(" ", "")
            if first not in _NOT_PLATE_PAIRS - _UNITS and last not in _NOT_PLATE_PAIRS:
                yield cued.start(1), cued.end()
        for cue in _FOREIGN_CUE.finditer(text):
            stop = _SENTENCE_END.search(text, cue.end(), cue.end() + 50)
            window_end = stop.start() if stop else min(len(text), cue.end() + 50)
            for plate in _FOREIGN.finditer(text, cue.end(), window_end):
                value = plate.group()
                if value.isdigit() or value.isalpha():
                    continue
                if _foreign_plate(value):
                    yield plate.span()
                break  # the first group of letters and digits after the cue only
    dashed = "-" in text or "\u2013" in text or "\u2014" in text
    for start, end in runs(text):
        if end - start == 3 and _glued(text, start, end) and _after_vehicle(text, start):
            yield start - 2, end + 2
            continue
        if end - start == 3 and _spaced(text, start, end) and _after_vehicle(text, start - 1):
            yield start - 3, end + 3
            continue
        if dashed and end - start == 3:
            # ``CH – 905 – LW``: dashes with spaces around them.
            spaced = _SIV_DASHED.search(text, max(0, start - 7), min(len(text), end + 7))
            if spaced is not None and spaced.start(2) == start:
                yield spaced.span()
                continue
        if text[start + 1 : start + 2] == "-":
            belgian = _BELGIAN.match(text, start)
            if belgian is not None:
                yield belgian.span()
                continue
        if not _next_to_capital(text, start, end):
            continue
        # A SIV plate starts two or three characters before its digits (four
        # across a line break: ``AF-⏎318-KE``); an FNI plate starts with them.
        first = start - 4 if text[start - 1 : start] == "\n" else start - 3
        for begin in range(max(0, first), start - 1):
            siv = _SIV.match(text, begin) or _SIV_HYPHENS.match(text, begin)
            if siv is not None and siv.start("digits") == start:
                yield siv.span()
        fni = _FNI.match(text, start)
        if fni is not None and fni.group(1) not in _NOT_LETTERS:
            yield fni.span()


def _glued(text: str, start: int, end: int) -> bool:
    """Two plate letters glued before and after three digits (``gh417pt``),
    and nothing glued around them."""
    return (
        start >= 2
        and text[start - 2] in _GLUED_LETTERS
        and text[start - 1] in _GLUED_LETTERS
        and end + 2 <= len(text)
        and all(c in _GLUED_LETTERS for c in text[end : end + 2])
        and _alone(text, start - 2, end + 2)
        and not text[start - 2 : start].isupper()  # capitals are _SIV's
    )


# Words, roads and units that a spaced lower-case plate would take for its
# letters (``sa 206 ne démarre plus``, ``la rd 178 te``, ``voiture de 150 ch``).
_NOT_SPACED_FIRST = (_NOT_PLATE_PAIRS - _UNITS) | {"rd", "rn", "pv"}
_NOT_SPACED_LAST = _NOT_PLATE_PAIRS | {"ch", "cv", "kw", "hp", "cc"}


def _spaced(text: str, start: int, end: int) -> bool:
    """Two plate letters, a space, three digits, a space, two plate letters,
    in lower case (``une Clio noire (gm 472 rd)``), nothing glued around them."""
    if start < 3 or end + 3 > len(text):
        return False
    first, last = text[start - 3 : start - 1], text[end + 1 : end + 3]
    return (
        text[start - 1] in " \u00a0"
        and text[end] in " \u00a0"
        and first.islower()
        and last.islower()
        and all(c in _GLUED_LETTERS for c in first + last)
        and _alone(text, start - 3, end + 3)
        and first not in _NOT_SPACED_FIRST
        and last not in _NOT_SPACED_LAST
    )


def _alone(text: str, start: int, end: int) -> bool:
    """Nothing glued to ``text[start:end]``: no letter or digit on either side,
    no ``-_@#/`` before it (a handle, a path), no ``-_`` after it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_@#/" or after.isalnum() or after in "-_")


def _after_vehicle(text: str, start: int) -> bool:
    """A vehicle named before ``text[start]``, in the same sentence."""
    begin = max(0, start - 90)
    stop = _SENTENCE_END.search(text[begin : start - 2][::-1])
    if stop is not None:
        begin = start - 2 - stop.start()
    if _CODE_BEFORE.search(text, max(begin, start - 30), start - 2):
        return False  # ``votre code de suivi ab123cd``: a code, whoever reads it
    return _VEHICLE_CUE.search(text, begin, start - 2) is not None


_CODE_BEFORE = re.compile(
    r"\b(?:code|r[ée]f[ée]rence|r[ée]f\.|dossier|suivi|identifiant|mot\s+de\s+passe)\b"
    r"[^.!?\n]{0,15}$",
    re.IGNORECASE,
)


_GERMAN = re.compile(r"[A-Z]{1,3}-[A-Z]{1,2} \d{1,4}")


def _foreign_plate(value: str) -> bool:
    """5 to 9 capitals and digits, two of each at least, and no group that
    names a road or a service (``RD 178``, ``A 11``, ``CRS 44``)."""
    groups = re.split(r"[ \-]", value)
    plain = "".join(groups)
    letters = sum(c.isalpha() for c in plain)
    if not (5 <= len(plain) <= 9 and letters >= 2 and len(plain) - letters >= 2):
        return False
    if not plain.isupper() or any(g.isalpha() and len(g) > 3 for g in groups):
        return False  # ``44 NORD``: a word, not a plate's letters
    if _GERMAN.fullmatch(value):
        return True  # ``M-KL 4821``: a town's letters, a hyphen; no road is written so
    return not any(g in _NOT_LETTERS for g in groups)


def _next_to_capital(text: str, start: int, end: int) -> bool:
    """A run of digits with a letter of a plate just before or after it."""
    before = start - 1
    if before >= 0 and text[before] in _SEPARATORS:
        if text[before] == "-" and before > 0 and text[before - 1].isalpha():
            return True  # ``ab-123-cd``, lower case, hyphens only
        before -= 1
    if before >= 0 and text[before].isupper():
        return True
    after = end + 1 if end < len(text) and text[end] in _SEPARATORS else end
    if after < len(text) and text[after].isupper():
        return True
    return "A" in text[start:end] or "B" in text[start:end]


_SEPARATORS = frozenset(" -_\u00a0./")
