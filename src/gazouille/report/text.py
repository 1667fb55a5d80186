"""``--format text``: French, coloured with rich on a terminal."""

from __future__ import annotations

from typing import TextIO

from gazouille.problems import Problem, Report


def _location(path: str, problem: Problem) -> str:
    return f"{path}:{problem.line}" if problem.line else path


def write(report: Report, out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True)
    for notice in report.notices:
        console.print(f"[cyan]ℹ {escape(notice)}[/cyan]")
    for post in report.posts:
        if not post.problems:
            continue
        for problem in post.problems:
            colour = "red" if problem.severity == "error" else "yellow"
            label = "erreur" if problem.severity == "error" else "avertissement"
            console.print(
                f"[bold]{escape(_location(post.path, problem))}[/bold] "
                f"[{colour}]{label}[/{colour}] [dim]\\[{escape(problem.rule)}][/dim] "
                f"{escape(problem.message)}"
            )
            if problem.fix:
                console.print(f"    [green]→ {escape(problem.fix)}[/green]")
    checked = len(report.posts)
    errors, warnings = report.error_count, report.warning_count
    plural = "s" if checked > 1 else ""
    summary = (
        f"{checked} publication{plural} vérifiée{plural} : "
        f"{errors} erreur{'s' if errors > 1 else ''}, "
        f"{warnings} avertissement{'s' if warnings > 1 else ''}."
    )
    if errors:
        console.print(f"[bold red]✗ {summary}[/bold red] Corrigez les erreurs avant la fusion.")
    else:
        console.print(f"[bold green]✓ {summary}[/bold green]")
