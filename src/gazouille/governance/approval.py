"""Approved before published: the reviews behind a post's current version.

A post may be sent only when the commit on ``main`` that brought its current
text came from a merged pull request that at least ``required_approvals``
reviewers of the account (never its author) approved *at its final head
commit*. GitHub lets an approval survive a later push unless the repository
dismisses stale reviews; gazouille does not: it compares each approval's
``commit_id`` with the pull request's head.

Under GitHub Actions the verification is mandatory and fails closed: when the
API cannot be reached, :class:`~gazouille.github_api.GitHubError` propagates
and the publisher sends nothing. Elsewhere (the sandbox, ``make demo``) it is
skipped with a notice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gazouille.accounts import Account
from gazouille.errors import GazouilleError
from gazouille.github_api import GitHub, PullRequest, Review
from gazouille.gitutil import run_git
from gazouille.governance import AUTHOR_RULE, is_author

RULE = "governance/not-approved"
MAIN_BRANCH = "main"
# The latest of these states is a reviewer's verdict; COMMENTED changes nothing.
_VERDICTS = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})


class GovernanceError(GazouilleError):
    """The approvals cannot be verified at all: nothing may be sent (exit 2)."""


@dataclass(frozen=True)
class Approval:
    """The verdict on one post: sendable or not, and who stands behind it."""

    approved: bool
    verified: bool
    rule: str = RULE
    reason: str = ""
    author: str | None = None
    approvers: tuple[str, ...] = ()
    pull_request: int | None = None
    commit: str | None = None
    notice: str | None = None

    def ledger_fields(self) -> dict[str, Any]:
        """The fields the ledger records with a published (or refused) post."""
        if not self.verified:
            return {}
        return {
            "author": self.author,
            "approvers": list(self.approvers),
            "pull_request": self.pull_request,
        }


def required(env: Mapping[str, str]) -> bool:
    """Whether verification is mandatory: always under GitHub Actions."""
    return env.get("GITHUB_ACTIONS") == "true"


SKIPPED_NOTICE = (
    "hors de GitHub Actions : les approbations des publications ne sont pas vérifiées "
    "(elles le sont toujours lors de la publication réelle)."
)


def last_commit(root: Path, relpath: str, rev: str = "HEAD") -> str | None:
    """The commit on the first-parent line of ``rev`` that last changed ``relpath``.

    ``--first-parent`` gives the merge (or squash) commit on main, not the
    commit inside the pull request's branch.
    """
    from gazouille.gitutil import open_repo

    repo = open_repo(root)
    sha = str(repo.git.log("-1", "--first-parent", "--format=%H", rev, "--", relpath)).strip()
    if not sha:
        return None
    if sha in _shallow_boundary(root):
        # In a shallow clone the oldest commit seems to add every file: it
        # says nothing about who brought this one.
        raise GovernanceError(
            "l'historique git est incomplet (clone superficiel) : impossible de retrouver "
            "le commit qui a apporté cette publication",
            path=relpath,
            fix="dans le workflow, donnez « fetch-depth: 0 » à actions/checkout.",
        )
    return sha


def _shallow_boundary(root: Path) -> set[str]:
    # git's own answer: in a worktree, .git is a file and the list lives elsewhere.
    shallow = root / run_git(root, "rev-parse", "--git-path", "shallow").decode().strip()
    if not shallow.is_file():
        return set()
    return {line.strip() for line in shallow.read_text().splitlines() if line.strip()}


def _refused(reason: str, rule: str = RULE, **facts: Any) -> Approval:
    return Approval(approved=False, verified=True, rule=rule, reason=reason, **facts)


def _same(login: str) -> str:
    return login.casefold()


def evaluate(pull: PullRequest, reviews: Iterable[Review], account: Account) -> Approval:
    """The verdict for a merged pull request and its reviews (oldest first)."""
    facts: dict[str, Any] = {"author": pull.author, "pull_request": pull.number}
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.state in _VERDICTS and review.reviewer:
            latest[_same(review.reviewer)] = review
    reviewers = {_same(login): login for login in account.reviewers}
    author = _same(pull.author)
    approvers: list[str] = []
    ignored: list[str] = []
    for login, review in latest.items():
        if review.state != "APPROVED":
            continue
        if login == author:
            ignored.append(f"{review.reviewer} (auteur de la pull request)")
        elif login not in reviewers:
            ignored.append(f"{review.reviewer} (pas relecteur du compte {account.id})")
        elif review.commit_id != pull.head_sha:
            ignored.append(
                f"{review.reviewer} (a approuvé la version {review.commit_id[:7]}, "
                f"pas la dernière {pull.head_sha[:7]})"
            )
        else:
            approvers.append(reviewers[login])
    facts["approvers"] = tuple(sorted(approvers, key=_same))
    if not is_author(account, pull.author):  # no authors: nobody may write, as in check
        return _refused(
            f"la pull request n°{pull.number} a été ouverte par {pull.author}, "
            f"qui n'est pas auteur du compte {account.id}",
            AUTHOR_RULE,
            **facts,
        )
    if len(approvers) < account.required_approvals:
        detail = f" ; non comptées : {', '.join(ignored)}" if ignored else ""
        return _refused(
            f"la pull request n°{pull.number} a {len(approvers)} approbation(s) valable(s) "
            f"sur {account.required_approvals} exigée(s) des relecteurs du compte "
            f"{account.id}{detail}",
            **facts,
        )
    return Approval(approved=True, verified=True, **facts)


def _merged_pull(client: GitHub, sha: str) -> PullRequest | None:
    candidates = [p for p in client.pulls_for_commit(sha) if p.base_ref == MAIN_BRANCH]
    # The pull request whose merge produced this very commit comes first.
    candidates.sort(key=lambda p: p.merge_commit_sha != sha)
    for candidate in candidates:
        pull = client.pull(candidate.number)
        if pull.merged:
            return pull
    return None


def verify_approval(
    root: Path,
    relpath: str,
    account: Account,
    *,
    env: Mapping[str, str] | None = None,
) -> Approval:
    """May the post at ``relpath`` on main be sent? See the module docstring."""
    env = os.environ if env is None else env
    if not required(env):
        return Approval(approved=True, verified=False, notice=SKIPPED_NOTICE)
    sha = last_commit(root, relpath)
    if sha is None:
        return _refused(
            f"{relpath} n'est dans aucun commit : il n'a pas été fusionné par une pull request"
        )
    client = GitHub.from_env(env)
    pull = _merged_pull(client, sha)
    if pull is None:
        return _refused(
            f"le commit {sha[:7]} qui a apporté cette version sur {MAIN_BRANCH} ne vient d'aucune "
            "pull request fusionnée (poussée directe ?) : personne ne l'a approuvé",
            commit=sha,
        )
    return replace(evaluate(pull, client.reviews(pull.number), account), commit=sha)
