"""E-mail addresses, however the ``@`` and the dots are written.

``prenom.nom@gmail.com``, ``prenom.nom arobase gmail.com``, ``nom(at)free.fr``,
``nom [at] yahoo.fr``, ``nom @ hotmail.com``, ``nom＠orange.fr`` (fullwidth,
folded by the normalization), ``<nom@laposte.net>``, ``mailto:nom@…``,
``nom (arobase) free (point) fr``, ``nom  AROBASE  free  .  fr``, and the
forms that hide an address from robots: ``nom(a)yahoo.fr``,
``nom[at]outlook[.]fr``.

Every address is personal by default (GDPR minimisation). Functional
mailboxes of the State (``ddsp44-communication@interieur.gouv.fr``) pass
unless their local part names someone (:func:`names_someone`); anything else
an account publishes goes in its ``allow.emails`` (see docs/personal-data.md:
an exact address, a local-part pattern ``presse-*@domaine.fr``, or
``@domaine.fr`` for the domain's service mailboxes, never an individual's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import fold, lower

KIND = "email"

POSITIVE = [
    "Écrivez-moi : kevin.martin@gmail.com",
    "contact : sophie_durand84@hotmail.fr.",
    "son adresse jean-pierre.giraud@orange.fr circule",
    "K.MARTIN@laposte.net",
    "agent : julie.moreau@interieur.gouv.fr",
    "écrire à nina.perrot arobase gmail.com",
    "contact nina.perrot(at)gmail.com",
    "contact nina.perrot [at] gmail.com",
    "contact nina.perrot {at} gmail.com",
    "contact nina.perrot @ gmail.com",
    "contact nina.perrot＠gmail.com",
    "écrire à <nina.perrot@gmail.com>",
    "bouton mailto:nina.perrot@gmail.com",
    "lien mailto:nina.perrot%40gmail.com (arobase encodé dans le lien)",
    "n.perrot (arobase) gmail (point) com",
    "nina.perrot at gmail dot com",
    "n.perrot@interieur.gouv.fr usurpée",
    "il signait lucas.ferrand   AROBASE   laposte  .  net",
    "écrire à m.roussel ARobase free . fr",
    "faux : moreau.j@interieur.gouv.fr",
    "écrivez à fatou.ndiaye(a)yahoo.fr ou au 17",
    "vendeur « s.morvan[at]outlook[.]fr »",
    "contact : lea_b44 [a] gmail (.) com",
    "l'escroc signait k.martin{at}free{dot}fr",
    "envoyez votre CV à t.oriol (chez) gmail (point) com",
    "répondre à nadia_b chez hotmail point fr",
]

NEGATIVE = [
    "Suivez @PoliceNationale et @Prefet44 !",
    "Signalez sur https://www.internet-signalement.gouv.fr",
    "Écrivez à ddsp44-communication@interieur.gouv.fr",
    "Rendez-vous sur www.masecurite.interieur.gouv.fr",
    "Merci à tous @ bientôt",
    "Rendez-vous at home, point final.",
    "Le site arobase point com n'existe pas.",
    "Le mot arobase . Fin de la phrase .",
    "Rendez-vous AT Nantes . Merci",
    "Choisissez la réponse (a) Nantes.fr ou (b) Rezé.",
    "Article 3 (a) alinéa.2 du règlement ; voir l'annexe [a] tableau.pdf.",
    "Rendez-vous chez darty.com ou chez Boulanger.fr pour vos achats.",
    "Il a été raccompagné chez lui. Merci au voisin.",
    "Elle a pu être contactée via son compte tiktok @maelle.qtn. Contact : 17.",
]

_AT = (
    r"\s*(?:@|%40)\s*"
    r"|\s*[(\[{]\s*(?:at|arobase|chez|@|a)\s*[)\]}]\s*"
    r"|\s+(?:at|arobase|chez)\s+"
)
_DOT = r"\s+\.\s+(?-i:(?=[a-z]))|\.|\s*[(\[{]\s*(?:point|dot|\.)\s*[)\]}]\s*|\s+(?:point|dot)\s+"
_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w+-]+(?:\.[\w+-]+)*)(?P<at>{_AT})"
    rf"(?P<domain>[\w-]+(?:(?:{_DOT})[\w-]+)*(?:{_DOT})(?P<tld>[a-zA-Z]{{2,12}}))(?![\w-])",
    re.IGNORECASE,
)
_SPELLED_ATS = (
    " at ",
    "(at",
    "[at",
    "{at",
    "arobase",
    "(a)",
    "[a]",
    "{a}",
    "( a )",
    "[ a ]",
    "chez ",
    "chez)",
    "chez]",
)
_SPELLED_AT = re.compile(r"[\s(\[{](?:at|arobase|chez)[\s)\]}]|[(\[{]\s*a\s*[)\]}]", re.IGNORECASE)
_PUBLIC_DOMAINS = ("gouv.fr", "justice.fr", "police-nationale.fr")
_DOMAIN_DOT = re.compile(_DOT, re.IGNORECASE)


def find(text: str) -> Iterator[tuple[int, int]]:
    if "@" not in text and "%40" not in text:
        low = lower(text)
        if not any(at in low for at in _SPELLED_ATS) or _SPELLED_AT.search(text) is None:
            return
    for match in _EMAIL.finditer(text):
        at = match.group("at")
        if at.strip() not in {"@", "%40"} and not _plausible_spelled(match):
            continue
        if at[0].isspace() and not at[-1].isspace() and at.strip() == "@":
            # ``tiktok @maelle.qtn``: an ``@`` glued to what follows only opens
            # a handle (an address is written glued, or spaced on both sides).
            continue
        if _is_functional(address(match.group())):
            continue
        yield match.span()


def _plausible_spelled(match: re.Match[str]) -> bool:
    """``nom at gmail.com``: a spelled-out ``@`` needs an address's shape
    around it, a dot or a digit in the local part or a known mail domain."""
    local = match.group("local")
    domain = address(match.group()).rpartition("@")[2]
    written_at = match.group("at").strip().lower()
    word = written_at.strip("()[]{} ")
    if word == "chez":
        # ``chez`` is "at" in French (``t.oriol (chez) gmail (point) com``) and
        # also a preposition (``rendez-vous chez darty.com``): a mail provider
        # after it, or a dot, a digit or ``_`` in the local part.
        return domain.split(".")[0] in _MAIL_PROVIDERS or any(c in local for c in "._0123456789")
    # ``(a)`` is also how a list item is marked (``réponse (a) Nantes.fr``):
    # it needs an address's shape as much as a bare ``at``.
    bracketed_a = word == "a"
    if (written_at in {"at", "arobase"} or bracketed_a) and not (
        any(c in local for c in "._-+0123456789") or domain.split(".")[0] in _MAIL_PROVIDERS
    ):
        return False
    return len(domain.split(".")[-1]) >= 2


_MAIL_PROVIDERS = frozenset(
    [
        "gmail",
        "hotmail",
        "outlook",
        "live",
        "yahoo",
        "orange",
        "wanadoo",
        "free",
        "sfr",
        "laposte",
        "icloud",
        "protonmail",
        "proton",
        "aol",
        "gmx",
        "neuf",
        "bbox",
        "numericable",
    ]
)


def address(value: str) -> str:
    """The plain form of a found address: ``n (at) free (point) fr`` → ``n@free.fr``."""
    match = _EMAIL.fullmatch(value.strip())
    if match is None:
        return value.strip().lower()
    domain = _DOMAIN_DOT.sub(".", match.group("domain"))
    return f"{match.group('local')}@{domain}".lower()


def _is_functional(value: str) -> bool:
    """A State mailbox whose local part does not name someone."""
    local, _, domain = value.rpartition("@")
    return domain.endswith(_PUBLIC_DOMAINS) and not names_someone(local)


def names_someone(local: str) -> bool:
    """``julie.moreau``, ``j.moreau``, ``moreau.j``, ``moreau.julie``: the
    local part of an individual's address (a first name among its pieces, or
    an initial before or after a word), not a service mailbox
    (``ddsp44-communication``, ``presse``)."""
    from gazouille.personal_data.person_name import is_first_name

    pieces = [p for p in re.split(r"[._-]", local.lower()) if p]
    if len(pieces) < 2:
        return False
    initial, word = (pieces[0], pieces[1]) if len(pieces[0]) == 1 else (pieces[-1], pieces[-2])
    if len(initial) == 1 and initial.isalpha() and word.isalpha() and len(word) > 1:
        return True  # ``j.moreau``, ``moreau.j``
    return any(is_first_name(fold(p)) for p in pieces if p.isalpha())
