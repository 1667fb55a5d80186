"""``gazouille check``."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille import engine
from gazouille.checks.base import Context
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS
from gazouille.problems import PostResult, Report
from gazouille.repo import find_root
from gazouille.report import REPORTER_BY_NAME

# The formats that show reviewers the preview (the github one in its job summary).
PREVIEW_FORMATS = frozenset({"markdown", "github"})


def run_check(
    cwd: Path,
    paths: list[str],
    changed_since: str | None,
    fmt: str,
    out: TextIO,
    base: str | None = None,
) -> int:
    root = find_root(cwd)
    ctx = engine.make_context(root)  # a broken accounts.yml stops here, exit 2
    notices: list[str] = []
    if base:
        from gazouille.governance.checking import read_base_rules

        notices += read_base_rules(ctx, base)  # who may write: accounts.yml at the base
    wanted = set(engine.expand(root, paths)) if paths else None
    if changed_since:
        from gazouille.gitutil import changed_since as changed

        targets, accounts_changed = changed(root, changed_since)
        from gazouille.checks.governance import TOUCHED_KEY

        ctx.extras[TOUCHED_KEY] = frozenset(targets)  # what the pull request changed
        if accounts_changed:
            # New allow-lists or accounts change what every post may say.
            targets = engine.all_posts(root)
            notices.append("accounts.yml a changé : toutes les publications sont vérifiées.")
        if wanted is not None:
            targets = [t for t in targets if t in wanted]
    elif wanted is not None:
        targets = sorted(wanted)
    else:
        targets = engine.all_posts(root)
    from gazouille.checks import editor
    from gazouille.checks.personal_data import redact_quoted
    from gazouille.governance import checking

    notices[:0] = checking.prepare(ctx)  # a broken Actions event file stops here, exit 2
    notices.extend(_ledger_notices(ctx))
    report = engine.run(ctx, targets)
    if changed_since:
        _add_history(report, root, changed_since, ctx, wanted)
        from gazouille.checks import ledger_guard

        report.posts.extend(ledger_guard.findings(root, changed_since))
    report.notices[:0] = notices
    report.posts.extend(checking.repository_results(ctx))
    report.posts.extend(editor.repository_results(ctx))
    redact_quoted(report, ctx)  # reports never quote the personal data they refuse
    if fmt in PREVIEW_FORMATS:
        from gazouille import preview

        preview.annotate(report, ctx)
    REPORTER_BY_NAME[fmt](report, out)
    return EXIT_PROBLEMS if report.error_count else EXIT_OK


def _ledger_notices(ctx: Context) -> list[str]:
    """Read the ledger once (published posts), and say which accounts' ledgers are broken."""
    from gazouille.checks.published import published

    published(ctx)
    return [f"⚠ {broken}" for broken in ctx.extras.get("ledger_broken", [])]


def _add_history(
    report: Report, root: Path, rev: str, ctx: Context, wanted: set[str] | None
) -> None:
    """Personal data left in earlier commits of the branch (``personal-data/in-history``)."""
    from gazouille.history import scan_history
    from gazouille.posts import account_of

    results = {result.path: result for result in report.posts}
    for path, problems in sorted(scan_history(root, rev, ctx).items()):
        if wanted is not None and path not in wanted:
            continue
        if path not in results:  # deleted since: its history still reaches main
            results[path] = PostResult(path=path, account=account_of(path))
            report.posts.append(results[path])
        results[path].problems.extend(problems)
