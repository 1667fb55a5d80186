"""On a pull request, only the account's authors may propose its posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import git, make_repo, post, write
from tests.test_cli import run

GOOD = post("prevention", "Verrouillez votre voiture.")


def event(tmp_path: Path, content: str | bytes) -> dict[str, str]:
    file = tmp_path / "event.json"
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(file),
    }


def pull_request_by(login: object) -> str:
    return json.dumps({"action": "opened", "pull_request": {"number": 4, "user": {"login": login}}})


def test_an_author_of_the_account_passes(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(
        repo, "check", "--format", "text", env=event(tmp_path, pull_request_by("lgautier-pn44"))
    )
    assert code == 0, output
    assert "author-not-authorized" not in output


def test_an_author_of_another_account_fails(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    write(repo, "posts/pn06/ok.md", GOOD)
    code, output = run(
        repo, "check", "--format", "text", env=event(tmp_path, pull_request_by("rbianchi-pn06"))
    )
    assert code == 1
    lines = output.splitlines()
    assert (
        "posts/pn44/ok.md:1 erreur [governance/author-not-authorized] la pull request est "
        "ouverte par rbianchi-pn06, qui n'est pas auteur du compte pn44 "
        "(auteurs : lgautier-pn44, mkerbrat-pn44, sdiallo-pn44)"
    ) in lines
    assert not any(line.startswith("posts/pn06/ok.md") for line in lines)


def test_logins_compare_without_case(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    code, _ = run(repo, "check", env=event(tmp_path, pull_request_by("LGautier-PN44")))
    assert code == 0


def test_outside_actions_the_rule_is_skipped_without_a_notice(repo: Path) -> None:
    # On an officer's terminal nobody expects a pull request: the notice is
    # for GitHub Actions runs that have none (test_cli covers it).
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo, "check", "--format", "json")
    assert code == 0
    assert json.loads(output)["notices"] == []


def test_a_push_event_skips_the_rule(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    env = event(tmp_path, json.dumps({"ref": "refs/heads/main"}))
    env["GITHUB_EVENT_NAME"] = "push"
    code, output = run(repo, "check", "--format", "text", env=env)
    assert code == 0
    assert "ne vient pas d'une pull request" in output


HOSTILE = [
    pytest.param(b"pas du json", "pas du JSON valide", id="not-json"),
    pytest.param(b"\xff\xfe\x00", "pas du JSON valide", id="not-utf8"),
    pytest.param(b"[1, 2]", "pas un objet", id="array"),
    pytest.param(b'{"action": "opened"}', "pas de champ", id="no-pull-request"),
    pytest.param(b'{"pull_request": "x"}', "manque", id="pull-request-string"),
    pytest.param(b'{"pull_request": {"user": {"login": 42}}}', "manque", id="login-number"),
    pytest.param(
        b'{"pull_request": {"user": {"login": "a\\nb"}}}', "pas un identifiant", id="login-newline"
    ),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "pas du JSON valide", id="deep-nesting"),
]


@pytest.mark.parametrize(("content", "words"), HOSTILE)
def test_hostile_event_file_is_a_clean_error(
    repo: Path, tmp_path: Path, content: bytes, words: str
) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo, "check", env=event(tmp_path, content))
    assert code == 2
    assert "Traceback" not in output
    assert "le fichier d'événement GitHub Actions est inutilisable" in output
    assert words in output


def test_huge_event_file_is_refused_before_reading(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazouille.governance import event as event_module

    monkeypatch.setattr(event_module, "MAX_EVENT_BYTES", 1024)
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo, "check", env=event(tmp_path, " " * 2048 + pull_request_by("x")))
    assert code == 2
    assert "au plus 1024" in output


def test_missing_event_file_is_a_clean_error(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(tmp_path / "absent.json")}
    code, output = run(repo, "check", env=env)
    assert code == 2
    assert "lecture impossible" in output


def test_only_the_posts_the_pull_request_changed_are_held_to_the_rule(
    tmp_path: Path,
) -> None:
    """accounts.yml changed: every post is checked again, but the PR wrote only one."""
    root = make_repo(
        tmp_path / "depot", {"posts/pn06/ancienne.md": GOOD, "posts/pn44/ancienne.md": GOOD}
    )
    base = git(root, "rev-parse", "HEAD")
    accounts = (root / "accounts.yml").read_text(encoding="utf-8")
    (root / "accounts.yml").write_text(
        accounts.replace("required_approvals: 2", "required_approvals: 1"), encoding="utf-8"
    )
    write(root, "posts/pn44/nouvelle.md", GOOD)
    env = event(tmp_path, pull_request_by("lgautier-pn44"))
    code, output = run(root, "check", "--changed-since", base, "--format", "text", env=env)
    assert code == 0, output
    assert "toutes les publications sont vérifiées" in output
    write(root, "posts/pn06/nouvelle.md", GOOD)
    code, output = run(root, "check", "--changed-since", base, "--format", "text", env=env)
    assert code == 1
    flagged = [line for line in output.splitlines() if "author-not-authorized" in line]
    assert [line.split(":")[0] for line in flagged] == ["posts/pn06/nouvelle.md"]
