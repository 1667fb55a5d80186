"""Every part of a thread fits in 280, counted as X counts (twitter-text v3).

Accented letters count 1, emoji and most other scripts 2, and every link 23
whatever its length.

Passes::

    ---
    category: prevention
    ---
    Ne laissez rien de visible dans votre voiture.

Fails (``length``): a part whose weighted length is over 280.
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.tweet_length import MAX_WEIGHTED_LENGTH, has_invalid_characters, weighted_length

ID = "length"


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    several = len(post.parts) > 1
    for part in post.parts:
        size = weighted_length(part.text)
        label = f"la partie {part.index + 1} du fil" if several else "le texte"
        if size > MAX_WEIGHTED_LENGTH:
            yield Problem(
                ID,
                f"{label} compte {size} caractères pondérés, au-delà de {MAX_WEIGHTED_LENGTH}",
                line=part.line,
                fix=f"raccourcissez de {size - MAX_WEIGHTED_LENGTH} caractères, ou coupez en fil "
                "avec une ligne --- (un lien compte 23, un emoji 2).",
            )
        if has_invalid_characters(part.text):
            yield Problem(
                "length/invalid-character",
                f"{label} contient un caractère invisible refusé par X",
                line=part.line,
                fix="retapez le passage copié-collé (caractère U+FFFE, U+FEFF ou U+FFFF).",
            )
