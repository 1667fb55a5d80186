"""The ledger: ``ledger/<account>.jsonl``, what was sent to X and when.

One JSON object per line, one line per event, never rewritten: the ledger is
the only memory gazouille has of what it did. It lives on its own branch,
``gazouille/ledger`` (see :mod:`gazouille.publish.ledger_branch`), never on
``main``. Events:

``sending``
    intent and claim, written (and pushed, with ``publish --push``) *before* a
    part is sent; a ``sending`` without a later ``published`` for the same part
    means the outcome is unknown, and the next run looks at the account before
    sending anything.
``published``
    X answered with ``remote_id`` (``adopted: true`` when the post was found
    on the account rather than answered, after a crash or a lost ledger).
``retracted``
    the part was deleted from X; ``reason`` is the post's ``retract:``.
``refused``
    the post was not sent; ``rule`` and ``reason`` say why.
``expired``
    the part was deleted from X because the appeal's ``expires_at`` has
    passed; ``reason`` says when. Counts as retracted.
``unknown``
    X refused a part as a duplicate and the original was not found on the
    account: it may be live. Its ``sending`` stays open; the next runs only
    look for it, never send it again (``gazouille settle`` records it by hand).

Every record carries ``path``, ``hash`` (:attr:`Post.text_hash`), ``file``
(the git blob id of the file's bytes, so an unchanged post is recognised from
git's index without reading it), ``part``/``parts``, ``at`` (UTC), ``commit``
(HEAD of main at the start of the run) and ``prev``: the SHA-256 (hex) of the
previous line's bytes without its newline, 64 zeros for the first line, so
the file is a hash chain. When ``GAZOUILLE_LEDGER_KEY`` is set (only the
``publication`` environment holds it), ``mac`` is the HMAC-SHA256 of the
record without ``mac``, serialised canonically (:func:`canonical`). A ledger
that fails :func:`verify` is not acted upon. ``author``, ``approvers`` and
``pull_request`` are kept for the approval check.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gazouille import clock
from gazouille.errors import ConfigError
from gazouille.repo import LEDGER_DIR

SENDING = "sending"
PUBLISHED = "published"
RETRACTED = "retracted"
REFUSED = "refused"
EXPIRED = "expired"
UNKNOWN = "unknown"
EVENTS = (SENDING, PUBLISHED, RETRACTED, REFUSED, EXPIRED, UNKNOWN)

# Written on every record, null when they do not apply, so readers can rely on them.
CORE_FIELDS = ("event", "path", "hash", "part", "parts", "remote_id", "url", "at", "commit")

BRANCH = "gazouille/ledger"
REF_ENV = "GAZOUILLE_LEDGER_REF"
KEY_ENV = "GAZOUILLE_LEDGER_KEY"
GENESIS = "0" * 64


def now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return clock.now().astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def ledger_path(account: str) -> str:
    """Where an account's ledger lives, relative to the repository (or the ledger branch)."""
    return f"{LEDGER_DIR}/{account}.jsonl"


def status_url(x_username: str, remote_id: str, site: str | None = None) -> str:
    """The public address of a post: on x.com, or on ``site`` (``GAZOUILLE_X_SITE_URL``,
    which the sandbox sets: it serves the same path)."""
    return f"{(site or 'https://x.com').rstrip('/')}/{x_username}/status/{remote_id}"


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time from X or the ledger (``…Z``), None when absent, unreadable or naive."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def ledger_key(env: Mapping[str, str]) -> bytes | None:
    """The MAC key from ``GAZOUILLE_LEDGER_KEY``; None when unset or empty."""
    value = env.get(KEY_ENV, "")
    return value.encode("utf-8") if value else None


# -- the chain and the MAC ---------------------------------------------------


def line_hash(line: bytes) -> str:
    """What the next record's ``prev`` holds: SHA-256 of the line without its newline."""
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def canonical(record: Mapping[str, Any]) -> bytes:
    """The bytes the MAC covers: the record without ``mac``, keys sorted, compact JSON."""
    body = {key: value for key, value in record.items() if key != "mac"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def mac_of(record: Mapping[str, Any], key: bytes) -> str:
    return hmac.new(key, canonical(record), hashlib.sha256).hexdigest()


def sealed(record: dict[str, Any], previous: bytes | None, key: bytes | None) -> bytes:
    """The line for ``record`` chained after ``previous`` (a line, or None for the first)."""
    record = {name: value for name, value in record.items() if name not in ("prev", "mac")}
    record["prev"] = line_hash(previous) if previous else GENESIS
    if key is not None:
        record["mac"] = mac_of(record, key)
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def lines_of(data: bytes) -> list[bytes]:
    """The non-empty lines of a ledger, each without its newline."""
    return [line for line in data.split(b"\n") if line.strip()]


def rechain(lines: list[bytes], key: bytes | None, after: bytes | None = None) -> bytes:
    """``lines`` (records) chained again, the first after the line ``after``."""
    out = bytearray()
    previous = after
    for line in lines:
        chained = sealed(json.loads(line), previous, key)
        out += chained
        previous = chained
    return bytes(out)


@dataclass
class Broken:
    """Why a ledger is not to be trusted, in French, with the line."""

    relpath: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.relpath if self.line is None else f"{self.relpath}:{self.line}"
        return (
            f"{where} : {self.message} ; le registre des publications de ce compte n'est pas "
            "fiable, rien n'est publié pour ce compte"
            f"\n  → le registre ne se modifie pas à la main : comparez la branche {BRANCH} "
            "à son historique (git log -p), restaurez la dernière version saine, puis "
            "vérifiez avec « gazouille ledger verify »."
        )


def verify(
    data: bytes, relpath: str, key: bytes | None, *, chained: bool = True
) -> tuple[list[dict[str, Any]], Broken | None]:
    """The records of a ledger, and the first reason not to trust it (None when sound).

    ``chained`` requires ``prev`` on every record (the ledger branch); the
    legacy ledger on main may start with records written before the chain.
    With a key, every record must carry a valid ``mac``.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], Broken(
            relpath, data[: exc.start].count(b"\n") + 1, "le fichier n'est pas en UTF-8"
        )
    records: list[dict[str, Any]] = []
    previous: bytes | None = None
    seen_prev = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        line = raw.encode("utf-8")
        try:
            record = json.loads(raw)
        except json.JSONDecodeError:
            return records, Broken(relpath, number, "ligne illisible (ce n'est pas du JSON)")
        if not isinstance(record, dict) or record.get("event") not in EVENTS:
            return records, Broken(relpath, number, "enregistrement inconnu")
        expected = line_hash(previous) if previous is not None else GENESIS
        if "prev" in record or chained or seen_prev:
            seen_prev = True
            if record.get("prev") != expected:
                return records, Broken(
                    relpath,
                    number,
                    "chaîne rompue : le champ prev ne correspond pas à la ligne précédente "
                    "(ligne modifiée, supprimée ou insérée)",
                )
        if key is not None and not (
            isinstance(record.get("mac"), str)
            and hmac.compare_digest(record["mac"], mac_of(record, key))
        ):
            return records, Broken(
                relpath,
                number,
                "signature (mac) absente ou fausse : cette ligne n'a pas été écrite par "
                "la publication",
            )
        records.append(record)
        previous = line
    return records, None


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

    def first_published_at(self) -> datetime | None:
        """When the post's first part went out (the earliest ``published`` record)."""
        times = [parse_time(record.get("at")) for record in self.published.values()]
        return min((t for t in times if t is not None), default=None)

    def settled(self, file_hash: str) -> bool:
        """Nothing can be due for this file while its bytes are those last recorded."""
        if self.file != file_hash or self.sending:
            return False
        if self.fully_published or self.fully_retracted:
            return True
        # A refusal by X (not by `check`, which is asked again each run) holds until the file
        # changes; not a duplicate, which may be live: the publisher looks for it.
        return (
            self.last is not None
            and self.last["event"] == REFUSED
            and bool(self.last.get("sticky"))
            and self.last.get("rule") != "x/duplicate"
        )


# Told of every record once it is in the ledger's bytes: writes them where they live.
Sink = Callable[["Ledger", dict[str, Any]], None]


class Ledger:
    """The records of one account, loaded once, appended to atomically."""

    def __init__(
        self,
        root: Path,
        account: str,
        data: bytes,
        *,
        key: bytes | None = None,
        chained: bool = False,
        sink: Sink | None = None,
    ) -> None:
        self.root = root
        self.account = account
        self.key = key
        self.chained = chained
        # Where appended records go: the working tree's file unless told otherwise.
        self.sink: Sink = sink or write_working_tree
        self.runner: str | None = None  # names this clone on the claims it writes
        self.states: dict[str, PostState] = {}
        self._remote_ids: set[str] = set()
        self.broken: Broken | None = None
        self.records: list[dict[str, Any]] = []
        self.renamed: dict[str, str] = {}  # old path → new path, found by follow_rename
        self.data = b""
        self.reset(data)

    def reset(self, data: bytes) -> None:
        """Read ``data`` as the whole ledger (a fresh load, or the remote's tip after a race)."""
        self.states = {}
        self._remote_ids = set()
        # The file's bytes as read: earlier lines are written back untouched.
        self.data = data if not data or data.endswith(b"\n") else data + b"\n"
        self.records, self.broken = verify(self.data, self.relpath, self.key, chained=self.chained)
        for record in self.records:
            self._apply(record)

    @property
    def relpath(self) -> str:
        return ledger_path(self.account)

    @property
    def file(self) -> Path:
        return self.root / self.relpath

    @classmethod
    def load(cls, root: Path, account: str, key: bytes | None = None) -> Ledger:
        """The legacy ledger in the working tree (before the ledger branch)."""
        try:
            data = (root / ledger_path(account)).read_bytes()
        except FileNotFoundError:
            data = b""
        return cls(root, account, data, key=key)

    def state(self, path: str) -> PostState:
        return self.states.get(path) or PostState(path)

    def remote_ids(self) -> set[str]:
        """Every id the ledger already gave to some part, so it is never adopted twice."""
        return self._remote_ids

    def last_line(self) -> bytes | None:
        """The ledger's last record, found from the end (the file can hold many thousands)."""
        for line in reversed(self.data.rstrip(b"\n").rsplit(b"\n", 2)):
            if line.strip():
                return line
        return lines[-1] if (lines := lines_of(self.data)) else None

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        """Record one event, chained (and signed), and hand it to the sink; returns it."""
        if self.broken is not None:
            raise ConfigError(str(self.broken))
        full = {name: record.get(name) for name in CORE_FIELDS}
        full.update(record)
        full["at"] = full["at"] or now()
        if full["event"] not in EVENTS:
            raise ValueError(f"unknown ledger event {full['event']!r}")
        if self.runner and full["event"] == SENDING:
            full["runner"] = self.runner
        line = sealed(full, self.last_line(), self.key)
        full = dict(json.loads(line))
        self.data += line
        self.records.append(full)
        self._apply(full)
        self.sink(self, full)
        return full

    def _apply(self, record: dict[str, Any]) -> None:
        if record.get("remote_id"):
            self._remote_ids.add(str(record["remote_id"]))
        path = str(record.get("path"))
        state = self.states.setdefault(path, PostState(path))
        event = record.get("event")
        part = record.get("part")
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
        elif event in (RETRACTED, EXPIRED) and part is not None:
            if record.get("remote_id"):
                state.retracted[int(part)] = record
            state.sending.pop(int(part), None)
        elif event == REFUSED:
            state.refused = record
            if part is not None:
                state.sending.pop(int(part), None)

    def follow_rename(self, path: str, text_hash: str, present: set[str]) -> PostState:
        """The state of ``path``; for a file the ledger does not know, the state of a
        published post with the same text whose file is gone (a rename), so that a
        renamed post is never sent again. The state is then known under both paths."""
        state = self.state(path)
        if state.published or state.sending or state.refused:
            return state
        for old, moved in self.states.items():
            if old not in present and moved.published and moved.hash == text_hash:
                self.states[path] = moved
                self.renamed[old] = path
                return moved
        return state


def write_working_tree(ledger: Ledger, record: dict[str, Any]) -> None:
    """The legacy sink: the whole file, written atomically in the working tree."""
    write_atomically(ledger.file, ledger.data)


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


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files a killed run left beside a ledger (``.<name>.*.tmp``)."""
    if directory.is_dir():
        for leftover in directory.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)


# -- commits the publish job signed ----------------------------------------------

# Each ledger commit the publish job makes names its tree under the key: a
# commit pushed by anyone else (which could drop the last lines, which the
# chain alone cannot tell) is not signed.
TRAILER = "Ledger-MAC"
TRUST_DEPTH = 200


def tree_mac(tree: str, key: bytes) -> str:
    return hmac.new(key, f"gazouille-ledger-tree {tree}".encode(), hashlib.sha256).hexdigest()


def trusted_commit(root: Path, tip: str, key: bytes) -> str | None:
    """The newest commit up to ``tip`` signed by the publish job, or None."""
    from gazouille.gitutil import run_git

    log = run_git(root, "log", f"-{TRUST_DEPTH}", "--format=%H %T%n%B%x00", tip)
    for entry in log.decode("utf-8", "replace").split("\0"):
        head, _, body = entry.strip().partition("\n")
        commit, _, tree = head.partition(" ")
        if tree and f"{TRAILER}: {tree_mac(tree, key)}" in body:
            return commit
    return None


def foreign_change(
    root: Path, tip: str, trusted: str | None, account: str, data: bytes
) -> Broken | None:
    """An account's ledger changed after the newest commit the publish job signed."""
    from gazouille.gitutil import blob_at

    if (
        trusted is None
        or trusted == tip
        or (blob_at(root, trusted, ledger_path(account)) or b"") == data
    ):
        return None
    return Broken(
        ledger_path(account),
        None,
        f"modifié par un commit que la publication n'a pas signé (après {trusted[:12]})",
    )


# -- where the ledger is read from ---------------------------------------------


def accounts_at(root: Path, commit: str | None) -> list[str]:
    """The accounts that have a ledger file in ``commit`` (none without a commit)."""
    if commit is None:
        return []
    from gazouille.gitutil import run_git

    listing = run_git(root, "ls-tree", "-z", "--name-only", commit, f"{LEDGER_DIR}/")
    names = [n.rsplit("/", 1)[-1] for n in listing.decode().split("\0") if n]
    return sorted(n.removesuffix(".jsonl") for n in names if n.endswith(".jsonl"))


@dataclass
class Source:
    """Where readers find the ledger: a git ref, or (legacy) the working tree."""

    root: Path
    ref: str | None  # None: the working tree's ledger/
    commit: str | None = None
    _trusted: tuple[str | None] | None = None

    def describe(self) -> str:
        return f"la branche {self.ref}" if self.ref else f"le dossier {LEDGER_DIR}/ de la copie"

    def accounts(self) -> list[str]:
        """The accounts that have a ledger file here."""
        if self.commit is not None:
            return accounts_at(self.root, self.commit)
        directory = self.root / LEDGER_DIR
        names = [p.name for p in directory.glob("*.jsonl")] if directory.is_dir() else []
        return sorted(n.removesuffix(".jsonl") for n in names)

    def read(self, account: str) -> bytes:
        if self.commit is None:
            try:
                return (self.root / ledger_path(account)).read_bytes()
            except FileNotFoundError:
                return b""
        from gazouille.gitutil import blob_at

        return blob_at(self.root, self.commit, ledger_path(account)) or b""

    def ledger(self, account: str, env: Mapping[str, str]) -> Ledger:
        key = ledger_key(env)
        data = self.read(account)
        ledger = Ledger(self.root, account, data, key=key, chained=self.commit is not None)
        if key is not None and self.commit is not None and ledger.broken is None:
            if self._trusted is None:
                self._trusted = (trusted_commit(self.root, self.commit, key),)
            ledger.broken = foreign_change(self.root, self.commit, self._trusted[0], account, data)
        return ledger


def source(root: Path, env: Mapping[str, str]) -> Source:
    """``GAZOUILLE_LEDGER_REF``, else origin's ledger branch, else the local one, else legacy."""
    from gazouille.gitutil import commit_of

    forced = env.get(REF_ENV, "").strip()
    if forced:
        found = commit_of(root, forced)
        if found is None:
            raise ConfigError(
                f"{REF_ENV} désigne « {forced} », introuvable dans le dépôt",
                fix=f"récupérez la branche (git fetch origin {BRANCH}) ou corrigez {REF_ENV}.",
            )
        return Source(root, forced, found)
    for ref in (f"refs/remotes/origin/{BRANCH}", f"refs/heads/{BRANCH}"):
        found = commit_of(root, ref)
        if found is not None:
            return Source(root, ref, found)
    return Source(root, None)


@dataclass
class Published:
    """What ``check`` needs from every ledger: published posts, and ledgers it cannot trust."""

    hashes: dict[str, str] = field(default_factory=dict)  # path → text hash
    first_at: dict[str, datetime] = field(default_factory=dict)  # path → first publication
    live: set[str] = field(default_factory=set)  # published and not fully retracted
    broken: list[Broken] = field(default_factory=list)


def read_published(root: Path, env: Mapping[str, str] | None = None) -> Published:
    """The posts every readable ledger marks published (renames followed)."""
    env = os.environ if env is None else env
    where = source(root, env)
    result = Published()
    for account in where.accounts():
        ledger = where.ledger(account, env)
        if ledger.broken is not None:
            result.broken.append(ledger.broken)
        for path, state in ledger.states.items():
            if state.published and state.hash:
                result.hashes.setdefault(path, state.hash)
            first = state.first_published_at()
            if first is not None and (path not in result.first_at or first < result.first_at[path]):
                result.first_at[path] = first
            if state.published and not state.fully_retracted:
                result.live.add(path)
    return result
