"""``--format markdown``: the body of the pull-request comment."""

from __future__ import annotations

from typing import TextIO

from gazouille.problems import PostResult, Report

MARKER = "<!-- gazouille:check -->"


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _post(post: PostResult, out: TextIO) -> None:
    status = "❌" if post.errors else ("⚠️" if post.warnings else "✅")
    out.write(f"### {status} `{post.path}`\n\n")
    if post.category:
        out.write(f"Catégorie : **{post.category}**\n\n")
    several = len(post.parts) > 1
    for index, part in enumerate(post.parts):
        title = f"Partie {index + 1}/{len(post.parts)} — " if several else ""
        out.write(f"{title}{part.weighted_length}/{part.max} caractères pondérés\n\n")
        out.write(_quote(part.text) + "\n\n")
    if post.problems:
        out.write("| ligne | règle | problème | comment corriger |\n|---|---|---|---|\n")
        for problem in post.problems:
            icon = "❌" if problem.severity == "error" else "⚠️"
            out.write(
                f"| {problem.line or ''} | {icon} `{problem.rule}` | "
                f"{_escape_cell(problem.message)} | {_escape_cell(problem.fix or '')} |\n"
            )
        out.write("\n")


def write(report: Report, out: TextIO) -> None:
    out.write(f"{MARKER}\n## gazouille : vérification des publications\n\n")
    errors, warnings = report.error_count, report.warning_count
    if not report.posts:
        out.write("Aucune publication modifiée.\n")
        return
    verdict = (
        f"**{errors} erreur(s)** à corriger avant la fusion"
        if errors
        else "**Aucune erreur** : prêt pour la relecture"
    )
    out.write(
        f"{len(report.posts)} publication(s) vérifiée(s) — {verdict}, "
        f"{warnings} avertissement(s).\n\n"
    )
    for notice in report.notices:
        out.write(f"> ℹ️ {notice}\n\n")
    for post in report.posts:
        _post(post, out)
