"""Images as they leave for X: without their metadata.

A phone photo carries the GPS position where it was taken, the device and
sometimes the owner's name in its EXIF, XMP or PNG text chunks. The pixels are
copied into a fresh image, turned upright first since the EXIF orientation is
dropped with the rest. (Until personal_data/ ships its own, this is the one.)
"""

from __future__ import annotations

import io
from pathlib import Path

from gazouille.checks.media import image_type

MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WebP": "image/webp"}
_PIL_FORMAT = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WebP": "WEBP"}


def strip_metadata(data: bytes) -> tuple[bytes, str]:
    """``data`` re-encoded without EXIF, XMP, ICC comments or text chunks; and its MIME type."""
    from PIL import Image, ImageOps, ImageSequence

    kind = image_type(data[:16]) or "PNG"
    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        if getattr(image, "is_animated", False):
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
            for frame in frames:
                frame.info.clear()
            frames[0].save(
                out,
                format=_PIL_FORMAT[kind],
                save_all=True,
                append_images=frames[1:],
                loop=image.info.get("loop", 0),
                duration=image.info.get("duration", 100),
            )
            return out.getvalue(), MIME[kind]
        upright = ImageOps.exif_transpose(image)
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        if upright.mode == "P":
            palette = upright.getpalette()
            if palette is not None:
                clean.putpalette(palette)
        options: dict[str, object] = {}
        if "transparency" in upright.info:
            options["transparency"] = upright.info["transparency"]
        if kind == "JPEG":
            options = {"quality": 95, "subsampling": 0}
        clean.save(out, format=_PIL_FORMAT[kind], **options)
    return out.getvalue(), MIME[kind]


def prepared(root: Path, file: str) -> tuple[bytes, str]:
    """The bytes and MIME type to upload for ``media/…`` ``file``."""
    return strip_metadata((root / file).read_bytes())
