"""End to end: `publish` sends only posts whose pull request was approved.

A fake GitHub API (pytest-httpserver, real HTTP) knows the pull request that
merged the post and its reviews; the project's X sandbox receives what is sent.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
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

AUTHOR = "lgautier-pn44"
REVIEWER = "tpalermo-pn44"
POST = "posts/pn44/2026-11-30-portes.md"
IMAGE = "media/pn44/cambriolages-bons-reflexes.png"
TEXT = "Fermez vos portes à clé, même pour une courte absence."
WITH_IMAGE = post("prevention", TEXT, media=f"[{{file: {IMAGE}, alt: Affiche de prévention}}]")


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
    """Pull request #12 merged as ``sha``, a rebase merge: its head is ``sha`` too."""
    data = pull(12, author=AUTHOR, head=sha, merge_commit=sha)
    return FakeGitHub.serving(github, {**data, **pr}, reviews)


@dataclass
class PullRequestStory:
    """A pull request told with real git commits, as GitHub would hold it.

    ``github`` is the repository on GitHub (main and the branch); ``root`` is
    the publish job's clone of main. ``commits`` are the branch's, oldest first.
    """

    github: Path
    commits: list[str] = field(default_factory=list)
    root: Path | None = None
    merged: str = ""

    @classmethod
    def start(cls, tmp_path: Path, files: dict[str, str]) -> PullRequestStory:
        github = make_repo(tmp_path / "github")
        git(github, "checkout", "--quiet", "-b", "proposition")
        story = cls(github)
        if files:
            story.push(files, "Propose la publication")
        return story

    def push(self, files: dict[str, str | bytes], message: str) -> str:
        """A commit on the pull request's branch; returns its SHA."""
        for relpath, content in files.items():
            if isinstance(content, bytes):
                (self.github / relpath).write_bytes(content)
            else:
                write(self.github, relpath, content)
        git(self.github, "add", "-A")
        git(self.github, "commit", "--quiet", "-m", message)
        self.commits.append(git(self.github, "rev-parse", "HEAD"))
        return self.commits[-1]

    def main_moves_on(self) -> None:
        """Another pull request lands on main meanwhile (here, outside posts/)."""
        git(self.github, "checkout", "--quiet", "main")
        write(self.github, "NOTES.md", "Une autre pull request.\n")
        git(self.github, "add", "-A")
        git(self.github, "commit", "--quiet", "-m", "Merge pull request #11")
        git(self.github, "checkout", "--quiet", "proposition")

    def update_branch(self) -> str:
        """GitHub's "Update branch" button: main merged into the pull request."""
        git(self.github, "merge", "--quiet", "--no-ff", "-m", "Merge branch 'main'", "main")
        self.commits.append(git(self.github, "rev-parse", "HEAD"))
        return self.commits[-1]

    def merge(self, tmp_path: Path, *, squash: bool) -> Path:
        """Merge into main (merge commit or squash), then clone main as the publish job does."""
        git(self.github, "checkout", "--quiet", "main")
        if squash:
            git(self.github, "merge", "--quiet", "--squash", "proposition")
            git(self.github, "commit", "--quiet", "-m", "Propose la publication (#12)")
        else:
            git(
                self.github,
                "merge",
                "--quiet",
                "--no-ff",
                "-m",
                "Merge pull request #12",
                "proposition",
            )
        self.merged = git(self.github, "rev-parse", "HEAD")
        # A squash merge leaves the branch's commits on GitHub only.
        self.root = tmp_path / "clone"
        git(
            tmp_path,
            "clone",
            "--quiet",
            "--single-branch",
            "--branch",
            "main",
            f"file://{self.github}",  # not a local copy of every object
            str(self.root),
        )
        return self.root

    def serve(self, server: HTTPServer, reviews: list[dict[str, Any]], **pr: Any) -> FakeGitHub:
        data = {**pull(12, author=AUTHOR, head=self.commits[-1], merge_commit=self.merged), **pr}
        fake = FakeGitHub(server, repo=self.github)
        fake.add(data, reviews, pull_commits=self.commits)
        fake.install()
        return fake


def test_an_approved_pull_request_publishes_and_the_ledger_says_who(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    root, sha = merged_repo(tmp_path)
    fake = serve(httpserver, sha, [review(REVIEWER, "APPROVED", sha)])
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


@pytest.mark.parametrize("squash", [False, True], ids=["merge-commit", "squash"])
def test_update_branch_keeps_the_approval(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer, squash: bool
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    approved = story.commits[-1]
    story.main_moves_on()
    story.update_branch()
    root = story.merge(tmp_path, squash=squash)
    fake = story.serve(httpserver, [review(REVIEWER, "APPROVED", approved)])
    code, out = run(root, sandbox, httpserver)
    assert code == 0, out
    assert [r["json"]["text"] for r in sandbox.requests("POST", "/2/tweets")] == [TEXT]
    [published] = [r for r in ledger(root) if r["event"] == "published"]
    assert published["approvers"] == [REVIEWER]
    trees = [path for path in fake.paths() if "/git/trees/" in path]
    # After a squash merge the approved commit exists only on GitHub: its trees are asked
    # there, one per directory level (root, posts, posts/pn44, media, media/pn44).
    assert len(trees) == (5 if squash else 0), trees
    if squash:
        assert trees[0].endswith(f"/git/trees/{approved}")


def png(colour: str) -> bytes:
    """A real, valid PNG (the checks refuse anything else before approvals are asked)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="PNG")
    return out.getvalue()


AFTER_APPROVAL = [
    pytest.param({POST: post("prevention", "Laissez la clé sous le paillasson.")}, POST, id="text"),
    pytest.param({IMAGE: png("red")}, IMAGE, id="image"),
]


@pytest.mark.parametrize(("change", "changed"), AFTER_APPROVAL)
@pytest.mark.parametrize("squash", [False, True], ids=["merge-commit", "squash"])
def test_a_change_after_approval_voids_it(
    tmp_path: Path,
    sandbox: Sandbox,
    httpserver: HTTPServer,
    change: dict[str, str | bytes],
    changed: str,
    squash: bool,
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    approved = story.commits[-1]
    story.push(change, "Retouche après l'approbation")
    story.main_moves_on()
    story.update_branch()
    root = story.merge(tmp_path, squash=squash)
    story.serve(httpserver, [review(REVIEWER, "APPROVED", approved)])
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert f"a approuvé la version {approved[:7]}, {changed} modifié(s) depuis" in out
    assert [r["event"] for r in ledger(root)] == ["refused"]


def test_an_image_changed_later_by_a_direct_push_is_refused(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    """The pull request that matters is the last one to touch the post OR its images."""
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    root = story.merge(tmp_path, squash=False)
    (root / IMAGE).write_bytes(png("blue"))
    git(root, "commit", "--quiet", "-am", "Image remplacée sans relecture")
    story.serve(httpserver, [review(REVIEWER, "APPROVED", story.commits[-1])])
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert "ne vient d'aucune pull request fusionnée" in out


def test_an_approval_on_a_commit_outside_the_pull_request_does_not_count(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    """Same text, but on a commit GitHub does not list in the pull request (another branch)."""
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    elsewhere = story.commits.pop()  # the reviewer approved it, then the branch was rewritten
    git(story.github, "commit", "--quiet", "--amend", "-m", "Réécrite")
    story.commits.append(git(story.github, "rev-parse", "HEAD"))
    root = story.merge(tmp_path, squash=True)
    story.serve(httpserver, [review(REVIEWER, "APPROVED", elsewhere)])
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert (
        f"a approuvé la version {elsewhere[:7]}, un commit qui n'est pas dans la pull request"
        in out
    )


@pytest.mark.parametrize(
    "commit", ["f" * 40, "pas-un-sha", ""], ids=["unknown", "garbage", "empty"]
)
def test_an_approval_on_an_unknown_commit_does_not_count(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer, commit: str
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    story.commits.append(commit)  # GitHub lists it, yet nobody can read it
    root = story.merge(tmp_path, squash=True)
    story.serve(httpserver, [review(REVIEWER, "APPROVED", commit)])
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert "introuvable sur GitHub" in out


def test_a_dismissed_approval_does_not_count(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: WITH_IMAGE})
    head = story.commits[-1]
    root = story.merge(tmp_path, squash=True)
    story.serve(
        httpserver,
        [
            review(REVIEWER, "APPROVED", head),
            review(REVIEWER, "DISMISSED", head, "2026-11-29T10:00:00Z"),
        ],
    )
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert "0 approbation(s) valable(s) sur 1" in out


def test_two_accounts_in_one_pull_request_each_need_their_own_reviewers(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    """An author of both accounts; only pn44's reviewer approved: pn06's post stays."""
    story = PullRequestStory.start(tmp_path, {})
    git(story.github, "checkout", "--quiet", "main")
    accounts = (story.github / "accounts.yml").read_text(encoding="utf-8")
    (story.github / "accounts.yml").write_text(
        accounts.replace("authors: [rbianchi-pn06,", f"authors: [{AUTHOR},"), encoding="utf-8"
    )
    git(story.github, "commit", "--quiet", "-am", "lgautier écrit aussi pour pn06")
    git(story.github, "checkout", "--quiet", "proposition")
    git(story.github, "merge", "--quiet", "main")
    pn06 = "posts/pn06/2026-11-30-portes.md"
    story.push({POST: post("prevention", TEXT), pn06: post("prevention", TEXT)}, "Deux comptes")
    root = story.merge(tmp_path, squash=True)
    story.serve(httpserver, [review(REVIEWER, "APPROVED", story.commits[-1])])
    env = environment(sandbox, httpserver)
    for name in ("API_KEY", "API_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET"):
        env[f"GAZOUILLE_PN06_X_{name}"] = env[f"GAZOUILLE_PN44_X_{name}"]
    out = io.StringIO()
    code = publish(root, out, env=env, sleep=lambda s: None)
    assert code == 1
    assert len(sandbox.requests("POST", "/2/tweets")) == 1
    assert [r["event"] for r in ledger(root, "pn44")][-1] == "published"
    assert [r["event"] for r in ledger(root, "pn06")] == ["refused"]
    assert f"{REVIEWER} (pas relecteur du compte pn06)" in out.getvalue()


@pytest.mark.parametrize(
    ("old", "new", "login", "reason"),
    [
        pytest.param(
            "authors: [lgautier-pn44,",
            "authors: [rbianchi-pn06,",
            "rbianchi-pn06",
            "ouverte par rbianchi-pn06, qui n'est pas auteur du compte pn44",
            id="author-adds-himself",
        ),
        pytest.param(
            "reviewers: [tpalermo-pn44,",
            "reviewers: [intrus,",
            AUTHOR,
            "intrus (pas relecteur du compte pn44)",
            id="reviewer-added-in-the-same-pull-request",
        ),
    ],
)
def test_accounts_yml_changed_by_the_pull_request_authorizes_nobody_in_it(
    tmp_path: Path,
    sandbox: Sandbox,
    httpserver: HTTPServer,
    old: str,
    new: str,
    login: str,
    reason: str,
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: post("prevention", TEXT)})
    accounts = (story.github / "accounts.yml").read_text(encoding="utf-8")
    story.push({"accounts.yml": accounts.replace(old, new)}, "Je m'ajoute")
    root = story.merge(tmp_path, squash=True)
    reviewer = "intrus" if "intrus" in new else REVIEWER
    story.serve(
        httpserver, [review(reviewer, "APPROVED", story.commits[-1])], user={"login": login}
    )
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert reason in out


def test_a_rebase_merge_cannot_use_its_own_accounts_commit(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    """Rebased onto main, the pull request's first commit (adding its author) becomes the
    parent of the post's commit: the base GitHub recorded for the pull request still decides."""
    story = PullRequestStory.start(tmp_path, {})
    base = git(story.github, "rev-parse", "main")
    accounts = (story.github / "accounts.yml").read_text(encoding="utf-8")
    intruder = "rbianchi-pn06"
    story.push(
        {"accounts.yml": accounts.replace("authors: [lgautier-pn44,", f"authors: [{intruder},")},
        "Je m'ajoute",
    )
    story.push({POST: post("prevention", TEXT)}, "Ma publication")
    git(story.github, "checkout", "--quiet", "main")
    git(story.github, "merge", "--quiet", "--ff-only", "proposition")
    story.merged = story.commits[-1]
    root = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--branch", "main", f"file://{story.github}", str(root))
    story.serve(
        httpserver,
        [review(REVIEWER, "APPROVED", story.commits[-1])],
        user={"login": intruder},
        base={"ref": "main", "sha": base},
    )
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert f"ouverte par {intruder}, qui n'est pas auteur du compte pn44" in out


def test_a_reviewer_who_wrote_part_of_the_text_cannot_approve_it(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    """Four eyes: the reviewer pushed the final wording himself, then approved it."""
    story = PullRequestStory.start(tmp_path, {POST: post("prevention", "Premier jet.")})
    rewritten = story.push({POST: post("prevention", TEXT)}, "Reformulé par le relecteur")
    story.main_moves_on()
    story.update_branch()
    root = story.merge(tmp_path, squash=True)
    fake = story.serve(httpserver, [review(REVIEWER, "APPROVED", rewritten)])
    fake.authors[rewritten] = REVIEWER
    code, out = run(root, sandbox, httpserver)
    assert code == 1
    assert sandbox.requests() == []
    assert f"{REVIEWER} (a écrit un commit de la pull request)" in out


def test_a_reviewer_who_only_clicked_update_branch_still_approves(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    story = PullRequestStory.start(tmp_path, {POST: post("prevention", TEXT)})
    approved = story.commits[-1]
    story.main_moves_on()
    update = story.update_branch()
    root = story.merge(tmp_path, squash=True)
    fake = story.serve(httpserver, [review(REVIEWER, "APPROVED", approved)])
    fake.authors[update] = REVIEWER  # GitHub's merge commit, made by whoever clicked
    code, out = run(root, sandbox, httpserver)
    assert code == 0, out
    assert len(sandbox.requests("POST", "/2/tweets")) == 1


REFUSALS = [
    pytest.param(
        "posts/pn62/2026-11-30-portes.md",
        {"user": {"login": "jdelattre-pn62"}},
        [("fdevos-pn62", "APPROVED")],
        "1 approbation(s) valable(s) sur 2 exigée(s)",
        id="one-approval-short",
    ),
    pytest.param(
        POST,
        {"user": {"login": REVIEWER}},
        [(REVIEWER, "APPROVED")],
        "n'est pas auteur du compte pn44",
        id="self-approval-by-a-non-author",
    ),
    pytest.param(
        POST,
        {},
        [(AUTHOR, "APPROVED")],
        f"{AUTHOR} (auteur de la pull request)",
        id="self-approval",
    ),
    pytest.param(
        POST,
        {},
        [("egiordano-pn06", "APPROVED")],
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
    reviews: list[tuple[str, str]],
    reason: str,
) -> None:
    root, sha = merged_repo(tmp_path, relpath)
    serve(httpserver, sha, [review(login, state, sha) for login, state in reviews], **pr)
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
