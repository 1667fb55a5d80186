"""``gazouille publish``: see :mod:`gazouille.publish.publisher`."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille.repo import find_root


def run_publish(
    cwd: Path, account: str | None, dry_run: bool, commit: bool, push: bool, out: TextIO
) -> int:
    from gazouille.publish.publisher import publish

    return publish(find_root(cwd), out, account=account, dry_run=dry_run, commit=commit, push=push)
