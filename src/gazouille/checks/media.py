"""Attached images exist under ``media/``, are PNG, JPEG, GIF or WebP of at most
5 MB and of a sane size in pixels (``media/dimensions``: a small file may
declare 60000×60000 pixels, a "decompression bomb" that would exhaust memory
when opened), and each has an alternative text for screen readers.

Passes::

    media:
      - file: media/pn44/affiche-cambriolages.png
        alt: Affiche « Cambriolages, ayez les bons réflexes » avec le numéro 17.

Fails (``media/alt-missing``)::

    media:
      - file: media/pn44/affiche-cambriolages.png
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.repo import MEDIA_DIR, inside

ID = "media"
MAX_BYTES = 5 * 1024 * 1024
MAX_ALT = 1000

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}


def image_type(head: bytes) -> str | None:
    """The image format told by the first bytes of a file, or None."""
    for signature, name in _SIGNATURES.items():
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    for index, item in post.media():
        line = post.line_of("media", index)
        alt = item.get("alt")
        if alt is None or (isinstance(alt, str) and not alt.strip()):
            yield Problem(
                "media/alt-missing",
                f"l'image n°{index + 1} n'a pas de texte alternatif",
                line=line,
                fix="ajoutez « alt: … » décrivant l'image pour les personnes malvoyantes.",
            )
        elif isinstance(alt, str) and len(alt) > MAX_ALT:
            yield Problem(
                "media/alt-too-long",
                f"le texte alternatif de l'image n°{index + 1} fait {len(alt)} caractères "
                f"(au plus {MAX_ALT})",
                line=post.line_of("media", index, "alt"),
                fix="résumez la description.",
            )
        file = item.get("file")
        if not isinstance(file, str) or not file:
            continue
        yield from _check_file(ctx, file, index, post.line_of("media", index, "file"))


def _check_file(ctx: Context, file: str, index: int, line: int) -> Iterator[Problem]:
    where = inside(ctx.root, file)
    if where is None or file.startswith("/") or not file.startswith(f"{MEDIA_DIR}/"):
        yield Problem(
            "media/outside",
            f"« {file} » n'est pas dans le dossier {MEDIA_DIR}/ du dépôt",
            line=line,
            fix=f"placez l'image sous {MEDIA_DIR}/ et indiquez son chemin depuis la racine, "
            f"par exemple {MEDIA_DIR}/pn44/affiche.png.",
        )
        return
    if where.is_symlink() or not where.is_file():
        yield Problem(
            "media/missing",
            f"l'image « {file} » est introuvable",
            line=line,
            fix="vérifiez le chemin (depuis la racine du dépôt) et ajoutez le fichier au commit.",
        )
        return
    size = where.stat().st_size
    with where.open("rb") as handle:
        kind = image_type(handle.read(16))
    if kind is None:
        yield Problem(
            "media/type",
            f"« {file} » n'est pas une image PNG, JPEG, GIF ou WebP",
            line=line,
            fix="exportez l'image en PNG ou JPEG.",
        )
    elif size <= MAX_BYTES:
        yield from _check_pixels(where, file, line)
    if size > MAX_BYTES:
        yield Problem(
            "media/size",
            f"« {file} » pèse {size / 1024 / 1024:.1f} Mo, au-delà de 5 Mo",
            line=line,
            fix="réduisez la taille de l'image (dimensions ou qualité JPEG).",
        )


def _check_pixels(where: Path, file: str, line: int) -> Iterator[Problem]:
    """Refuse images that declare more pixels than Pillow agrees to decode.

    Only the header is read: Pillow checks the declared size when it opens the
    file, before decoding anything.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(where) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        yield Problem(
            "media/dimensions",
            f"« {file} » déclare plus de {Image.MAX_IMAGE_PIXELS} pixels : image trop grande, "
            "ou fichier piégé",
            line=line,
            fix="exportez l'image à une taille raisonnable (par exemple 1600 × 900 pixels).",
        )
        return
    except (OSError, SyntaxError, ValueError):
        yield Problem(
            "media/type",
            f"« {file} » est endommagé : ce n'est pas une image lisible",
            line=line,
            fix="exportez l'image à nouveau en PNG ou JPEG.",
        )
        return
    if width < 1 or height < 1:
        yield Problem(
            "media/dimensions",
            f"« {file} » n'a pas de pixels ({width} × {height})",
            line=line,
            fix="exportez l'image à nouveau en PNG ou JPEG.",
        )
