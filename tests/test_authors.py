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


def test_a_pull_request_cannot_make_its_author_an_author(tmp_path: Path) -> None:
    """Governance reads accounts.yml from the base: adding oneself authorizes nothing here."""
    root = make_repo(tmp_path / "depot")
    base = git(root, "rev-parse", "HEAD")
    accounts = (root / "accounts.yml").read_text(encoding="utf-8")
    (root / "accounts.yml").write_text(
        accounts.replace("authors: [lgautier-pn44,", "authors: [rbianchi-pn06,"), encoding="utf-8"
    )
    write(root, "posts/pn44/intrusion.md", GOOD)
    env = event(tmp_path, pull_request_by("rbianchi-pn06"))
    args = ("check", "--changed-since", base, "--format", "text")
    # Without --base the pull request's own accounts.yml would let it through.
    assert run(root, *args, env=env)[0] == 0
    code, output = run(root, *args, "--base", base, env=env)
    assert code == 1
    assert (
        "posts/pn44/intrusion.md:1 erreur [governance/author-not-authorized] la pull request est "
        "ouverte par rbianchi-pn06, qui n'est pas auteur du compte pn44"
    ) in output
    assert "dans une pull request à part" in output
    # Once an administrator's pull request has landed, the base says so.
    git(root, "commit", "--quiet", "-am", "rbianchi-pn06 écrit pour pn44")
    later = git(root, "rev-parse", "HEAD")
    assert run(root, *args, "--base", later, env=env)[0] == 0


def test_a_new_account_cannot_be_written_in_the_pull_request_that_creates_it(
    tmp_path: Path,
) -> None:
    root = make_repo(tmp_path / "depot")
    base = git(root, "rev-parse", "HEAD")
    accounts = (root / "accounts.yml").read_text(encoding="utf-8")
    (root / "accounts.yml").write_text(
        accounts
        + "  pn29:\n    name: Police nationale du Finistère\n    x_username: PNationale29\n"
        "    timezone: Europe/Paris\n    authors: [rbianchi-pn06]\n    reviewers: [egiordano-pn06]\n",
        encoding="utf-8",
    )
    write(root, "posts/pn29/premiere.md", GOOD)
    env = event(tmp_path, pull_request_by("rbianchi-pn06"))
    code, output = run(root, "check", "--base", base, "--format", "text", "posts/pn29", env=env)
    assert code == 1
    assert "le compte pn29 n'existe pas encore sur la branche de base" in output


def test_an_unknown_base_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    code, output = run(root, "check", "--base", "no-such-rev")
    assert code == 2
    assert "la révision « no-such-rev » est introuvable" in output
    assert "Traceback" not in output


def test_a_base_without_accounts_yml_authorizes_nobody(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    git(root, "checkout", "--quiet", "--orphan", "vide")
    git(root, "rm", "--quiet", "-r", "--cached", ".")
    git(root, "commit", "--quiet", "--allow-empty", "-m", "vide")
    git(root, "checkout", "--quiet", "-f", "main")
    write(root, "posts/pn44/ok.md", GOOD)
    env = event(tmp_path, pull_request_by("lgautier-pn44"))
    code, output = run(root, "check", "--base", "vide", "--format", "text", env=env)
    assert code == 1
    assert "accounts.yml est absent de la révision « vide »" in output
    assert "Traceback" not in output


def test_a_broken_base_accounts_yml_fails_the_posts_not_its_repair(tmp_path: Path) -> None:
    """No deadlock: the pull request repairing the base's accounts.yml touches no post."""
    root = make_repo(tmp_path / "depot")
    good = (root / "accounts.yml").read_text(encoding="utf-8")
    (root / "accounts.yml").write_text("accounts: [\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "cassé")
    broken = git(root, "rev-parse", "HEAD")
    (root / "accounts.yml").write_text(good, encoding="utf-8")
    env = event(tmp_path, pull_request_by("lgautier-pn44"))
    args = ("check", "--changed-since", broken, "--base", broken, "--format", "text")
    code, output = run(root, *args, env=env)
    assert code == 0, output
    assert f"accounts.yml de la base ({broken}) est inutilisable" in output
    write(root, "posts/pn44/ok.md", GOOD)
    code, output = run(root, *args, env=env)
    assert code == 1
    assert (
        "posts/pn44/ok.md:1 erreur [governance/author-not-authorized] impossible de savoir"
        in output
    )
