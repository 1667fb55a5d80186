"""A fake GitHub REST API on a real local HTTP server (pytest-httpserver)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

REPOSITORY = "police-nationale/publications-pn44"
TOKEN = "jeton-de-test"


def env_for(server: HTTPServer, root: Path | None = None, **extra: str) -> dict[str, str]:
    """The Actions variables pointing gazouille at the fake server."""
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_API_URL": server.url_for("").rstrip("/"),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_TOKEN": TOKEN,
    }
    env.update(extra)
    return env


def pull(
    number: int,
    *,
    author: str,
    head: str,
    merge_commit: str | None,
    merged: bool = True,
    base: str = "main",
) -> dict[str, Any]:
    return {
        "number": number,
        "merged": merged,
        "merged_at": "2026-11-29T10:00:00Z" if merged else None,
        "merge_commit_sha": merge_commit,
        "html_url": f"https://github.com/{REPOSITORY}/pull/{number}",
        "user": {"login": author},
        "head": {"sha": head, "repo": {"full_name": REPOSITORY}},
        "base": {"ref": base, "repo": {"full_name": REPOSITORY}},
    }


def review(login: str, state: str, commit: str, at: str = "2026-11-29T09:00:00Z") -> dict[str, Any]:
    return {"user": {"login": login}, "state": state, "commit_id": commit, "submitted_at": at}


@dataclass
class FakeGitHub:
    """Pull requests by merge commit, their commits and reviews, served as GitHub would.

    ``repo``, when given, is the git repository GitHub holds: its trees are
    served from it (``git ls-tree``), so a squash-merged branch that the
    publishing clone lacks can still be read, as on GitHub.
    """

    server: HTTPServer
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    commits: dict[int, list[str]] = field(default_factory=dict)
    by_commit: dict[str, list[int]] = field(default_factory=dict)
    repo: Path | None = None
    # Who wrote a commit of a pull request (GitHub login); default: the pull request's author.
    authors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def serving(
        cls, server: HTTPServer, data: dict[str, Any], reviews: list[dict[str, Any]]
    ) -> FakeGitHub:
        """A fake knowing one pull request and its reviews, installed on ``server``."""
        fake = cls(server)
        fake.add(data, reviews)
        fake.install()
        return fake

    def add(
        self,
        data: dict[str, Any],
        reviews: list[dict[str, Any]],
        *commits: str,
        pull_commits: list[str] | None = None,
    ) -> None:
        """Serve ``data``: found from ``commits`` (default: its merge commit)."""
        self.pulls[data["number"]] = data
        self.reviews[data["number"]] = reviews
        self.commits[data["number"]] = pull_commits or [data["head"]["sha"]]
        for sha in commits or (data["merge_commit_sha"],):
            self.by_commit.setdefault(sha, []).append(data["number"])

    def install(self) -> None:
        prefix = f"/repos/{REPOSITORY}"
        self.server.expect_request(
            re.compile(rf"^{prefix}/commits/[0-9a-f]+/pulls$")
        ).respond_with_handler(self._commit_pulls)
        self.server.expect_request(re.compile(rf"^{prefix}/pulls/\d+$")).respond_with_handler(
            self._pull
        )
        self.server.expect_request(
            re.compile(rf"^{prefix}/pulls/\d+/reviews$")
        ).respond_with_handler(self._reviews)
        self.server.expect_request(
            re.compile(rf"^{prefix}/pulls/\d+/commits$")
        ).respond_with_handler(self._commits)
        self.server.expect_request(re.compile(rf"^{prefix}/git/trees/[^/]+$")).respond_with_handler(
            self._tree
        )

    def _json(self, data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")

    def _commit_pulls(self, request: Request) -> Response:
        sha = request.path.split("/")[-2]
        return self._json([self.pulls[n] for n in self.by_commit.get(sha, [])])

    def _pull(self, request: Request) -> Response:
        number = int(request.path.split("/")[-1])
        if number not in self.pulls:
            return self._json({"message": "Not Found"}, 404)
        return self._json(self.pulls[number])

    def _reviews(self, request: Request) -> Response:
        number = int(request.path.split("/")[-2])
        return self._json(self.reviews.get(number, []))

    def _commits(self, request: Request) -> Response:
        number = int(request.path.split("/")[-2])
        author = self.pulls[number]["user"]["login"] if number in self.pulls else ""
        items = []
        for sha in self.commits.get(number, []):
            login = self.authors.get(sha, author)
            items.append(
                {
                    "sha": sha,
                    "author": {"login": login},
                    "committer": {"login": login},
                    "parents": [{"sha": parent} for parent in self._parents(sha)],
                }
            )
        return self._json(items)

    def _parents(self, sha: str) -> list[str]:
        if self.repo is None:
            return []
        listed = subprocess.run(
            ["git", "rev-list", "--parents", "-n", "1", sha],
            cwd=self.repo,
            capture_output=True,
            text=True,
        )
        return listed.stdout.split()[1:] if listed.returncode == 0 else []

    def _tree(self, request: Request) -> Response:
        sha = request.path.split("/")[-1]
        if self.repo is None or not re.fullmatch("[0-9a-f]{40}", sha):
            return self._json({"message": "Not Found"}, 404)
        listed = subprocess.run(
            ["git", "ls-tree", "-z", sha], cwd=self.repo, capture_output=True, text=True
        )
        if listed.returncode != 0:
            return self._json({"message": "Not Found"}, 404)
        tree = []
        for entry in filter(None, listed.stdout.split("\0")):
            meta, name = entry.split("\t", 1)
            mode, kind, object_id = meta.split()
            tree.append({"path": name, "mode": mode, "type": kind, "sha": object_id})
        return self._json({"sha": sha, "tree": tree, "truncated": False})

    def paths(self) -> list[str]:
        return [request.path for request, _ in self.server.log]
