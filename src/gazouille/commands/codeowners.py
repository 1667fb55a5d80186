"""``gazouille codeowners``: write .github/CODEOWNERS from accounts.yml."""

from __future__ import annotations

from pathlib import Path

from gazouille import accounts as accounts_module
from gazouille.governance import codeowners
from gazouille.repo import find_root


def run(cwd: Path) -> tuple[str, bool]:
    root = find_root(cwd)
    return codeowners.write(root, accounts_module.load(root))
