"""``gazouille log``: the audit trail of every post, from the ledger and git.

For each post: who wrote it, who approved it (in which pull request), when
it reached main, when and where it was published, and any retraction with its
reason, or why it was refused. The ledger holds what gazouille did and the
approvals it verified; git holds when each post was merged and by whom it was
written when the ledger does not say (runs outside GitHub Actions).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.accounts import Account
from gazouille.commands.status import instant, local_time
from gazouille.errors import EXIT_OK, ConfigError
from gazouille.gitutil import run_git
from gazouille.repo import POSTS_DIR, find_root

CSV_COLUMNS = {
    "account": "compte",
    "path": "publication",
    "status": "statut",
    "author": "auteur",
    "approvers": "approbateurs",
    "pull_request": "pull_request",
    "merged_at": "fusionnee_le",
    "merge_commit": "commit",
    "published_at": "publiee_le",
    "url": "adresse",
    "retracted_at": "retiree_le",
    "retract_reason": "motif_retrait",
    "refused_reason": "motif_refus",
    "publish_at": "programmee_le",
}

STATUS = {
    "published": "publiée",
    "retracted": "retirée",
    "refused": "refusée",
    "scheduled": "programmée",
    "waiting": "en attente",
}


@dataclass
class Entry:
    account: str
    path: str
    status: str = "waiting"
    author: str | None = None
    approvers: list[str] = field(default_factory=list)
    pull_request: int | None = None
    merged_at: str | None = None
    merge_commit: str | None = None
    published_at: str | None = None
    url: str | None = None
    urls: list[str] = field(default_factory=list)
    retracted_at: str | None = None
    retract_reason: str | None = None
    refused_reason: str | None = None
    publish_at: str | None = None  # a scheduled post's moment, in the account's time zone
    timezone: str = "UTC"

    def moments(self) -> list[str]:
        return [m for m in (self.merged_at, self.published_at, self.retracted_at) if m]


def parse_since(value: str) -> datetime:
    """``--since``: a date (YYYY-MM-DD) or a date-time, UTC when it has no offset."""
    moment = instant(value)
    if moment is None:
        raise ConfigError(
            f"--since : « {value} » n'est pas une date",
            fix="écrivez une date comme 2026-11-01 (ou 2026-11-01T08:00).",
        )
    return moment


def _from_ledger(account: str, records: list[dict[str, Any]]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for record in records:
        path = str(record.get("path"))
        entry = entries.setdefault(path, Entry(account, path))
        event = record.get("event")
        if event == "published":
            if record.get("part") in (0, None) or entry.published_at is None:
                entry.published_at = entry.published_at or record.get("at")
                entry.url = entry.url or record.get("url")
            if record.get("url") and record["url"] not in entry.urls:
                entry.urls.append(str(record["url"]))
            entry.author = record.get("author") or entry.author
            entry.approvers = list(record.get("approvers") or entry.approvers)
            entry.pull_request = record.get("pull_request") or entry.pull_request
            entry.status = "published"
            entry.refused_reason = None
        elif event in ("retracted", "expired"):  # an expired appeal is deleted like a retraction
            entry.retracted_at = record.get("at")
            entry.retract_reason = record.get("reason")
            entry.status = "retracted"
        elif event == "refused" and entry.status != "published":
            entry.status = "refused"
            entry.refused_reason = record.get("reason")
    return entries


def _merges(root: Path) -> dict[str, tuple[str, str]]:
    """``path → (commit, date)`` of the last first-parent commit of HEAD that changed it
    under posts/ (the merge or squash on main), in one walk of the history."""
    output = run_git(
        root,
        "log",
        "--first-parent",
        "--no-renames",
        "--name-only",
        "-z",
        "--format=%x01%H%x00%cI",
        "HEAD",
        "--",
        f"{POSTS_DIR}/",
    ).decode("utf-8", "surrogateescape")
    merges: dict[str, tuple[str, str]] = {}
    commit = ("", "")
    tokens = iter(output.split("\0"))
    for token in (t.lstrip("\n") for t in tokens):
        if token.startswith("\x01"):
            commit = (token[1:], next(tokens, ""))
        elif token:
            merges.setdefault(token, commit)
    return merges


def _writer(root: Path, path: str) -> str | None:
    """Who wrote ``path``: the author of the commit that first added it, not of a later
    edit or of its retraction (nor the committer of the merge)."""
    added = run_git(root, "log", "--diff-filter=A", "--format=%an", "HEAD", "--", path)
    names = added.decode("utf-8", "replace").strip().splitlines()
    return names[-1] if names else None


def _not_yet_published(root: Path, entry: Entry, account: Account, now: datetime) -> None:
    """What ``status`` says of a post the ledger has not sent: retracted before
    publication (``retract:`` in its front matter), scheduled, or waiting."""
    from gazouille import posts
    from gazouille.checks.schedule import parse_publish_at

    try:
        post = posts.read(root, entry.path, account.id)
    except posts.PostError:
        return  # `check` and `status` say why; the log keeps it waiting
    retract = post.meta.get("retract")
    if isinstance(retract, str) and retract.strip():
        entry.status = "retracted"
        entry.retract_reason = retract
        return
    value = post.meta.get("publish_at")
    if entry.status != "waiting" or not isinstance(value, str):
        return
    try:
        moment = parse_publish_at(value, account.timezone)
    except ValueError:
        return
    entry.publish_at = moment.astimezone(account.zone).isoformat()
    if moment > now:
        entry.status = "scheduled"


def collect(
    root: Path,
    account: str | None = None,
    since: datetime | None = None,
    warn: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> list[Entry]:
    """Every post of the accounts with its history; a ledger that cannot be trusted is
    told to ``warn`` and read up to its first bad line."""
    from gazouille.publish.ledger import source

    now = now or clock.now()
    accounts = accounts_module.load(root)
    if account is not None:
        accounts.require(account)
    merges = _merges(root)
    entries: list[Entry] = []
    where = source(root, os.environ)
    for account_id in [account] if account is not None else sorted(accounts.accounts):
        ledger = where.ledger(account_id, os.environ)
        if ledger.broken is not None and warn is not None:
            warn(f"[{account_id}] {ledger.broken}")
        found = _from_ledger(account_id, ledger.records)
        tracked = run_git(root, "ls-files", "-z", "--", f"{POSTS_DIR}/{account_id}/")
        for path in tracked.decode("utf-8", "surrogateescape").split("\0"):
            if path.endswith(".md"):
                found.setdefault(path, Entry(account_id, path))
        acc = accounts.require(account_id)
        for path in sorted(found):
            entry = found[path]
            entry.timezone = acc.timezone
            entry.merge_commit, entry.merged_at = merges.get(path, (None, None))
            if entry.author is None:
                entry.author = _writer(root, path)
            if entry.status in ("waiting", "refused") and (root / path).exists():
                _not_yet_published(root, entry, acc, now)
            entries.append(entry)
    if since is not None:
        entries = [e for e in entries if any((instant(m) or since) >= since for m in e.moments())]
    return entries


def write_text(entries: list[Entry], out: TextIO) -> None:
    if not entries:
        out.write("Aucune publication.\n")
        return
    for entry in entries:
        zone = ZoneInfo(entry.timezone)
        out.write(f"{entry.path} [{entry.account}] — {STATUS[entry.status]}\n")
        out.write(f"  écrite par : {entry.author or 'inconnu'}\n")
        if entry.approvers or entry.pull_request:
            where = f" (pull request n°{entry.pull_request})" if entry.pull_request else ""
            out.write(f"  approuvée par : {', '.join(entry.approvers) or 'personne'}{where}\n")
        else:
            out.write("  approuvée par : non vérifié\n")
        if entry.merged_at:
            merged = local_time(entry.merged_at, zone)
            out.write(f"  fusionnée : {merged} (commit {entry.merge_commit or ''})\n")
        if entry.publish_at and entry.status == "scheduled":
            out.write(f"  programmée : {local_time(entry.publish_at, zone)}\n")
        if entry.published_at:
            out.write(f"  publiée : {local_time(entry.published_at, zone)} — {entry.url or ''}\n")
        if entry.status == "retracted":
            when = (
                local_time(entry.retracted_at, zone) if entry.retracted_at else "avant publication"
            )
            out.write(f"  retirée : {when} — motif : {entry.retract_reason}\n")
        if entry.refused_reason:
            out.write(f"  refusée : {entry.refused_reason}\n")


def write_csv(entries: list[Entry], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS.values())
    for entry in entries:
        data = asdict(entry)
        data["approvers"] = " ".join(entry.approvers)
        data["status"] = STATUS[entry.status]
        writer.writerow(_csv_safe(data[key]) for key in CSV_COLUMNS)


def _csv_safe(value: Any) -> str:
    """Cells opened in a spreadsheet: a leading = + - @ would be run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_json(entries: list[Entry], out: TextIO) -> None:
    json.dump([asdict(e) for e in entries], out, ensure_ascii=False, indent=2)
    out.write("\n")


WRITERS = {"text": write_text, "csv": write_csv, "json": write_json}


def run(cwd: Path, account: str | None, since: str | None, fmt: str, out: TextIO) -> int:
    root = find_root(cwd)
    entries = collect(
        root,
        account,
        parse_since(since) if since else None,
        warn=lambda text: print(text, file=sys.stderr),
    )
    WRITERS[fmt](entries, out)
    return EXIT_OK
