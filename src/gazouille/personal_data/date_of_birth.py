"""Dates of birth: a date introduced by ``né le``, ``n. le``, ``née en``,
``date de naissance``, ``DDN``…

A full date, its day in figures or in words (``né le trois juillet 1988``),
or a month and a year (``née en mars 2009``) is a date of birth.
A birth year alone is not (``un homme né en 1998``): it says no more than an
age, which posts may give. The date of an event (``le 12/03/2026 à 14 h``)
is not a date of birth, nor the day a scheme or a service was born
(``le dispositif « Tranquillité Seniors », né le 01/03/2025``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import lower, runs

# Cheap first look: a cue word starts after a space, a bracket or the text's
# start (``née`` alone would also match ``année``, ``journée``…).
_HINTS = (
    " né",
    "(né",
    "\nné",
    " ne le",
    " ne en",
    "n. le",
    "n.le",
    "n. en",
    " nee ",
    "naiss",
    "dn",
    "d.d.n",
    "d.n.",
    "d. n.",
    "dob",
    "d.o.b",
    "birth",
)

KIND = "date-of-birth"

POSITIVE = [
    "Kevin, né le 12/03/1998, est recherché.",
    "une femme née le 4 mars 2001",
    "date de naissance : 23.07.1999",
    "DDN 01-02-1987",
    "né(e) le 1er janvier 1990 à Nantes",
    "Sophie D. (née en juin 2009)",
    "Date de naissance: 5 juin 1975",
    "nés le 3 et le 4 mai 2010",
    "né le 12 / 03 / 98",
    "né à Saint-Nazaire le 7 juillet 1992",
    "naissance : 14/06/1985",
    "suspect, dob 1990-07-21, taille 1m75",
    "D.O.B. : 03/02/1988",
    "date naiss. 12 05 1993, sans domicile",
    "(date de naiss. : 4 mars 1979)",
    "fiche : date de naissance :\n21/09/1978",
    "DDN\n07.11.2002",
    "NÉ LE 14 FÉVRIER 2000 À NANTES",
    "né le 3 sept. 1996",
    "fiche : D.N. 04 09 1987, sans domicile",
    "D.D.N. 23 11 2001 selon le témoin",
    "née le 30 06 1994 à Brest",
    "individu (D. N. : 7 3 1990)",
    "Sabrina, née le 12 mars 98",
    "individu né 12/03/1998 à Nantes",
    "fiche : DN 04/05/1990",
    "né en mars 2009, il est recherché",
    "Naissance le 4 mai 1990 à Brest",
    "né le 04–05–1990 à Rennes",
    "GAV : DUBOIS Kevin n. le 19/10/1995, pour recel",
    "individu n.le 3 mai 1988 à Brest",
    "la victime, n. en juillet 2004, a porté plainte",
    "le fondateur du site, né le 12/03/1990, a été interpellé",
    "le président de l'association Kevin Martin, né le 12/03/1998, entendu",
    "Fiche\nSexe : F\nNé(e) le : 21/09/1988\nFaits : vol",
    "NOM : MOREAU\nNée le : 19/02/1997",
    "Nés le : 3 et 4 mai 2010",
    "Né en : mars 2009",
    "le conducteur (DN 26 05 1979) contrôlé",
    "DDN 05/1979 (mois et année)",
    "date de naissance : 05 1979",
    "né le trois juillet 1988",
]

NEGATIVE = [
    "Les faits se sont produits le 12/03/2026 à 14 h.",
    "Un mineur de 16 ans a été interpellé le 4 mars.",
    "Né en 1998, le dispositif Alerte Enlèvement a été déclenché 30 fois.",
    "Journée de la naissance du 17 : le 4 mars.",
    "Le dispositif, né à Nantes, est lancé le 4 mars 2026.",
    "Opération DOB (Délinquance, Ordre, Bruit) le 12/03/2026.",
    "Acte de naissance : démarches en mairie dès le 2 janvier 2027.",
    "Voir la D.N. 12 du règlement et la R.N. 12 12 1992.",
    "Les J.O. 26 07 2024 à Paris.",
    "Rendez-vous le 4 mars 20 h ; né 2 fois ; DN 12 du règlement.",
    "Un homme né en 1998 condamné à 6 mois avec sursis.",
    "Sophie D. (née en 2009) ; une femme née en 1992 ; un suspect n. en 1985.",
    "Le dispositif « Tranquillité Seniors », né le 01/03/2025, a permis 340 visites.",
    "Notre service de médiation, né en mars 2021, fête ses cinq ans.",
    "Le projet Cœur de Ville, né le 4 mai 2019 à Rezé, s'étend.",
    "Fiche\nSexe : M\nNé en : 1988\nFaits : vol",
    "Né(e) le : à préciser ; le dispositif, né le : 01/03/2025.",
    "Classement DN 12 3 : 2026 points.",
    "DDN : 1979 (l'année seule est un âge)",
    "le conducteur (DN 1979) contrôlé",
    "Le dispositif « Voisins vigilants » de Sautron, né le 01/09/2024, grandit.",
]

_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|d[ée]c\.?"
)
# A day written out in words (``né le trois juillet 1988``, ``le vingt-et-un``).
_DAY_WORDS = (
    r"premier|(?:vingt|trente)(?:[\s-]et[\s-]un|-(?:deux|trois|quatre|cinq|six|sept|huit|neuf))?"
    r"|dix(?:-(?:sept|huit|neuf))?|onze|douze|treize|quatorze|quinze|seize"
    r"|un|deux|trois|quatre|cinq|six|sept|huit|neuf"
)
_DATE = (
    rf"(?:\d{{1,2}}\s*[/.\-_\u2013\u2014]\s*\d{{1,2}}\s*[/.\-_\u2013\u2014]\s*\d{{2,4}}"
    rf"|\d{{1,2}}\s+\d{{1,2}}\s+(?:19|20)\d\d"
    rf"|(?:{_DAY_WORDS})\s+(?:{_MONTHS})\s+(?:19|20)\d\d\b"
    rf"|(?:1er|\d{{1,2}})(?:\s+(?:et(?:\s+le)?|ou)\s+\d{{1,2}})?\s+(?:{_MONTHS})\s+"
    rf"(?:\d{{4}}|\d\d(?!\s*h\b|\d))"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
)
# A full date (a year of four digits) needs no ``le`` after ``né``:
# ``né 12/03/1998``; ``né en mars 2009`` gives the month and the year.
_FULL_DATE = r"\d{1,2}\s*[/.\-\u2013]\s*\d{1,2}\s*[/.\-\u2013]\s*(?:19|20)\d\d\b"
# A month and a year (``mai 1979``, ``05/1979``, ``05 1979``): a date of
# birth after a cue, as a full date is; a year alone is not (an age).
_MONTH_YEAR = (
    rf"(?:{_MONTHS})\s+(?:19|20)\d\d\b|(?:0?[1-9]|1[0-2])\s*[/.\-]\s*(?:19|20)\d\d\b"
    r"|(?:0?[1-9]|1[0-2])\s+(?:19|20)\d\d\b"
)
_CUE = (
    # A form's field may put a colon after ``le``: ``Né(e) le : 21/09/1988``.
    r"\bn[ée]e?s?(?:\(e\))?\s+(?:le|en)\b(?:\s*:)?"
    r"|\bn\.\s*(?:le|en)\b"
    r"|\bdate\s+de\s+naissance\b\s*:?"
    r"|\bd\.?d\.?n\.?\s*:?"
    r"|\bd\.\s?n\.\s*:?"
    r"|\bn[ée]e?s?(?:\(e\))?\s*:"
    r"|\bn[ée]e?s?(?:\(e\))?\s+[àa]\s+[^,.;:\n]{1,40}?\s+le\b"
    r"|\bnaissance\s*(?::|le\b|en\b)"
    # ``DN`` alone (also a name's initials) only before a date: separators,
    # or spaces and a four-digit year (``DN 26 05 1979``).
    r"|\bd\.?n\.?\s*:?(?=\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    r"|\s*\d{1,2}\s+\d{1,2}\s+(?:19|20)\d\d\b"
    rf"|\s*(?:{_MONTH_YEAR}))"
    r"|\bdate\s+(?:de\s+)?naiss(?:ance|\.)?\s*:?"
    r"|\bnaiss\.\s*:?"
    r"|\bd\.?o\.?b\.?\s*:?"
    r"|\bdate\s+of\s+birth\s*:?"
)
# A year after ``en`` only with its month (``née en mars 2009``, ``Né en :
# mars 2009``); a year alone stays an age (``Né en : 1988``).
_DOB = re.compile(
    rf"(?:{_CUE})\s*(?P<date>{_DATE}|(?:(?<=en )|(?<=: ))(?:{_MONTHS})\s+\d{{4}}\b"
    rf"|{_MONTH_YEAR})"
    rf"|\bn[ée]e?s?\s+(?P<full>{_FULL_DATE})",
    re.I,
)
# A thing that was born, not a person: a scheme, a service… right before
# ``né``, named or not (``le dispositif « Tranquillité Seniors », né le …``).
_THING_BEFORE = re.compile(
    # The thing is the subject: a determiner before it, not a complement
    # (``le fondateur du site, né le …`` is a person).
    r"(?<![dD]e )(?<![\w'’])(?:(?:le|la|ce|cet|cette|notre|votre|un|une)\s+|l['’]\s?)"
    r"(?:dispositif|service|projet|programme|plan|association|site|festival|r[ée]seau|label"
    r"|partenariat|op[ée]ration|application|comit[ée]|collectif)"
    r"(?:\s+(?:(?:de|du|des)\s+|d['’])?(?!(?:de|du|des)\b)[a-zà-ÿ]{3,})?"  # ``service de médiation``
    r"(?:\s+«[^»]{1,40}»|\s+\"[^\"]{1,40}\"|\s+[A-ZÀ-Ý][\w'’\-]*(?:\s+(?:de\s+|d['’])?[A-ZÀ-Ý][\w'’\-]*){0,3})?"
    # Its town after its name (``« Voisins vigilants » de Sautron``).
    r"(?:\s+(?:de|du|d['’]|à)\s*(?-i:[A-ZÀ-Ý])[\w'’\-]*(?:[\s-]+(?-i:[A-ZÀ-Ý])[\w'’\-]*){0,2})?"
    r"\s*,?\s*$",
    re.IGNORECASE,
)


def find(text: str) -> Iterator[tuple[int, int]]:
    if not runs(text):
        return
    low = lower(text)
    if not (low.startswith(("né", "ne le", "nee ")) or any(hint in low for hint in _HINTS)):
        return
    for match in _DOB.finditer(text):
        if _THING_BEFORE.search(text, max(0, match.start() - 80), match.start()):
            continue
        yield match.span("date") if match.group("date") else match.span("full")
