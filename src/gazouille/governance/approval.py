"""Approved before published: the text approved is the text published.

A post may be sent only when the commit on ``main`` that last changed it or
one of its images came from a merged pull request that at least
``required_approvals`` reviewers of the account (never its author) approved.
An approval counts when every file it covers (the post and each image the
post references) is byte-identical, same git blob, at the approved commit and
at the merged commit. So "Update branch" (main merged into the pull request)
keeps approvals, and any change to the post or its images after an approval
voids it. The approved commit must be one of the pull request's commits, and
a reviewer who wrote one of them (merges from main aside) does not approve
his own work.

Who may write and approve is read from ``accounts.yml`` as it was *before*
the pull request, and must hold both on main just before the merged commit
(its first parent) and at the base GitHub recorded for the pull request (what
``check --base`` judged against): a pull request adding its author to an
account's ``authors`` or ``reviewers`` does not authorize him in that same
pull request, however it is merged.

The approved commits are read from the local clone when it has them (a
merge commit keeps them on main), else from GitHub's trees API (a squash merge
leaves them only on GitHub).

Under GitHub Actions the verification is mandatory and fails closed: when the
API cannot be reached, :class:`~gazouille.github_api.GitHubError` propagates
and the publisher sends nothing. Elsewhere (the sandbox, ``make demo``) it is
skipped with a notice.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gazouille.accounts import Account
from gazouille.errors import ConfigError, GazouilleError
from gazouille.github_api import GitHub, PullCommit, PullRequest, Review
from gazouille.gitutil import run_git
from gazouille.governance import AUTHOR_RULE, is_author
from gazouille.repo import ACCOUNTS_FILE

RULE = "governance/not-approved"
MAIN_BRANCH = "main"
# The latest of these states is a reviewer's verdict; COMMENTED changes nothing.
_VERDICTS = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})
_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")

# The blob id of each covered file at a commit (None: absent), or None when
# the commit cannot be read at all.
Blobs = dict[str, str | None]


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


def covered_files(root: Path, relpath: str, account_id: str) -> tuple[str, ...]:
    """The post and the images it references, as published (the working tree)."""
    from gazouille import posts

    try:
        post = posts.read(root, relpath, account_id)
    except posts.PostError:
        return (relpath,)  # the checks refuse it before any approval is asked
    files = [relpath]
    for _, item in post.media():
        file = item.get("file")
        if isinstance(file, str) and file and "\0" not in file:
            files.append(posixpath.normpath(file))
    return tuple(dict.fromkeys(files))


def last_commit(root: Path, paths: str | Sequence[str], rev: str = "HEAD") -> str | None:
    """The commit on the first-parent line of ``rev`` that last changed one of ``paths``.

    ``--first-parent`` gives the merge (or squash) commit on main, not the
    commit inside the pull request's branch.
    """
    wanted = [paths] if isinstance(paths, str) else list(paths)
    output = run_git(
        root,
        "--literal-pathspecs",
        "log",
        "-1",
        "--first-parent",
        "--format=%H",
        rev,
        "--",
        *wanted,
    )
    sha = output.decode().strip()
    if not sha:
        return None
    if sha in _shallow_boundary(root):
        # In a shallow clone the oldest commit seems to add every file: it
        # says nothing about who brought this one.
        raise GovernanceError(
            "l'historique git est incomplet (clone superficiel) : impossible de retrouver "
            "le commit qui a apporté cette publication",
            path=wanted[0],
            fix="dans le workflow, donnez « fetch-depth: 0 » à actions/checkout.",
        )
    return sha


def _shallow_boundary(root: Path) -> set[str]:
    # git's own answer: in a worktree, .git is a file and the list lives elsewhere.
    shallow = root / run_git(root, "rev-parse", "--git-path", "shallow").decode().strip()
    if not shallow.is_file():
        return set()
    return {line.strip() for line in shallow.read_text().splitlines() if line.strip()}


def local_blobs(root: Path, commit: str, files: Sequence[str]) -> Blobs | None:
    """The blob of each file at ``commit`` in the local clone; None when it lacks the commit."""
    if not _SHA.match(commit):
        return None
    try:
        run_git(root, "cat-file", "-e", f"{commit}^{{commit}}")
    except ConfigError:
        return None
    listing = run_git(root, "--literal-pathspecs", "ls-tree", "-z", commit, "--", *files)
    found: Blobs = dict.fromkeys(files)
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if name in found and len(fields) == 3 and fields[1] == "blob":
            found[name] = fields[2]
    return found


def remote_blobs(client: GitHub, commit: str, files: Sequence[str]) -> Blobs | None:
    """The same, asked of GitHub's trees API, one directory level at a time."""
    if not _SHA.match(commit):
        return None
    trees: dict[str, dict[str, tuple[str, str]] | None] = {}

    def listing(directory: str) -> dict[str, tuple[str, str]] | None:
        if directory not in trees:
            if not directory:
                trees[directory] = client.tree(commit)
            else:
                parent, _, name = directory.rpartition("/")
                above = listing(parent)
                kind, sha = (above or {}).get(name, ("", ""))
                trees[directory] = client.tree(sha) if kind == "tree" and _SHA.match(sha) else {}
        return trees[directory]

    if listing("") is None:
        return None  # GitHub does not know this commit
    found: Blobs = {}
    for file in files:
        directory, _, name = file.rpartition("/")
        kind, sha = (listing(directory) or {}).get(name, ("", ""))
        found[file] = sha if kind == "blob" else None
    return found


def _refused(reason: str, rule: str = RULE, **facts: Any) -> Approval:
    return Approval(approved=False, verified=True, rule=rule, reason=reason, **facts)


def _same(login: str) -> str:
    return login.casefold()


def co_authors(commits: Iterable[PullCommit]) -> frozenset[str]:
    """Who wrote or committed the pull request's own commits (casefolded logins).

    Merge commits are left out: "Update branch" is a merge made by whoever
    clicked, and brings main's changes, not the pull request's.
    """
    return frozenset(
        _same(login)
        for commit in commits
        if not commit.merge
        for login in (commit.author, commit.committer)
        if login and login.casefold() != "web-flow"  # GitHub's own committer for web edits
    )


def evaluate(
    pull: PullRequest,
    reviews: Iterable[Review],
    account: Account,
    differs: Callable[[str], str | None] = lambda commit: None,
    wrote: frozenset[str] = frozenset(),
) -> Approval:
    """The verdict for a merged pull request and its reviews (oldest first).

    ``differs(commit)`` says why the files approved at ``commit`` are not the
    ones published, or None when they are byte-identical. ``wrote`` holds who
    wrote commits of the pull request: their approval is their own work's.
    """
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
        elif login in wrote:
            ignored.append(f"{review.reviewer} (a écrit un commit de la pull request)")
        elif login not in reviewers:
            ignored.append(f"{review.reviewer} (pas relecteur du compte {account.id})")
        elif (why := differs(review.commit_id)) is not None:
            ignored.append(
                f"{review.reviewer} (a approuvé la version {review.commit_id[:7]}, {why})"
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


def account_at(root: Path, rev: str, account_id: str) -> Account | str:
    """The account as ``accounts.yml`` declared it at ``rev``, or why it cannot be read."""
    from gazouille.accounts import load_at

    try:
        declared = load_at(root, rev)
    except ConfigError as exc:
        return f"{ACCOUNTS_FILE} est illisible à la révision {rev[:9]} ({exc})"
    found = declared.get(account_id)
    if found is None:
        return (
            f"le compte {account_id} n'existait pas dans {ACCOUNTS_FILE} avant la pull request "
            f"(révision {rev[:9]}) : la pull request qui le crée ne peut pas y publier"
        )
    return found


def _rules_before(root: Path, sha: str, pull: PullRequest, account_id: str) -> list[Account | str]:
    """The account before the pull request: on main just before the merged commit, and at
    the base GitHub recorded for the pull request (the one ``check --base`` judged against).

    The second matters when a rebase merge puts several of the pull request's commits on
    main: the merged commit's parent may then be one of them.
    """
    revisions = [f"{sha}^1"]
    if _SHA.match(pull.base_sha):
        revisions.append(pull.base_sha)
    return [account_at(root, rev, account_id) for rev in revisions]


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
    files = covered_files(root, relpath, account.id)
    sha = last_commit(root, files)
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
    versions: list[Account] = []
    for rules in _rules_before(root, sha, pull, account.id):
        if isinstance(rules, str):
            return _refused(
                rules, AUTHOR_RULE, author=pull.author, pull_request=pull.number, commit=sha
            )
        versions.append(rules)
    merged = local_blobs(root, sha, files) or {}
    commits = client.pull_commits(pull.number)
    in_pull = {commit.sha for commit in commits}

    @functools.cache
    def differs(commit: str) -> str | None:
        if commit not in in_pull:
            return "un commit qui n'est pas dans la pull request"
        approved = local_blobs(root, commit, files) or remote_blobs(client, commit, files)
        if approved is None:
            return "introuvable sur GitHub"
        changed = [file for file in files if approved.get(file) != merged.get(file)]
        if changed:
            return f"{', '.join(changed)} modifié(s) depuis"
        return None

    reviews = client.reviews(pull.number)
    wrote = co_authors(commits)
    verdicts = [evaluate(pull, reviews, rules, differs, wrote) for rules in versions]
    refused = [verdict for verdict in verdicts if not verdict.approved]
    return replace(refused[0] if refused else verdicts[0], commit=sha)
