"""``gazouille preview PATH [--png OUT]``: one post, or every post under a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille import engine, preview
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS, ConfigError
from gazouille.problems import Report
from gazouille.repo import find_root, relative


def run(cwd: Path, file: str, png: str | None, out: TextIO) -> tuple[int, list[str]]:
    """Print the preview of ``file`` (a post or a folder of posts); returns the exit
    code and the PNG cards written.

    With a folder, ``OUT`` is a folder too and each card is named after its post.
    """
    from gazouille.preview import card, terminal

    root = find_root(cwd)
    ctx = engine.make_context(root)
    targets = engine.expand(root, [file])
    if not targets:
        raise ConfigError(
            f"« {file} » ne contient aucune publication (.md)",
            fix="indiquez un fichier .md ou un dossier sous posts/.",
        )
    report = Report()
    report.posts.extend(engine.check_post(relpath, ctx) for relpath in targets)
    from gazouille.checks.personal_data import redact_quoted

    redact_quoted(report, ctx)  # the terminal and the PNG never show personal data
    preview.annotate(report, ctx)
    given = root / relative(root, Path(file))
    folder = Path(png) if png and given.is_dir() and not given.is_symlink() else None
    written: list[str] = []
    for index, result in enumerate(report.posts):
        if index:
            out.write("\n")
        terminal.write(result, out)
        if not png or not result.parts:
            continue  # a post that cannot be read has no card: its errors say why
        target = folder / f"{Path(result.path).stem}.png" if folder else Path(png)
        written.append(str(card.save(result, root, target)))
        notice = card.emoji_notice(result)
        if notice:
            out.write(f"⚠ {result.path} : {notice}\n")
    if png and not written:
        raise ConfigError(
            "impossible de dessiner l'aperçu : la publication ne peut pas être lue",
            path=report.posts[0].path,
            fix="corrigez d'abord les erreurs ci-dessus.",
        )
    return (EXIT_PROBLEMS if report.error_count else EXIT_OK), written
