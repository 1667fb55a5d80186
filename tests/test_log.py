"""`gazouille log`: who wrote, who approved, when merged, published and retracted."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox
from tests.fake_github import FakeGitHub, pull, review
from tests.helpers import git, make_repo, post, write
from tests.test_cli import run as cli
from tests.test_publish_approval import AUTHOR, POST, REVIEWER, TEXT, environment

X_ONLY = {
    "GAZOUILLE_PN44_X_API_KEY": "sandbox-key",
    "GAZOUILLE_PN44_X_API_SECRET": "sandbox-secret",
    "GAZOUILLE_PN44_X_ACCESS_TOKEN": "sandbox-PNationale44",
    "GAZOUILLE_PN44_X_ACCESS_TOKEN_SECRET": "sandbox-secret",
}


def publish_locally(root: Path, sandbox: Sandbox) -> str:
    out = io.StringIO()
    code = publish(root, out, env={"GAZOUILLE_X_API_URL": sandbox.url, **X_ONLY})
    assert code == 0, out.getvalue()
    return out.getvalue()


def entries(root: Path, *args: str) -> list[dict[str, object]]:
    code, output = cli(root, "log", "--format", "json", *args)
    assert code == 0, output
    data: list[dict[str, object]] = json.loads(output)
    return data


def test_an_approved_published_post(
    tmp_path: Path, sandbox: Sandbox, httpserver: HTTPServer
) -> None:
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", TEXT))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "Merge pull request #12")
    sha = git(root, "rev-parse", "HEAD")
    merged_at = git(root, "log", "-1", "--format=%cI")
    FakeGitHub.serving(
        httpserver,
        pull(12, author=AUTHOR, head=sha, merge_commit=sha),
        [review(REVIEWER, "APPROVED", sha)],
    )
    assert publish(root, io.StringIO(), env=environment(sandbox, httpserver)) == 0
    remote = sandbox.requests("POST", "/2/tweets")[0]["response"]["data"]["id"]

    [entry] = entries(root, "--account", "pn44")
    assert entry["path"] == POST
    assert entry["status"] == "published"
    assert entry["author"] == AUTHOR
    assert entry["approvers"] == [REVIEWER]
    assert entry["pull_request"] == 12
    assert entry["merged_at"] == merged_at
    assert entry["merge_commit"] == sha
    assert entry["url"] == f"https://x.com/PNationale44/status/{remote}"
    assert str(entry["published_at"]).endswith("Z")

    code, output = cli(root, "log", "--account", "pn44")
    assert code == 0
    assert output.splitlines()[:3] == [
        f"{POST} [pn44] — publiée",
        f"  écrite par : {AUTHOR}",
        f"  approuvée par : {REVIEWER} (pull request n°12)",
    ]


def test_a_retraction_with_its_reason_and_the_git_author(tmp_path: Path, sandbox: Sandbox) -> None:
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", TEXT))
    git(root, "add", POST)
    git(root, "commit", "--quiet", "-m", "add")
    publish_locally(root, sandbox)
    write(root, POST, post("prevention", TEXT, retract="date erronée"))
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "retract")
    publish_locally(root, sandbox)

    [entry] = entries(root)
    assert entry["status"] == "retracted"
    assert entry["retract_reason"] == "date erronée"
    assert entry["author"] == "Test"  # the ledger has no approval outside Actions: git says
    assert entry["approvers"] == []
    _, output = cli(root, "log")
    assert "  approuvée par : non vérifié" in output
    assert "motif : date erronée" in output


def test_waiting_and_refused_posts_are_listed(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/attente.md": post("prevention", "Bientôt.")})
    ledger = root / "ledger" / "pn44.jsonl"
    ledger.parent.mkdir()
    ledger.write_text(
        json.dumps(
            {
                "event": "refused",
                "path": "posts/pn44/refus.md",
                "rule": "governance/not-approved",
                "reason": "poussée directe",
                "at": "2026-11-29T10:00:00Z",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    data = {e["path"]: e for e in entries(root)}
    assert data["posts/pn44/attente.md"]["status"] == "waiting"
    assert data["posts/pn44/refus.md"]["status"] == "refused"
    assert data["posts/pn44/refus.md"]["refused_reason"] == "poussée directe"


def test_csv_has_french_headers_and_no_formulas(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    write(root, "posts/pn44/a.md", post("prevention", "Texte."))
    git(root, "add", "-A")
    git(
        root,
        "-c",
        'user.name==HYPERLINK("http://example.invalid")',
        "commit",
        "--quiet",
        "-m",
        "a",
    )
    code, output = cli(root, "log", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0][:4] == ["compte", "publication", "statut", "auteur"]
    assert rows[1][:3] == ["pn44", "posts/pn44/a.md", "en attente"]
    assert rows[1][3] == '\'=HYPERLINK("http://example.invalid")'


def test_since_filters_and_bad_dates_exit_2(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", "Texte.")})
    assert len(entries(root, "--since", "2000-01-01")) == 1
    assert entries(root, "--since", "2999-01-01") == []
    code, output = cli(root, "log", "--since", "hier")
    assert code == 2
    assert "--since : « hier » n'est pas une date" in output


def test_unknown_account_exits_2(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    code, output = cli(root, "log", "--account", "pn99")
    assert code == 2
    assert "compte inconnu « pn99 »" in output


def test_a_merged_branch_gives_the_merge_and_the_writer(tmp_path: Path) -> None:
    """Merged on main by the merge commit; written by the branch's commit."""
    root = make_repo(tmp_path / "depot", {"posts/pn44/ancienne.md": post("prevention", "Un.")})
    git(root, "checkout", "--quiet", "-b", "proposition")
    write(root, POST, post("prevention", TEXT))
    git(root, "add", POST)
    git(root, "-c", "user.name=Léa Gautier", "commit", "--quiet", "-m", "Ajoute")
    git(root, "checkout", "--quiet", "main")
    git(
        root,
        "-c",
        "user.name=Relecteur",
        "merge",
        "--quiet",
        "--no-ff",
        "-m",
        "Merge",
        "proposition",
    )
    git(root, "mv", "posts/pn44/ancienne.md", "posts/pn44/renommee.md")
    git(root, "commit", "--quiet", "-m", "Renomme")
    merge = git(root, "rev-parse", "HEAD~1")
    data = {e["path"]: e for e in entries(root)}
    assert (data[POST]["merge_commit"], data[POST]["author"]) == (merge, "Léa Gautier")
    assert data["posts/pn44/renommee.md"]["merge_commit"] == git(root, "rev-parse", "HEAD")


def commit_as(root: Path, name: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", f"user.name={name}", "commit", "--quiet", "-m", message)


def status_of(root: Path) -> dict[str, object]:
    code, output = cli(root, "status", "--account", "pn44", "--format", "json")
    assert code == 0, output
    data: dict[str, object] = json.loads(output)["accounts"][0]
    return data


def test_log_and_status_agree_on_a_post_retracted_before_publication(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", TEXT, publish_at="2026-12-24T10:00"))
    commit_as(root, "Alice Rédactrice", "add")
    write(root, POST, post("prevention", TEXT, publish_at="2026-12-24T10:00", retract="doublon"))
    commit_as(root, "Bob Relecteur", "retract before publication")

    [entry] = entries(root)
    assert entry["status"] == "retracted"
    assert entry["retract_reason"] == "doublon"
    assert entry["author"] == "Alice Rédactrice"
    assert entry["retracted_at"] is None
    assert status_of(root)["retracted"] == [{"path": POST, "urls": [], "reason": "doublon"}]
    _, output = cli(root, "log")
    assert "  retirée : avant publication — motif : doublon" in output
    assert "  écrite par : Alice Rédactrice" in output


def test_the_writer_is_who_added_the_post_not_who_retracted_it(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", TEXT))
    commit_as(root, "Alice Rédactrice", "add")
    publish_locally(root, sandbox)
    write(root, POST, post("prevention", TEXT, retract="date erronée"))
    commit_as(root, "Bob Relecteur", "retract")
    publish_locally(root, sandbox)
    [entry] = entries(root)
    assert entry["status"] == "retracted"
    assert entry["author"] == "Alice Rédactrice"


def test_log_and_status_show_times_in_the_account_time_zone(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    # GAZOUILLE_NOW is 2026-12-01T12:00:00Z: 13:00 in Europe/Paris.
    root = make_repo(tmp_path / "depot")
    write(root, POST, post("prevention", TEXT))
    write(
        root,
        "posts/pn44/noel.md",
        post("prevention", "Joyeux Noël.", publish_at="2026-12-24T10:00"),
    )
    commit_as(root, "Alice Rédactrice", "add")
    publish_locally(root, sandbox)
    [published, scheduled] = sorted(entries(root), key=lambda e: str(e["path"]) != POST)
    assert published["published_at"] == "2026-12-01T12:00:00Z"
    assert scheduled["status"] == "scheduled"
    assert scheduled["publish_at"] == "2026-12-24T10:00:00+01:00"
    _, log_text = cli(root, "log")
    assert "  publiée : le 01/12/2026 à 13:00 — https://x.com/PNationale44/status/" in log_text
    assert "posts/pn44/noel.md [pn44] — programmée" in log_text
    assert "  programmée : le 24/12/2026 à 10:00" in log_text
    _, status_text = cli(root, "status", "--account", "pn44")
    assert "(le 01/12/2026 à 13:00)" in status_text
    assert "posts/pn44/noel.md — le 24/12/2026 à 10:00" in status_text
    assert [s["path"] for s in status_of(root)["scheduled"]] == ["posts/pn44/noel.md"]  # type: ignore[index]
