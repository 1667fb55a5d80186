"""Small helpers so that a test case reads as one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from gazouille import engine
from gazouille.accounts import Allow
from gazouille.cli import main
from gazouille.personal_data import scan
from gazouille.problems import PostResult

PROJECT = Path(__file__).resolve().parents[1]
CONFORMANCE = PROJECT / "tests" / "data" / "twitter-text"
# The suite's "now" (GAZOUILLE_NOW): before every example post's publish_at.
NOW = "2026-12-01T12:00:00Z"


def git(root: Path, *args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return completed.stdout.strip()


def make_repo(root: Path, posts: dict[str, str] | None = None, *, commit: bool = True) -> Path:
    """A git repository with the project's accounts.yml and media, plus ``posts``."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copy(PROJECT / "accounts.yml", root / "accounts.yml")
    shutil.copytree(PROJECT / "media", root / "media")
    (root / "posts" / "pn44").mkdir(parents=True)
    for relpath, text in (posts or {}).items():
        write(root, relpath, text)
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "--quiet", "-m", "initial")
    return root


def write(root: Path, relpath: str, text: str) -> Path:
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text), encoding="utf-8")
    return target


def edit_accounts(root: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the repository's accounts.yml (``old`` must be there)."""
    file = root / "accounts.yml"
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def post(category: str, body: str, **front: str) -> str:
    """The text of a post file with ``category`` and extra raw front-matter lines."""
    lines = [f"category: {category}", *(f"{key}: {value}" for key, value in front.items())]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def check_text(root: Path, text: str, name: str = "posts/pn44/essai.md") -> PostResult:
    write(root, name, text)
    ctx = engine.make_context(root)
    return engine.check_post(name, ctx)


def rules(result: PostResult) -> list[str]:
    return [problem.rule for problem in result.problems]


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``gazouille ARGS`` from ``cwd``, as an officer would in a terminal."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(previous)


LEDGER_BRANCH = "gazouille/ledger"


def ledger_records(root: Path, account: str = "pn44") -> list[dict[str, Any]]:
    """An account's ledger records: on the ledger branch when the clone has one, else
    (legacy) in the working tree."""
    import json

    branch = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{LEDGER_BRANCH}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if branch.returncode == 0:
        shown = subprocess.run(
            ["git", "show", f"{LEDGER_BRANCH}:ledger/{account}.jsonl"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        text = shown.stdout.decode("utf-8") if shown.returncode == 0 else ""
    else:
        file = root / "ledger" / f"{account}.jsonl"
        text = file.read_text(encoding="utf-8") if file.exists() else ""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kinds(text: str, allow: Allow | None = None) -> set[str]:
    """The personal-data kinds ``scan`` finds in ``text``."""
    return {finding.kind for finding in scan(text, allow)}


def found(text: str) -> list[tuple[str, str]]:
    """``(kind, value)`` of each piece of personal data ``scan`` finds in ``text``."""
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]
