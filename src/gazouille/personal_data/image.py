"""Image metadata: EXIF GPS position and the camera owner's name.

A photo taken on a phone carries where it was taken (often the victim's or
the officer's home) and sometimes who owns the camera. Pillow is imported
only here, when a post has images.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

KIND = "image-metadata"

# EXIF tags that name someone (0x013B Artist, 0x8298 Copyright,
# 0xA430 CameraOwnerName, 0x9C9D XPAuthor) and the GPS block (0x8825).
_PERSONAL_TAGS = {0x013B: "auteur", 0x8298: "copyright", 0xA430: "propriétaire", 0x9C9D: "auteur"}
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769


def personal_metadata(path: Path) -> list[str]:
    """What personal metadata the image holds, in French (``position GPS``…).

    An unreadable file has none: the media check reports it.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            exif = image.getexif()
            tags = dict(exif)
            tags.update(exif.get_ifd(_EXIF_IFD))
            found = ["position GPS"] if exif.get_ifd(_GPS_IFD) else []
            found += [label for tag, label in _PERSONAL_TAGS.items() if _meaningful(tags.get(tag))]
            found += _xmp_labels(image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"))
            return list(dict.fromkeys(found))  # each label once, in order
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return []  # media/type or media/dimensions says why


def _xmp_labels(xmp: object) -> list[str]:
    """The same facts when written in XMP (Lightroom, phones): GPS and creator."""
    if isinstance(xmp, bytes):
        xmp = xmp.decode("utf-8", "ignore")
    if not isinstance(xmp, str):
        return []
    labels = []
    if "GPSLatitude" in xmp or "GPSLongitude" in xmp:
        labels.append("position GPS")
    if "dc:creator" in xmp or "CameraOwnerName" in xmp or "photoshop:Credit" in xmp:
        labels.append("auteur")
    return labels


def _meaningful(value: object) -> bool:
    if isinstance(value, bytes):
        value = value.decode("utf-16-le", "ignore")
    return isinstance(value, str) and bool(value.strip("\x00 "))


class NotAnImage(Exception):
    """The file is missing or is not an image Pillow can rewrite."""


_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
_METADATA_KEYS = ("xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "adobe")
# What the picture needs to look the same; everything else is dropped.
_KEEP = ("icc_profile", "transparency", "duration", "loop", "background")


def strip(path: Path) -> bool:
    """Rewrite ``path`` in place without EXIF, XMP, IPTC, comments or text chunks.

    Returns whether there was anything to remove (a clean file is not
    rewritten). JPEG is turned upright
    first (the EXIF orientation would be lost) and re-encoded at quality 95.
    The new file replaces the old one atomically.
    """
    import os
    import tempfile

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            fmt = image.format or ""
            if fmt not in _FORMATS:
                raise NotAnImage(
                    f"format {fmt or 'inconnu'} non pris en charge (PNG, JPEG, GIF, WebP)"
                )
            if not _carries_metadata(image):
                return False  # nothing to remove: the file is left untouched
            frames = getattr(image, "n_frames", 1)
            picture: Image.Image | None
            if fmt == "JPEG":
                picture = ImageOps.exif_transpose(image)
            else:
                image.load()
                picture = image.copy() if frames == 1 else None
            options: dict[str, object] = {k: image.info[k] for k in _KEEP if k in image.info}
            if fmt == "JPEG":
                options["quality"] = 95
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".strip-", suffix=path.suffix)
            os.close(handle)
            try:
                if picture is None:  # an animated GIF or WebP: every frame
                    image.seek(0)
                    image.info = {}
                    image.save(temp, format=fmt, save_all=True, **options)
                else:
                    picture.info = {}
                    picture.save(temp, format=fmt, **options)
                os.replace(temp, path)
            finally:
                if os.path.exists(temp):
                    os.unlink(temp)
    except FileNotFoundError:
        raise NotAnImage("fichier introuvable") from None
    except IsADirectoryError:
        raise NotAnImage("c'est un dossier, pas une image") from None
    except (UnidentifiedImageError, SyntaxError, ValueError):
        raise NotAnImage("ce n'est pas une image lisible (PNG, JPEG, GIF, WebP)") from None
    return True


def _carries_metadata(image: Image.Image) -> bool:
    if image.getexif() or any(key in image.info for key in _METADATA_KEYS):
        return True
    return bool(getattr(image, "text", None))
