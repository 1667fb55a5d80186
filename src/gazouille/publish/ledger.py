"""The ledger: ``ledger/<account>.jsonl``, what was sent to X and when.

One JSON object per line, one line per event, never rewritten: the ledger is
the only memory gazouille has of what it did, so it is committed to main next
to the posts. Events:

``sending``
    intent, written *before* a part is sent; a ``sending`` without a later
    ``published`` for the same part means the outcome is unknown, and the next
    run looks at the account before sending anything.
``published``
    X answered with ``remote_id`` (``adopted: true`` when the post was found
    on the account rather than answered, after a crash or a lost ledger).
``retracted``
    the part was deleted from X; ``reason`` is the post's ``retract:``.
``refused``
    the post was not sent; ``rule`` and ``reason`` say why.

Every record carries ``path``, ``hash`` (:attr:`Post.text_hash`), ``file``
(the git blob id of the file's bytes, so an unchanged post is recognised from
git's index without reading it), ``part``/``parts``, ``at`` (UTC) and ``commit`` (HEAD of main at
the start of the run). ``author``, ``approvers`` and ``pull_request`` are kept
for the approval check of issue 5.

The file is rewritten whole into a temporary file and moved into place with
:func:`os.replace`: a crash leaves the old ledger or the new one, never half.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from gazouille import clock
from gazouille.errors import ConfigError
from gazouille.repo import LEDGER_DIR

SENDING = "sending"
PUBLISHED = "published"
RETRACTED = "retracted"
REFUSED = "refused"
EVENTS = (SENDING, PUBLISHED, RETRACTED, REFUSED)

# Written on every record, null when they do not apply, so readers can rely on them.
CORE_FIELDS = ("event", "path", "hash", "part", "parts", "remote_id", "url", "at", "commit")


def now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return clock.now().astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def ledger_path(account: str) -> str:
    """Where an account's ledger lives, relative to the repository."""
    return f"{LEDGER_DIR}/{account}.jsonl"


def status_url(x_username: str, remote_id: str, site: str | None = None) -> str:
    """The public address of a post: on x.com, or on ``site`` (``GAZOUILLE_X_SITE_URL``,
    which the sandbox sets: it serves the same path)."""
    return f"{(site or 'https://x.com').rstrip('/')}/{x_username}/status/{remote_id}"


@dataclass
class PostState:
    """What the ledger says about one post file."""

    path: str
    hash: str | None = None  # text hash when first published
    file: str | None = None  # file hash at the latest record
    parts: int | None = None
    published: dict[int, dict[str, Any]] = field(default_factory=dict)
    sending: dict[int, dict[str, Any]] = field(default_factory=dict)
    retracted: dict[int, dict[str, Any]] = field(default_factory=dict)
    refused: dict[str, Any] | None = None
    last: dict[str, Any] | None = None

    @property
    def fully_published(self) -> bool:
        return self.parts is not None and len(self.published) >= self.parts

    @property
    def fully_retracted(self) -> bool:
        return bool(self.published) and all(p in self.retracted for p in self.published)

    def settled(self, file_hash: str) -> bool:
        """Nothing can be due for this file while its bytes are those last recorded."""
        if self.file != file_hash or self.sending:
            return False
        if self.fully_published or self.fully_retracted:
            return True
        # A refusal by X (not by `check`, which is asked again each run) holds until the file changes.
        return (
            self.last is not None
            and self.last["event"] == REFUSED
            and bool(self.last.get("sticky"))
        )


class Ledger:
    """The records of one account, loaded once, appended to atomically."""

    def __init__(self, root: Path, account: str, data: bytes) -> None:
        self.root = root
        self.account = account
        # Told of every record once it is written (``publish --commit`` commits it).
        self.on_change: Callable[[Ledger, dict[str, Any]], None] | None = None
        self.states: dict[str, PostState] = {}
        self._remote_ids: set[str] = set()
        # The file's bytes as read: earlier lines are written back untouched.
        self._data = bytearray(data)
        if self._data and not self._data.endswith(b"\n"):
            self._data += b"\n"
        for record in parse_records(data, self.relpath):
            self._apply(record)

    @property
    def relpath(self) -> str:
        return ledger_path(self.account)

    @property
    def file(self) -> Path:
        return self.root / self.relpath

    @classmethod
    def load(cls, root: Path, account: str) -> Ledger:
        try:
            data = (root / ledger_path(account)).read_bytes()
        except FileNotFoundError:
            data = b""
        return cls(root, account, data)

    def state(self, path: str) -> PostState:
        return self.states.get(path) or PostState(path)

    def remote_ids(self) -> set[str]:
        """Every id the ledger already gave to some part, so it is never adopted twice."""
        return self._remote_ids

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        """Record one event and write the ledger atomically; returns the full record."""
        full = {name: record.get(name) for name in CORE_FIELDS}
        full.update(record)
        full["at"] = full["at"] or now()
        if full["event"] not in EVENTS:
            raise ValueError(f"unknown ledger event {full['event']!r}")
        self._data += _line(full)
        self._apply(full)
        write_atomically(self.file, self._data)
        if self.on_change is not None:
            self.on_change(self, full)
        return full

    def _apply(self, record: dict[str, Any]) -> None:
        path = str(record.get("path"))
        state = self.states.setdefault(path, PostState(path))
        event = record.get("event")
        part = record.get("part")
        if record.get("remote_id"):
            self._remote_ids.add(str(record["remote_id"]))
        state.file = record.get("file") or state.file
        state.last = record
        if record.get("parts") is not None:
            state.parts = int(record["parts"])
        if event == SENDING and part is not None:
            state.sending[int(part)] = record
        elif event == PUBLISHED and part is not None:
            state.published[int(part)] = record
            state.sending.pop(int(part), None)
            state.hash = state.hash or record.get("hash")
            state.refused = None
        elif event == RETRACTED and part is not None:
            if record.get("remote_id"):
                state.retracted[int(part)] = record
            state.sending.pop(int(part), None)
        elif event == REFUSED:
            state.refused = record
            if part is not None:
                state.sending.pop(int(part), None)


def read_records(file: Path, relpath: str) -> Iterator[dict[str, Any]]:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return
    yield from parse_records(data, relpath)


def parse_records(data: bytes, relpath: str) -> Iterator[dict[str, Any]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            "le registre des publications n'est pas en UTF-8",
            path=relpath,
            line=data[: exc.start].count(b"\n") + 1,
            fix=f"restaurez la version de main (git checkout origin/main -- {relpath}).",
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise ConfigError(
                "ligne illisible dans le registre des publications",
                path=relpath,
                line=number,
                fix="le registre ne se modifie pas à la main : restaurez la version de main "
                "(git checkout origin/main -- " + relpath + ").",
            ) from None
        if not isinstance(record, dict) or record.get("event") not in EVENTS:
            raise ConfigError(
                "enregistrement inconnu dans le registre des publications",
                path=relpath,
                line=number,
                fix="restaurez la version de main du registre (git checkout origin/main -- "
                + relpath
                + ").",
            )
        yield record


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def write_atomically(file: Path, data: bytes | bytearray) -> None:
    """Write ``data`` to a temporary file beside ``file``, then move it into place."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def published_hashes(root: Path) -> dict[str, str]:
    """``path → text hash`` of every post any ledger marks published."""
    hashes: dict[str, str] = {}
    directory = root / LEDGER_DIR
    if not directory.is_dir():
        return hashes
    for file in sorted(directory.glob("*.jsonl")):
        for record in read_records(file, f"{LEDGER_DIR}/{file.name}"):
            if record["event"] == PUBLISHED and record.get("hash"):
                hashes.setdefault(str(record["path"]), str(record["hash"]))
    return hashes
