"""What a pull request may not do to the record of what went out.

``ledger/modified``: the ledger lives on the ``gazouille/ledger`` branch,
written only by the publish job; a pull request that adds, edits or deletes
anything under ``ledger/`` on main fails. The one exception is the pull
request that removes ``ledger/<account>.jsonl`` files whose records are all
on the ledger branch already (the end of ``gazouille ledger migrate``).

``published/deleted``: a pull request that deletes or renames a post the
ledger records as published (and not retracted) fails: the post would stay
on X with no file to retract it from, and a renamed post would look new.

Both are found with ``check --changed-since REV`` only (what the pull request
changed since its base).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from gazouille.gitutil import resolve, run_git
from gazouille.problems import PostResult, Problem
from gazouille.publish.ledger import BRANCH, lines_of, read_published, source
from gazouille.repo import LEDGER_DIR, POSTS_DIR

MODIFIED = "ledger/modified"
DELETED = "published/deleted"


def _changes(root: Path, base: str, *paths: str) -> list[tuple[str, str, str | None]]:
    """``(status, path, new path)`` of the files changed since ``base`` (renames found)."""
    output = run_git(root, "diff", "--name-status", "-M", "-z", base, "--", *paths)
    tokens = [t for t in output.decode("utf-8", "surrogateescape").split("\0") if t]
    changes: list[tuple[str, str, str | None]] = []
    index = 0
    while index < len(tokens):
        status = tokens[index][0]
        if status in "RC":
            changes.append((status, tokens[index + 1], tokens[index + 2]))
            index += 3
        else:
            changes.append((status, tokens[index + 1], None))
            index += 2
    return changes


def _migrated(root: Path, base: str, path: str, env: Mapping[str, str]) -> bool:
    """Whether every record of ``path`` at ``base`` is on the ledger branch."""
    where = source(root, env)
    if where.ref is None:
        return False
    account = Path(path).name.removesuffix(".jsonl")
    on_branch = {_bare(line) for line in lines_of(where.read(account))}
    old = run_git(root, "cat-file", "blob", f"{base}:{path}")
    return all(_bare(line) in on_branch for line in lines_of(old))


def _bare(line: bytes) -> str:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return ""
    if not isinstance(record, dict):
        return ""
    record.pop("prev", None)
    record.pop("mac", None)
    return json.dumps(record, sort_keys=True)


def findings(root: Path, rev: str, env: Mapping[str, str] | None = None) -> list[PostResult]:
    """The ``ledger/modified`` and ``published/deleted`` results of a pull request."""
    env = os.environ if env is None else env
    base = resolve(root, rev)
    results: list[PostResult] = []
    changed = _changes(root, base, f"{LEDGER_DIR}/")
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", LEDGER_DIR)
    changed += [
        ("A", n, None) for n in untracked.decode("utf-8", "surrogateescape").split("\0") if n
    ]
    for status, path, new in changed:
        if status == "D" and path.endswith(".jsonl") and _migrated(root, base, path, env):
            continue
        shown = new or path
        result = PostResult(path=shown, account=None)
        result.problems.append(
            Problem(
                MODIFIED,
                f"le registre des publications ne se modifie pas dans une demande de fusion "
                f"({shown} : {'ajouté' if status == 'A' else 'supprimé' if status == 'D' else 'modifié'})",
                fix=f"retirez ce changement (git checkout {rev} -- {LEDGER_DIR}/) ; seul le "
                f"travail de publication écrit le registre, sur la branche {BRANCH}.",
            )
        )
        results.append(result)
    published = read_published(root, env)
    for status, path, new in _changes(root, base, f"{POSTS_DIR}/"):
        if status not in "DR" or path not in published.live:
            continue
        how = "supprimée" if status == "D" else f"renommée en {new}"
        result = PostResult(path=path, account=path.split("/")[1] if path.count("/") > 1 else None)
        result.problems.append(
            Problem(
                DELETED,
                f"cette publication est en ligne sur X et a été {how}",
                fix=f"rétablissez le fichier (git checkout {rev} -- {path}) ; pour la retirer "
                "de X, utilisez `retract:` dans son en-tête (« retract: <raison> »).",
            )
        )
        results.append(result)
    return results
