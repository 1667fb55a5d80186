"""Questions asked of git, through GitPython (imported only when needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gazouille.errors import ConfigError
from gazouille.repo import ACCOUNTS_FILE, POSTS_DIR


def open_repo(root: Path) -> Any:
    import git

    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(f"« {root} » n'est pas un dépôt git") from None


def resolve(repo: Any, rev: str) -> str:
    """The commit SHA of ``rev``; a French ConfigError when it does not exist."""
    import git

    if rev.startswith("-"):
        raise ConfigError(f"révision invalide « {rev} »")
    try:
        return str(repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}"))
    except git.GitCommandError:
        raise ConfigError(
            f"la révision « {rev} » est introuvable dans le dépôt",
            fix="récupérez-la (git fetch origin) ou indiquez une branche existante, "
            "par exemple origin/main.",
        ) from None


def changed_since(root: Path, rev: str) -> tuple[list[str], bool]:
    """Posts added or changed between ``rev`` and the working tree, and whether
    accounts.yml changed. Deleted files are left out; untracked files count."""
    repo = open_repo(root)
    base = resolve(repo, rev)
    output = repo.git.diff(
        "--name-only",
        "--diff-filter=ACMRT",
        "--no-renames",
        "-z",
        base,
        "--",
        POSTS_DIR,
        ACCOUNTS_FILE,
    )
    names = [n for n in output.split("\0") if n]
    untracked = repo.git.ls_files("--others", "--exclude-standard", "-z", "--", POSTS_DIR)
    names.extend(n for n in untracked.split("\0") if n)
    accounts_changed = ACCOUNTS_FILE in names
    posts = sorted({n for n in names if n.startswith(f"{POSTS_DIR}/")})
    return posts, accounts_changed
