"""Personal data in the history of a branch, not only in its last commit.

Data written in one commit and deleted in the next is still in the branch and
reaches main with a merge. :func:`scan_history` reads every version of every
post changed between ``REV`` and ``HEAD`` with two git calls — one ``git log
--raw`` for the blob ids, one ``git cat-file --batch`` for their contents —
and reports what an earlier version held and the working tree no longer does
(rule ``personal-data/in-history``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gazouille import posts
from gazouille.checks.authorization import allowed_kinds, published_texts
from gazouille.checks.base import Context
from gazouille.checks.personal_data import LABELS
from gazouille.gitutil import resolve, run_git
from gazouille.personal_data import scan
from gazouille.personal_data._text import fold
from gazouille.problems import Problem
from gazouille.repo import POSTS_DIR

RULE = "personal-data/in-history"


@dataclass(frozen=True)
class Version:
    """One version of a post: the commit that wrote it and its blob."""

    commit: str
    path: str
    account: str
    blob: str


def scan_history(root: Path, rev: str, ctx: Context) -> dict[str, list[Problem]]:
    """``personal-data/in-history`` problems by post path, for ``rev..HEAD``."""
    base = resolve(root, rev)
    versions = list(_versions(root, base))
    if not versions:
        return {}
    contents = _blobs(root, sorted({v.blob for v in versions}))
    current: dict[str, set[str]] = {}
    reported: dict[str, set[str]] = {}
    problems: dict[str, list[Problem]] = {}
    # Oldest first, so that a value is reported with the commit that added it.
    for version in reversed(versions):
        raw = contents.get(version.blob)
        if raw is None:
            continue
        if version.path not in current:
            current[version.path] = _still_there(root, version, ctx)
        try:
            post = posts.parse(raw, version.path, version.account)
        except posts.PostError:
            continue
        seen = reported.setdefault(version.path, set())
        for kind, value, redacted, line in _found(post, ctx):
            if value in current[version.path] or value in seen:
                continue
            seen.add(value)
            problems.setdefault(version.path, []).append(
                Problem(
                    RULE,
                    f"donnée personnelle encore dans l'historique de la branche : {LABELS[kind]} "
                    f"« {redacted} », écrite par le commit {version.commit[:8]} "
                    f"(ligne {line} de cette version) et absente du fichier actuel",
                    line=None,
                    fix="elle arriverait quand même sur main à la fusion : réécrivez la branche en un "
                    f"seul commit avant de fusionner (git reset --soft {base[:8]} && git commit, "
                    "puis git push --force-with-lease), ou demandez à un relecteur de le faire.",
                )
            )
    return problems


def _versions(root: Path, base: str) -> Iterator[Version]:
    """Every post blob added or modified by a commit of ``base..HEAD``, newest first."""
    output = run_git(
        root,
        "log",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--diff-filter=AM",
        "--format=%x00%H",
        f"{base}..HEAD",
        "--",
        POSTS_DIR,
    ).decode("utf-8", "surrogateescape")
    commit = ""
    for line in output.splitlines():
        if line.startswith("\0"):
            commit = line[1:]
        elif line.startswith(":") and "\t" in line:
            info, path = line.split("\t", 1)
            fields = info.split()
            account = posts.account_of(path)
            if len(fields) >= 5 and account is not None:
                yield Version(commit, path, account, fields[3])


def _blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of ``blobs``, read by one ``git cat-file --batch``."""
    output = run_git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    contents: dict[str, bytes] = {}
    at = 0
    while at < len(output):
        newline = output.index(b"\n", at)
        header = output[at:newline].split()
        at = newline + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        contents[header[0].decode()] = output[at : at + size]
        at += size + 1
    return contents


def _still_there(root: Path, version: Version, ctx: Context) -> set[str]:
    """Everything the working-tree file holds, authorized or not: what is still
    there is the working tree's business, not the history's."""
    try:
        post = posts.read(root, version.path, version.account)
    except posts.PostError:
        return set()  # deleted, a link, unreadable
    return {value for _, value, _, _ in _found(post, ctx, exempt=False)}


def _found(
    post: posts.Post, ctx: Context, *, exempt: bool = True
) -> Iterator[tuple[str, str, str, int]]:
    """``(kind, comparable value, redacted, line)`` of what one version holds."""
    owner = ctx.account(post)
    allow = owner.allow if owner is not None else None
    texts = published_texts(post.meta, (part.text for part in post.parts))
    allowed = allowed_kinds(post.meta, texts) if exempt else frozenset()
    for part in post.parts:
        for finding in scan(part.text, allow, allowed):
            value = _comparable(part.text[finding.start : finding.end])
            yield finding.kind, value, finding.redacted, part.line_at(finding.start)


def _comparable(value: str) -> str:
    """``06 12 34 56 78`` and ``06.12.34.56.78`` are the same data."""
    return "".join(c for c in fold(value) if c.isalnum())
