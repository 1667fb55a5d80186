"""Phone numbers, French and international, validated by phonenumbers.

A candidate is a French ten-digit number (``06 12 34 56 78``, ``0745123456``,
``06.12…``, ``06-12…``, ``06/12/…``) or an international one (``+33 6 12 34 56 78``,
``+33 (0)7 81 22 33 44``, ``0044 20 …``); phonenumbers decides whether it is
a real number. Short emergency and helpline numbers (17, 112, 3919, 116 000)
are too short to be candidates; free, shared-cost and premium service numbers
(``0 800 …``, ``08 9…``) belong to services, not to people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from gazouille.personal_data._text import SEP, longest_run

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
]

# ``06/45/78/12/90``: pairs of digits between slashes, a phone's shape only.
_SLASHED = re.compile(r"(?<![\d/])0[1-9](?:\s?/\s?\d\d){4}(?![\d/])")
_NATIONAL = re.compile(rf"(?<![\d+])0{SEP}?[1-9](?:{SEP}?\d){{8}}(?!\d)")
_INTERNATIONAL = re.compile(
    rf"(?:\+|(?<!\d)00)[1-9]\d{{0,2}}\)?{SEP}?(?:\(0\){SEP}?)?"
    r"\(?\d(?:[ .\-\u00a0\u202f()]{0,2}\d){5,13}(?!\d)"
)
# ``01.03.2026 14 h``: a date and an hour, not ``01 03 20 26 14``.
_DATE_START = re.compile(r"\d\d[./-]\d\d[./-](?:19|20)\d\d")


def find(text: str) -> Iterator[tuple[int, int]]:
    if "/" in text:
        for match in _SLASHED.finditer(text):
            if is_personal(match.group().replace("/", "")):
                yield match.span()
    if longest_run(text) < 8:  # a phone number has at least 8 digits in a row
        return
    for match in _NATIONAL.finditer(text):
        if _DATE_START.match(match.group()):
            continue
        if is_personal(match.group()):
            yield match.span()
    if "+" in text or "00" in text:
        for match in _INTERNATIONAL.finditer(text):
            end = _longest_valid(match.group())
            if end:
                yield match.start(), match.start() + end


def _longest_valid(candidate: str) -> int:
    """Length of the longest prefix of ``candidate`` that is a personal number."""
    cuts = [i + 1 for i, c in enumerate(candidate) if c.isdigit()]
    for cut in reversed(cuts[-6:]):
        if is_personal(candidate[:cut]):
            return cut
    return 0


def parse(value: str) -> Any:
    """The phonenumbers number for ``value`` read from France, or None."""
    import phonenumbers

    try:
        return phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return None


def is_personal(value: str) -> bool:
    """A real number of a person: valid, or shaped like a French one.

    A French number in an unallocated block (``07 12 …``) still looks like a
    phone number to every reader, so it is refused too; service numbers
    (``08 …``) are not personal.
    """
    import phonenumbers

    number = parse(value)
    if number is None:
        return False
    if not phonenumbers.is_valid_number(number):
        national = str(number.national_number)
        return (
            number.country_code == 33
            and phonenumbers.is_possible_number(number)
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


def key(value: str) -> str | None:
    """E.164 form, to compare a found number with the allowed ones."""
    import phonenumbers

    number = parse(value)
    if number is None:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
