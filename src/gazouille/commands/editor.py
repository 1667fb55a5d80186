"""``gazouille editor``: write admin/config.yml; with ``--serve``, run the editor locally."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille import accounts as accounts_module
from gazouille.editor import config
from gazouille.repo import find_root


def run(cwd: Path) -> tuple[str, bool]:
    root = find_root(cwd)
    return config.write(root, accounts_module.load(root))


def run_serve(cwd: Path, port: int, out: TextIO) -> int:
    from gazouille.editor.server import Assets, serve

    root = find_root(cwd)
    path, changed = config.write(root, accounts_module.load(root))
    if changed:
        out.write(f"{path} mis à jour depuis accounts.yml : committez-le.\n")
    return serve(root, Assets(root), port, out)
