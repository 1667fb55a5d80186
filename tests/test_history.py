"""``check --changed-since``: personal data left in earlier commits of the branch."""

from __future__ import annotations

import json
from pathlib import Path

from gazouille import engine
from gazouille.history import RULE, scan_history
from tests.helpers import cli, git, make_repo, post, write

PATH = "posts/pn44/cambriolage.md"


def branch_with(root: Path, *versions: str | None) -> list[str]:
    """A branch off main whose commits write ``versions`` of PATH (None deletes it)."""
    git(root, "checkout", "-q", "-b", "feature")
    shas = []
    for number, text in enumerate(versions, 1):
        if text is None:
            git(root, "rm", "-q", PATH)
        else:
            write(root, PATH, text)
            git(root, "add", PATH)
        git(root, "commit", "-q", "-m", f"v{number}")
        shas.append(git(root, "rev-parse", "HEAD"))
    return shas


def run(root: Path, *args: str) -> tuple[int, str]:
    result = cli(root, *args)
    return result.exit_code, result.output


DIRTY = post("interpellation", "Cambriolage : Kevin MARTIN joignable au 06 12 34 56 78.")
CLEAN = post("interpellation", "Cambriolage : un homme de 25 ans interpellé.")


def test_data_added_then_removed_is_reported_with_its_commit(repo: Path) -> None:
    first, _ = branch_with(repo, DIRTY, CLEAN)
    found = scan_history(repo, "main", engine.make_context(repo))
    problems = found[PATH]
    assert [p.rule for p in problems] == [RULE, RULE]
    assert first[:8] in problems[0].message
    assert "« K•••• M••••• »" in problems[0].message
    assert "« 06 •• •• •• 78 »" in problems[1].message
    assert "06 12 34 56 78" not in problems[1].message + (problems[1].fix or "")
    assert "git reset --soft" in (problems[0].fix or "")


def test_data_still_in_the_working_tree_is_not_reported_twice(repo: Path) -> None:
    branch_with(repo, DIRTY, DIRTY + "\nMise à jour.\n")
    assert scan_history(repo, "main", engine.make_context(repo)) == {}


def test_same_data_reformatted_counts_as_still_there(repo: Path) -> None:
    branch_with(repo, DIRTY, DIRTY.replace("06 12 34 56 78", "06.12.34.56.78"))
    assert scan_history(repo, "main", engine.make_context(repo)) == {}


def test_commits_before_rev_are_not_scanned(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", {PATH: DIRTY})
    branch_with(root, CLEAN)
    assert scan_history(root, "main", engine.make_context(root)) == {}


def test_only_the_first_commit_with_the_data_is_named(repo: Path) -> None:
    shas = branch_with(repo, DIRTY, DIRTY + "\nMise à jour.\n", CLEAN)
    problems = scan_history(repo, "main", engine.make_context(repo))[PATH]
    assert len(problems) == 2
    assert all(shas[0][:8] in p.message and shas[1][:8] not in p.message for p in problems)


def test_authorized_kinds_in_an_earlier_version_are_not_reported(repo: Path) -> None:
    appeal = post(
        "appel-a-temoins",
        "Kevin MARTIN est recherché.",
        authorization="{reference: PR 3, allows: [person-name]}",
    )
    branch_with(repo, appeal, CLEAN)
    assert scan_history(repo, "main", engine.make_context(repo)) == {}


def test_check_changed_since_reports_in_history_and_exits_1(repo: Path) -> None:
    first, _ = branch_with(repo, DIRTY, CLEAN)
    code, output = run(repo, "check", "--changed-since", "main", "--format", "json")
    assert code == 1
    report = json.loads(output)
    (result,) = [p for p in report["posts"] if p["path"] == PATH]
    assert [e["rule"] for e in result["errors"]] == [RULE, RULE]
    assert first[:8] in result["errors"][0]["message"]
    assert "06 12 34 56 78" not in output
    assert "MARTIN" not in output


def test_a_post_deleted_since_is_still_reported(repo: Path) -> None:
    branch_with(repo, DIRTY, None)
    code, output = run(repo, "check", "--changed-since", "main", "--format", "text")
    assert code == 1
    assert f"{PATH} erreur [{RULE}]" in output
    assert "06 12 34 56 78" not in output


def test_a_clean_branch_passes(repo: Path) -> None:
    branch_with(repo, CLEAN)
    code, _ = run(repo, "check", "--changed-since", "main")
    assert code == 0


def test_unknown_rev_is_a_usage_error(repo: Path) -> None:
    code, output = run(repo, "check", "--changed-since", "nope")
    assert code == 2
    assert "introuvable" in output


def test_data_authorized_later_is_not_reported_as_history(repo: Path) -> None:
    unauthorized = post("appel-a-temoins", "Kevin MARTIN est recherché.")
    authorized = post(
        "appel-a-temoins",
        "Kevin MARTIN est recherché.",
        authorization="{reference: PR 4, allows: [person-name]}",
    )
    branch_with(repo, unauthorized, authorized)
    assert scan_history(repo, "main", engine.make_context(repo)) == {}
