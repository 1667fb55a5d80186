from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT, cli, edit_accounts, git, make_repo, post, write

GOOD = post("prevention", "Verrouillez votre voiture.")
BAD = "---\ncategory: prevention\nmedia:\n  - file: media/pn44/absente.png\n    alt: Affiche\n---\nTexte *important*\n"


def run(repo: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = cli(repo, *args, env=env)
    return result.exit_code, result.output


def test_exit_0_when_clean(repo: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo, "check")
    assert code == 0
    assert "✓ 1 publication vérifiée : 0 erreur, 0 avertissement." in output


def test_exit_1_and_french_text_report(repo: Path) -> None:
    write(repo, "posts/pn44/ko.md", BAD)
    code, output = run(repo, "check", "--format", "text")
    assert code == 1
    assert output.splitlines() == [
        "posts/pn44/ko.md:4 erreur [media/missing] l'image « media/pn44/absente.png » est introuvable",
        "    → vérifiez le chemin (depuis la racine du dépôt) et ajoutez le fichier au commit.",
        "posts/pn44/ko.md:7 avertissement [markdown/literal] de l'italique Markdown (*…*) s'affichera tel quel sur X",
        "    → X n'affiche pas l'italique : retirez les * ou _.",
        "✗ 1 publication vérifiée : 1 erreur, 1 avertissement. Corrigez les erreurs avant la fusion.",
    ]


def test_warnings_alone_exit_0(repo: Path) -> None:
    write(repo, "posts/pn44/gras.md", post("prevention", "Du **gras**"))
    code, _ = run(repo, "check")
    assert code == 0


def test_json_report_contract(repo: Path) -> None:
    write(repo, "posts/pn44/ko.md", BAD)
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo, "check", "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["errors"] == 1
    assert data["warnings"] == 1
    first, second = data["posts"]
    assert first["path"] == "posts/pn44/ko.md"
    assert first["account"] == "pn44"
    assert first["parts"] == [{"weighted_length": 17, "max": 280, "line": 7}]
    assert first["errors"][0]["rule"] == "media/missing"
    assert first["errors"][0]["line"] == 4
    assert first["errors"][0]["message"].startswith("l'image")
    assert first["warnings"][0]["rule"] == "markdown/literal"
    assert second["path"] == "posts/pn44/ok.md"
    assert second["errors"] == []


def test_github_annotations_and_step_summary(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/ko.md", BAD)
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, output = run(repo, "check", env=env)  # github is the default under Actions
    assert code == 1
    lines = [line for line in output.splitlines() if not line.startswith("::notice::")]
    assert lines[0] == (
        "::error file=posts/pn44/ko.md,line=4,title=gazouille media/missing::"
        "l'image « media/pn44/absente.png » est introuvable%0A"
        "→ vérifiez le chemin (depuis la racine du dépôt) et ajoutez le fichier au commit."
    )
    assert lines[1].startswith(
        "::warning file=posts/pn44/ko.md,line=7,title=gazouille markdown/literal::"
    )
    assert "<!-- gazouille:check -->" in summary.read_text(encoding="utf-8")


def test_markdown_comment_body(repo: Path) -> None:
    write(repo, "posts/pn44/ko.md", BAD)
    code, output = run(repo, "check", "--format", "markdown")
    assert code == 1
    assert output.startswith("<!-- gazouille:check -->\n")
    assert "`posts/pn44/ko.md`" in output
    assert "Texte *important*" in output
    assert "`media/missing`" in output


def test_changed_since_checks_only_changed_posts(repo: Path) -> None:
    write(repo, "posts/pn44/ancien.md", BAD)  # already on main, broken
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "old")
    git(repo, "checkout", "-qb", "branche")
    write(repo, "posts/pn44/nouveau.md", GOOD)  # untracked
    write(repo, "posts/pn44/modifie.md", GOOD)
    code, output = run(repo, "check", "--changed-since", "main", "--format", "json")
    assert code == 0
    assert [p["path"] for p in json.loads(output)["posts"]] == [
        "posts/pn44/modifie.md",
        "posts/pn44/nouveau.md",
    ]


def test_changed_since_ignores_deleted_posts(repo: Path) -> None:
    write(repo, "posts/pn44/a-supprimer.md", GOOD)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add")
    base = git(repo, "rev-parse", "HEAD")
    (repo / "posts/pn44/a-supprimer.md").unlink()
    code, output = run(repo, "check", "--changed-since", base, "--format", "json")
    assert code == 0
    assert json.loads(output)["posts"] == []


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    code, output = run(repo, "check", "--changed-since", "origin/nulle-part")
    assert code == 2
    assert "la révision « origin/nulle-part » est introuvable" in output


@pytest.mark.parametrize(
    ("given", "code", "checked"),
    [
        ("posts/pn44", 0, ["posts/pn44/a.md"]),
        ("posts/pn06/b.md", 1, ["posts/pn06/b.md"]),
        ("posts", 1, ["posts/pn06/b.md", "posts/pn44/a.md"]),
        # accounts.yml is what every post may say: all of them are checked.
        ("accounts.yml", 1, ["posts/pn06/b.md", "posts/pn44/a.md"]),
    ],
)
def test_path_arguments(repo: Path, given: str, code: int, checked: list[str]) -> None:
    write(repo, "posts/pn44/a.md", GOOD)
    write(repo, "posts/pn06/b.md", BAD)
    got, output = run(repo, "check", given, "--format", "json")
    assert got == code
    assert [p["path"] for p in json.loads(output)["posts"]] == checked


@pytest.mark.parametrize("given", ["../ailleurs.md", "/etc/hosts"])
def test_path_outside_repository(repo: Path, given: str) -> None:
    code, output = run(repo, "check", given)
    assert code == 2
    assert "en dehors du dépôt" in output


def test_missing_path(repo: Path) -> None:
    code, output = run(repo, "check", "posts/pn44/absent.md")
    assert code == 2
    assert "« posts/pn44/absent.md » est introuvable" in output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("accounts: [\n", "accounts.yml:1 : crochet « [ » ouvert mais jamais refermé"),
        (
            "accounts:\n  pn44:\n    name: x\n",
            "accounts.yml:2 : le champ obligatoire « x_username »",
        ),
        ("comptes: {}\n", "accounts.yml:1 : clé inconnue « comptes »"),
        (
            "accounts:\n  pn44:\n    name: x\n    x_username: a\n    timezone: Mars/Olympus\n",
            "accounts.yml:5 : fuseau horaire inconnu « Mars/Olympus »",
        ),
        ("", "accounts.yml:1 : le fichier est vide"),
        (
            "accounts:\n  pn44:\n    name: x\n    name: y\n",
            "accounts.yml:4 : la clé « name » est écrite deux fois",
        ),
    ],
)
def test_broken_accounts_file_exits_2(repo: Path, content: str, expected: str) -> None:
    (repo / "accounts.yml").write_text(content, encoding="utf-8")
    code, output = run(repo, "check")
    assert code == 2
    assert expected in output
    assert "Traceback" not in output


def test_accounts_file_not_utf8(repo: Path) -> None:
    (repo / "accounts.yml").write_bytes(b"accounts:\n  pn44:\n    name: \xe9\n")
    code, output = run(repo, "check")
    assert code == 2
    assert "accounts.yml : le fichier n'est pas en UTF-8" in output


def test_missing_accounts_file(repo: Path) -> None:
    (repo / "accounts.yml").unlink()
    code, output = run(repo, "check")
    assert code == 2
    assert "accounts.yml : fichier introuvable" in output


def test_outside_any_repository(tmp_path: Path) -> None:
    code, output = run(tmp_path, "check")
    assert code == 2
    assert "aucun dépôt git trouvé" in output


def test_works_from_a_subdirectory(repo: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    code, output = run(repo / "posts" / "pn44", "check", "ok.md", "--format", "json")
    assert code == 0
    assert json.loads(output)["posts"][0]["path"] == "posts/pn44/ok.md"


def test_new_creates_a_dated_post_that_must_be_filled(repo: Path) -> None:
    code, output = run(repo, "new", "pn44", "interpellation", "--slug", "Vol à l'arraché")
    assert code == 0
    created = sorted((repo / "posts/pn44").glob("*-vol-a-l-arrache.md"))
    assert len(created) == 1
    assert created[0].name[:4].isdigit()
    assert "category: interpellation" in created[0].read_text(encoding="utf-8")
    code, output = run(repo, "check", str(created[0].relative_to(repo)))
    assert code == 1
    assert "text/placeholder" in output
    code, _ = run(repo, "new", "pn44", "interpellation", "--slug", "Vol à l'arraché")
    assert len(sorted((repo / "posts/pn44").glob("*-vol-a-l-arrache*.md"))) == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["new", "pn99", "prevention"], "compte inconnu « pn99 »"),
        (["new", "pn44", "faits-divers"], "catégorie inconnue « faits-divers »"),
        (["new", "pn44", "prevention", "--publish-at", "lundi"], "date invalide « lundi »"),
    ],
)
def test_new_refuses_bad_arguments(repo: Path, args: list[str], expected: str) -> None:
    code, output = run(repo, *args)
    assert code == 2
    assert expected in output


def test_help_is_a_subprocess_without_heavy_imports(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from gazouille.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'git', 'jsonschema', 'rich', 'tweepy', 'requests', 'PIL', 'yaml', 'twitter_text'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_internal_error_exit_3_without_traceback(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazouille import engine

    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "run", boom)
    code, output = run(repo, "check")
    assert code == 3
    assert "erreur interne (RuntimeError: boom)" in output
    assert "Traceback" not in output


def test_console_script_runs_on_the_project() -> None:
    exe = Path(sys.executable).parent / "gazouille"
    out = subprocess.run(
        [str(exe), "check", "--format", "json"], cwd=PROJECT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert json.loads(out.stdout)["errors"] == 0


def test_make_repo_is_clean(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r")
    assert git(root, "status", "--porcelain") == ""


def test_changed_accounts_file_rechecks_every_post(repo: Path) -> None:
    write(repo, "posts/pn44/ancien.md", post("prevention", "Appelez le 02 40 37 21 21."))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "old")
    edit_accounts(repo, 'phones: ["02 40 37 21 21"]', "phones: []")
    code, output = run(repo, "check", "--changed-since", "HEAD", "--format", "json")
    data = json.loads(output)
    assert [p["path"] for p in data["posts"]] == ["posts/pn44/ancien.md"]
    assert "accounts.yml a changé : toutes les publications sont vérifiées." in data["notices"]
    assert code == 1
    assert data["posts"][0]["errors"][0]["rule"] == "personal-data/phone"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "--formt", "json"],
            "option inconnue « --formt » (vouliez-vous dire « --format » ?)",
        ),
        (
            ["check", "--format", "xml"],
            "valeur refusée pour « --format » ; valeurs possibles : text, json",
        ),
        (["nouveau"], "commande inconnue ('nouveau')"),
        (["new", "pn44"], "il manque « CATEGORY »"),
        (["publish", "--account"], "l'option « --account » attend une valeur"),
    ],
)
def test_usage_errors_are_french_and_exit_2(repo: Path, args: list[str], expected: str) -> None:
    code, output = run(repo, *args)
    assert code == 2
    assert expected in output
    assert "--help » liste les commandes et les options." in output


def test_version_and_help_exit_0(repo: Path) -> None:
    assert run(repo, "--version")[0] == 0
    code, output = run(repo, "check", "--help")
    assert code == 0
    assert "--changed-since" in output


def test_large_checks_spread_over_workers_give_the_same_report(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazouille import engine

    for index in range(engine.PARALLEL_FROM + 5):
        body = BAD if index % 50 == 0 else post("prevention", f"Conseil n°{index} : fermez à clé.")
        write(repo, f"posts/pn44/{index:04d}.md", body)
    monkeypatch.setenv("GAZOUILLE_JOBS", "1")
    code, serial = run(repo, "check", "--format", "json")
    monkeypatch.setenv("GAZOUILLE_JOBS", "2")
    code_parallel, parallel = run(repo, "check", "--format", "json")
    assert code == code_parallel == 1
    assert json.loads(parallel) == json.loads(serial)
    assert len(json.loads(serial)["posts"]) == engine.PARALLEL_FROM + 5


def test_the_governance_notice_appears_only_under_github_actions(repo: Path) -> None:
    write(repo, "posts/pn44/ok.md", GOOD)
    notice = "la règle governance/author-not-authorized (auteurs autorisés) n'est pas vérifiée"
    code, output = run(repo, "check", "--format", "text")
    assert code == 0
    assert notice not in output
    code, output = run(repo, "check", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert code == 0
    assert notice in output  # under Actions but with no pull request event
