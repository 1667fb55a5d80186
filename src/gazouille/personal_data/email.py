"""E-mail addresses.

Every address is personal by default (GDPR minimisation). Functional
mailboxes of the State (``ddsp44-communication@interieur.gouv.fr``) pass
unless their local part looks like ``firstname.lastname``; anything else an
account publishes goes in its ``allow.emails`` (exact, or ``@domain``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import fold

KIND = "email"

POSITIVE = [
    "Écrivez-moi : kevin.martin@gmail.com",
    "contact : sophie_durand84@hotmail.fr.",
    "son adresse jean-pierre.giraud@orange.fr circule",
    "K.MARTIN@laposte.net",
    "agent : julie.moreau@interieur.gouv.fr",
]

NEGATIVE = [
    "Suivez @PoliceNationale et @Prefet44 !",
    "Signalez sur https://www.internet-signalement.gouv.fr",
    "Écrivez à ddsp44-communication@interieur.gouv.fr",
    "Rendez-vous sur www.masecurite.interieur.gouv.fr",
    "Merci à tous @ bientôt",
]

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PUBLIC_DOMAINS = ("gouv.fr", "justice.fr", "police-nationale.fr")


def find(text: str) -> Iterator[tuple[int, int]]:
    if "@" not in text:
        return
    for match in _EMAIL.finditer(text):
        value = match.group().rstrip(".")
        if _is_functional(value):
            continue
        yield match.start(), match.start() + len(value)


def _is_functional(value: str) -> bool:
    """A State mailbox whose local part does not name someone."""
    local, _, domain = value.lower().rpartition("@")
    if not domain.endswith(_PUBLIC_DOMAINS):
        return False
    from gazouille.personal_data.person_name import is_first_name

    pieces = [p for p in re.split(r"[._]", local) if p]
    return not (len(pieces) >= 2 and any(is_first_name(fold(p)) for p in pieces))
