"""The one place that decides whether a due post may be sent.

A post goes out when it passes every ``check`` and, under GitHub Actions,
when the pull request that brought its current version to main was approved
by enough reviewers of the account (:mod:`gazouille.governance.approval`).
Who wrote it, who approved it and in which pull request go in
:attr:`Verdict.record`, copied into the ledger. When GitHub cannot be asked,
:class:`~gazouille.github_api.GitHubError` propagates: nothing is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazouille.accounts import Account, Accounts
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.publish.planner import AccountPlan, describe

if TYPE_CHECKING:  # the checks package is loaded only when a post is due
    from gazouille.checks.base import Context


@dataclass
class Verdict:
    allowed: bool
    problems: list[Problem] = field(default_factory=list)
    # Extra ledger fields for the ``published`` records: author, approvers, pull_request.
    record: dict[str, Any] = field(default_factory=dict)
    # Said once by the publisher, e.g. that approvals are not verified outside Actions.
    notice: str | None = None

    @property
    def reason(self) -> str:
        return describe(self.problems)

    @property
    def rule(self) -> str | None:
        return self.problems[0].rule if self.problems else None


def check_context(
    root: Path, accounts: Accounts, plans: list[AccountPlan], env: Mapping[str, str]
) -> Context:
    """What :func:`may_send` needs, with the published hashes already read from the ledgers."""
    from gazouille.checks.base import Context
    from gazouille.publish.ledger import Published

    ctx = Context(root=root, accounts=accounts)
    facts = Published()  # the ledgers the plans read: checks do not read them again
    for account_plan in plans:
        for path, state in account_plan.ledger.states.items():
            if state.hash:
                facts.hashes[path] = state.hash
            first = state.first_published_at()
            if first is not None:
                facts.first_at[path] = first
    ctx.published.update(facts.hashes)
    ctx.extras["ledger"] = facts
    ctx.extras["env"] = env  # the approval check reads GITHUB_* from it
    return ctx


def may_send(post: Post, account: Account, ctx: Context) -> Verdict:
    """Whether ``post``, due on ``account``, may go out now."""
    from gazouille.engine import check_post
    from gazouille.governance.approval import verify_approval

    result = check_post(post.path, ctx, raw=post.raw)
    errors = result.errors
    record: dict[str, Any] = {"author": None, "approvers": None, "pull_request": None}
    if errors:
        return Verdict(allowed=False, problems=list(errors), record=record)
    env = ctx.extras.get("env")
    approval = verify_approval(ctx.root, post.path, account, env=env)
    record.update(approval.ledger_fields())
    if not approval.approved:
        problem = Problem(
            approval.rule,
            approval.reason,
            fix="faites relire et approuver la publication dans une pull request "
            f"par {account.required_approvals} relecteur(s) du compte {account.id}, "
            "puis fusionnez-la.",
        )
        return Verdict(allowed=False, problems=[problem], record=record)
    return Verdict(allowed=True, record=record, notice=approval.notice)
