"""Personal data is published only with the prosecutor's agreement, and some never.

Code de procédure pénale, art. 11: only the prosecutor may release case
details. A ``disparition-inquietante`` (missing person) notice always carries
the prosecutor's authorization; an ``appel-a-temoins`` (call for witnesses)
may; no other category may carry one.

What no one may exempt (``authorization/not-allowed``): a social security
number (``nir``), bank details (``iban``, ``card``), an identity document
number (``id-document``) and an image's personal metadata
(``image-metadata``) are never published, whatever the reference; listing
one in ``authorization.allows`` is an error, at the line of that item, and
the data stays refused.

Victims of sexual offences (loi du 29 juillet 1881, art. 39 quinquies): when
the text or an image description mentions a sexual offence (viol, agression
ou atteinte sexuelle, exhibition sexuelle, harcèlement sexuel, inceste…), the
authorization does not cover the kinds that identify the victim
(``person-name``, ``minor``, ``address``, ``date-of-birth``): they are refused
unless ``authorization.victim_consent`` gives the reference of the victim's
written consent.

Passes::

    category: disparition-inquietante
    authorization:
      reference: PR Nantes 2026/1187
      allows: [person-name]

Fails (``authorization/missing``)::

    category: disparition-inquietante

Fails (``authorization/not-allowed``)::

    category: appel-a-temoins
    authorization:
      reference: PR Nantes 2026/1187
      allows: [iban]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "authorization"
REQUIRED = frozenset({"disparition-inquietante"})
PERMITTED = frozenset({"appel-a-temoins", "disparition-inquietante"})
# Never published, whatever the prosecutor wrote (RGPD; loi Informatique et libertés, art. 87).
NEVER_ALLOWED = frozenset({"nir", "iban", "card", "id-document", "image-metadata"})
# What identifies the victim of a sexual offence (loi du 29 juillet 1881, art. 39 quinquies).
VICTIM_KINDS = frozenset({"person-name", "minor", "address", "date-of-birth"})

_NEVER_LABELS = {
    "nir": "un numéro de sécurité sociale",
    "iban": "un IBAN",
    "card": "un numéro de carte bancaire",
    "id-document": "un numéro de pièce d'identité",
    "image-metadata": "les métadonnées personnelles d'une image",
}

# Matched on text folded to lower case without accents (``agressée`` → ``agressee``).
_SEXUAL_OFFENCE = re.compile(
    r"\b(?:"
    r"viol(?:s|e|ee|es|ees|er|ait|aient|eurs?|euses?)?"
    r"|(?:agression|atteinte|exhibition|mutilation)s?\s+sexuelles?"
    r"|(?:agresse|abuse|violente|touche)e?s?\s+sexuellement"
    r"|(?:harcelement|abus|outrage)s?\s+sexuels?"
    r"|exhibitionnisme|attouchements?|incestes?|incestueu(?:x|se|ses)"
    r"|pedocriminel(?:le)?s?|pedocriminalite|pedopornographi\w*|proxenetisme"
    r")\b"
)


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    category = post.category
    present = "authorization" in post.meta
    if category in REQUIRED and not present:
        yield Problem(
            "authorization/missing",
            "un avis de disparition inquiétante doit porter l'autorisation du parquet",
            line=post.line_of("category"),
            fix="ajoutez « authorization: {reference: …, allows: [person-name, …]} » "
            "avec la référence donnée par le parquet.",
        )
    elif present and category not in PERMITTED and category is not None:
        yield Problem(
            "authorization/not-allowed",
            f"une autorisation du parquet n'a pas de sens pour la catégorie « {category} »",
            line=post.line_of("authorization"),
            fix="retirez le champ authorization : seuls les appels à témoins et les "
            "disparitions inquiétantes en portent.",
        )
        return
    authorization = post.meta.get("authorization")
    allows = authorization.get("allows") if isinstance(authorization, dict) else None
    if not isinstance(allows, list):
        return
    for index, kind in enumerate(allows):
        if isinstance(kind, str) and kind in NEVER_ALLOWED:
            yield Problem(
                "authorization/not-allowed",
                f"« {kind} » ne peut pas être autorisé : {_NEVER_LABELS[kind]} "
                "ne se publie jamais, même avec l'accord du parquet",
                line=post.line_of("authorization", "allows", index),
                fix=f"retirez « {kind} » de authorization.allows et retirez la donnée du texte "
                "(RGPD, loi Informatique et libertés art. 87) ; pour une image, effacez ses "
                "métadonnées avec gazouille strip-metadata.",
            )


def mentions_sexual_offence(texts: Iterable[str]) -> bool:
    """Whether one of ``texts`` (the parts, the image descriptions) names a sexual offence."""
    from gazouille.personal_data._text import fold

    return any(_SEXUAL_OFFENCE.search(fold(text)) for text in texts)


def listed_kinds(meta: Mapping[str, Any]) -> frozenset[str]:
    """The kinds ``authorization.allows`` lists, on a post whose category may carry one."""
    category = meta.get("category")
    if not isinstance(category, str) or category not in PERMITTED:
        return frozenset()
    authorization = meta.get("authorization")
    if not isinstance(authorization, dict):
        return frozenset()
    allows = authorization.get("allows") or []
    if not isinstance(allows, list):
        return frozenset()
    return frozenset(kind for kind in allows if isinstance(kind, str))


def victim_consent(meta: Mapping[str, Any]) -> bool:
    authorization = meta.get("authorization")
    if not isinstance(authorization, dict):
        return False
    consent = authorization.get("victim_consent")
    return isinstance(consent, str) and bool(consent.strip())


def withheld_for_victims(meta: Mapping[str, Any], texts: Iterable[str]) -> frozenset[str]:
    """The listed kinds art. 39 quinquies takes back: the post names a sexual
    offence and carries no written consent of the victim."""
    listed = listed_kinds(meta) & VICTIM_KINDS
    if not listed or victim_consent(meta) or not mentions_sexual_offence(texts):
        return frozenset()
    return listed


def allowed_kinds(meta: Mapping[str, Any], texts: Iterable[str]) -> frozenset[str]:
    """The personal-data kinds a post's authorization (its front matter ``meta``)
    lets through, given the texts it publishes (``texts``: parts and image
    descriptions, read for a sexual offence)."""
    listed = listed_kinds(meta) - NEVER_ALLOWED
    return listed - withheld_for_victims(meta, texts)


def published_texts(meta: Mapping[str, Any], parts: Iterable[str]) -> list[str]:
    """The parts and the image descriptions: everything of a post that reaches X."""
    from gazouille.posts import media_entries

    texts = list(parts)
    texts.extend(item["alt"] for _, item in media_entries(meta) if isinstance(item.get("alt"), str))
    return texts
