"""The text is made of visible characters, in at most 25 posts.

``text/invisible``: a part holding only invisible characters (zero-width
spaces, joiners, Hangul fillers, the blank Braille pattern…) would go out as
an empty-looking post. ``text/thread-too-long``: X lets a thread hold 25 posts
at most. Two more rules of this family are reported while the file is read,
before any other check, at the line of the character: ``text/control-char``
(a control character other than newline and tab, typed or written as a YAML
escape such as ``"\\0"``) and ``text/bidi`` (a bidirectional embedding,
override or isolate, U+202A–U+202E and U+2066–U+2069, which makes a text read
differently from what the reviewer approved).

Passes::

    Fermez votre porte à clé, même pour une courte absence.

Fails (``text/invisible``): a body holding only ``U+200B U+200B``.

Fails (``text/bidi``): ``affiche`` then U+202E then ``gnp.exe``, shown as
``afficheexe.png``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "text"
MAX_PARTS = 25

# Shown as blank although Unicode does not class them as spaces or format marks.
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0\u180e\u034f")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def invisible(text: str) -> bool:
    """Whether nothing of ``text`` would show on screen."""
    return all(
        char in _BLANK_LETTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES
        for char in text
    )


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    for part in post.parts:
        if invisible(part.text):
            codes = " ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(part.text))
            yield Problem(
                f"{ID}/invisible",
                f"la partie n°{part.index + 1} ne contient que des caractères invisibles ({codes})",
                line=part.line,
                fix="écrivez le texte de la publication, ou supprimez cette partie.",
            )
    if len(post.parts) > MAX_PARTS:
        extra = post.parts[MAX_PARTS]
        yield Problem(
            f"{ID}/thread-too-long",
            f"le fil compte {len(post.parts)} parties : X en accepte {MAX_PARTS} au plus",
            line=extra.line,
            fix="regroupez des parties, ou publiez la suite dans une autre publication.",
        )
