"""A local bare remote protected the way docs/publication.md asks GitHub to protect it.

Its ``pre-receive`` hook refuses:

* any push to ``main`` except the simulated merge of a pull request (a push
  carrying the push option ``merge``, which only :func:`merge` sends);
* a force push or a deletion of ``main`` or of ``gazouille/ledger``;
* in ``strict`` mode, on ``gazouille/ledger``, any commit that changes a file
  other than ``ledger/*.jsonl`` (and the branch README at creation) or that
  edits or removes an existing line: the ledger only grows.

``mode="github"`` keeps only what a GitHub ruleset can enforce (no force push,
no deletion, no direct push to main): the tamper tests push through it, as
anyone with write access could on GitHub.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.helpers import git

MERGE_OPTION = "merge"

HOOK = r"""
import os
import subprocess
import sys

MODE = {mode!r}
ZERO = "0" * 40
LEDGER = "refs/heads/gazouille/ledger"


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, check=False)


def deny(ref, why):
    print(f"refusé par la protection de {{ref}} : {{why}}", file=sys.stderr)
    sys.exit(1)


options = {{
    os.environ.get(f"GIT_PUSH_OPTION_{{i}}", "")
    for i in range(int(os.environ.get("GIT_PUSH_OPTION_COUNT", "0") or "0"))
}}
for line in sys.stdin.read().splitlines():
    old, new, ref = line.split()
    if ref not in ("refs/heads/main", LEDGER):
        continue
    if new == ZERO:
        deny(ref, "suppression interdite")
    if old != ZERO and git("merge-base", "--is-ancestor", old, new).returncode != 0:
        deny(ref, "poussée forcée interdite")
    if ref == "refs/heads/main" and {merge!r} not in options:
        deny(ref, "une demande de fusion est obligatoire")
    if ref != LEDGER or MODE != "strict":
        continue
    commits = git("rev-list", "--reverse", new if old == ZERO else f"{{old}}..{{new}}")
    for commit in commits.stdout.decode().split():
        parent = git("rev-parse", "--verify", "--quiet", f"{{commit}}^").stdout.decode().strip()
        changed = git(
            "diff-tree", "-r", "--no-renames", "--name-status", "--root", commit
        ).stdout.decode().splitlines()
        for entry in changed:
            if "\t" not in entry:
                continue
            status, path = entry.split("\t", 1)
            if path == "README.md" and not parent:
                continue
            if not (path.startswith("ledger/") and path.endswith(".jsonl")) or status not in "AM":
                deny(ref, f"seuls des ajouts à ledger/*.jsonl sont permis ({{status}} {{path}})")
            before = git("cat-file", "blob", f"{{parent}}:{{path}}").stdout if parent else b""
            after = git("cat-file", "blob", f"{{commit}}:{{path}}").stdout
            if not after.startswith(before):
                deny(ref, f"{{path}} : une ligne existante a été modifiée ou supprimée")
"""


def protected_remote(path: Path, seed: Path, *, mode: str = "strict") -> Path:
    """A bare clone of ``seed`` at ``path``, with the protection hook installed."""
    git(path.parent, "clone", "--quiet", "--bare", str(seed), str(path))
    git(path, "config", "receive.advertisePushOptions", "true")
    hook = path / "hooks" / "pre-receive"
    hook.write_text(
        f"#!{sys.executable}\n" + HOOK.format(mode=mode, merge=MERGE_OPTION), encoding="utf-8"
    )
    hook.chmod(0o755)
    return path


def merge(clone: Path, rev: str = "HEAD") -> None:
    """The merge of a pull request into main, as GitHub does it (past the protection)."""
    git(clone, "push", "--quiet", "-o", MERGE_OPTION, "origin", f"{rev}:refs/heads/main")
