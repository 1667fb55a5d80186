"""The GitHub client over real HTTP: pagination, errors in French, the token kept home."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from gazouille.github_api import GitHub, GitHubError
from tests.fake_github import REPOSITORY, TOKEN, env_for, review

PREFIX = f"/repos/{REPOSITORY}"


def client(server: HTTPServer) -> GitHub:
    return GitHub.from_env(env_for(server))


def test_reviews_follow_link_pagination(httpserver: HTTPServer) -> None:
    page2 = httpserver.url_for(f"{PREFIX}/pulls/3/reviews") + "?page=2&per_page=100"
    httpserver.expect_ordered_request(
        f"{PREFIX}/pulls/3/reviews", query_string="per_page=100"
    ).respond_with_json([review("a", "APPROVED", "1")], headers={"Link": f'<{page2}>; rel="next"'})
    httpserver.expect_ordered_request(
        f"{PREFIX}/pulls/3/reviews", query_string="page=2&per_page=100"
    ).respond_with_json([review("b", "CHANGES_REQUESTED", "2")])
    reviews = client(httpserver).reviews(3)
    assert [(r.reviewer, r.state, r.commit_id) for r in reviews] == [
        ("a", "APPROVED", "1"),
        ("b", "CHANGES_REQUESTED", "2"),
    ]
    assert len(httpserver.log) == 2
    for request, _ in httpserver.log:
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert request.headers["Accept"] == "application/vnd.github+json"


def test_next_link_to_another_server_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PREFIX}/pulls/3/reviews").respond_with_json(
        [], headers={"Link": '<https://elsewhere.invalid/steal?page=2>; rel="next"'}
    )
    with pytest.raises(GitHubError, match="autre serveur"):
        client(httpserver).reviews(3)
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "refuse le jeton"), (403, "refuse l'accès"), (404, "introuvable"), (500, "500")],
)
def test_http_errors_become_french_errors(httpserver: HTTPServer, status: int, words: str) -> None:
    httpserver.expect_request(f"{PREFIX}/pulls/9").respond_with_json({}, status=status)
    with pytest.raises(GitHubError, match=words) as caught:
        client(httpserver).pull(9)
    assert caught.value.fix


def test_not_json_is_a_french_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PREFIX}/pulls/9").respond_with_data("<html>", status=200)
    with pytest.raises(GitHubError, match="illisible"):
        client(httpserver).pull(9)


def test_pull_fields(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PREFIX}/pulls/5").respond_with_json(
        {
            "number": 5,
            "merged": True,
            "merge_commit_sha": "m" * 40,
            "merged_at": "2026-11-29T10:00:00Z",
            "user": {"login": "lgautier-pn44"},
            "head": {"sha": "h" * 40, "repo": {"full_name": "fork/x"}},
            "base": {"ref": "main", "repo": {"full_name": REPOSITORY}},
        }
    )
    pull = client(httpserver).pull(5)
    assert (pull.merged, pull.head_sha, pull.author, pull.base_ref) == (
        True,
        "h" * 40,
        "lgautier-pn44",
        "main",
    )


def test_missing_repository_variable() -> None:
    with pytest.raises(GitHubError, match="GITHUB_REPOSITORY"):
        GitHub.from_env({})


def test_invalid_repository_variable() -> None:
    with pytest.raises(GitHubError, match="propriétaire/nom"):
        GitHub.from_env({"GITHUB_REPOSITORY": "pas-de-barre"})


@pytest.mark.parametrize("status", [404, 422])
def test_an_unknown_tree_is_none_not_an_error(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request(f"/repos/{REPOSITORY}/git/trees/{'f' * 40}").respond_with_json(
        {"message": "Not Found"}, status=status
    )
    assert client(httpserver).tree("f" * 40) is None


def test_a_tree_lists_names_types_and_blobs(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/repos/{REPOSITORY}/git/trees/{'a' * 40}").respond_with_json(
        {
            "sha": "a" * 40,
            "tree": [
                {"path": "posts", "type": "tree", "sha": "b" * 40},
                {"path": "accounts.yml", "type": "blob", "sha": "c" * 40},
                "garbage",
            ],
            "truncated": False,
        }
    )
    assert client(httpserver).tree("a" * 40) == {
        "posts": ("tree", "b" * 40),
        "accounts.yml": ("blob", "c" * 40),
    }


def test_a_tree_that_is_not_a_tree_is_a_french_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/repos/{REPOSITORY}/git/trees/{'a' * 40}").respond_with_json([])
    with pytest.raises(GitHubError, match="réponse inattendue"):
        client(httpserver).tree("a" * 40)


def test_pull_commits_say_who_wrote_and_which_merge(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/repos/{REPOSITORY}/pulls/3/commits").respond_with_json(
        [
            {"sha": "a" * 40, "author": {"login": "x"}, "committer": {"login": "web-flow"}},
            {"sha": "b" * 40, "author": None, "committer": None, "parents": [{}, {}]},
            {"no": "sha"},
        ]
    )
    commits = client(httpserver).pull_commits(3)
    assert [(c.sha[0], c.author, c.committer, c.merge) for c in commits] == [
        ("a", "x", "web-flow", False),
        ("b", "", "", True),
    ]
