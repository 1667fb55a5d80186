"""A fake GitHub REST API on a real local HTTP server (pytest-httpserver)."""

from __future__ import annotations

import json
import re
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
    """Pull requests by merge commit, and their reviews, served as GitHub would."""

    server: HTTPServer
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    by_commit: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def serving(
        cls, server: HTTPServer, data: dict[str, Any], reviews: list[dict[str, Any]]
    ) -> FakeGitHub:
        """A fake knowing one pull request and its reviews, installed on ``server``."""
        fake = cls(server)
        fake.add(data, reviews)
        fake.install()
        return fake

    def add(self, data: dict[str, Any], reviews: list[dict[str, Any]], *commits: str) -> None:
        self.pulls[data["number"]] = data
        self.reviews[data["number"]] = reviews
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

    def paths(self) -> list[str]:
        return [request.path for request, _ in self.server.log]
