"""Files that gazouille generates and ``check`` compares (CODEOWNERS, the editor's config)."""

from __future__ import annotations

from pathlib import Path


def first_difference(file: Path, expected: str) -> int | None:
    """The first line (1-based) where ``file`` differs from ``expected``, or None.

    A UTF-8 BOM and CRLF line endings are not differences; an unreadable or
    undecodable file differs from its first line.
    """
    try:
        actual = file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").splitlines()
    except (UnicodeDecodeError, OSError):
        actual = []
    wanted = expected.splitlines()
    if actual == wanted:
        return None
    return next(
        (i + 1 for i, (a, b) in enumerate(zip(actual, wanted, strict=False)) if a != b),
        min(len(actual), len(wanted)) + 1,
    )
