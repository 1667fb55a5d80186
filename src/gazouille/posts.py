"""Loading a post file: front matter, body, thread parts, line numbers.

A post is ``posts/<account>/…/<name>.md``: YAML front matter between two
``---`` lines, then the body, posted verbatim once trimmed. Lines holding only
``---`` in the body split it into a thread, one post per part.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
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
# A post file is read whole; far above any front matter plus MAX_BODY_BYTES.
MAX_FILE_BYTES = 1024 * 1024
# Control characters other than tab and newline (C0, DEL, C1): invisible,
# and a NUL in a path cuts it short.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates: they make the text read
# differently from the bytes reviewed ("Trojan Source").
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


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


def _hidden(value: str) -> tuple[str, str, re.Match[str]] | None:
    """The rule, the French description and the match of a forbidden character in ``value``."""
    found = CONTROL.search(value)
    if found is not None:
        return (
            "text/control-char",
            f"un caractère de contrôle invisible (U+{ord(found.group()):04X})",
            found,
        )
    found = BIDI.search(value)
    if found is not None:
        return (
            "text/bidi",
            f"un caractère qui inverse le sens de lecture (U+{ord(found.group()):04X})",
            found,
        )
    return None


def _strings(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(str(key), (*path, str(key)))
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _refuse_hidden_characters(text: str, loaded: yamlutil.LoadedYaml | None, relpath: str) -> None:
    """Control characters and bidirectional overrides, typed in the file (``loaded`` None)
    or produced by a YAML escape such as ``"\\0"`` or ``"\\u202E"`` in a value."""
    if loaded is None:
        candidates: Iterator[tuple[int, str]] = iter([(0, text)])
    else:
        candidates = ((loaded.line_of(path), value) for path, value in _strings(loaded.data, ()))
    for line, value in candidates:
        hidden = _hidden(value)
        if hidden is None:
            continue
        rule, what, found = hidden
        if loaded is None:
            line = value.count("\n", 0, found.start()) + 1
        raise PostError(
            rule,
            f"le fichier contient {what}",
            path=relpath,
            line=line,
            fix="supprimez ce caractère (souvent venu d'un copier-coller) : retapez la ligne "
            "dans l'éditeur.",
        )


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
    _refuse_hidden_characters(text, None, relpath)
    try:
        loaded = yamlutil.load(front, first_line=2)
    except yamlutil.YamlError as exc:
        raise PostError(exc.rule, exc.message, path=relpath, line=exc.line, fix=exc.fix) from None
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
    _refuse_hidden_characters(text, loaded, relpath)
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


def read_bytes(root: Path, relpath: str) -> bytes:
    """The bytes of post file ``relpath``: a regular file, never a link, a folder or a FIFO.

    Raises :class:`PostError`; a FIFO is never opened for reading (that would
    wait forever for a writer).
    """
    file = os.path.join(root, relpath)
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        raise PostError(
            "file/missing",
            "fichier introuvable",
            path=relpath,
            fix="vérifiez le chemin du fichier.",
        ) from None
    except (OSError, ValueError) as exc:
        raise PostError(
            "file/not-a-file", f"fichier illisible ({exc})", path=relpath, fix=_NOT_A_FILE_FIX
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise PostError(
            "file/symlink",
            "ce fichier est un lien symbolique",
            path=relpath,
            fix="remplacez le lien par un vrai fichier.",
        )
    if not stat.S_ISREG(info.st_mode):
        kind = "un dossier" if stat.S_ISDIR(info.st_mode) else "un fichier spécial (tube, socket…)"
        raise PostError(
            "file/not-a-file",
            f"c'est {kind}, pas un fichier texte, bien que son nom finisse par .md",
            path=relpath,
            fix=_NOT_A_FILE_FIX,
        )
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise PostError(
                    "file/not-a-file",
                    "ce n'est pas un fichier texte",
                    path=relpath,
                    fix=_NOT_A_FILE_FIX,
                )
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PostError(
            "file/not-a-file",
            f"fichier illisible ({exc.strerror})",
            path=relpath,
            fix=_NOT_A_FILE_FIX,
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise PostError(
            "file/too-large",
            f"le fichier fait plus de {MAX_FILE_BYTES // 1024} Ko",
            path=relpath,
            line=1,
            fix="une publication tient en quelques phrases : raccourcissez le texte.",
        )
    return raw


_NOT_A_FILE_FIX = (
    "renommez ou supprimez-le : sous posts/, seuls les fichiers texte .md sont des publications."
)


def read(root: Path, relpath: str, account: str) -> Post:
    """Read and parse ``relpath`` under ``root``."""
    return parse(read_bytes(root, relpath), relpath, account)
