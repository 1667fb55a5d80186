"""On a pull request, only the account's ``authors`` may propose its posts.

The pull request's author comes from the GitHub Actions event
(``GITHUB_EVENT_PATH``, read once per run by ``gazouille check``); outside a
pull request the rule is skipped and the report says so. The pull-request
workflow checks only the posts the pull request touches.

Passes: a pull request opened by ``lgautier-pn44`` (an author of pn44)
adding ``posts/pn44/2026-12-01-cambriolages.md``.

Fails (``governance/author-not-authorized``): the same file in a pull request
opened by ``rbianchi-pn06``, an author of pn06 only.

With ``--changed-since``, only the posts the pull request changed are held
to the rule: when accounts.yml changes, every post is checked again, but an
administrator's pull request did not write them.

With ``--base REF`` (the pull-request workflow passes the base commit), the
authors are read from ``accounts.yml`` at ``REF``, not from the pull request:
a pull request that adds its author to an account's ``authors`` still fails
for that account's posts, until an administrator's pull request has landed.
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.accounts import Accounts
from gazouille.checks.base import Context
from gazouille.governance import AUTHOR_RULE, BASE_ACCOUNTS_KEY, is_author
from gazouille.governance.event import AUTHOR_KEY
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.repo import ACCOUNTS_FILE

ID = AUTHOR_RULE
# ``check --changed-since`` puts there the posts the pull request changed.
TOUCHED_KEY = "touched"


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    login = ctx.extras.get(AUTHOR_KEY)
    account = ctx.account(post)
    if not isinstance(login, str) or account is None:
        return
    touched = ctx.extras.get(TOUCHED_KEY)
    if touched is not None and post.path not in touched:
        return  # checked again because accounts.yml changed, not written in this PR
    base: Accounts | str | None = ctx.extras.get(BASE_ACCOUNTS_KEY)
    if isinstance(base, str):  # accounts.yml of the base could not be read: nobody may write
        yield Problem(
            ID,
            f"impossible de savoir qui peut écrire : {base}",
            line=1,
            fix=f"un administrateur doit d'abord corriger {ACCOUNTS_FILE} sur la branche de "
            "base, dans une pull request sans publication.",
        )
        return
    if base is not None:
        account = base.get(post.account)
        if account is None:
            yield Problem(
                ID,
                f"le compte {post.account} n'existe pas encore sur la branche de base : "
                "personne ne peut y publier dans la pull request qui le crée",
                line=1,
                fix=f"faites d'abord fusionner l'ajout du compte dans {ACCOUNTS_FILE} par un "
                "administrateur, puis proposez la publication dans une autre pull request.",
            )
            return
    if is_author(account, login):
        return
    authors = ", ".join(account.authors) or "aucun"
    yield Problem(
        ID,
        f"la pull request est ouverte par {login}, qui n'est pas auteur du compte {account.id} "
        f"(auteurs : {authors})",
        line=1,
        fix=f"demandez à un auteur du compte {account.id} d'ouvrir la pull request, ou faites "
        f"ajouter {login} aux « authors » du compte dans {ACCOUNTS_FILE} par un administrateur, "
        "dans une pull request à part (une pull request ne s'autorise pas elle-même).",
    )
