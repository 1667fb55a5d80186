"""The text holds no leftover from the template of ``gazouille new``.

``gazouille new`` writes a model text with bracketed blanks such as
``[commune]`` or ``[âge]``; a post must never go out with one of them.

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


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    for part in post.parts:
        match = _BLANK.search(part.text)
        if match:
            yield Problem(
                ID,
                f"le texte contient encore un blanc du modèle : « {match.group(0)} »",
                line=part.line_at(match.start()),
                fix="remplacez ce blanc par le texte voulu.",
            )
