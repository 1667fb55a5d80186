"""`gazouille comment`: one comment per pull request, updated in place, over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from gazouille.report.markdown import MARKER
from tests.fake_github import REPOSITORY, TOKEN, env_for
from tests.test_cli import run

COMMENTS = f"/repos/{REPOSITORY}/issues/12/comments"


class Comments:
    """The pull request's comments, as GitHub keeps them."""

    def __init__(self, server: HTTPServer, existing: list[dict[str, object]]) -> None:
        self.items = existing
        server.expect_request(COMMENTS, method="GET").respond_with_handler(self.list)
        server.expect_request(COMMENTS, method="POST").respond_with_handler(self.create)
        server.expect_request(
            f"/repos/{REPOSITORY}/issues/comments/77", method="PATCH"
        ).respond_with_handler(self.update)

    def list(self, request: Request) -> Response:
        return Response(json.dumps(self.items), content_type="application/json")

    def create(self, request: Request) -> Response:
        body = json.loads(request.data)["body"]
        item = {"id": 91, "body": body, "user": {"login": "github-actions[bot]"}}
        self.items.append(item)
        return Response(json.dumps(item), status=201, content_type="application/json")

    def update(self, request: Request) -> Response:
        body = json.loads(request.data)["body"]
        for item in self.items:
            if item["id"] == 77:
                item["body"] = body
        return Response(json.dumps({"id": 77, "body": body}), content_type="application/json")


@pytest.fixture
def body(tmp_path: Path) -> Path:
    file = tmp_path / "preview.md"
    file.write_text(f"{MARKER}\n## gazouille : vérification\n\nNouveau contenu\n", encoding="utf-8")
    return file


def methods(server: HTTPServer) -> list[tuple[str, str]]:
    return [(request.method, request.path) for request, _ in server.log]


def test_first_run_creates_the_comment(repo: Path, body: Path, httpserver: HTTPServer) -> None:
    comments = Comments(httpserver, [{"id": 5, "body": "Merci !", "user": {"login": "x"}}])
    code, output = run(
        repo, "comment", "--pull-request", "12", "--body-file", str(body), env=env_for(httpserver)
    )
    assert (code, output) == (0, "Commentaire 91 créé.\n")
    assert methods(httpserver) == [("GET", COMMENTS), ("POST", COMMENTS)]
    assert comments.items[-1]["body"] == body.read_text(encoding="utf-8")
    posted = httpserver.log[-1][0]
    assert posted.headers["Authorization"] == f"Bearer {TOKEN}"


def test_later_runs_update_the_same_comment(repo: Path, body: Path, httpserver: HTTPServer) -> None:
    comments = Comments(
        httpserver,
        [
            {"id": 60, "body": f"{MARKER} copié par quelqu'un", "user": {"login": "intrus"}},
            {"id": 77, "body": f"{MARKER}\nancien", "user": {"login": "github-actions[bot]"}},
        ],
    )
    code, output = run(
        repo, "comment", "--pull-request", "12", "--body-file", str(body), env=env_for(httpserver)
    )
    assert (code, output) == (0, "Commentaire 77 mis à jour.\n")
    assert methods(httpserver) == [
        ("GET", COMMENTS),
        ("PATCH", f"/repos/{REPOSITORY}/issues/comments/77"),
    ]
    assert len(comments.items) == 2
    assert "Nouveau contenu" in str(comments.items[1]["body"])
    assert comments.items[0]["body"] == f"{MARKER} copié par quelqu'un"


def test_too_long_body_is_truncated_with_a_pointer(
    repo: Path, tmp_path: Path, httpserver: HTTPServer
) -> None:
    comments = Comments(httpserver, [])
    file = tmp_path / "long.md"
    file.write_text(MARKER + "\n" + "x" * 100_000, encoding="utf-8")
    code, _ = run(
        repo, "comment", "--pull-request", "12", "--body-file", str(file), env=env_for(httpserver)
    )
    assert code == 0
    sent = str(comments.items[-1]["body"])
    assert len(sent) <= 65_000
    assert sent.startswith(MARKER)
    assert sent.endswith("de l'onglet Actions.\n")


def test_unreachable_github_is_a_french_error(repo: Path, body: Path) -> None:
    env = {"GITHUB_REPOSITORY": REPOSITORY, "GITHUB_API_URL": "http://127.0.0.1:9"}
    code, output = run(repo, "comment", "--pull-request", "12", "--body-file", str(body), env=env)
    assert code == 2
    assert "l'API GitHub (http://127.0.0.1:9) est injoignable" in output


def test_missing_body_file_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    code, output = run(
        repo,
        "comment",
        "--pull-request",
        "12",
        "--body-file",
        str(tmp_path / "absent.md"),
        env={"GITHUB_REPOSITORY": REPOSITORY},
    )
    assert code == 2
    assert "impossible de lire le texte du commentaire" in output
