"""``gazouille ledger verify`` and ``gazouille ledger migrate``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from gazouille import accounts as accounts_module
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS
from gazouille.publish.ledger import (
    BRANCH,
    KEY_ENV,
    ledger_key,
    ledger_path,
    lines_of,
    rechain,
    source,
    verify,
)
from gazouille.repo import LEDGER_DIR, find_root


def run_verify(cwd: Path, account: str | None, env: Mapping[str, str], out: TextIO) -> int:
    """Check every account's chain (and MACs, with the key); 0 when all are sound, 1 if not."""
    root = find_root(cwd)
    where = source(root, env)
    known = accounts_module.load(root)
    if account is not None:
        if account not in where.accounts():
            known.require(account)  # neither a ledger nor an account: a usage error
        names = [account]
    else:
        names = sorted(set(known.accounts) | set(where.accounts()))
    out.write(f"Registre lu depuis {where.describe()}.\n")
    signed = (
        "signatures vérifiées"
        if ledger_key(env)
        else f"signatures non vérifiées ({KEY_ENV} absente)"
    )
    code = EXIT_OK
    for name in names:
        ledger = where.ledger(name, env)
        if ledger.broken is not None:
            out.write(f"✗ [{name}] {ledger.broken}\n")
            code = EXIT_PROBLEMS
        else:
            out.write(
                f"✓ [{name}] {ledger.relpath} : {len(ledger.records)} enregistrement(s), "
                f"chaîne intacte, {signed}.\n"
            )
    return code


def _bare(line: bytes) -> dict[str, object]:
    record = json.loads(line)
    record.pop("prev", None)
    record.pop("mac", None)
    return dict(record)


def run_migrate(cwd: Path, push: bool, env: Mapping[str, str], out: TextIO) -> int:
    """Move the working tree's ``ledger/*.jsonl`` onto the ledger branch, chained and signed."""
    from gazouille.publish.ledger_branch import Branch

    root = find_root(cwd)

    def say(text: str) -> None:
        out.write(text + "\n")

    branch = Branch(root, env, push=push, say=say)
    branch.start()
    directory = root / LEDGER_DIR
    legacy = sorted(directory.glob("*.jsonl")) if directory.is_dir() else []
    files: dict[str, bytes] = {}
    code = EXIT_OK
    for file in legacy:
        account = file.name.removesuffix(".jsonl")
        relpath = ledger_path(account)
        data = file.read_bytes()
        _, broken = verify(data, relpath, None, chained=False)
        if broken is not None:
            out.write(f"✗ [{account}] {broken}\n")
            code = EXIT_PROBLEMS
            continue
        lines = lines_of(data)
        on_branch = lines_of(branch.read(branch.tip, account))
        if not on_branch:
            files[account] = rechain(lines, branch.key)
            out.write(f"[{account}] {len(lines)} enregistrement(s) migré(s) vers {BRANCH}.\n")
        elif [_bare(x) for x in on_branch[: len(lines)]] == [_bare(x) for x in lines]:
            out.write(f"[{account}] déjà migré sur {BRANCH}.\n")
        else:
            out.write(
                f"✗ [{account}] {relpath} diffère du registre déjà présent sur {BRANCH} : "
                "rien n'est migré pour ce compte.\n  → comparez les deux (git diff "
                f"{BRANCH} -- {relpath}) et gardez le registre de la branche.\n"
            )
            code = EXIT_PROBLEMS
    if files or branch.tip is None:
        branch.tip = branch.commit_files(files, "ledger: migrate ledger/ from main")
        branch.pending = True
    if push and branch.pending and not branch.push():
        code = EXIT_PROBLEMS
    if legacy and code == EXIT_OK:
        out.write(
            f"Étape suivante : retirez {LEDGER_DIR}/*.jsonl de main par une demande de fusion "
            f"(git rm {LEDGER_DIR}/*.jsonl) ; ce sera la dernière modification permise de "
            f"{LEDGER_DIR}/ sur main.\n"
        )
    return code
