"""End to end: `publish` sends only posts whose pull request was approved.

A fake GitHub API (pytest-httpserver, real HTTP) knows the pull request that
merged the post and its reviews; the project's X sandbox receives what is sent.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from gazouille.github_api import GitHubError
from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox
from tests.fake_github import FakeGitHub, pull, review
from tests.fake_github import env_for as github_env
from tests.helpers import git, ledger_records, make_repo, post, write
from tests.test_cli import run as cli

HEAD = "c" * 40
OLD_HEAD = "d" * 40
AUTHOR = "lgautier-pn44"
REVIEWER = "tpalermo-pn44"
POST = "posts/pn44/2026-11-30-portes.md"
TEXT = "Fermez vos portes à clé, même pour une courte absence."


def environment(sandbox: Sandbox, github: HTTPServer) -> dict[str, str]:
    return github_env(
        github,
        GAZOUILLE_X_API_URL=sandbox.url,
        GAZOUILLE_PN44_X_API_KEY="sandbox-key",
        GAZOUILLE_PN44_X_API_SECRET="sandbox-secret",
        GAZOUILLE_PN44_X_ACCESS_TOKEN="sandbox-PNationale44",
        GAZOUILLE_PN44_X_ACCESS_TOKEN_SECRET="sandbox-secret",
        GAZOUILLE_X_BACKOFF="0.001",
    )


def merged_repo(tmp_path: Path, relpath: str = POST) -> tuple[Path, str]:
    root = make_repo(tmp_path / "depot")
    write(root, relpath, post("prevention", TEXT))
    git(root, "add", relpath)
    git(root, "commit", "--quiet", "-m", "Merge pull request #12")
    return root, git(root, "rev-parse", "HEAD")


def run(root: Path, sandbox: Sandbox, github: HTTPServer) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(root, out, env=environment(sandbox, github), sleep=lambda s: None)
    return code, out.getvalue()


def ledger(root: Path, account: str = "pn44") -> list[dict[str, Any]]:
    return ledger_records(root, account)


def serve(github: HTTPServer, sha: str, reviews: list[dict[str, Any]], **pr: Any) -> FakeGitHub:
    data = pull(12, author=AUTHOR, head=HEAD, merge_commit=sha)
    return FakeGitHub.serving(github, {**data, **pr}, reviews)


def test_an_approved_pull_request_publishes_and_the_ledger_says_who(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    root, sha = merged_repo(tmp_path)
    fake = serve(httpserver, sha, [review(REVIEWER, "APPROVED", HEAD)])
    code, out = run(root, sandbox, httpserver)
    assert code == 0, out
    sent = sandbox.requests("POST", "/2/tweets")
    assert [request["json"]["text"] for request in sent] == [TEXT]
    published = [r for r in ledger(root) if r["event"] == "published"]
    assert len(published) == 1
    assert published[0]["author"] == AUTHOR
    assert published[0]["approvers"] == [REVIEWER]
    assert published[0]["pull_request"] == 12
    assert f"/repos/police-nationale/publications-pn44/commits/{sha}/pulls" in fake.paths()


REFUSALS = [
    pytest.param(
        "posts/pn62/2026-11-30-portes.md",
        {"user": {"login": "jdelattre-pn62"}},
        [review("fdevos-pn62", "APPROVED", HEAD)],
        "1 approbation(s) valable(s) sur 2 exigée(s)",
        id="one-approval-short",
    ),
    pytest.param(
        POST,
        {"user": {"login": REVIEWER}},
        [review(REVIEWER, "APPROVED", HEAD)],
        "n'est pas auteur du compte pn44",
        id="self-approval-by-a-non-author",
    ),
    pytest.param(
        POST,
        {},
        [review(AUTHOR, "APPROVED", HEAD)],
        f"{AUTHOR} (auteur de la pull request)",
        id="self-approval",
    ),
    pytest.param(
        POST,
        {},
        [review(REVIEWER, "APPROVED", OLD_HEAD)],
        "a approuvé la version ddddddd, pas la dernière ccccccc",
        id="stale-approval",
    ),
    pytest.param(
        POST,
        {},
        [review("egiordano-pn06", "APPROVED", HEAD)],
        "egiordano-pn06 (pas relecteur du compte pn44)",
        id="unknown-reviewer",
    ),
]


@pytest.mark.parametrize(("relpath", "pr", "reviews", "reason"), REFUSALS)
def test_refused_posts_never_reach_x(
    tmp_path: Path,
    sandbox: Sandbox,
    httpserver: HTTPServer,
    relpath: str,
    pr: dict[str, Any],
    reviews: list[dict[str, Any]],
    reason: str,
) -> None:
    root, sha = merged_repo(tmp_path, relpath)
    serve(httpserver, sha, reviews, **pr)
    env = environment(sandbox, httpserver)
    prefix = relpath.split("/")[1].upper()
    for name in ("API_KEY", "API_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"):
        env[f"GAZOUILLE_{prefix}_X_{name}"] = env[f"GAZOUILLE_PN44_X_{name}"]
    out = io.StringIO()
    code = publish(root, out, env=env, sleep=lambda s: None)
    assert code == 1
    assert sandbox.requests() == []  # nothing reached X, not even a read
    assert "refusée, non publiée" in out.getvalue()
    assert reason in out.getvalue()
    records = ledger(root, relpath.split("/")[1])
    assert [r["event"] for r in records] == ["refused"]
    assert records[0]["rule"] in {"governance/not-approved", "governance/author-not-authorized"}
    assert reason in records[0]["reason"]


def test_a_direct_push_is_refused(tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer) -> None:
    root, sha = merged_repo(tmp_path)
    FakeGitHub(httpserver).install()  # no pull request behind the commit
    code, _ = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    records = ledger(root)
    assert [(r["event"], r["rule"]) for r in records] == [("refused", "governance/not-approved")]
    assert f"le commit {sha[:7]}" in records[0]["reason"]
    # The refusal is said once: a second run adds nothing to the ledger for the same bytes.
    assert run(root, sandbox, httpserver)[0] == 1
    assert len(ledger(root)) == 1


def test_unreachable_github_sends_nothing(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    root, _ = merged_repo(tmp_path)
    httpserver.expect_request(re.compile(".*")).respond_with_json({"message": "down"}, status=503)
    with pytest.raises(GitHubError, match="503"):
        run(root, sandbox, httpserver)
    assert sandbox.requests() == []
    assert not (root / "ledger" / "pn44.jsonl").exists()
    # Through the command line: a French sentence and exit 2, no traceback.
    code, output = cli(root, "publish", env=environment(sandbox, httpserver))
    assert code == 2
    assert "l'API GitHub a répondu 503" in output
    assert "Traceback" not in output
    assert sandbox.requests() == []


def test_outside_actions_it_publishes_with_a_notice(tmp_path: Path, sandbox: Sandbox) -> None:
    root, _ = merged_repo(tmp_path)
    env = {
        "GAZOUILLE_X_API_URL": sandbox.url,
        "GAZOUILLE_PN44_X_API_KEY": "sandbox-key",
        "GAZOUILLE_PN44_X_API_SECRET": "sandbox-secret",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN": "sandbox-PNationale44",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN_SECRET": "sandbox-secret",
    }
    out = io.StringIO()
    code = publish(root, out, env=env, sleep=lambda s: None)
    assert code == 0, out.getvalue()
    assert out.getvalue().count("les approbations des publications ne sont pas vérifiées") == 1
    assert len(sandbox.requests("POST", "/2/tweets")) == 1
