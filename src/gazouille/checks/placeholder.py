"""The text holds no leftover from the template of ``gazouille new``.

``gazouille new`` writes a model text with bracketed blanks such as
``[commune]`` or ``[âge]``; a post must never go out with one of them. The
blanks of the front matter count too: the prosecutor's authorization
reference, the alternative text of an image.

Passes::

    Interpellation à Rezé : un homme de 31 ans a été placé en garde à vue.

Fails (``text/placeholder``)::

    Interpellation à [commune] : un homme de [âge] ans a été placé en garde à vue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "text/placeholder"

# A bracketed word or two not followed by "(" (that would be a Markdown link).
_BLANK = re.compile(r"\[[^\]\[\n]{1,40}\](?!\()")


def _fields(post: Post) -> Iterator[tuple[str, int]]:
    """The front-matter texts an officer fills in, with their lines."""
    authorization = post.meta.get("authorization")
    if isinstance(authorization, dict) and isinstance(authorization.get("reference"), str):
        yield authorization["reference"], post.line_of("authorization", "reference")
    for index, item in post.media():
        if isinstance(item.get("alt"), str):
            yield item["alt"], post.line_of("media", index, "alt")


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    for value, line in _fields(post):
        match = _BLANK.search(value)
        if match:
            yield Problem(
                ID,
                f"l'en-tête contient encore un blanc du modèle : « {match.group(0)} »",
                line=line,
                fix="remplacez ce blanc par la valeur voulue.",
            )
    for part in post.parts:
        match = _BLANK.search(part.text)
        if match:
            yield Problem(
                ID,
                f"le texte contient encore un blanc du modèle : « {match.group(0)} »",
                line=part.line_at(match.start()),
                fix="remplacez ce blanc par le texte voulu.",
            )
