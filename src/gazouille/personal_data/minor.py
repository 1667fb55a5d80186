"""Identified minors: a name or first name together with an age under 18 or a
school, or a named school together with the age of a minor (``une collégienne
de 13 ans du collège Aristide-Briand``: few pupils of 13 in one school; a
training centre too, ``apprenti de 16 ans du CFA de …``, or ``scolarisé à …``,
``en 3e à …``). One pupil's class says the age as well (``une élève de 5e du
collège Rosa-Parks``); a class as a group does not (``les élèves de 4e``).

Loi du 29 juillet 1881, art. 39 bis: nothing may identify a minor who ran
away, was abandoned or is the victim of an offence. An unnamed minor (``un
mineur de 16 ans``) and a named adult (``Kevin, 25 ans``, reported as
``person-name``) are not this rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gazouille.personal_data._text import fold, lower
from gazouille.personal_data.person_name import AMBIGUOUS, first_names, is_first_name, names

KIND = "minor"

POSITIVE = [
    "Yanis, 15 ans, a disparu mercredi.",
    "Léa B., âgée de 12 ans, est recherchée.",
    "Nathan, élève au collège Victor-Hugo, a été agressé.",
    "la jeune Inès (14 ans) n'est pas rentrée",
    "Kevin MARTIN, mineur de 17 ans, a été interpellé.",
    "Théo, quinze ans, scolarisé en 3e, a fugué.",
    "Ryan, lycéen de 16 ans, a été blessé.",
    "Une écolière de 9 ans de l'école Paul-Fort a été suivie à la sortie.",
    "un lycéen de 17 ans, scolarisé au lycée Guist'hau, a été frappé",
    "Le collégien, 14 ans, élève du collège La Colinière, est rentré chez lui.",
    "Disparition d'un garçon de quinze ans, en 3e au collège Saint-Joseph du Loquidy.",
    "une élève de 11 ans du groupe scolaire Les Marsauderies a été agressée",
    "Une apprentie de 16 ans du CFA de la coiffure de Rezé a été menacée.",
    "un apprenti boulanger de 17 ans, au CFA Pierre-Brossolette, a été volé",
    "Le lycéen de 16 ans, scolarisé au Sacré-Cœur de Cholet, a été frappé.",
    "une fillette de 12 ans scolarisée à Saint-Exupéry, Carquefou, a été suivie",
    "un jeune de 15 ans de la MFR de Vallet a été blessé",
    "une ado de 15 ans du lycée pro Michelet a été suivie",
    "un élève de 5e de l'ensemble scolaire Notre-Dame, 12 ans, a été racketté",
    "un stagiaire de 16 ans de l'AFPA de Saint-Herblain a été frappé",
    "un mineur de 15 ans, pensionnaire de l'IME Les Perrières, a fugué",
    "Deux collégiens de 13 et 14 ans, élèves au collège Jean-Mermoz, interpellés",
    "trois lycéennes de 15, 16 ou 17 ans du lycée Camus ont été menacées",
    "deux écoliers de 9-10 ans de l'école Paul-Fort ont été suivis",
    "un garçon et une fille de 12 et 13 ans, scolarisés au collège Rosa-Parks, agressés",
    "un élève de 15 ans, en seconde au lycée jules-verne, a été interpellé",
    "La collégienne, élève de 4e au collège des Sables, a été harcelée en ligne.",
    "Un lycéen de 16 ans, en terminale à Notre-Dame-du-Roc, a été blessé.",
    "une collégienne de 13 ans du collège jean moulin a été suivie",
    "une écolière de 8 ans de l'école sainte-thérèse a été retrouvée",
    "AGRESSION D'UN ÉLÈVE DE 15 ANS DU LYCÉE CARCOUËT : DEUX MAJEURS EN GARDE À VUE",
    "Une Collégienne De 13 Ans Du Collège Rosa-Parks Suivie",
    "lenny 14 ans a été percuté en sortant du gymnase",
    "on recherche inès, 15 ans, partie à pied",
    "un gamin de 13 ans du college de la reinetiere a ete frappe pour son tel",
    "un collégien de 13 ans de l'ensemble scolaire notre-dame de toutes aides",
    "MATÉO (15 ANS) BLESSÉ DEVANT SON LYCÉE",
]

NEGATIVE = [
    "Un mineur de 16 ans a été interpellé.",
    "Kevin, 25 ans, a été interpellé.",
    "Prévention au collège Victor-Hugo avec 120 élèves de 4e.",
    "Un adolescent de 15 ans a été retrouvé sain et sauf.",
    "Intervention auprès des élèves de 12 à 15 ans du collège Jean-Moulin.",
    "Sensibilisation de 80 collégiens de 14 ans au collège Sophie-Germain.",
    "Le collège Rosa-Parks a accueilli nos policiers ; un homme de 45 ans interpellé.",
    "Un adolescent de 16 ans a été interpellé près d'un collège de Rezé.",
    "Un apprenti de 24 ans du CFA du bâtiment de Saint-Nazaire a été blessé.",
    "Forum des métiers au CFA Pierre-Brossolette : 300 apprentis de 16 à 25 ans.",
    "Un mineur de 17 ans, scolarisé, a été interpellé.",
    "Prévention auprès des jeunes scolarisés dans le quartier : 40 élèves de 15 ans.",
    "Sensibilisation des élèves de 13 et 14 ans du collège Jean-Mermoz.",
    "Forum au lycée Camus pour les 15-17 ans ; 300 élèves de 15, 16 et 17 ans.",
    "Deux mineurs de 14 et 15 ans interpellés près d'une école de Rezé.",
    "Un adolescent de 15 ans interpellé ; le lycée lui-même a porté plainte au collège pour rien.",
    "Un mineur de 16 ans interpellé devant le lycée ce matin, au collège hier soir.",
    "Séance de prévention au collège Rosa-Parks pour les élèves de 5e et de 4e.",
    "Un homme de 40 ans, parent d'un élève de CM2, a été interpellé devant l'école.",
    "PRÉVENTION AU LYCÉE CARCOUËT AVEC 300 ÉLÈVES DE 15 ANS",
    "il y a 14 ans, la rue a changé ; depuis 15 ans, rien ; marié 12 ans",
    "un garçon de 13 ans de la ville a été frappé devant le collège de la ville a midi",
    "UN ADOLESCENT (15 ANS) BLESSÉ À LA GARE",
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
    r"(?<!\w)(?:depuis|il y a|pendant|durant|après|apres|dans|plus de|moins de|à)\s*$", re.I
)
_WINDOW_BEFORE = 60
_WINDOW_AFTER = 90


# The classes of French schools, from CP to terminale.
_GRADES = r"(?:CP|CE[12]|CM[12]|[3-6]e|[3-6]ème|seconde|2nde|première|1re|1ère|terminale)\b"
# One pupil given a class (``une élève de 5e``): a minor, as an age would say.
# Two or three pupils of one class with their school named are identified as
# one would be (``deux élèves de 4e du collège …``); ``scolarisée`` may come
# between the pupil and the class (``une élève scolarisée en CM1``).
_ONE_IN_GRADE = re.compile(
    r"(?:\b(?:une?|la|le|deux|trois|[23])\s+|\bl['’]\s*)(?:jeunes?\s+)?"
    r"(?:[ée]l[èe]ve|coll[ée]gien(?:ne)?|lyc[ée]en(?:ne)?|[ée]coli[èe]re?|[ée]colier|adolescente?"
    r"|ado|enfant|fillette|garçon|victime)s?(?:\s*,\s*[ée]l[èe]ve)?(?:\s+scolaris[ée]e?s?)?"
    rf"\s+(?:de|en)\s+{_GRADES}",
    re.IGNORECASE,
)
_IN_GRADE = re.compile(rf"\ben\s+{_GRADES}", re.IGNORECASE)
# A school with its name: ``collège Aristide-Briand``, ``l'école Sainte-Thérèse``,
# ``lycée professionnel Les Savarières``.
# The type in any case (``LYCÉE CARCOUËT`` in a title in capitals), its name
# capitalised.
_SCHOOL = re.compile(
    r"\b(?:(?i:coll[èe]ge|lyc[ée]e|[ée]cole|universit[ée]|facult[ée])(?:\s+de\s+production)?"
    r"|(?:groupe|ensemble|cit[ée])\s+scolaire"
    r"|internat|institution|CFA|MFR|AFPA|IME|ITEP|EREA|SEGPA|LP|IUT"
    r"|centre\s+de\s+formation(?:\s+d['’]apprentis)?|maison\s+familiale(?:\s+rurale)?"
    r"|scolaris[ée]e?s?\s+(?:à|au|dans|chez)"
    # A class, then where: ``en 3e à Sainte-Anne``.
    rf"|en\s+{_GRADES}\s+(?:à|au))"
    r"(?:\s+(?:[ée]l[ée]mentaire|maternelle|primaire|priv[ée]e?|publique?|professionnel(?:le)?|pro"
    r"|polyvalent|agricole|g[ée]n[ée]ral|technologique|catholique))*"
    # A trade may come first: ``CFA du bâtiment de Saint-Nazaire``.
    r"(?:\s+(?:du|de\s+la|des|de\s+l['’]|de|d['’])\s*[a-zà-ÿ][\w-]*(?=\s+(?:de|du|d['’])))?"
    r"\s+(?P<name>(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[A-ZÀ-Ý][\w'’\-]*"
    r"(?:\s+(?:(?:d['’]|de|du|des|la|le|les)\s*)?[A-ZÀ-Ý][\w'’\-]*)*)"
)
_SCHOOL_WORDS = (
    "collège",
    "college",
    "lycée",
    "lycee",
    "école",
    "ecole",
    "scolaire",
    "scolaris",
    "internat",
    "institution",
    "cfa",
    "mfr",
    "formation",
    "familiale",
    "universit",
    "facult",
)
# A group, not one pupil: ``des élèves de 12 à 15 ans``, ``80 collégiens de 14 ans``,
# ``les 11-13 ans``.
_ENUMERATED = r"(?:\d{1,2}\s*(?:,|et|ou|-|à)\s*)*"
_GROUP_BEFORE = re.compile(
    rf"(?:\b(?:des|les|ces|nos|aux|plusieurs|quelques|deux|trois|\d+)\s+(?:[\w-]+\s+){{0,2}}"
    rf"(?:de|âgée?s\s+de)\s*{_ENUMERATED}$|\b(?:des|les|ces|nos|aux)\s+{_ENUMERATED}$"
    r"|\d+\s*(?:à|-)\s*$)",
    re.IGNORECASE,
)
# Two or three pupils, each with an age (``deux collégiens de 13 et 14 ans``):
# each is identified, as one would be.
_FEW_BEFORE = re.compile(
    r"\b(?:deux|trois|[23])\s+(?:[\w-]+\s+){0,2}(?:de|âgée?s\s+de)\s*"
    r"(?:\d{1,2}\s*(?:,|et|ou|-)\s*)*$",
    re.IGNORECASE,
)
# A school named in lower case: ``lycée jules-verne``, ``collège jean moulin``,
# ``école sainte-thérèse``: its name opens with a first name or a saint.
_SCHOOL_LOWER = re.compile(
    r"\b(?:coll[èe]ge|lyc[ée]e|[ée]cole|(?:groupe|ensemble|cit[ée])\s+scolaire|institution)"
    r"(?:\s+(?:priv[ée]e?|public|publique|pro"
    r"|professionnel(?:le)?|[ée]l[ée]mentaire|maternelle|primaire))?"
    r"\s+(?P<first>[a-zß-öø-ÿ]+)(?:-[a-zß-öø-ÿ'’]+)+"
    # A name with its article (``lycée la colinière``, ``college de la
    # reinetiere``) that ends the phrase, before punctuation or the verb of
    # the sentence: ``collège la semaine dernière`` goes on.
    r"|\b(?:coll[èe]ge|lyc[ée]e|[ée]cole)\s+(?:de\s+)?(?:la|le|les)\s+"
    r"(?P<article>[a-zß-öø-ÿ'’-]{4,})"
    r"(?=\s*(?:[:;,.)!?]|$|\s+(?:de|à)\s+[a-zß-öø-ÿA-ZÀ-Ý]"
    r"|\s+(?:a|ont|est|sont|avait|avaient|[ée]tait|[ée]taient)\s))"
    r"|\b(?:coll[èe]ge|lyc[ée]e|[ée]cole)\s+(?P<first2>[a-zß-öø-ÿ]+)\s+(?P<last>[a-zß-öø-ÿ'’-]{3,})"
)
# Times, not a school's name: ``au collège le matin, …``.
_NOT_SCHOOL_NAMES = frozenset(
    [
        "matin", "soir", "midi", "nuit", "veille", "lendemain", "semaine", "journée", "journee",
        "mois", "jour", "année", "annee", "plus", "moins", "même", "meme", "seul", "seule",
        "dernier", "dernière", "prochain", "prochaine", "samedi", "dimanche", "lundi", "mardi",
        "mercredi", "jeudi", "vendredi", "rentrée", "rentree", "récréation", "cantine", "sortie",
        "ville", "commune", "région", "region", "république", "republique",
    ]
)  # fmt: skip
_NOT_SURNAMES = frozenset(
    [
        "pour", "avec", "dans", "sans", "est", "était", "sont", "ont", "qui", "que", "hier",
        "cette", "depuis", "après", "avant", "vers", "entre", "sur", "sous", "par", "mais",
        "donc", "car", "aux", "des", "les", "une", "ses", "son", "leur", "ce", "matin", "soir",
    ]
)  # fmt: skip
# ``près d'un collège de Rezé``: some school, not a named one.
_INDEFINITE = re.compile(r"\b(?:un|une|des|plusieurs|deux|trois)\s+$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+")


# Schools and training centres known by their initials (medical-educational
# institutes, adapted classes, adult training that takes apprentices of 16,
# the university institutes of technology that take bachelors of 17).
_SCHOOL_INITIALS = ("CFA", "MFR", "AFPA", "IME", "ITEP", "EREA", "SEGPA", "LP ", "IUT")


def find(text: str) -> Iterator[tuple[int, int]]:
    found = False
    for start, end in names(text):
        if near_minor(text, start, end):
            found = True
            yield start, end
    if not found and "ans" in lower(text):
        yield from _first_name_and_age(text)
    low = lower(text)
    if (
        any(word in low for word in _SCHOOL_WORDS)
        or any(i in text for i in _SCHOOL_INITIALS)
        or ("en " in low and _IN_GRADE.search(text))
    ):
        yield from _named_school(text)


# A first name in any case right before an age (``lenny 14 ans``, ``inès,
# 15 ans``): typed in lower case, the name escapes the name detector, the age
# does not. The age is looked for first, the word before it then.
# In capitals too, and the age in brackets: ``MATÉO (15 ANS) BLESSÉ``.
_AGE_IN_YEARS = re.compile(r"\b(?P<age>\d{1,2})\s*(?i:ans)\b")
_WORD_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<name>[^\W\d_]{3,20}),?\s+(?:(?i:âgée?)\s+(?i:de)\s+|\()?$"
)


def _first_name_and_age(text: str) -> Iterator[tuple[int, int]]:
    for age in _AGE_IN_YEARS.finditer(text):
        if int(age.group("age")) >= 18:
            continue
        before = _WORD_BEFORE.search(text, max(0, age.start() - 32), age.start())
        if before is None:
            continue
        word = before.group("name")
        if word.endswith(("é", "ée")):
            continue  # ``marié 12 ans``: a participle, not ``Marie``
        name = fold(word)
        if name not in AMBIGUOUS and (is_first_name(name) or _spelling(name) in _spellings()):
            yield before.span("name")


def _spelling(name: str) -> str:
    """A first name's sound, not its spelling: ``Matéo`` and ``Mathéo``,
    ``Mattéo``, ``Maÿlis`` and ``Maïlis`` are one name."""
    plain = name.replace("th", "t").replace("ph", "f").replace("y", "i")
    return _DOUBLED.sub(r"\1", plain)


_DOUBLED = re.compile(r"(.)\1")


@lru_cache(maxsize=1)
def _spellings() -> frozenset[str]:
    return frozenset(_spelling(name) for name in first_names() if name not in AMBIGUOUS)


def _named_school(text: str) -> Iterator[tuple[int, int]]:
    """The name of a school in a sentence that gives one pupil's age under 18."""
    for sentence in _SENTENCE.finditer(text):
        schools = list(_SCHOOL.finditer(text, sentence.start(), sentence.end()))
        schools += [
            m
            for m in _SCHOOL_LOWER.finditer(text, sentence.start(), sentence.end())
            if _lower_school_name(m)
        ]
        if schools and _one_under_18(sentence.group()):
            for school in schools:
                if not _INDEFINITE.search(text, max(0, school.start() - 12), school.start()):
                    yield school.span()


def _lower_school_name(match: re.Match[str]) -> bool:
    if match.group("article") is not None:
        return match.group("article") not in _NOT_SCHOOL_NAMES
    first = match.group("first") or match.group("first2")
    if match.group("last") is not None and match.group("last") in _NOT_SURNAMES:
        return False
    # ``notre-dame de toutes aides``, ``saint-joseph``: a saint's name.
    return first in {"saint", "sainte", "notre"} or is_first_name(fold(first))


def near_minor(text: str, start: int, end: int) -> bool:
    """An age under 18 or a school around the name at ``text[start:end]``."""
    window = text[max(0, start - _WINDOW_BEFORE) : end + _WINDOW_AFTER]
    return bool(_CUES.search(window)) or _under_18(window)


def _one_under_18(sentence: str) -> bool:
    """An age under 18 in ``sentence`` that is one person's, not a group's, or
    one pupil's class."""
    if _ONE_IN_GRADE.search(sentence):
        return True
    return any(
        _FEW_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        or not _GROUP_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        for m in _AGE.finditer(sentence)
        if _under_18(m.group())
    )


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
