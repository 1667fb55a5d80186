"""``gazouille preview``: the same facts as the pull-request comment, in the terminal."""

from __future__ import annotations

from typing import TextIO

from gazouille.problems import PostResult


def write(result: PostResult, out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from gazouille.preview import fact_rows

    console = Console(file=out, highlight=False, soft_wrap=False)
    console.print(f"[bold]{escape(result.path)}[/bold]")
    preview = result.preview
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    if result.category:
        facts.add_row("Catégorie", Text(result.category))
    if preview:
        for name, value in fact_rows(preview):
            facts.add_row(name, Text(value))
    console.print(facts)
    several = len(result.parts) > 1
    for index, part in enumerate(result.parts):
        title = f"Partie {index + 1}/{len(result.parts)} — " if several else ""
        colour = "red" if part.weighted_length > part.max else "green"
        console.print(
            Panel(
                Text(part.text),
                title=f"{title}[{colour}]{part.weighted_length}/{part.max}[/{colour}]",
                title_align="left",
                width=min(console.width, 72),
            )
        )
    for number, item in enumerate(preview.get("media") or [], start=1):
        alt = escape(item["alt"]) or "[red]aucun texte alternatif[/red]"
        console.print(f"Image {number} : {escape(item['file'])} — alt : {alt}")
    for problem in result.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        where = f"{result.path}:{problem.line}" if problem.line else result.path
        console.print(
            f"[{colour}]{escape(where)} \\[{escape(problem.rule)}][/{colour}] "
            f"{escape(problem.message)}"
        )
        if problem.fix:
            console.print(f"    [green]→ {escape(problem.fix)}[/green]")
    if not result.problems:
        console.print("[green]✓ aucun problème[/green]")
