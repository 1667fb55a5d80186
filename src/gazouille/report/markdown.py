"""``--format markdown``: the body of the pull-request comment.

When ``gazouille.preview`` has annotated the report, each post also shows
what reviewers approve: the account, the schedule, who may reply, the images
with their alternative text, and the cost of sending it; its text is then
shown in a code block, exactly as it will appear (a quote would render
Markdown and turn ``@handle`` into GitHub mentions).
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from gazouille.problems import PostResult, Report

MARKER = "<!-- gazouille:check -->"
PRICING_DOC = "docs/guide-relecteur.md#le-coût-affiché"


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _inline(text: str) -> str:
    """Text typed by someone, shown as is: no Markdown, no @mention pinging a GitHub user."""
    escaped = re.sub(r"([\\`*_\[\]<>#~])", r"\\\1", text.replace("\n", " "))
    return escaped.replace("@", "@\u200b")


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _facts(preview: dict[str, Any]) -> str:
    from gazouille.preview import fact_rows

    lines = ["| | |", "|---|---|"]
    lines.extend(
        f"| {name} | {_escape_cell(value)} |" for name, value in fact_rows(preview, _inline)
    )
    return "\n".join(lines) + "\n\n"


def _media(preview: dict[str, Any]) -> str:
    items = preview.get("media") or []
    if not items:
        return ""
    lines = ["**Images** (jointes à la première partie) :", ""]
    for index, item in enumerate(items, start=1):
        alt = _inline(item["alt"]) or "❌ aucun texte alternatif"
        lines.append(f"{index}. `{item['file']}` — texte alternatif : {alt}")
    return "\n".join(lines) + "\n\n"


def _post(post: PostResult, out: TextIO) -> None:
    status = "❌" if post.errors else ("⚠️" if post.warnings else "✅")
    out.write(f"### {status} `{post.path}`\n\n")
    if post.category:
        out.write(f"Catégorie : **{post.category}**\n\n")
    if post.preview:
        out.write(_facts(post.preview))
    several = len(post.parts) > 1
    for index, part in enumerate(post.parts):
        title = f"Partie {index + 1}/{len(post.parts)} — " if several else ""
        out.write(f"{title}{part.weighted_length}/{part.max} caractères pondérés\n\n")
        out.write((_fenced(part.text) if post.preview else _quote(part.text)) + "\n\n")
    if post.preview:
        out.write(_media(post.preview))
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
    if any(post.preview for post in report.posts):
        from gazouille.preview import total_cost
        from gazouille.preview.pricing import dollars

        out.write(
            f"**Coût total estimé sur X** : {dollars(total_cost(report))} "
            f"(tarifs de l'API X à l'usage, hypothèses modifiables : voir {PRICING_DOC}).\n"
        )
