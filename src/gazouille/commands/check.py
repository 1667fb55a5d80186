"""``gazouille check``."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille import engine
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS
from gazouille.repo import find_root
from gazouille.report import REPORTER_BY_NAME


def run_check(cwd: Path, paths: list[str], changed_since: str | None, fmt: str, out: TextIO) -> int:
    root = find_root(cwd)
    ctx = engine.make_context(root)  # a broken accounts.yml stops here, exit 2
    if changed_since:
        from gazouille.gitutil import changed_since as changed

        targets, _accounts_changed = changed(root, changed_since)
        if paths:
            wanted = set(engine.expand(root, paths))
            targets = [t for t in targets if t in wanted]
    elif paths:
        targets = engine.expand(root, paths)
    else:
        targets = engine.all_posts(root)
    from gazouille import preview
    from gazouille.governance import checking

    notices = checking.prepare(ctx)  # a broken Actions event file stops here, exit 2
    report = engine.run(ctx, targets)
    report.notices[:0] = notices
    report.posts.extend(checking.repository_results(ctx))
    preview.annotate(report, ctx)
    REPORTER_BY_NAME[fmt](report, out)
    return EXIT_PROBLEMS if report.error_count else EXIT_OK
