"""A small client for the GitHub REST API, as much as gazouille needs.

It reads the standard Actions variables: ``GITHUB_API_URL`` (default
https://api.github.com, so tests point it at a local server),
``GITHUB_TOKEN`` and ``GITHUB_REPOSITORY`` (``owner/name``). Every call has a
timeout; lists follow the ``Link: <…>; rel="next"`` headers, only to the same
server (the token never leaves it). Failures become a French
:class:`GitHubError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from gazouille.errors import GazouilleError

DEFAULT_API_URL = "https://api.github.com"
TIMEOUT_SECONDS = 15.0
MAX_PAGES = 50
PER_PAGE = 100


class GitHubError(GazouilleError):
    """GitHub could not be asked, or refused (exit 2)."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    merged: bool
    merge_commit_sha: str | None
    head_sha: str
    author: str
    base_ref: str
    base_sha: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PullRequest:
        head = data.get("head") or {}
        base = data.get("base") or {}
        return cls(
            number=int(data["number"]),
            merged=bool(data.get("merged")) or bool(data.get("merged_at")),
            merge_commit_sha=data.get("merge_commit_sha"),
            head_sha=str(head.get("sha") or ""),
            author=str((data.get("user") or {}).get("login") or ""),
            base_ref=str(base.get("ref") or ""),
            base_sha=str(base.get("sha") or ""),
        )


@dataclass(frozen=True)
class Review:
    reviewer: str
    state: str  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    commit_id: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Review:
        return cls(
            reviewer=str((data.get("user") or {}).get("login") or ""),
            state=str(data.get("state") or ""),
            commit_id=str(data.get("commit_id") or ""),
        )


@dataclass(frozen=True)
class PullCommit:
    """One commit of a pull request: who wrote it, and whether it merges (Update branch)."""

    sha: str
    author: str  # GitHub login; "" when the e-mail matches no account
    committer: str
    merge: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PullCommit:
        parents = data.get("parents")
        return cls(
            sha=str(data["sha"]),
            author=str((data.get("author") or {}).get("login") or ""),
            committer=str((data.get("committer") or {}).get("login") or ""),
            merge=isinstance(parents, list) and len(parents) > 1,
        )


class GitHub:
    """One repository on one GitHub server."""

    def __init__(
        self,
        repository: str,
        *,
        api_url: str = DEFAULT_API_URL,
        token: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        owner, _, name = repository.partition("/")
        if not owner or not name or "/" in name:
            raise GitHubError(
                f"dépôt GitHub invalide « {repository} » (attendu : propriétaire/nom)",
                fix="vérifiez la variable GITHUB_REPOSITORY.",
            )
        self.repository = repository
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._session: Any = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> GitHub:
        env = os.environ if env is None else env
        repository = env.get("GITHUB_REPOSITORY", "")
        if not repository:
            raise GitHubError(
                "la variable GITHUB_REPOSITORY n'est pas définie",
                fix="sous GitHub Actions elle l'est toujours ; ailleurs, "
                "exportez GITHUB_REPOSITORY=propriétaire/dépôt.",
            )
        return cls(
            repository,
            api_url=env.get("GITHUB_API_URL") or DEFAULT_API_URL,
            token=env.get("GITHUB_TOKEN") or None,
        )

    # -- transport -------------------------------------------------------

    def _session_(self) -> Any:
        if self._session is None:
            import requests

            session = requests.Session()
            session.headers["Accept"] = "application/vnd.github+json"
            session.headers["X-GitHub-Api-Version"] = "2022-11-28"
            session.headers["User-Agent"] = "gazouille"
            if self.token:
                session.headers["Authorization"] = f"Bearer {self.token}"
            self._session = session
        return self._session

    def _repo_path(self, suffix: str) -> str:
        owner, name = self.repository.split("/", 1)
        return f"{self.api_url}/repos/{quote(owner, safe='')}/{quote(name, safe='')}{suffix}"

    def _request(self, method: str, url: str, *, missing_ok: bool = False, **kwargs: Any) -> Any:
        import requests

        try:
            response = self._session_().request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise GitHubError(
                f"l'API GitHub ({self.api_url}) est injoignable ({type(exc).__name__})",
                fix="réessayez plus tard ; vérifiez GITHUB_API_URL et le réseau.",
            ) from None
        if response.status_code == 401:
            raise GitHubError(
                "l'API GitHub refuse le jeton (401)",
                fix="vérifiez que GITHUB_TOKEN est transmis au job (env: GITHUB_TOKEN: "
                "${{ github.token }}).",
            )
        if response.status_code == 403:
            raise GitHubError(
                "l'API GitHub refuse l'accès (403 : droits insuffisants ou quota dépassé)",
                fix="vérifiez les « permissions » du workflow, ou réessayez plus tard.",
            )
        if missing_ok and response.status_code in {404, 422}:
            return None  # GitHub answers 422 for a SHA it cannot parse
        if response.status_code == 404:
            raise GitHubError(
                f"introuvable sur GitHub : {urlsplit(url).path}",
                fix="vérifiez GITHUB_REPOSITORY et les droits du jeton sur ce dépôt.",
            )
        if response.status_code >= 400:
            raise GitHubError(
                f"l'API GitHub a répondu {response.status_code} à {method} {urlsplit(url).path}",
                fix="réessayez plus tard.",
            )
        return response

    def _json(self, response: Any) -> Any:
        try:
            return response.json()
        except ValueError:
            raise GitHubError(
                "l'API GitHub a renvoyé une réponse illisible (pas du JSON)",
                fix="vérifiez GITHUB_API_URL.",
            ) from None

    def get(self, suffix: str) -> Any:
        return self._json(self._request("GET", self._repo_path(suffix)))

    def paginate(self, suffix: str) -> Iterator[Any]:
        """Every item of a list endpoint, following ``rel="next"`` links."""
        url: str | None = self._repo_path(suffix)
        query: dict[str, str] | None = {"per_page": str(PER_PAGE)}
        origin = urlsplit(self.api_url)[:2]
        for _ in range(MAX_PAGES):
            assert url is not None
            response = self._request("GET", url, params=query)
            page = self._json(response)
            if not isinstance(page, list):
                raise GitHubError(
                    f"l'API GitHub a renvoyé autre chose qu'une liste pour {urlsplit(url).path}",
                    fix="vérifiez GITHUB_API_URL.",
                )
            yield from page
            url = (response.links.get("next") or {}).get("url")
            if not url:
                return
            if urlsplit(url)[:2] != origin:
                raise GitHubError(
                    "l'API GitHub renvoie vers un autre serveur pour la page suivante",
                    fix="vérifiez GITHUB_API_URL.",
                )
            query = None  # the next link carries its own query string
        raise GitHubError(f"plus de {MAX_PAGES} pages de résultats pour {suffix}")

    # -- what gazouille asks ----------------------------------------------

    def pulls_for_commit(self, sha: str) -> list[PullRequest]:
        """Pull requests associated with a commit (the one that merged it among them)."""
        return [
            PullRequest.from_json(item)
            for item in self.paginate(f"/commits/{quote(sha, safe='')}/pulls")
            if isinstance(item, dict)
        ]

    def pull(self, number: int) -> PullRequest:
        data = self.get(f"/pulls/{int(number)}")
        if not isinstance(data, dict) or "number" not in data:
            raise GitHubError(f"réponse inattendue de l'API GitHub pour la PR n°{number}")
        return PullRequest.from_json(data)

    def reviews(self, number: int) -> list[Review]:
        """The pull request's reviews, oldest first."""
        return [
            Review.from_json(item)
            for item in self.paginate(f"/pulls/{int(number)}/reviews")
            if isinstance(item, dict)
        ]

    def pull_commits(self, number: int) -> list[PullCommit]:
        """The pull request's commits as it stands, oldest first (GitHub lists at most 250)."""
        return [
            PullCommit.from_json(item)
            for item in self.paginate(f"/pulls/{int(number)}/commits")
            if isinstance(item, dict) and isinstance(item.get("sha"), str)
        ]

    def tree(self, sha: str) -> dict[str, tuple[str, str]] | None:
        """One tree (or a commit's root tree) as ``{name: (type, sha)}``; None when unknown."""
        response = self._request(
            "GET", self._repo_path(f"/git/trees/{quote(sha, safe='')}"), missing_ok=True
        )
        if response is None:
            return None
        data = self._json(response)
        entries = data.get("tree") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise GitHubError(
                f"réponse inattendue de l'API GitHub pour l'arbre {sha[:7]}",
                fix="vérifiez GITHUB_API_URL.",
            )
        return {
            str(entry["path"]): (str(entry.get("type")), str(entry.get("sha")))
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("path"), str)
        }

    def issue_comments(self, number: int) -> list[dict[str, Any]]:
        return [
            item
            for item in self.paginate(f"/issues/{int(number)}/comments")
            if isinstance(item, dict)
        ]

    def create_comment(self, number: int, body: str) -> dict[str, Any]:
        return self._send("POST", f"/issues/{int(number)}/comments", body)

    def update_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self._send("PATCH", f"/issues/comments/{int(comment_id)}", body)

    def _send(self, method: str, suffix: str, body: str) -> dict[str, Any]:
        data = self._json(self._request(method, self._repo_path(suffix), json={"body": body}))
        return data if isinstance(data, dict) else {}
