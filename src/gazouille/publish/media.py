"""Images as they leave for X: without their metadata.

A phone photo carries the GPS position where it was taken, the device and
sometimes the owner's name in its EXIF, XMP or PNG text chunks. The file in
the repository is left as it is; a stripped copy is what gets uploaded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from gazouille.checks.media import image_type

MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WebP": "image/webp"}


def prepared(root: Path, file: str) -> tuple[bytes, str]:
    """The bytes to upload for ``media/…`` ``file`` (metadata stripped) and their MIME type."""
    from gazouille.personal_data.image import strip

    source = root / file
    with tempfile.TemporaryDirectory(prefix="gazouille-media-") as directory:
        copy = Path(directory) / f"image{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        strip(copy)
        data = copy.read_bytes()
    return data, MIME.get(image_type(data[:16]) or "", "application/octet-stream")
