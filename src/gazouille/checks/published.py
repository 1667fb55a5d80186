"""A published post is not edited: what is on X stays what the ledger says.

Changing the text or the images of a post the ledger marks published would
leave X showing the old version while the repository claims the new one.
Adding ``retract:`` (which deletes it from X) stays allowed; so do changes to
front-matter fields that do not reach X.

Passes (published, then retracted)::

    category: prevention
    retract: erreur sur l'horaire de la permanence

Fails (``published/immutable``): the body of a published post was edited.
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "published"


def published(ctx: Context) -> dict[str, str]:
    """``path → text hash`` of the published posts, read from the ledger once per run."""
    if not ctx.extras.get("ledger"):
        from gazouille.publish.ledger import published_hashes

        ctx.published.update(published_hashes(ctx.root))
        ctx.extras["ledger"] = True
    return ctx.published


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    recorded = published(ctx).get(post.path)
    if recorded is not None and recorded != post.text_hash:
        yield edited(post)


def edited(post: Post) -> Problem:
    """The problem of a published post whose text or images changed (also told by ``publish``)."""
    return Problem(
        "published/immutable",
        "cette publication est déjà en ligne : son texte et ses images ne peuvent plus changer",
        line=post.body_line,
        fix="annulez la modification ; pour corriger, retirez-la (« retract: <raison> » dans "
        "l'en-tête) et écrivez une nouvelle publication dans un nouveau fichier.",
    )
