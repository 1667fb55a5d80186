"""``gazouille preview FILE [--png OUT]``."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille import engine, preview
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS, ConfigError
from gazouille.problems import Report
from gazouille.repo import find_root, relative


def run(cwd: Path, file: str, png: str | None, out: TextIO) -> tuple[int, str | None]:
    """Print the preview of ``file``; returns the exit code and the PNG written."""
    from gazouille.preview import card, terminal

    root = find_root(cwd)
    ctx = engine.make_context(root)
    relpath = relative(root, Path(file))
    if not (root / relpath).is_file():
        raise ConfigError(f"« {file} » est introuvable", fix="vérifiez le chemin du fichier.")
    report = Report()
    report.posts.append(engine.check_post(relpath, ctx))
    from gazouille.checks.personal_data import redact_quoted

    redact_quoted(report.posts[0], ctx)  # the terminal and the PNG never show personal data
    preview.annotate(report, ctx)
    result = report.posts[0]
    terminal.write(result, out)
    written = None
    if png:
        if not result.parts:
            raise ConfigError(
                "impossible de dessiner l'aperçu : la publication ne peut pas être lue",
                path=relpath,
                fix="corrigez d'abord les erreurs ci-dessus.",
            )
        written = str(card.save(result, root, Path(png)))
    return (EXIT_PROBLEMS if result.errors else EXIT_OK), written
