"""Files that gazouille generates and ``check`` compares (CODEOWNERS, the editor's config)."""

from __future__ import annotations

from pathlib import Path

from gazouille.problems import PostResult, Problem


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


def write(root: Path, path: str, text: str) -> tuple[str, bool]:
    """Write ``text`` to ``path`` atomically unless it is already there; returns the
    path and whether it changed. A symbolic link is refused, never followed."""
    from gazouille.errors import ConfigError
    from gazouille.publish.ledger import write_atomically

    target = root / path
    if target.is_symlink():
        raise ConfigError(
            "ce fichier est un lien symbolique", path=path, fix="remplacez-le par un vrai fichier."
        )
    data = text.encode("utf-8")
    if target.is_file() and target.read_bytes() == data:
        return path, False
    write_atomically(target, data)
    return path, True


def stale(path: str, rule: str, line: int, message: str, command: str) -> PostResult:
    """The finding on a generated file that no longer matches its sources."""
    result = PostResult(path=path, account=None)
    result.problems.append(
        Problem(
            rule,
            message,
            line=line,
            fix=f"lancez « {command} » puis committez {path} avec accounts.yml.",
        )
    )
    return result
