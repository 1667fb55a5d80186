"""Questions asked of git.

``check`` runs on every pull request and as a pre-commit hook, so its few
questions go straight to the ``git`` command (GitPython alone takes 100 ms to
import); the approval verification, which works on a
repository object, open it with GitPython.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from gazouille.errors import ConfigError
from gazouille.repo import ACCOUNTS_FILE, POSTS_DIR


def open_repo(root: Path) -> Any:
    """The GitPython ``Repo`` of ``root``."""
    import git

    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(f"« {root} » n'est pas un dépôt git") from None


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The output of ``git ARGS`` in ``root``; a French ConfigError when it fails."""
    try:
        completed = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=True
        )
    except FileNotFoundError:
        raise ConfigError("la commande git est introuvable", fix="installez git.") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip()
        raise ConfigError(f"git {args[0]} a échoué : {message}") from None
    return completed.stdout


def resolve(root: Path, rev: str) -> str:
    """The commit SHA of ``rev``; a French ConfigError when it does not exist."""
    if rev.startswith("-"):
        raise ConfigError(f"révision invalide « {rev} »")
    try:
        return (
            run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
        )
    except ConfigError:
        raise ConfigError(
            f"la révision « {rev} » est introuvable dans le dépôt",
            fix="récupérez-la (git fetch origin) ou indiquez une branche existante, "
            "par exemple origin/main.",
        ) from None


def changed_since(root: Path, rev: str) -> tuple[list[str], bool]:
    """Posts added or changed between ``rev`` and the working tree, and whether
    accounts.yml changed. Deleted files are left out; untracked files count."""
    base = resolve(root, rev)
    output = run_git(
        root,
        "diff",
        "--name-only",
        "--diff-filter=ACMRT",
        "--no-renames",
        "-z",
        base,
        "--",
        POSTS_DIR,
        ACCOUNTS_FILE,
    )
    names = [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", POSTS_DIR)
    names.extend(n for n in untracked.decode("utf-8", "surrogateescape").split("\0") if n)
    accounts_changed = ACCOUNTS_FILE in names
    posts = sorted({n for n in names if n.startswith(f"{POSTS_DIR}/")})
    return posts, accounts_changed


def git_dir(root: Path) -> Path:
    """Where git keeps its state for ``root`` (``.git``, or what a worktree's ``.git`` file names)."""
    dot_git = root / ".git"
    if dot_git.is_file():
        text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            target = Path(text.removeprefix("gitdir:").strip())
            return target if target.is_absolute() else root / target
    return dot_git if dot_git.is_dir() else root


def commit_of(root: Path, ref: str) -> str | None:
    """The commit SHA ``ref`` names, or None when it does not exist (no French error)."""
    if ref.startswith("-"):
        return None
    completed = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return completed.stdout.decode().strip() or None if completed.returncode == 0 else None


def blob_at(root: Path, commit: str, path: str) -> bytes | None:
    """The bytes of ``path`` in ``commit``, or None when it has no such file."""
    completed = subprocess.run(
        ["git", "cat-file", "blob", f"{commit}:{path}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return completed.stdout if completed.returncode == 0 else None
