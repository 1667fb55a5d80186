"""Running the checks over a set of posts and filling a :class:`Report`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from gazouille import accounts as accounts_module
from gazouille import posts
from gazouille.checks import CHECKS, severity
from gazouille.checks.base import Context
from gazouille.errors import ConfigError
from gazouille.problems import PartResult, PostResult, Problem, Report
from gazouille.repo import ACCOUNTS_FILE, POSTS_DIR, relative
from gazouille.tweet_length import MAX_WEIGHTED_LENGTH, weighted_length


def all_posts(root: Path, account: str | None = None) -> list[str]:
    """Every ``*.md`` under ``posts/`` (or ``posts/<account>/``), relative and sorted."""
    base = root / POSTS_DIR if account is None else root / POSTS_DIR / account
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(base):
        rel = Path(directory).relative_to(root).as_posix()
        # A folder named *.md is listed, not entered: reading it says it is no post.
        found.extend(f"{rel}/{name}" for name in dirnames if name.endswith(".md"))
        dirnames[:] = sorted(name for name in dirnames if not name.endswith(".md"))
        found.extend(f"{rel}/{name}" for name in filenames if name.endswith(".md"))
    found.sort()
    return found


def expand(root: Path, paths: Iterable[str]) -> list[str]:
    """Repository-relative post paths for the command-line ``PATH…`` arguments."""
    result: list[str] = []
    for given in paths:
        rel = relative(root, Path(given))
        target = root / rel
        if rel in {ACCOUNTS_FILE, "."}:
            # accounts.yml is loaded and validated by every run, and what it
            # allows concerns every post.
            result.extend(all_posts(root))
        elif target.is_dir() and not target.is_symlink():
            # A folder named *.md is itself listed: checking it says it is no post.
            result.extend(p for p in all_posts(root) if p.startswith(f"{rel}/") or p == rel)
        elif target.exists() or target.is_symlink():
            result.append(rel)
        else:
            raise ConfigError(f"« {given} » est introuvable", fix="vérifiez le chemin du fichier.")
    return sorted(dict.fromkeys(result))


def location_problem(relpath: str, ctx: Context) -> Problem | None:
    account = posts.account_of(relpath)
    if account is None or not relpath.endswith(".md"):
        return Problem(
            "file/location",
            "une publication doit être un fichier .md sous posts/<compte>/",
            line=None,
            fix=f"déplacez le fichier sous posts/<compte>/ ; comptes : {', '.join(ctx.accounts.accounts)}.",
        )
    if ctx.accounts.get(account) is None:
        return Problem(
            "file/location",
            f"le compte « {account} » n'existe pas dans {ACCOUNTS_FILE}",
            line=None,
            fix=f"placez le fichier sous posts/<compte>/ avec un compte de {ACCOUNTS_FILE} "
            f"({', '.join(ctx.accounts.accounts)}).",
        )
    return None


def check_post(relpath: str, ctx: Context, raw: bytes | None = None) -> PostResult:
    """Load one post and run every registered check on it."""
    account = posts.account_of(relpath)
    result = PostResult(path=relpath, account=account)
    misplaced = location_problem(relpath, ctx)
    if misplaced is not None:
        result.problems.append(misplaced)
        return result
    assert account is not None
    try:
        post = (
            posts.parse(raw, relpath, account)
            if raw is not None
            else posts.read(ctx.root, relpath, account)
        )
    except posts.PostError as exc:
        result.problems.append(Problem(exc.rule, exc.message, line=exc.line, fix=exc.fix))
        return result
    result.category = post.category
    result.meta = post.meta
    result.parts = [
        PartResult(weighted_length(part.text), MAX_WEIGHTED_LENGTH, part.line, part.text)
        for part in post.parts
    ]
    result.problems.extend(run_checks(post, ctx))
    result.problems.sort(key=lambda problem: problem.line or 0)
    return result


def run_checks(post: posts.Post, ctx: Context) -> Iterator[Problem]:
    for module in CHECKS.values():
        try:
            found = list(module.check(post, ctx))
        except Exception as exc:  # one post's surprise must not stop the others
            found = [unchecked(module.ID, exc)]
        for problem in found:
            yield replace(problem, severity=severity(problem.rule))


def unchecked(check_id: str, exc: Exception) -> Problem:
    """The error that holds a post back when a check fails on it unexpectedly.

    Whatever a post file holds, only that post is refused: the other posts
    and accounts are still checked and published.
    """
    return Problem(
        "file/unchecked",
        f"la vérification « {check_id} » n'a pas pu lire cette publication "
        f"({type(exc).__name__}: {exc})",
        line=None,
        fix="vérifiez les champs de l'en-tête et les images ; si tout semble juste, "
        "transmettez ce message à l'équipe gazouille.",
    )


def make_context(root: Path) -> Context:
    return Context(root=root, accounts=accounts_module.load(root))


# Below this many posts, starting worker processes costs more than it saves.
PARALLEL_FROM = 300
_WORKER_CONTEXT: Context | None = None


def _check_chunk(chunk: list[str]) -> list[PostResult]:
    assert _WORKER_CONTEXT is not None
    return [check_post(relpath, _WORKER_CONTEXT) for relpath in chunk]


def _workers() -> int:
    wanted = os.environ.get("GAZOUILLE_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    return min(os.cpu_count() or 1, 8)


def run(ctx: Context, targets: list[str]) -> Report:
    """Check ``targets`` in order; large sets are spread over the machine's cores."""
    global _WORKER_CONTEXT
    report = Report()
    workers = _workers()
    if len(targets) < PARALLEL_FROM or workers < 2 or os.name != "posix":
        report.posts.extend(check_post(relpath, ctx) for relpath in targets)
        return report
    import multiprocessing

    # Warm the caches (regular expressions, schemas) once, so that forked
    # workers inherit them instead of building them again.
    report.posts.append(check_post(targets[0], ctx))
    rest = targets[1:]
    size = max(1, len(rest) // (workers * 4))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    _WORKER_CONTEXT = ctx
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_check_chunk, chunks):
                report.posts.extend(results)
    finally:
        _WORKER_CONTEXT = None
    return report
