"""What ``gazouille check`` adds for governance, once per run."""

from __future__ import annotations

import os

from gazouille.checks.base import Context
from gazouille.governance import codeowners
from gazouille.governance.event import AUTHOR_KEY, pull_request_author
from gazouille.problems import PostResult


def prepare(ctx: Context) -> list[str]:
    """Read the Actions event into ``ctx.extras``; returns the notices for the report."""
    notices: list[str] = []
    author = pull_request_author()
    if author.login is not None:
        ctx.extras[AUTHOR_KEY] = author.login
    if author.notice and os.environ.get("GITHUB_ACTIONS") == "true":
        notices.append(author.notice)  # on a terminal, nobody expects a pull request
    # Under Actions only: a local clone need not be set up on GitHub.
    missing = codeowners.missing_notice(ctx.root) if author.login is not None else None
    if missing:
        notices.append(missing)
    return notices


def repository_results(ctx: Context) -> list[PostResult]:
    """Findings about repository files rather than posts (CODEOWNERS)."""
    result = codeowners.outdated(ctx.root, ctx.accounts)
    return [result] if result is not None else []


def read_base_rules(ctx: Context, rev: str) -> list[str]:
    """Who may write, from accounts.yml at ``rev``; a notice when that file is unusable.

    An unknown ``rev`` is a usage error (exit 2). An unusable accounts.yml at
    ``rev`` (say a newer gazouille refuses what the older one accepted) only
    fails the posts the pull request touches: the pull request that repairs it,
    which touches no post, can still pass.
    """
    from gazouille.accounts import load_at
    from gazouille.errors import ConfigError
    from gazouille.gitutil import resolve
    from gazouille.governance import BASE_ACCOUNTS_KEY

    resolve(ctx.root, rev)
    try:
        ctx.extras[BASE_ACCOUNTS_KEY] = load_at(ctx.root, rev)
    except ConfigError as exc:
        ctx.extras[BASE_ACCOUNTS_KEY] = str(exc)
        return [f"accounts.yml de la base ({rev}) est inutilisable : {exc}"]
    return []
