"""Approved before published: verify_approval against a fake GitHub over real HTTP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from gazouille.accounts import load as load_accounts
from gazouille.github_api import GitHubError
from gazouille.governance import AUTHOR_RULE
from gazouille.governance.approval import RULE, GovernanceError, verify_approval
from tests.fake_github import TOKEN, FakeGitHub, env_for, pull, review
from tests.helpers import git, make_repo, post, write

POST = "posts/pn44/2026-12-01-cambriolages.md"
AUTHOR = "lgautier-pn44"
REVIEWER = "tpalermo-pn44"
OTHER_REVIEWER = "ajaouen-pn44"
# Under Actions, with an API on port 9 (discard) of loopback: nothing listens there.
NOWHERE = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_REPOSITORY": "a/b",
    "GITHUB_API_URL": "http://127.0.0.1:9",
}


@pytest.fixture
def merged(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose main holds the post, brought by one commit; returns its SHA."""
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", "Fermez vos portes à clé."))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "Merge pull request #7")
    return root, git(root, "rev-parse", "HEAD")


def verify(root: Path, server: HTTPServer, account: str = "pn44", relpath: str = POST):
    accounts = load_accounts(root)
    return verify_approval(root, relpath, accounts.accounts[account], env=env_for(server))


def serve(server: HTTPServer, sha: str, reviews: list[dict], **overrides) -> FakeGitHub:
    """Pull request #7, merged as ``sha`` (a rebase merge: its head is ``sha`` too)."""
    data = pull(7, author=AUTHOR, head=sha, merge_commit=sha)
    return FakeGitHub.serving(server, {**data, **overrides}, reviews)


def test_approved_pull_request(merged: tuple[Path, str], httpserver: HTTPServer) -> None:
    root, sha = merged
    fake = serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)])
    verdict = verify(root, httpserver)
    assert verdict.approved and verdict.verified
    assert verdict.author == AUTHOR
    assert verdict.approvers == (REVIEWER,)
    assert verdict.pull_request == 7
    assert verdict.commit == sha
    assert verdict.ledger_fields() == {
        "author": AUTHOR,
        "approvers": [REVIEWER],
        "pull_request": 7,
    }
    # What the fake GitHub received: the commit's pulls, the pull, its reviews, with the token.
    prefix = "/repos/police-nationale/publications-pn44"
    assert fake.paths() == [
        f"{prefix}/commits/{sha}/pulls",
        f"{prefix}/pulls/7",
        f"{prefix}/pulls/7/commits",
        f"{prefix}/pulls/7/reviews",
    ]
    assert {request.headers["Authorization"] for request, _ in httpserver.log} == {
        f"Bearer {TOKEN}"
    }


def test_one_approval_short(tmp_path: Path, httpserver: HTTPServer) -> None:
    root = make_repo(tmp_path / "depot")
    relpath = "posts/pn62/2026-12-01-vols.md"
    write(root, relpath, post("prevention", "Attention aux vols."))
    git(root, "add", relpath)
    git(root, "commit", "--quiet", "-m", "Merge pull request #7")
    sha = git(root, "rev-parse", "HEAD")
    FakeGitHub.serving(
        httpserver,
        pull(7, author="jdelattre-pn62", head=sha, merge_commit=sha),
        [review("fdevos-pn62", "APPROVED", sha)],
    )
    verdict = verify(root, httpserver, "pn62", relpath)
    assert not verdict.approved
    assert verdict.rule == RULE
    assert "1 approbation(s) valable(s) sur 2 exigée(s)" in verdict.reason
    assert verdict.approvers == ("fdevos-pn62",)


def merged_after_accounts(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """Like ``merged``, after a commit changing accounts.yml (``old`` becomes ``new``)."""
    root = make_repo(tmp_path / "depot")
    accounts = (root / "accounts.yml").read_text(encoding="utf-8")
    assert old in accounts
    (root / "accounts.yml").write_text(accounts.replace(old, new), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Comptes")
    write(root, POST, post("prevention", "Fermez vos portes à clé."))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "Merge pull request #7")
    return root, git(root, "rev-parse", "HEAD")


def test_self_approval_does_not_count(tmp_path: Path, httpserver: HTTPServer) -> None:
    # The author is also a reviewer of the account: still not their own approver.
    root, sha = merged_after_accounts(
        tmp_path, "authors: [lgautier-pn44, mkerbrat-pn44,", f"authors: [lgautier-pn44, {REVIEWER},"
    )
    serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)], user={"login": REVIEWER})
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert f"{REVIEWER} (auteur de la pull request)" in verdict.reason


def test_stale_approval_does_not_count(tmp_path: Path, httpserver: HTTPServer) -> None:
    """Approved, then the text changed in the same pull request: the approval is void."""
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", "Fermez vos portes à clé."))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "Première version")
    approved = git(root, "rev-parse", "HEAD")
    write(root, POST, post("prevention", "Laissez vos portes ouvertes."))
    git(root, "commit", "--quiet", "-am", "Seconde version")
    sha = git(root, "rev-parse", "HEAD")
    fake = FakeGitHub(httpserver)
    fake.add(
        pull(7, author=AUTHOR, head=sha, merge_commit=sha),
        [review(REVIEWER, "APPROVED", approved)],
        pull_commits=[approved, sha],
    )
    fake.install()
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert f"a approuvé la version {approved[:7]}, {POST} modifié(s) depuis" in verdict.reason


def test_unknown_reviewer_does_not_count(merged: tuple[Path, str], httpserver: HTTPServer) -> None:
    root, sha = merged
    serve(httpserver, sha, [review("egiordano-pn06", "APPROVED", sha)])
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert "egiordano-pn06 (pas relecteur du compte pn44)" in verdict.reason


def test_direct_push_is_refused(merged: tuple[Path, str], httpserver: HTTPServer) -> None:
    root, sha = merged
    FakeGitHub(httpserver).install()  # no pull request knows this commit
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert verdict.rule == RULE
    assert f"le commit {sha[:7]}" in verdict.reason
    assert "poussée directe" in verdict.reason


def test_unmerged_pull_request_does_not_count(
    merged: tuple[Path, str], httpserver: HTTPServer
) -> None:
    root, sha = merged
    serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)], merged=False, merged_at=None)
    assert not verify(root, httpserver).approved


@pytest.mark.parametrize("later", ["CHANGES_REQUESTED", "DISMISSED"])
def test_a_later_verdict_cancels_the_approval(
    merged: tuple[Path, str], httpserver: HTTPServer, later: str
) -> None:
    root, sha = merged
    serve(
        httpserver,
        sha,
        [
            review(REVIEWER, "APPROVED", sha, "2026-11-29T09:00:00Z"),
            review(REVIEWER, later, sha, "2026-11-29T09:30:00Z"),
        ],
    )
    assert not verify(root, httpserver).approved


def test_a_later_comment_keeps_the_approval(
    merged: tuple[Path, str], httpserver: HTTPServer
) -> None:
    root, sha = merged
    serve(
        httpserver,
        sha,
        [review(REVIEWER, "APPROVED", sha), review(REVIEWER, "COMMENTED", sha)],
    )
    assert verify(root, httpserver).approved


def test_author_outside_the_account_is_refused(
    merged: tuple[Path, str], httpserver: HTTPServer
) -> None:
    root, sha = merged
    serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)], user={"login": "rbianchi-pn06"})
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert verdict.rule == AUTHOR_RULE


def test_an_account_without_authors_publishes_nothing(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """As `check` on the pull request: no authors means nobody may write."""
    root, sha = merged_after_accounts(
        tmp_path, "authors: [lgautier-pn44, mkerbrat-pn44, sdiallo-pn44]", "authors: []"
    )
    serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)])
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert verdict.rule == AUTHOR_RULE


def test_a_shallow_worktree_is_detected(merged: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = merged
    clone = tmp_path / "superficiel"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{root}", str(clone))
    worktree = tmp_path / "arbre"
    git(clone, "worktree", "add", "--quiet", str(worktree))
    account = load_accounts(worktree).accounts["pn44"]
    with pytest.raises(GovernanceError, match="clone superficiel"):
        verify_approval(worktree, POST, account, env={"GITHUB_ACTIONS": "true"})


def test_the_commit_that_brought_the_current_version_counts(
    merged: tuple[Path, str], httpserver: HTTPServer
) -> None:
    """A later direct push changing the post is what decides, not the old approved PR."""
    root, first = merged
    write(root, POST, post("prevention", "Texte changé sans relecture."))
    git(root, "commit", "--quiet", "-am", "direct push")
    FakeGitHub.serving(
        httpserver,
        pull(7, author=AUTHOR, head=first, merge_commit=first),
        [review(REVIEWER, "APPROVED", first)],
    )
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert verdict.commit == git(root, "rev-parse", "HEAD")


def test_merge_commit_is_found_with_first_parent(tmp_path: Path, httpserver: HTTPServer) -> None:
    root = make_repo(tmp_path / "depot")
    git(root, "checkout", "--quiet", "-b", "proposition")
    write(root, POST, post("prevention", "Fermez vos portes à clé."))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "Ajoute la publication")
    branch_head = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "--quiet", "main")
    git(root, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #7", "proposition")
    merge = git(root, "rev-parse", "HEAD")
    FakeGitHub.serving(
        httpserver,
        pull(7, author=AUTHOR, head=branch_head, merge_commit=merge),
        [review(REVIEWER, "APPROVED", branch_head)],
    )
    verdict = verify(root, httpserver)
    assert verdict.approved
    assert verdict.commit == merge


def test_shallow_clone_fails_closed(merged: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = merged
    write(root, "posts/pn44/autre.md", post("prevention", "Autre."))
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "later")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{root}", str(shallow))
    accounts = load_accounts(shallow)
    with pytest.raises(GovernanceError, match="clone superficiel"):
        verify_approval(shallow, POST, accounts.accounts["pn44"], env=NOWHERE)


def test_unreachable_api_fails_closed(merged: tuple[Path, str]) -> None:
    root, _ = merged
    accounts = load_accounts(root)
    with pytest.raises(GitHubError, match="injoignable"):
        verify_approval(root, POST, accounts.accounts["pn44"], env=NOWHERE)


def test_bad_token_fails_closed(merged: tuple[Path, str], httpserver: HTTPServer) -> None:
    root, _ = merged
    httpserver.expect_request(re.compile(r".*"), method="GET").respond_with_json(
        {"message": "Bad credentials"}, status=401
    )
    with pytest.raises(GitHubError, match="401"):
        verify(root, httpserver)


def test_outside_actions_it_is_skipped_with_a_notice(merged: tuple[Path, str]) -> None:
    root, _ = merged
    accounts = load_accounts(root)
    verdict = verify_approval(root, POST, accounts.accounts["pn44"], env={})
    assert verdict.approved and not verdict.verified
    assert verdict.notice is not None and "pas vérifiées" in verdict.notice
    assert verdict.ledger_fields() == {}


def test_a_pull_request_into_another_branch_does_not_count(
    merged: tuple[Path, str], httpserver: HTTPServer
) -> None:
    root, sha = merged
    serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)], base={"ref": "brouillons"})
    verdict = verify(root, httpserver)
    assert not verdict.approved
    assert "ne vient d'aucune pull request fusionnée" in verdict.reason
