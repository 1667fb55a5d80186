"""What is due: the posts on main reconciled with the ledger.

The push's diff is never trusted: a run that was missed, cancelled or failed
halfway is healed by the next one, because each run compares every post file
with what the ledger recorded. To stay cheap on a large repository, a file
whose git blob id is the one of its latest ledger record, and whose post is
fully published (or retracted), is neither read nor parsed (unless it holds an
``expires_at``, which time alone can make due): the ids come from
git's index in one call, so the cost of a run grows with the posts that are
new, scheduled, changed or refused, not with the archive.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from gazouille import posts
from gazouille.accounts import Account, Accounts
from gazouille.engine import all_posts
from gazouille.errors import ConfigError
from gazouille.gitutil import run_git
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.publish.ledger import Ledger, PostState
from gazouille.repo import POSTS_DIR

Kind = Literal["due", "retract", "scheduled", "refused", "changed", "withdrawn"]


@dataclass
class Item:
    """One post that needs a decision this run."""

    kind: Kind
    path: str
    file: str
    state: PostState
    post: Post | None = None
    when: datetime | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """Why it is held back: its problems, or else the refusal the ledger recorded."""
        return describe(self.problems) or str((self.state.refused or {}).get("reason") or "")


def describe(problems: list[Problem]) -> str:
    """Problems on one line, for the report and the ledger: ``rule (ligne N) : message ; …``."""
    return " ; ".join(
        f"{p.rule}" + (f" (ligne {p.line})" if p.line else "") + f" : {p.message}" for p in problems
    )


@dataclass
class AccountPlan:
    account: Account
    ledger: Ledger
    paused: str | None = None
    items: list[Item] = field(default_factory=list)
    settled: int = 0
    read: int = 0  # files opened: the posts git could not vouch for

    def of(self, kind: Kind) -> list[Item]:
        return [item for item in self.items if item.kind == kind]

    @property
    def work(self) -> list[Item]:
        """What a run must act on: posts to send (or resume) and posts to delete."""
        return [item for item in self.items if item.kind in ("due", "retract")]


def pause_reason(account: Account, env: Mapping[str, str]) -> str | None:
    if env.get("GAZOUILLE_PAUSED", "").strip().lower() in ("1", "true", "yes", "oui"):
        return "publication suspendue pour tous les comptes (GAZOUILLE_PAUSED=1)"
    if account.paused:
        return f"compte en pause (paused: true dans accounts.yml, ligne {account.line})"
    return None


def blob_id(raw: bytes) -> str:
    """The git blob id of ``raw``: the same value git keeps in its index for the file."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def index_facts(root: Path) -> dict[str, str]:
    """``path → blob id`` of the post files git already hashed, unchanged since.

    One ``git ls-files`` reads them from the index instead of reading and
    hashing every file; files modified in the working tree, untracked files,
    links, or a directory that is not a git work tree are left out (the
    planner reads those). In CI the checkout leaves nothing out.
    """

    def ls_files(*args: str) -> str | None:
        try:
            output = run_git(root, "ls-files", "-z", *args, "--", POSTS_DIR)
        except ConfigError:
            return None
        return output.decode("utf-8", "surrogateescape")

    staged = ls_files("--stage")
    dirty = ls_files("--modified", "--others", "--exclude-standard")
    if staged is None or dirty is None:
        return {}
    changed = set(dirty.split("\0"))
    facts: dict[str, str] = {}
    for entry in staged.split("\0"):
        info, _, path = entry.partition("\t")
        fields = info.split()
        # Regular files at stage 0 only: links (120000) and conflicts are read.
        regular = len(fields) == 3 and fields[0] in ("100644", "100755") and fields[2] == "0"
        if regular and path not in changed:
            facts[path] = fields[1]
    return facts


def plan_account(
    root: Path,
    account: Account,
    now: datetime,
    env: Mapping[str, str],
    facts: Mapping[str, str] | None = None,
    ledger: Ledger | None = None,
) -> AccountPlan:
    if ledger is None:
        from gazouille.publish.ledger import source

        ledger = source(root, env).ledger(account.id, env)
    facts = index_facts(root) if facts is None else facts
    result = AccountPlan(account, ledger, paused=pause_reason(account, env))
    if ledger.broken is not None:
        return result  # nothing is decided on a ledger that cannot be trusted
    base = os.fspath(root)
    expiring: frozenset[str] | None = None
    present = set(all_posts(root, account.id))
    for path in sorted(present):
        known = facts.get(path)
        state = ledger.state(path)
        if known is not None and state.settled(known):
            if state.fully_retracted or not state.published:
                result.settled += 1
                continue
            if expiring is None:
                expiring = expiring_paths(root)
            if path not in expiring:
                result.settled += 1
                continue  # published, and no expires_at can make it due
        file = os.path.join(base, path)
        if os.path.islink(file):
            continue  # `check` refuses links; nothing is read through them
        try:
            raw = posts.read_bytes(root, path)
        except posts.PostError as exc:  # a folder or a FIFO named *.md: refused, never opened
            problem = Problem(exc.rule, exc.message, line=exc.line, fix=exc.fix)
            result.items.append(Item("refused", path, "", state, problems=[problem]))
            continue
        result.read += 1
        digest = blob_id(raw)
        if state.settled(digest) and (state.fully_retracted or b"expires_at" not in raw):
            result.settled += 1
            continue
        try:
            item = classify(raw, path, digest, state, account, now, ledger, present)
        except Exception as exc:  # one post's surprise must not stop the others
            from gazouille.engine import unchecked

            item = Item("refused", path, digest, state, problems=[unchecked("planner", exc)])
        if item is None:
            result.settled += 1
        else:
            result.items.append(item)
    # Scheduled posts go out in the order they were meant for.
    result.items.sort(key=lambda i: (i.when.timestamp() if i.when else 0.0, i.path))
    return result


def classify(
    raw: bytes,
    path: str,
    digest: str,
    state: PostState,
    account: Account,
    now: datetime,
    ledger: Ledger | None = None,
    present: set[str] | None = None,
) -> Item | None:
    try:
        post = posts.parse(raw, path, account.id)
    except posts.PostError as exc:
        problem = Problem(exc.rule, exc.message, line=exc.line, fix=exc.fix)
        if state.published:
            return Item("changed", path, digest, state, problems=[problem])
        return Item("refused", path, digest, state, problems=[problem])
    if ledger is not None and present is not None:
        # A published post renamed (moved) keeps its identity: its text.
        state = ledger.follow_rename(path, post.text_hash, present)
    retract = post.meta.get("retract")
    if not isinstance(retract, str) or not retract.strip():
        retract = None  # `check` refuses `retract: true` or a list: nothing is deleted for it
    from gazouille.checks.expiry import has_expired

    # An appeal past its expires_at is deleted like a retracted post, never sent.
    expired = has_expired(post.meta, account.timezone, now)
    if state.published or state.sending:
        if (retract or expired) and not (state.fully_retracted and not state.sending):
            return Item("retract", path, digest, state, post)
        if state.fully_retracted:
            return None
        if state.hash and state.hash != post.text_hash:
            from gazouille.checks.published import edited

            return Item("changed", path, digest, state, post, problems=[edited(post)])
        if state.fully_published:
            return None
        return Item("due", path, digest, state, post)  # resume a thread or an unknown send
    if retract or expired:
        return Item("withdrawn", path, digest, state, post)
    when = None
    value = post.meta.get("publish_at")
    if isinstance(value, str):
        from gazouille.checks.schedule import parse_publish_at

        try:
            when = parse_publish_at(value, account.timezone)
        except ValueError:
            when = None  # `check` reports it through the gate
        if when is not None and when > now:
            return Item("scheduled", path, digest, state, post, when=when)
    if state.refused is not None and state.refused.get("sticky") and state.file == digest:
        return Item("refused", path, digest, state, post)
    return Item("due", path, digest, state, post, when=when)


def expiring_paths(root: Path) -> frozenset[str]:
    """The post files that mention ``expires_at``, by one ``git grep``: the only
    published files a run must read again, since time alone can make them due.
    Outside a git work tree (no index facts) every file is read anyway."""
    import subprocess

    completed = subprocess.run(
        ["git", "grep", "-l", "-z", "-F", "-e", "expires_at", "--", f"{POSTS_DIR}/"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if completed.returncode not in (0, 1):  # 1: no file matches
        raise ConfigError(
            "git grep a échoué : " + completed.stderr.decode("utf-8", "replace").strip()
        )
    output = completed.stdout.decode("utf-8", "surrogateescape")
    return frozenset(path for path in output.split("\0") if path)


def plan(
    root: Path,
    accounts: Accounts,
    now: datetime,
    env: Mapping[str, str],
    only: str | None = None,
    ledgers: Callable[[str], Ledger] | None = None,
) -> list[AccountPlan]:
    """What is due for each account; ``ledgers`` gives an account's ledger (default: read
    where :func:`gazouille.publish.ledger.source` finds it)."""
    if ledgers is None:
        from gazouille.publish.ledger import source

        where = source(root, env)  # one look for the ledger branch, whatever the accounts

        def ledgers(account: str) -> Ledger:
            return where.ledger(account, env)

    facts = index_facts(root)
    return [
        plan_account(root, account, now, env, facts=facts, ledger=ledgers(account.id))
        for account in accounts
        if only is None or account.id == only
    ]
