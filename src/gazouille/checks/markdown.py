"""Warns about Markdown syntax, which X shows literally.

The body is posted verbatim: ``**important**`` appears with its asterisks and
``[site](https://…)`` with its brackets.

Passes::

    Plus d'informations : https://www.masecurite.interieur.gouv.fr

Warns (``markdown/literal``)::

    Plus d'informations sur [ce site](https://www.masecurite.interieur.gouv.fr)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "markdown/literal"

_PATTERNS = [
    (
        re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
        "un lien Markdown [texte](adresse)",
        "écrivez l'adresse en clair : X la raccourcit et l'affiche en aperçu.",
    ),
    (
        re.compile(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])|(?<![\w_])__[^_\n]+__(?![\w_])"),
        "du gras Markdown (**…**)",
        "X n'affiche pas le gras : retirez les astérisques.",
    ),
    (
        re.compile(r"(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|(?<![\w_])_[^_\s][^_\n]*_(?![\w_])"),
        "de l'italique Markdown (*…*)",
        "X n'affiche pas l'italique : retirez les * ou _.",
    ),
    (
        re.compile(r"^#{1,6} ", re.MULTILINE),
        "un titre Markdown (# …)",
        "retirez le # en début de ligne (ou collez-le au mot pour un hashtag).",
    ),
]


_MARKS = frozenset("*_[#")


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    for part in post.parts:
        if _MARKS.isdisjoint(part.text):
            continue
        for pattern, what, fix in _PATTERNS:
            match = pattern.search(part.text)
            if match:
                yield Problem(
                    ID,
                    f"{what} s'affichera tel quel sur X",
                    line=part.line_at(match.start()),
                    fix=fix,
                )
