"""A published post is not edited: what is on X stays what the ledger says.

Changing the text or the images of a post the ledger marks published would
leave X showing the old version while the repository claims the new one.
Adding ``retract:`` (which deletes it from X) stays allowed; so do changes to
front-matter fields that do not reach X.

Passes (published, then retracted)::

    category: prevention
    retract: erreur sur l'horaire de la permanence

Fails (``published/immutable``): the body of a published post was edited.

The ledger is read from the ``gazouille/ledger`` branch (``GAZOUILLE_LEDGER_REF``,
else ``origin/gazouille/ledger``, else the local branch, else ``ledger/``); a
ledger that fails verification is reported as a notice, and its records up
to the bad line still count.

With ``--changed-since REV`` (a pull request), two more rules
(:mod:`gazouille.checks.ledger_guard`):

Fails (``ledger/modified``): the pull request adds, edits or deletes a file
under ``ledger/`` (except removing ``ledger/*.jsonl`` already migrated).

Fails (``published/deleted``): the pull request deletes or renames a post the
ledger records as published; fix: use ``retract:``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

if TYPE_CHECKING:
    from gazouille.publish.ledger import Published

ID = "published"


def ledger_facts(ctx: Context) -> Published:
    """What every ledger says (published posts, first publications, broken ledgers),
    read once per run and shared by the checks that need it."""
    from gazouille.publish.ledger import Published, read_published

    found = ctx.extras.get("ledger")
    if not isinstance(found, Published):
        found = read_published(ctx.root)
        ctx.published.update(found.hashes)
        ctx.extras["ledger_broken"] = found.broken
        ctx.extras["ledger"] = found
    return found


def published(ctx: Context) -> dict[str, str]:
    """``path → text hash`` of the published posts, read from the ledger once per run."""
    ledger_facts(ctx)
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
