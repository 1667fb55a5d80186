"""Loading a post file: front matter, body, thread parts, line numbers.

A post is ``posts/<account>/…/<name>.md``: YAML front matter between two
``---`` lines, then the body, posted verbatim once trimmed. Lines holding only
``---`` in the body split it into a thread, one post per part.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazouille import yamlutil
from gazouille.errors import GazouilleError
from gazouille.repo import POSTS_DIR

MAX_BODY_BYTES = 64 * 1024
# python-frontmatter's boundary (``^-{3,}\s*$``) lets ``\s`` swallow blank
# lines, which would shift every line number we report; this one does not.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.MULTILINE | re.DOTALL)
_EMPTY_FRONT_MATTER = re.compile(r"\A---[ \t]*\n---[ \t]*(?:\n|\Z)")
_THREAD_SEPARATOR = re.compile(r"^---[ \t]*$", re.MULTILINE)


class PostError(GazouilleError):
    """A post file that cannot be read at all; ``rule`` says why."""

    exit_code = 1

    def __init__(
        self, rule: str, message: str, *, path: str, line: int | None = None, fix: str | None = None
    ) -> None:
        super().__init__(message, path=path, line=line, fix=fix)
        self.rule = rule


@dataclass(frozen=True)
class Part:
    """One post of a thread: its trimmed text and the file line it starts on."""

    index: int
    text: str
    line: int

    def line_at(self, offset: int) -> int:
        """File line of character ``offset`` of :attr:`text`."""
        return self.line + self.text.count("\n", 0, max(0, offset))


@dataclass
class Post:
    path: str  # relative to the repository root, POSIX
    account: str
    meta: dict[str, Any]
    lines: dict[tuple[str | int, ...], int]
    body: str
    body_line: int
    parts: list[Part] = field(default_factory=list)
    raw: bytes = b""

    @property
    def category(self) -> str | None:
        value = self.meta.get("category")
        return value if isinstance(value, str) else None

    def line_of(self, *key: str | int) -> int:
        """Line of a front-matter key (or of the front matter's first line)."""
        for cut in range(len(key), 0, -1):
            line = self.lines.get(tuple(key[:cut]))
            if line is not None:
                return line
        return 2

    def media(self) -> Iterator[tuple[int, dict[str, Any]]]:
        return media_entries(self.meta)

    @property
    def text_hash(self) -> str:
        """Hash of what is posted: the parts and the media references."""
        digest = hashlib.sha256()
        for part in self.parts:
            digest.update(part.text.encode("utf-8") + b"\x00")
        for _, item in self.media():
            digest.update(f"{item.get('file')}\x00{item.get('alt')}\x01".encode())
        return digest.hexdigest()


def media_entries(meta: Mapping[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The ``media`` entries of front matter ``meta`` that are mappings, with their
    index (the schema check reports the others)."""
    items = meta.get("media")
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def account_of(relpath: str) -> str | None:
    """The ``<account>`` of ``posts/<account>/…/<name>.md``, or None."""
    pieces = relpath.split("/")
    if len(pieces) >= 3 and pieces[0] == POSTS_DIR and pieces[-1].endswith(".md"):
        return pieces[1]
    return None


def split_parts(body: str, body_line: int) -> list[Part]:
    """Cut ``body`` at ``---`` lines; each part is trimmed and knows its first line."""
    parts: list[Part] = []
    start = 0
    chunks: list[tuple[int, str]] = []
    for match in _THREAD_SEPARATOR.finditer(body):
        chunks.append((start, body[start : match.start()]))
        start = match.end()
    chunks.append((start, body[start:]))
    for offset, chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        line = body_line + body.count("\n", 0, offset + lead)
        parts.append(Part(len(parts), stripped, line))
    return parts


def decode(raw: bytes, relpath: str) -> str:
    """UTF-8 text with the BOM dropped and CRLF folded (both accepted)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PostError(
            "file/encoding",
            f"le fichier n'est pas en UTF-8 (octet invalide n°{exc.start + 1})",
            path=relpath,
            line=line,
            fix="enregistrez le fichier en UTF-8 (dans l'éditeur : « Enregistrer avec l'encodage UTF-8 »).",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(raw: bytes, relpath: str, account: str) -> Post:
    """Parse the bytes of a post file; raises :class:`PostError` when it cannot be read."""
    text = decode(raw, relpath)
    match = _EMPTY_FRONT_MATTER.match(text) or _FRONT_MATTER.match(text)
    if match is None:
        raise PostError(
            "file/front-matter",
            "pas d'en-tête : le fichier doit commencer par une ligne --- , "
            "les champs, puis une autre ligne ---",
            path=relpath,
            line=1,
            fix="ajoutez en haut du fichier :\n---\ncategory: prevention\n---",
        )
    front = match.group(1) if match.re is _FRONT_MATTER else ""
    body = text[match.end() :]
    try:
        loaded = yamlutil.load(front, first_line=2)
    except yamlutil.YamlError as exc:
        rule = "file/duplicate-key" if "deux fois" in exc.message else "file/yaml"
        raise PostError(rule, exc.message, path=relpath, line=exc.line, fix=exc.fix) from None
    if loaded.data is None:
        loaded.data = {}
    if not isinstance(loaded.data, dict):
        raise PostError(
            "file/front-matter",
            "l'en-tête doit être une liste de champs « nom: valeur »",
            path=relpath,
            line=2,
            fix="écrivez par exemple « category: prevention » entre les deux lignes ---.",
        )
    body_line = text.count("\n", 0, match.end()) + 1
    if len(body.encode("utf-8")) > MAX_BODY_BYTES:
        raise PostError(
            "file/too-large",
            f"le texte fait plus de {MAX_BODY_BYTES // 1024} Ko",
            path=relpath,
            line=body_line,
            fix="une publication tient en quelques phrases : raccourcissez le texte.",
        )
    parts = split_parts(body, body_line)
    if not parts:
        raise PostError(
            "file/empty",
            "le texte de la publication est vide",
            path=relpath,
            line=body_line,
            fix="écrivez le texte sous la deuxième ligne ---.",
        )
    return Post(
        path=relpath,
        account=account,
        meta={str(k): v for k, v in loaded.data.items()},
        lines={k: v for k, v in loaded.lines.items()},
        body=body,
        body_line=body_line,
        parts=parts,
        raw=raw,
    )


def read(root: Path, relpath: str, account: str) -> Post:
    """Read and parse ``relpath`` under ``root``, refusing links."""
    file = root / relpath
    if file.is_symlink():
        raise PostError(
            "file/symlink",
            "ce fichier est un lien symbolique",
            path=relpath,
            fix="remplacez le lien par un vrai fichier.",
        )
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise PostError(
            "file/missing",
            "fichier introuvable",
            path=relpath,
            fix="vérifiez le chemin du fichier.",
        ) from None
    except IsADirectoryError:
        raise PostError("file/missing", "c'est un dossier, pas un fichier", path=relpath) from None
    return parse(raw, relpath, account)
