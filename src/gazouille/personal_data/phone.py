"""Phone numbers, French and international, validated by phonenumbers.

A candidate is a run of digit groups with any separators (spaces, dots,
hyphens, dashes, underscores, commas, slashes, a line break), read once the
text is normalized: ten digits from ``0`` starting at any group
(``06 12 34 56 78``, ``0745123456``, ``0612 345 678``), or an international
number after ``+`` (``+33 6 12 34 56 78``, ``+ 3 3 6 …``, ``+33 (0)7 …``),
``00`` or a messaging link (``wa.me/33612…``); phonenumbers decides whether
it is a real number. Short emergency and helpline numbers (17, 112, 3919, 116 000)
are too short to be candidates; free, shared-cost and premium service numbers
(``0 800 …``, ``08 9…``) belong to services, not to people. So does a landline
or internet number given as a helpline's, in a sentence that says it listens
or answers round the clock (``SOS Amitié vous écoute 24 h/24 au 09 72 …``),
unless the sentence warns against it (``un faux conseiller joignable 24 h/24``);
a mobile is always someone's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from gazouille.personal_data._text import NUMBER_SEP, digit_count, lower, url_spans

KIND = "phone"

POSITIVE = [
    "Contactez-le au 06 12 34 56 78 ce soir.",
    "Tél. +33 6 12 34 56 78",
    "joignable au +33 (0)7 81 22 33 44",
    "Son numéro : 0745123456.",
    "appelez le 06.12.34.56.78",
    "appelez le 06-12-34-56-78",
    "portable 07 81 22 33 44 (Kevin)",
    "fixe : 02 40 12 34 56",
    "portable 07 12 34 56 78 (numéro non attribué, mais un numéro quand même)",
    "(+33) 6 12 34 56 78, 06 123 456 78, +1 (415) 555-2671",
    "numéro belge +32 470 12 34 56",
    "le vendeur donnait le 06/45/78/12/90 sur son annonce",
    "Tél : 07 / 81 / 22 / 33 / 48",
    "rappelez le 07  81  22  33  44 (deux espaces)",
    "appelle au 06 - 12 - 34 - 56 - 78",
    "n° 06,12,34,56,78 sur le mur",
    "tel 06_12_34_56_78",
    "numéro 06–12–34–56–78 (tirets demi-cadratins)",
    "numéro 06\u202f12\u202f34\u202f56\u202f78 (espaces fines insécables)",
    "numéro 06\u200b12\u200b34\u200b56\u200b78 (espaces de largeur nulle)",
    "numéro 06\u206012\u206034\u206056\u206078 (gluons de mots)",
    "numéro 06 12 3\u00ad4 56 78 (trait d'union conditionnel)",
    "numéro ０６１２３４５６７８ en chiffres pleine chasse",
    "il a écrit O6 12 34 56 78 avec la lettre O",
    "joignable au + 3 3 7 81 22 33 44",
    "un numéro groupé autrement : 0612 345 678",
    "un numéro coupé en fin de ligne : 06 12 34\n56 78",
    "message WhatsApp : wa.me/33781223344",
    "lien https://wa.me/+33612345678?text=salut",
    "lien tel:+33612345678 et sms:0781223344",
    "annonce sur exemple.fr/annonce/0612345678",
    "numéro marocain 00212 661 23 45 67",
    "appelez après le 17, 06 12 34 56 78",
    "numéro 07·81·22·33·44 (points médians)",
    "appel du 06|45|78|12|90 (barres verticales)",
    "écrit à la suisse : 06'12'34'56'78",
    "lettres pour chiffres : O6 l2 34 56 78",
    "lien viber://chat?number=33781223344",
    "formulaire https://exemple.fr/contact?tel=0781223344",
    "Arnaque au colis : appel du +44 7911 482305, ne rappelez pas",
    "appel reçu du +4479 1148 2305",
    "SMS du 0044 7911 482 305 se disant livreur",
    "Kevin vous écoute 24 h/24 au 06 12 34 56 78",
    "Arnaque : un faux conseiller bancaire, joignable 24 h/24 au 09 72 11 22 33, vide les comptes.",
    "Ligne d'écoute 24 h/24 ? Non : le 06 12 34 56 78 est celui de l'escroc.",
    "Kevin, joignable 24 h/24 au 07 12 34 56 78 (numéro non attribué)",
    "un portable coupé en fin de ligne : +33 7 81 64 20\n59",
    "rappelez-le au zéro six 38 52 71 94",
    "dictée au téléphone : zéro sept, douze, trente-quatre, cinquante-six, soixante-dix-huit",
]

NEGATIVE = [
    "En cas d'urgence, composez le 17 ou le 112.",
    "Violences conjugales : 3919, gratuit et anonyme.",
    "Harcèlement scolaire : 3020. Enfance en danger : 119.",
    "Numéro européen pour les enfants disparus : 116 000.",
    "Victimes : appelez le 116 006 ou le 08 842 846 37.",
    "Numéro vert 0 800 05 41 41.",
    "Flashé à 187 km/h, amende de 1 500 €.",
    "Procès-verbal PV 2026/004512 du 12/03/2026.",
    "Saisie de 12 500 000 € et de 2 400 kg.",
    "Rendez-vous le 01.03.2026 14 h 30, ou le 02-03-2026 10 h.",
    "Les 10, 12, 14, 16 et 18 mars, de 9 h à 12 h.",
    "Bilan 2026 : 1 204 interpellations, 3 450 contrôles, 12 000 € saisis.",
    "Plus d'infos : https://www.interieur.gouv.fr/actualites/2026/03/12/0612345",
    "Articles 222-33, 222-33-2 et 222-33-2-2 du code pénal.",
    "Résultats : 3-1, 2-0, 4-4.",
    "Permanences les 01/02, 08/02, 15/02 et 22/02 au commissariat.",
    "Accueil : 09.00-12.00 / 14.00-17.30 du lundi au vendredi.",
    "Codes postaux : 01000, 01100, 01200 et 01300.",
    "Hausse de +44 250 000 000 € des saisies ; +1 250 000 contrôles.",
    "Période difficile ? SOS Amitié vous écoute 24 h/24 au 09 72 39 40 50.",
    "Une ligne d'écoute pour les victimes, le 01 41 83 42 08, répond 7 j/7.",
    "Tolérance zéro : six contrôles, 38 infractions, 52 PV et 71 retraits de points.",
]

# A run of digit groups as people type them, with any separators between the
# groups (``06  47``, ``07 - 68``, ``06,30``, ``06_19``, ``07–45``, a line
# break) or brackets (``+33 (0)7``); a ``+`` or ``(+`` before it, spaces
# allowed (``+ 3 3 6 …``), makes it international.
_RUN = re.compile(rf"\d(?:\d|(?:{NUMBER_SEP}|[()]){{1,3}}(?=\(?\d))*")
_PLUS_BEFORE = re.compile(r"\(?\+[ ]{0,2}$")
_GROUP = re.compile(r"\d+")
# Where a link carries a number without ``+`` (``wa.me/33612…``), or a
# parameter named for one (``?phone=33…``, ``viber://chat?number=33…``).
_INTERNATIONAL_LINK = re.compile(
    r"(?:wa\.me/|whatsapp:/*|[?&;][\w.-]*(?:phone|number|num|tel|mobile|msisdn|contact)=)$",
    re.IGNORECASE,
)
# ``01.03.2026 14 h``: a date and an hour, not ``01 03 20 26 14``.
_DATE_START = re.compile(r"\d\d\s?[./\-]\s?\d\d\s?[./\-]\s?(?:19|20)\d\d")


def find(text: str) -> Iterator[tuple[int, int]]:
    low = lower(text)
    if "zéro" in low or "zero" in low:
        yield from _spelled(text, low)
    if digit_count(text) < 8:  # a phone number has at least 8 digits in a row
        return
    links = url_spans(text)
    for run in _RUN.finditer(text):
        if run.end() - run.start() < 8:
            continue  # fewer than 8 digits: no phone number
        plus = _PLUS_BEFORE.search(text, max(0, run.start() - 4), run.start())
        before = max(0, run.start() - 12)
        if plus is not None:
            found = _international(run, plus.start())
        elif run.group().startswith("00") or (
            run.group()[0] != "0" and _INTERNATIONAL_LINK.search(text, before, run.start())
        ):
            found = _international(run, run.start())
        else:
            found = _national(run)
        for start, end in found:
            inside = any(a <= start and end <= b for a, b in links)
            if inside and "/" in text[start:end]:
                continue  # the path of a link (``/2026/03/12/…``), not a number
            if _helpline(text, start, end):
                continue
            yield start, end


# A service that listens or answers round the clock; a warning against it.
_HELPLINE_CUE = re.compile(
    r"\b(?:vous\s+[ée]coute|[àa]\s+l['’]\s*[ée]coute|ligne\s+d['’]\s*[ée]coute"
    r"|num[ée]ro\s+d['’]\s*(?:aide|[ée]coute)|24\s*h?\s*/\s*24|7\s*j?\s*/\s*7|(?-i:SOS\s+[A-ZÀ-Ý]))",
    re.IGNORECASE,
)
_SCAM_CUE = re.compile(
    r"\b(?:faux|fausse|arnaque|escroc|usurp|fraud|se\s+faisant\s+passer|se\s+pr[ée]sentant"
    r"|se\s+disant|ne\s+rappelez|n['’]appelez\s+pas)",
    re.IGNORECASE,
)
_SENTENCE_BOUNDARY = re.compile(r"[.!?\n](?=\s|$)")


# A number read out in words, in part or whole, as it is dictated:
# ``zéro six 38 52 71 94``, ``zéro sept, douze, trente-quatre…``. Only a number
# that opens with ``zéro`` is read: a French number's first digit, never a
# quantity's.
_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_TENS = ["vingt", "trente", "quarante", "cinquante", "soixante"]


@lru_cache(maxsize=1)
def _number_words() -> tuple[dict[str, str], re.Pattern[str]]:
    """The French words of 0 to 99 (hyphens or spaces between their parts),
    each with its digits, and a pattern that reads one of them or a group of
    digits."""
    words = {unit: str(i) for i, unit in enumerate(_UNITS)}
    words["zero"] = "0"
    words.update({teen: str(10 + i) for i, teen in enumerate(_TEENS)})
    words.update({f"dix-{_UNITS[i]}": str(10 + i) for i in (7, 8, 9)})
    for t, ten in enumerate(_TENS, 2):
        words[ten] = str(10 * t)
        words[f"{ten}-et-un"] = str(10 * t + 1)
        words.update({f"{ten}-{_UNITS[i]}": str(10 * t + i) for i in range(1, 10)})
    words["soixante-dix"] = "70"
    words["soixante-et-onze"] = "71"
    for i, teen in enumerate([*_TEENS, "dix-sept", "dix-huit", "dix-neuf"]):
        words[f"soixante-{teen}"] = str(70 + i)
        words[f"quatre-vingt-{teen}"] = str(90 + i)
    words["quatre-vingts"] = words["quatre-vingt"] = "80"
    words.update({f"quatre-vingt-{_UNITS[i]}": str(80 + i) for i in range(1, 10)})
    spelled = "|".join(
        re.escape(word).replace(r"\-", "[ -]") for word in sorted(words, key=len, reverse=True)
    )
    return words, re.compile(rf"(?:(?P<word>{spelled})(?![\w-])|(?P<digits>\d{{1,4}})(?!\d))")


_SPELLED_START = re.compile(r"\bz[ée]ro\b")
_SPELLED_GAP = re.compile(r"[ ,.\-\n]{1,3}")


def _spelled(text: str, low: str) -> Iterator[tuple[int, int]]:
    if len(low) != len(text):
        return
    words, token = _number_words()
    for start in _SPELLED_START.finditer(low):
        digits, at, end = "", start.start(), start.start()
        while len(digits) < 10:
            read = token.match(low, at)
            if read is None:
                break
            word = read.group("word")
            digits += read.group("digits") or words[word.replace(" ", "-")]
            end = read.end()
            gap = _SPELLED_GAP.match(low, end)
            if gap is None:
                break
            at = gap.end()
        if len(digits) == 10 and is_personal(digits):
            yield start.start(), end


def _helpline(text: str, start: int, end: int) -> bool:
    """A landline or internet number in a sentence that gives it as a
    helpline's (``SOS Amitié vous écoute 24 h/24 au 09 72 …``)."""
    opening = 0
    for boundary in _SENTENCE_BOUNDARY.finditer(text, max(0, start - 200), start):
        opening = boundary.end()
    closing = _SENTENCE_BOUNDARY.search(text, end)
    sentence = text[opening : closing.start() if closing else len(text)]
    if _HELPLINE_CUE.search(sentence) is None or _SCAM_CUE.search(sentence) is not None:
        return False
    import phonenumbers

    number = parse(text[start:end])
    if number is None:
        return False
    kind = phonenumbers.number_type(number)
    mobile = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    # A French number from 06 or 07, even in a block not allocated yet.
    return kind not in mobile and not (
        number.country_code == 33 and str(number.national_number)[0] in "67"
    )


def _national(run: re.Match[str]) -> Iterator[tuple[int, int]]:
    """Ten digits from ``0``, starting at any group of the run (``le 17, 06 …``)."""
    groups = [
        (run.start() + m.start(), run.start() + m.end(), m.group())
        for m in _GROUP.finditer(run.group())
    ]
    text = run.string
    k = 0
    while k < len(groups):
        digits = ""
        last = k
        while last < len(groups) and len(digits) < 10:
            digits += groups[last][2]
            last += 1
        start, end = groups[k][0], groups[last - 1][1]
        if (
            len(digits) == 10
            and digits[0] == "0"
            and not _DATE_START.match(text, start)
            and not _a_list(text, groups[k:last])
            and is_personal(digits)
        ):
            yield start, end
            k = last
        else:
            k += 1


def _a_list(text: str, groups: list[tuple[int, int, str]]) -> bool:
    """Numbers listed, not one number: a comma and a space between two groups
    (``01/02, 08/02``, ``01000, 01100``), or a range of hours
    (``09.00-12.00 / 14.00``).

    Nobody types a phone number with a comma and a space inside it.
    """
    start, end = groups[0][0], groups[-1][1]
    return _LISTED.search(text, start, end) is not None or any(
        int(m.group(1)) < 24 and int(m.group(3)) < 24 for m in _HOURS.finditer(text, start, end)
    )


_LISTED = re.compile(r",\s")
# ``09.00-12.00``, ``14h00 - 17h30``: an opening hour, a dash, a closing hour.
_HOURS = re.compile(r"(\d{1,2})[.:h]([0-5]\d)\s*[-\u2013/]\s*(\d{1,2})[.:h][0-5]\d")


def _international(run: re.Match[str], start: int) -> Iterator[tuple[int, int]]:
    """The longest valid number from the run's start (its ``+`` at ``start``),
    cut at one of its last digits (``+33 6 … 78 et …``)."""
    value = run.group()
    digits_at = [i + 1 for i, c in enumerate(value) if c.isdigit()]
    if len(digits_at) < 8:
        return
    for cut in reversed(digits_at[-12:]):
        candidate = value[:cut] if value.startswith("00") else "+" + value[:cut]
        if is_personal(candidate):
            yield start, run.start() + cut
            return


def parse(value: str) -> Any:
    """The phonenumbers number for ``value`` read from France, or None."""
    import phonenumbers

    try:
        # phonenumbers stops reading at a line break: ``+33 7 81 64 20⏎59``.
        return phonenumbers.parse(value.replace("\n", " "), "FR")
    except phonenumbers.NumberParseException:
        return None


def is_personal(value: str) -> bool:
    """A real number of a person: valid, or shaped like a French one.

    A French number in an unallocated block (``07 12 …``) still looks like a
    phone number to every reader, so it is refused too; service numbers
    (``08 …``) are not personal. So is a foreign one written with its country
    code (``+44 7911 482305``) that has the length of that country's mobiles
    and opens like them.
    """
    import phonenumbers

    number = parse(value)
    if number is None:
        return False
    if not phonenumbers.is_valid_number(number):
        national = str(number.national_number)
        if number.country_code != 33:
            return _shaped_like_a_mobile(number)
        return (
            phonenumbers.is_possible_number(number)
            and len(national) == 9
            and not national.startswith("8")
        )
    kind = phonenumbers.PhoneNumberType
    return phonenumbers.number_type(number) not in {
        kind.TOLL_FREE,
        kind.SHARED_COST,
        kind.PREMIUM_RATE,
        kind.UAN,
        kind.VOICEMAIL,
    }


def _shaped_like_a_mobile(number: Any) -> bool:
    """The length of a mobile of the number's country, and the first digit of
    the country's example mobile (``7`` in Britain): a number in a block
    phonenumbers does not know yet."""
    import phonenumbers

    region = phonenumbers.region_code_for_country_code(number.country_code)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return False
    possible = phonenumbers.is_possible_number_for_type_with_reason(
        number, phonenumbers.PhoneNumberType.MOBILE
    )
    national = str(number.national_number)
    return (
        possible == phonenumbers.ValidationResult.IS_POSSIBLE
        and national[0] == str(example.national_number)[0]
    )


def key(value: str) -> str | None:
    """E.164 form, to compare a found number with the allowed ones."""
    import phonenumbers

    number = parse(value)
    if number is None:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
