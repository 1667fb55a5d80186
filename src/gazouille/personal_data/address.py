"""Postal addresses: a house number followed by a street.

``12 rue des Lilas``, ``45 bis avenue Jean Jaurès``, ``3, impasse des
Tilleuls``, and after ``au`` the spoken form ``au 8 de la rue Crébillon``.
Where the public is invited to an event (``réunion publique au 12 rue de la
Mairie``) the address is the event's, not a person's.
A street without a house number (``avenue Jean Jaurès``), a postcode alone
(``44000 Nantes``) and a number of things (``3 rues``, ``2 places de
parking``) are not addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import lower, runs

KIND = "address"

POSITIVE = [
    "cambriolage au 12 rue des Lilas à Rezé",
    "il réside 45 bis avenue Jean Jaurès",
    "domicilié 3, impasse des Tilleuls, 44000 Nantes",
    "au 8 boulevard Victor Hugo",
    "retrouvé 17 Rue de la Paix",
    "au 2 ter, allée du Général-de-Gaulle",
    "au 110 route de Vannes",
    "au 5 place du 8 Mai 1945",
    "résidant au 14 bd Gambetta",
    "au 27 Grande Rue",
    "cambriolage au 12 rue des lilas",
    "au 8 avenue de la république",
    "intervention au 8 de la rue Crébillon",
    "au 12 bis du boulevard Guist'hau",
    "domicilié au n° 4 de l'avenue de la Gare",
    "vol au 7 r. Paul-Bellamy",
    "cambriolage 21 chem. des Pinsons",
    "au 4 all. des Tilleuls, Carquefou",
    "il habite rue Marcel-Sembat, n° 41",
    "il habite rue Marcel-Sembat n°41",
    "le logement, avenue de la Gare 12, a été perquisitionné",
    "retrouvé boulevard des Anglais 156.",
    "cambriolage au 12 av Jean Jaurès",
    "incendie au 4 imp des Roses",
    "vol au 7 r. des lilas",
    "perquisition au 9 pl du Commerce",
    "domiciliée rue de la Paix, au numéro 14",
    "coups de feu à hauteur du 9 de la rue Crébillon",
    "incendie devant le 3 du boulevard Dalby",
    "tags derrière le 21 de l'avenue de la Libération",
    "Perquisition rue Paul-Bert, 31 : deux armes saisies",
    "cambriolage avenue de la Gare, 12 bis.",
    "retrouvé impasse des Tilleuls, 4",
    "Réunion de quartier après le cambriolage du 8 rue des Acacias.",
    "vol par ruse à son domicile, rte de Vannes, n°142.",
    "cambriolage imp. des Roses, n° 3",
    "il habite av Jean-Jaurès, 27 bis.",
    "incendie bd Dalby, n°8",
    "il habite allée du Commandant-Charcot (n° 9).",
    "vols dans l'impasse des Mésanges ; interpellé devant le n°6, où réside la victime",
    "partie de chez sa fille, au n°7 de l'impasse Haute-Forêt à Vertou",
    "frappé dans son jardin rue Mondésir, au 23, par deux individus",
    "Découverte d'un atelier clandestin au 102 avenue de la République.",
    "au 20/22 rue de la Bastille",
    "Lieu des faits : rue des Hauts-Pavés\nN° : 142",
]

NEGATIVE = [
    "Accident avenue Jean Jaurès ce matin.",
    "Permanence au commissariat, 44000 Nantes.",
    "Contrôles dans 3 rues du centre-ville.",
    "2 places de parking réservées aux secours.",
    "Le collège Victor-Hugo a accueilli 3 cours de prévention.",
    "Rendez-vous boulevard Victor Hugo à 14 h.",
    "Fermeture de 4 routes départementales.",
    "Agression à 22 h 10 quai de la Fosse.",
    "3 cours de prévention et 2 places de parking, 1 place de la mairie.",
    "Le 8 de la rue Crébillon au 12 de la place : deux équipes sur 3 de la route.",
    "Travaux jusqu'au 15 du mois, puis au 2 de la semaine prochaine.",
    "Accident rue de Paris 3 blessés légers.",
    "Fermeture de la rue Crébillon de 9 h à 12 h, place Royale 2026 en fête.",
    "Interventions : rue de la Paix 14 h, boulevard Victor Hugo 16 h 30.",
    "Le collège Victor-Hugo a accueilli 120 élèves.",
    "Réservez 3 pl de parking ; 3 av. de retard ; 2 imp. réglés.",
    "Bouchons rue de Rennes, 3 km de ralentissement ; boulevard Gambetta, 12 à 14 h.",
    "Accident avenue de la Gare, 2 blessés ; rue Crébillon, 3,5 t de gravats.",
    "Ouverture du 2 de la semaine ; devant le 3 du classement ; vers le 15 du mois.",
    "Marché place Royale, 9:30 ; fermeture quai de la Fosse, 18 h.",
    "Réunion publique le 3 décembre à 18 h au 12 rue de la Mairie, Vertou.",
    "Permanence d'aide aux victimes chaque mardi au 4 place du Commerce.",
    "Bouchons rte de Vannes, 3 km ; travaux av Jean-Jaurès, 12 à 14 h.",
    "Réunion publique sur les cambriolages mardi, salle des fêtes, 5 rue du Stade à Basse-Goulaine.",
    "Atelier de prévention des vols, samedi, maison de quartier, 4 rue du Marché, Rezé.",
    "Travaux rue de la Paix ; le n° 3 du programme est reporté, habitants prévenus.",
    "Fermeture de la rue Crébillon, au 12 décembre ; boulevard Gambetta, au 3e feu.",
]

_STREET = (
    r"r\.|chem\.|all\.|bld\.|bd\.|boul\.|rte\.|sq\.|pass\.|r[ée]s\.|fbg\.|"
    r"rue|ruelle|avenue|av\.?|boulevard|bd|bld|bvd|place|pl\.?|impasse|imp\.?|all[ée]e|chemin|"
    r"ch\.|route|rte|quai|cours|square|passage|cit[ée]|r[ée]sidence|lotissement|lot\.|"
    r"sentier|voie|promenade|rond-point|faubourg|fg|esplanade|hameau|lieu-dit|villa|parvis|"
    r"mont[ée]e|traverse|venelle|clos|domaine|grande[ -]rue|grand'?rue|grand-rue"
)
# Two numbers of one building (``au 20/22 rue …``, ``14-16 quai …``) are one
# house number.
_ADDRESS = re.compile(
    rf"\d{{1,4}}(?:[/\-]\d{{1,4}})?(?:\s*(?:bis|ter|quater|[a-dA-D])\b)?\s*,?\s+(?:{_STREET})(?![\w])",
    re.IGNORECASE,
)
# ``au 8 de la rue Crébillon``: the number, then the street, after a word
# that places something at a house (``au``, ``du``: ``à hauteur du 9 de la
# rue …``, ``devant le 3 du boulevard …``).
_ADDRESS_OF = re.compile(
    rf"\d{{1,4}}(?:\s*(?:bis|ter|quater)\b)?\s+(?:de\s+la|de\s+l['’]|du|des)\s*(?:{_STREET})(?![\w])",
    re.IGNORECASE,
)
_AU_BEFORE = re.compile(
    r"(?:^|[^\w'’])(?:au|du|(?:devant|derri[èe]re|vers)\s+le)"
    r"(?:\s+n°\s*|\s+num[ée]ro\s+|\s+)$",
    re.IGNORECASE,
)
# What follows the street type must be a name: a capital or a number
# (``du 8 Mai``), after an optional article.
_NAME = re.compile(
    r"\s+(?:(?:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|l['’]|aux?)\s*)?[A-ZÀ-Ý0-9]"
)
# A lower-case name is taken only after an article: ``12 rue des lilas``
# (``3 cours de prévention`` has no house number: ``cours`` is excluded).
_LOWER_NAME = re.compile(
    r"\s+(?:de\s+la|de\s+l['’]|du|des|d['’])\s*[a-zà-ÿ]{3,}",
)
_LOWER_STREETS = re.compile(
    r"rue|avenue|boulevard|bd|impasse|all[ée]e|quai|chemin|square|passage"
    r"|\d\s*,?\s+(?:r\.|av\.?|bld|bvd|imp\.?|all\.|ch\.|chem\.)",
    re.I,
)
_REST = re.compile(
    r"[\wÀ-ÿ'’\-]*(?:\s(?:de\s+la|de|du|des|d['’]|la|le|les|l['’]|aux?)?\s*[A-ZÀ-Ý0-9][\wÀ-ÿ'’\-]*)*"
)
# The street types, some abbreviated, that a house number may follow.
_STREET_TYPES = (
    r"rue|avenue|av\.?|boulevard|bd|bld|bvd|impasse|imp\.?|all[ée]e|all\.|chemin|chem\."
    r"|ch\.|quai|place|pl\.?|route|rte\.?|square|sq\.|passage|cours|r\."
)
# The house number after the street, whose type may be abbreviated
# (``rte de Vannes, n°142``, ``av Jean-Jaurès, 27 bis``): ``rue de Strasbourg, n° 27``,
# ``boulevard Guist'hau 18, au 3e étage``: what comes before a number. Without
# ``n°``, the number must end the phrase (a comma, a full stop, the end), not
# count things (``rue X 3 blessés``).
_STREET_BEFORE = re.compile(
    rf"\b(?i:{_STREET_TYPES})\s+(?:(?:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|l['’])\s*)?"
    r"[A-ZÀ-Ý][\wÀ-ÿ'’\-]*(?:\s+(?:(?:de|du|des|la|le|d['’])\s*)?[A-ZÀ-Ý][\wÀ-ÿ'’\-]*){0,3}"
    # The town, and its postcode, between the street and a ``n°`` that follows
    # (``rue de la Paix, Saint-Herblain⏎n° 47``).
    r"(?:,\s*(?:\d{5}\s+)?[A-ZÀ-Ý][\wÀ-ÿ'’\-]*(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’\-]*){0,2}"
    r"(?=\s*[,(]?\s*(?i:n°|no\.|num[ée]ro)))?"
    # A form's field on the next line: ``Lieu : rue X⏎N° : 142``.
    r"(?P<cue>\s*[,(]?\s*(?i:(?:au\s+)?(?:n°|no\.?|num[ée]ro))\s*:?\s*|,\s*(?P<au>au)\s+|,?\s+)$"
)
# Street words, searched in the lower-case text (an inline flag would make
# the search scan slowly).
_STREET_WORD = re.compile(rf"\b(?:{_STREET_TYPES})\s")
_NUMBER_CUE = re.compile(r"n°|no\.?\s*:?\s*$|numéro")
# What ends the phrase: punctuation (not the ``,5`` of a decimal nor the
# ``:30`` of an hour), the end, or ``à``/``au`` and a place (not ``12 à 14 h``).
_ENDS_PHRASE = re.compile(
    r"(?:\s*(?:bis|ter)\b)?(?=\s*(?:[.;)!?]|[,:](?!\d)|$|\s+(?:au|à)\s+(?!\d)))"
)
_BIS = re.compile(r"\s*(?:bis|ter)\b")
_GRANDE_RUE = re.compile(r"grande?[ \-']?rue$", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d\s*[hH:]\s*$")


def find(text: str) -> Iterator[tuple[int, int]]:
    for start, end in _addresses(text):
        if not _public_venue(text, start):
            yield start, end


# Where the public is invited (``réunion publique au 12 rue de la Mairie``):
# the address of an event, not of a person, unless the sentence also says who
# lives or was hit there. A public building's address is still one to declare
# in ``allow.addresses``.
_VENUE = re.compile(
    r"\b(?:r[ée]union|permanence|rendez-vous|forum|exposition|portes?\s+ouvertes|salon"
    r"|atelier\s+(?:de\s+|d['’])?(?:pr[ée]vention|sensibilisation|information)"
    r"|conf[ée]rence|c[ée]r[ée]monie|inauguration|job\s*dating|recrutement"
    r"|journ[ée]e\s+(?:de|d['’]|du|des)|accueil\s+du\s+public)\b",
    re.IGNORECASE,
)
_PRIVATE = re.compile(
    r"\b(?:domicili|habit|r[ée]sid|chez|cambriol|perquisition|logement|appartement|maison|domicile"
    r"|bless|agress|incendi|retrouv|interpell|vol\b|vols\b|squat|d[ée]c[ée]d|mort)",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?\n][^.!?\n]*$")
# A public building named with the event's address (``salle polyvalente, 5 rue
# du Stade``, ``à la médiathèque, 2 place …``).
_PUBLIC_PLACE = re.compile(
    r"\b(?:salle|mairie|h[ôo]tel\s+de\s+ville|m[ée]diath[èe]que|biblioth[èe]que|gymnase"
    r"|maison\s+(?:de\s+quartier|des\s+associations|de\s+la\s+justice)|centre\s+(?:social"
    r"|socio-?culturel|culturel|de\s+loisirs)|espace\s+[A-ZÀ-Ý]|commissariat|gendarmerie)",
    re.IGNORECASE,
)


# A house number given apart from its street, in the same sentence, where
# someone lives: ``dans l'impasse des Mésanges ; interpellé devant le n°6, où
# réside la plaignante``. The ``n°`` is needed, and a word of dwelling.
_HOUSE_NUMBER = re.compile(r"(?:\bn°|\bnum[ée]ro)\s*\d{1,4}(?!\d)")
_NAMED_STREET = re.compile(
    r"\s+(?:(?:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|l['’])\s*)?[A-ZÀ-Ý]"
)
_DWELLING = re.compile(
    r"\b(?:habit|r[ée]sid)(?:e|ent|ait|aient)\b|\bdomicili[ée]|\bdomicile\b|\bdemeur[ae]"
    r"|\bvi(?:t|vent|vait)\b|\blog(?:e|ent|eait)\b|\bappartement\b|\bmaison\b|\bchez (?:lui|elle|eux)\b"
)


def _house_in_sentence(text: str, low: str, streets: list[int]) -> Iterator[tuple[int, int]]:
    if "n°" not in low and "numéro" not in low and "numero" not in low:
        return
    for number in _HOUSE_NUMBER.finditer(low):
        for at in streets:
            if not number.start() - 160 <= at < number.start():
                continue
            sentence = low[at : number.end()]
            if any(stop in sentence for stop in ".!?\n"):
                continue
            word = _STREET_WORD.match(low, at)
            if word is None or _NAMED_STREET.match(text, word.end() - 1) is None:
                continue
            close = _SENTENCE_END.search(low, number.end())
            whole = low[_sentence_start(low, at) : close.start() if close else len(low)]
            if _DWELLING.search(whole) is not None:
                yield at, number.end()
                break


_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")


def _sentence_start(low: str, at: int) -> int:
    return max(low.rfind(stop, 0, at) for stop in ".!?\n") + 1


def _public_venue(text: str, start: int) -> bool:
    before = text[max(0, start - 120) : start]
    opening = _SENTENCE_START.search(before)
    phrase = before[opening.start() + 1 :] if opening else before
    if _VENUE.search(phrase) is None:
        return False
    if _PRIVATE.search(phrase) is None:
        return True
    # ``réunion sur les cambriolages, salle polyvalente, 5 rue du Stade``: the
    # crime is the meeting's subject; the hall named right before the number
    # says whose address it is, unless a private word comes after it.
    halls = [hall.end() for hall in _PUBLIC_PLACE.finditer(phrase)]
    return bool(halls) and _PRIVATE.search(phrase, halls[-1]) is None


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    for run_start, _ in runs(text):
        if run_start and (text[run_start - 1].isalnum() or text[run_start - 1] in "/,."):
            continue
        if _TIME_BEFORE.search(text, max(0, run_start - 6), run_start):
            continue  # ``à 22 h 10 quai de la Fosse``: minutes, not a house number
        match = _ADDRESS.match(text, run_start)
        if match is None and _AU_BEFORE.search(text, max(0, run_start - 20), run_start):
            match = _ADDRESS_OF.match(text, run_start)
        if match is None:
            continue
        start, end = match.span()
        if _GRANDE_RUE.search(match.group()):
            yield start, end
            continue
        name = _NAME.match(text, end)
        if name is None and _LOWER_STREETS.search(match.group()):
            name = _LOWER_NAME.match(text, end)
        if name is not None:
            rest = _REST.match(text, name.end())
            yield start, rest.end() if rest else name.end()
    yield from _numbers_after_street(text)


def _numbers_after_street(text: str) -> Iterator[tuple[int, int]]:
    low = lower(text)
    if len(low) != len(text):
        return
    streets = [m.start() for m in _STREET_WORD.finditer(low)]
    if not streets:
        return
    yield from _house_in_sentence(text, low, streets)
    for start, end in runs(text):
        near = [at for at in streets if start - 80 <= at < start]
        if not near or end - start > 4:
            continue
        if end - start == 4 and _NUMBER_CUE.search(low, max(0, start - 10), start) is None:
            continue
        street = None
        for at in near:
            street = _STREET_BEFORE.match(text, at, start)
            if street is not None:
                break
        if street is None:
            continue
        if street.group("cue").strip(" ,") and street.group("au") is None:
            bis = _BIS.match(text, end)
            yield street.start(), bis.end() if bis else end
        else:
            after = _ENDS_PHRASE.match(text, end)
            if after is not None:
                yield street.start(), after.end()
