"""``admin/config.yml``, the web editor's configuration, matches what
``gazouille editor`` generates from ``accounts.yml`` and the post schema.

A repository-wide rule, reported on ``admin/config.yml`` itself (like
``governance/codeowners-outdated``): an account, a category or a field
added without regenerating the file would let the editor write posts that
``check`` refuses, or hide a new account from the officers. A repository
without ``admin/config.yml`` does not use the editor and gets no finding.

Passes: ``admin/config.yml`` written by ``gazouille editor`` after the last
change to ``accounts.yml`` (its ``backend:`` block edited by the
administrator is kept and never counts as a difference).

Fails (``editor/outdated``): a new account ``pn13`` added to
``accounts.yml`` without running ``gazouille editor``; the fix is to run it
and commit ``admin/config.yml`` with ``accounts.yml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import PostResult, Problem

ID = "editor/outdated"


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    """Nothing per post: see :func:`repository_results`."""
    return iter(())


def repository_results(ctx: Context) -> list[PostResult]:
    from gazouille.editor.config import outdated

    result = outdated(ctx.root, ctx.accounts)
    return [result] if result is not None else []
