"""`gazouille init`: a department repository from zero, usable as the guide says."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox, sandbox_credentials
from tests.helpers import PROJECT, git, post, write
from tests.test_cli import run

BIN = Path(sys.executable).parent
OPTIONS = (
    "--account",
    "pn29",
    "--x-username",
    "PNationale29",
    "--name",
    "Police nationale du Finistère",
    "--author",
    "ylegall-pn29",
    "--reviewer",
    "mquere-pn29",
    "--administrator",
    "nrousseau-dsic",
)


@pytest.fixture
def department(tmp_path: Path) -> Path:
    code, output = run(tmp_path, "init", "publications-pn29", *OPTIONS)
    assert code == 0, output
    assert "Dépôt créé" in output
    return tmp_path / "publications-pn29"


def test_the_repository_has_everything_and_no_post(department: Path) -> None:
    rulesets = {f".github/rulesets/{p.name}" for p in (PROJECT / ".github/rulesets").glob("*.json")}
    assert ".github/rulesets/main.json" in rulesets
    locks = {f"requirements/{p.name}" for p in (PROJECT / "requirements").glob("*.txt")}
    assert set(git(department, "ls-files").splitlines()) == {
        ".github/CODEOWNERS",
        ".github/requirements-gazouille.txt",
        ".github/workflows/check.yml",
        ".github/workflows/preview.yml",
        ".github/workflows/publish.yml",
        ".gitignore",
        "README.md",
        "accounts.yml",
        "media/pn29/.gitkeep",
        "posts/pn29/.gitkeep",
        *rulesets,
        *locks,
    }
    assert git(department, "branch", "--show-current") == "main"
    assert git(department, "log", "--format=%s") == "Dépôt créé par gazouille init"
    assert git(department, "status", "--porcelain") == ""


def test_it_passes_check_and_codeowners_is_current(department: Path) -> None:
    code, output = run(department, "check", "--format", "text")
    assert code == 0, output
    assert run(department, "codeowners") == (0, ".github/CODEOWNERS est déjà à jour.\n")
    accounts = yaml.safe_load((department / "accounts.yml").read_text(encoding="utf-8"))
    assert accounts["administrators"] == ["nrousseau-dsic"]
    assert accounts["accounts"]["pn29"]["name"] == "Police nationale du Finistère"
    owners = (department / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "* @nrousseau-dsic\n" in owners
    assert "/posts/pn29/ @mquere-pn29\n" in owners


def test_workflows_install_the_pinned_version_and_send_the_account_secrets(
    department: Path,
) -> None:
    pinned = (department / ".github/requirements-gazouille.txt").read_text(encoding="utf-8")
    assert "gazouille==" in pinned
    publish_yml = (department / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    # The account's own secrets, or the one JSON secret holding every account's.
    assert (
        "secrets.GAZOUILLE_PN29_X_ACCESS_TOKEN_SECRET" in publish_yml
        or "secrets.GAZOUILLE_SECRETS" in publish_yml
    )
    assert "PN44" not in publish_yml
    installs_gazouille = []
    for workflow in (department / ".github/workflows").glob("*.yml"):
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            for step in job["steps"]:
                script = step.get("run", "")
                if "pip install" not in script:
                    continue
                here = department / step.get("working-directory", ".").replace("base", ".")
                for requirement in re.findall(r"(?:-r|--requirement) (\S+)", script):
                    assert (here / requirement).is_file(), (workflow.name, requirement)
                if ".github/requirements-gazouille.txt" in script:
                    installs_gazouille.append(workflow.name)
                else:  # no gazouille source here: `pip install .` would fail
                    assert not re.search(r"pip install[^\n]* \.$", script, re.MULTILINE)
    assert {"check.yml", "preview.yml", "publish.yml"} <= set(installs_gazouille)


def test_the_workflows_pass_the_schema_and_zizmor(department: Path) -> None:
    workflows = sorted(str(p) for p in (department / ".github/workflows").glob("*.yml"))
    schema = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--min-severity", "low", *workflows],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_the_ruleset_for_main_is_importable(department: Path) -> None:
    ruleset = json.loads((department / ".github/rulesets/main.json").read_text(encoding="utf-8"))
    assert ruleset["target"] == "branch"
    assert ruleset["bypass_actors"] == []
    assert ruleset["conditions"]["ref_name"]["include"] == ["~DEFAULT_BRANCH"]
    rules = {rule["type"]: rule.get("parameters", {}) for rule in ruleset["rules"]}
    assert {"deletion", "non_fast_forward", "pull_request", "required_status_checks"} <= set(rules)
    review = rules["pull_request"]
    assert review["require_code_owner_review"] is True
    # "Update branch" by the author must not void the approval on GitHub's side.
    assert review["require_last_push_approval"] is False
    assert review["allowed_merge_methods"] == ["squash"]
    checks = rules["required_status_checks"]["required_status_checks"]
    assert [c["context"] for c in checks] == ["gazouille check"]


def test_a_post_written_in_it_is_published_on_the_sandbox(
    department: Path, sandbox: Sandbox
) -> None:
    """The guide's tour: init, a post, check, then publish to the local X sandbox."""
    relpath = "posts/pn29/2026-12-01-portes.md"
    write(department, relpath, post("prevention", "Fermez vos portes à clé."))
    assert run(department, "check", relpath)[0] == 0
    git(department, "add", relpath)
    git(department, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "Publication")
    env = {"GAZOUILLE_X_API_URL": sandbox.url, "GAZOUILLE_X_BACKOFF": "0.001"}
    env.update(sandbox_credentials("PNationale29").env("GAZOUILLE_PN29"))
    out = io.StringIO()
    assert publish(department, out, env=env, sleep=lambda s: None) == 0, out.getvalue()
    sent = sandbox.requests("POST", "/2/tweets")
    assert [request["json"]["text"] for request in sent] == ["Fermez vos portes à clé."]


def test_a_non_empty_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "existant"
    target.mkdir()
    (target / "notes.txt").write_text("à garder\n", encoding="utf-8")
    code, output = run(tmp_path, "init", "existant", *OPTIONS)
    assert code == 2
    assert "le dossier « existant » n'est pas vide" in output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_an_existing_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    code, output = run(tmp_path, "init", "fichier", *OPTIONS)
    assert code == 2
    assert "n'est pas un dossier" in output


def _with(option: str, value: str) -> list[str]:
    options = list(OPTIONS)
    options[options.index(option) + 1] = value
    return options


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (_with("--x-username", "@PNationale29"), "x_username"),
        (_with("--account", "../pn29"), "identifiant de compte invalide « ../pn29 »"),
        (_with("--account", "pn29:\n    paused: true"), "identifiant de compte invalide"),
        (_with("--author", "@ylegall"), "authors"),
        (_with("--administrator", "nrousseau dsic"), "administrators"),
        ([*OPTIONS, "--timezone", "Europe/Brest"], "fuseau horaire inconnu « Europe/Brest »"),
        (list(OPTIONS[:-2]), "il faut au moins un administrateur"),
    ],
    ids=["at-sign", "traversal", "yaml-injection", "author", "admin", "tz", "no-admin"],
)
def test_bad_options_are_french_errors_and_create_nothing(
    tmp_path: Path, options: list[str], message: str
) -> None:
    code, output = run(tmp_path, "init", "nouveau", *options)
    assert code == 2, output
    assert message in output
    assert "Traceback" not in output
    assert not (tmp_path / "nouveau").exists()


def test_without_a_git_identity_the_first_commit_is_still_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "absent"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    code, output = run(tmp_path, "init", "depot", *OPTIONS)
    assert code == 0, output
    assert git(tmp_path / "depot", "log", "--format=%an <%ae>") == "gazouille <gazouille@invalid>"
