"""Personal data is published only with the prosecutor's agreement.

Code de procédure pénale, art. 11: only the prosecutor may release case
details. A ``disparition-inquietante`` (missing person) notice always carries
the prosecutor's authorization; an ``appel-a-temoins`` (call for witnesses)
may; no other category may carry one.

Passes::

    category: disparition-inquietante
    authorization:
      reference: PR Nantes 2026/1187
      allows: [person-name]

Fails (``authorization/missing``)::

    category: disparition-inquietante
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "authorization"
REQUIRED = frozenset({"disparition-inquietante"})
PERMITTED = frozenset({"appel-a-temoins", "disparition-inquietante"})


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


def allowed_kinds(meta: Mapping[str, Any]) -> frozenset[str]:
    """The personal-data kinds a post's authorization (its front matter ``meta``) lets through."""
    category = meta.get("category")
    if not isinstance(category, str) or category not in PERMITTED:
        return frozenset()
    authorization = meta.get("authorization")
    if not isinstance(authorization, dict):
        return frozenset()
    allows = authorization.get("allows") or []
    return frozenset(str(kind) for kind in allows if isinstance(kind, str))
