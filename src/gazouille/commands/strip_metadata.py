"""``gazouille strip-metadata FILE…``: remove EXIF and other metadata in place."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from gazouille.errors import EXIT_OK, EXIT_USAGE, ConfigError


def run_strip(files: list[str], out: TextIO, err: TextIO) -> int:
    """Strip each file; a missing or non-image file is reported and makes the exit 2."""
    from gazouille.personal_data.image import NotAnImage, personal_metadata, strip

    if not files:
        raise ConfigError(
            "aucune image indiquée",
            fix="indiquez les images à nettoyer : gazouille strip-metadata media/pn44/photo.jpg",
        )
    code = EXIT_OK
    for name in files:
        path = Path(name)
        try:
            personal = personal_metadata(path) if path.is_file() else []
            removed = strip(path)
        except NotAnImage as exc:
            err.write(
                f"gazouille : {name} : {exc}\n"
                "  → indiquez une image PNG, JPEG, GIF ou WebP existante (chemin depuis le dossier courant).\n"
            )
            code = EXIT_USAGE
            continue
        if removed:
            detail = f" (dont {', '.join(personal)})" if personal else ""
            out.write(f"{name} : métadonnées effacées{detail}.\n")
        else:
            out.write(f"{name} : aucune métadonnée, fichier inchangé.\n")
    return code
