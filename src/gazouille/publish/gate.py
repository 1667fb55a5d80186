"""The one place that decides whether a due post may be sent.

Today: the post passes every ``check``. Issue 5 adds the GitHub approval
verification here (who wrote the post, who approved it, in which pull
request); its findings go in :attr:`Verdict.record`, copied into the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gazouille.accounts import Account
from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem


@dataclass
class Verdict:
    allowed: bool
    problems: list[Problem] = field(default_factory=list)
    # Extra ledger fields for the ``published`` records: author, approvers, pull_request.
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return " ; ".join(f"{p.rule} (ligne {p.line}) : {p.message}" for p in self.problems)

    @property
    def rule(self) -> str | None:
        return self.problems[0].rule if self.problems else None


def may_send(post: Post, account: Account, commit: str, ctx: Context) -> Verdict:
    """Whether ``post``, due on ``account`` at ``commit`` of main, may go out now."""
    from gazouille.engine import check_post

    result = check_post(post.path, ctx, raw=post.raw)
    errors = result.errors
    return Verdict(
        allowed=not errors,
        problems=list(errors),
        record={"author": None, "approvers": None, "pull_request": None},
    )
