"""``--format github``: workflow-command annotations, plus the job summary.

Annotations land on the pull request's diff, at the line; the same Markdown
as a PR comment is appended to ``$GITHUB_STEP_SUMMARY`` when it is set.
"""

from __future__ import annotations

import os
from typing import TextIO

from gazouille.problems import Report
from gazouille.report import markdown


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO) -> None:
    for notice in report.notices:
        out.write(f"::notice::{_escape_data(notice)}\n")
    for post in report.posts:
        for problem in post.problems:
            command = "error" if problem.severity == "error" else "warning"
            props = [f"file={_escape_property(post.path)}"]
            if problem.line:
                props.append(f"line={problem.line}")
            props.append(f"title={_escape_property(f'gazouille {problem.rule}')}")
            message = problem.message + (f"\n→ {problem.fix}" if problem.fix else "")
            out.write(f"::{command} {','.join(props)}::{_escape_data(message)}\n")
    errors, warnings = report.error_count, report.warning_count
    out.write(
        f"gazouille : {len(report.posts)} publication(s) vérifiée(s), "
        f"{errors} erreur(s), {warnings} avertissement(s).\n"
    )
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            markdown.write(report, handle)
