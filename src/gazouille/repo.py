"""Where things are: the repository root and paths inside it."""

from __future__ import annotations

import os
from pathlib import Path

from gazouille.errors import ConfigError

ACCOUNTS_FILE = "accounts.yml"
POSTS_DIR = "posts"
MEDIA_DIR = "media"
LEDGER_DIR = "ledger"


def find_root(start: Path | None = None) -> Path:
    """The git work tree containing ``start`` (or the current directory), found upward.

    ``GAZOUILLE_REPO`` overrides the search, for tools driving gazouille.
    """
    forced = os.environ.get("GAZOUILLE_REPO")
    if forced:
        root = Path(forced).resolve()
        if not root.is_dir():
            raise ConfigError(f"GAZOUILLE_REPO désigne « {forced} », qui n'est pas un dossier.")
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    raise ConfigError(
        f"aucun dépôt git trouvé dans « {here} » ni au-dessus",
        fix="lancez gazouille depuis le dossier du dépôt des publications (git clone …).",
    )


def relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` in POSIX form; raises when it leaves the repository."""
    absolute = path if path.is_absolute() else (Path.cwd() / path)
    absolute = Path(os.path.normpath(absolute))
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        raise ConfigError(
            f"« {path} » est en dehors du dépôt ({root})",
            fix="indiquez un fichier sous posts/ de ce dépôt.",
        ) from None
    return rel.as_posix()


def inside(root: Path, relpath: str) -> Path | None:
    """The real path of ``relpath`` under ``root``, or None when it would leave it."""
    if "\0" in relpath:
        return None  # no file has that name, and the OS refuses to look it up
    candidate = Path(os.path.normpath(root / relpath))
    if candidate != root and root not in candidate.parents:
        return None
    resolved = candidate.resolve()
    real_root = root.resolve()
    if resolved != real_root and real_root not in resolved.parents:
        return None
    return candidate
