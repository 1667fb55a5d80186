"""Every post names its category, one of the seven the accounts publish.

Passes::

    ---
    category: prevention
    ---
    Verrouillez votre véhicule, même pour un arrêt court.

Fails (``category``)::

    ---
    category: faits-divers
    ---
    …
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.validation import load_schema, shown

ID = "category"


def categories() -> list[str]:
    return list(load_schema("post.schema.json")["properties"]["category"]["enum"])


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    value = post.meta.get("category")
    known = categories()
    if value is None:
        yield Problem(
            ID,
            "la catégorie manque",
            line=2,
            fix=f"ajoutez « category: … » dans l'en-tête ; catégories : {', '.join(known)}.",
        )
    elif not isinstance(value, str):
        yield Problem(
            ID,
            f"la catégorie doit être un seul mot, pas {'une liste' if isinstance(value, list) else repr(value)}",
            line=post.line_of("category"),
            fix="écrivez par exemple « category: prevention » (sans crochets) ; catégories : "
            f"{', '.join(known)}.",
        )
    elif value not in known:
        close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
        hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
        yield Problem(
            ID,
            f"catégorie inconnue « {shown(value)} »{hint}",
            line=post.line_of("category"),
            fix=f"choisissez une de ces catégories : {', '.join(known)}.",
        )
