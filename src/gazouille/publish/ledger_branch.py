"""The ledger branch ``gazouille/ledger``: records committed with git plumbing.

``main`` is protected by a ruleset no token can bypass, so the ledger lives
on its own branch, which the publish job only fast-forwards. Records are
written without a checkout or an index (``hash-object``, ``mktree``,
``commit-tree``, ``update-ref``), so nothing in the working tree changes.

Each record is first written to a spool file under the git directory
(``.git/gazouille/ledger/<account>.jsonl``), then committed; with ``--push``
the branch is pushed fast-forward to ``origin``. When a commit or a push
fails, the run goes on: the spool (or the unpushed commit) keeps the record
and the next run commits and pushes it. When a push is rejected because
another runner pushed first, the branch is fetched and the new records are
chained again on the remote tip. A ``sending`` record is a claim: it must be
pushed before the part is created on X, and a runner whose claim loses the
race to another runner's claim on the same part does not send it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from gazouille.errors import EXIT_PROBLEMS, GazouilleError
from gazouille.gitutil import blob_at, commit_of, git_dir
from gazouille.publish.ledger import (
    BRANCH,
    PUBLISHED,
    SENDING,
    TRAILER,
    Broken,
    Ledger,
    accounts_at,
    foreign_change,
    ledger_key,
    ledger_path,
    lines_of,
    rechain,
    remove_stale_temporaries,
    source,
    tree_mac,
    trusted_commit,
    write_atomically,
)
from gazouille.repo import LEDGER_DIR

LOCAL_REF = f"refs/heads/{BRANCH}"
TRACKING_REF = f"refs/remotes/origin/{BRANCH}"
REMOTE = "origin"
PUSH_ATTEMPTS = 5
# A claim by another runner younger than this is taken as a live run (the
# workflow's job timeout is 30 minutes): its part is not sent meanwhile.
CLAIM_TTL_SECONDS = 30 * 60

README = f"""# The gazouille ledger

This branch ({BRANCH}) holds `ledger/<account>.jsonl`: what `gazouille publish`
sent to X, retracted or refused, one JSON object per line, each chained to the
previous line (`prev`) and signed (`mac`) by the publication environment.
Only the publish job writes here, appending; never edit it by hand.
Format, verification and rulesets: docs/publication.md in the gazouille project.
""".encode()


class GitFailed(GazouilleError):
    """A git command on the ledger branch failed; the message is French."""

    exit_code = EXIT_PROBLEMS


class ClaimLost(Exception):
    """Another runner claimed (or published) the part first: do not send it."""


class ClaimNotRecorded(GazouilleError):
    """The claim could not be pushed: the part is not sent this run."""

    exit_code = EXIT_PROBLEMS


def git_env(env: Mapping[str, str]) -> dict[str, str]:
    """The environment for git: identity, and under Actions the token as an HTTP header.

    The token never reaches ``.git/config`` nor a command line: it goes in
    git's ``GIT_CONFIG_*`` variables, for this process only.
    """
    result = dict(os.environ)
    result.update({k: v for k, v in env.items() if k.startswith(("GIT_", "GAZOUILLE_"))})
    for name, default in (
        ("GIT_AUTHOR_NAME", "gazouille"),
        ("GIT_AUTHOR_EMAIL", "gazouille@users.noreply.github.com"),
        ("GIT_COMMITTER_NAME", "gazouille"),
        ("GIT_COMMITTER_EMAIL", "gazouille@users.noreply.github.com"),
    ):
        result.setdefault(name, env.get(name, default))
    token = env.get("GITHUB_TOKEN")
    server = env.get("GITHUB_SERVER_URL")
    if token and server and env.get("GITHUB_ACTIONS") == "true":
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        count = int(result.get("GIT_CONFIG_COUNT", "0") or "0")
        result[f"GIT_CONFIG_KEY_{count}"] = f"http.{server.rstrip('/')}/.extraheader"
        result[f"GIT_CONFIG_VALUE_{count}"] = f"AUTHORIZATION: basic {basic}"
        result["GIT_CONFIG_COUNT"] = str(count + 1)
    result["GIT_TERMINAL_PROMPT"] = "0"
    return result


class Branch:
    """The local ``gazouille/ledger`` branch of one clone, and its remote."""

    def __init__(
        self,
        root: Path,
        env: Mapping[str, str],
        *,
        push: bool = False,
        say: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.root = root
        self.env = env
        self.git_env = git_env(env)
        self.push_enabled = push
        self.say = say
        self.key = ledger_key(env)
        self.git_dir = git_dir(root)
        self.spool = self.git_dir / "gazouille" / LEDGER_DIR
        self.started = time.time()
        self.tip: str | None = None
        self.pending = False  # a record is in the spool or unpushed
        self.reported: set[str] = set()
        self._trusted: tuple[str] | None = None

    # -- git -----------------------------------------------------------------

    def git(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", *args],
                cwd=self.root,
                input=stdin,
                capture_output=True,
                check=False,
                env=self.git_env,
            )
        except FileNotFoundError:
            raise GitFailed("la commande git est introuvable", fix="installez git.") from None

    def must(self, what: str, *args: str, stdin: bytes | None = None) -> str:
        done = self.git(*args, stdin=stdin)
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitFailed(
                f"{what} a échoué (git {args[0]} : {detail[-1] if detail else 'sans message'})"
            )
        return done.stdout.decode("utf-8", "surrogateescape").strip()

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.git("merge-base", "--is-ancestor", older, newer).returncode == 0

    def read(self, commit: str | None, account: str) -> bytes:
        return (blob_at(self.root, commit, ledger_path(account)) or b"") if commit else b""

    # -- starting a run --------------------------------------------------------

    def runner_id(self) -> str:
        """This clone's name on its claims, kept under the git directory."""
        file = self.git_dir / "gazouille" / "runner"
        try:
            return file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            value = uuid.uuid4().hex
            write_atomically(file, value.encode())
            return value

    def recover_stale_locks(self) -> None:
        """Remove git lock files a killed run left behind (older than this run)."""
        for lock in (
            self.git_dir / "index.lock",
            self.git_dir / (LOCAL_REF + ".lock"),
            self.git_dir / (TRACKING_REF + ".lock"),
            self.git_dir / "packed-refs.lock",
        ):
            try:
                stale = lock.stat().st_mtime < self.started
            except FileNotFoundError:
                continue
            if stale:
                lock.unlink(missing_ok=True)
                self.say(
                    f"ℹ verrou git abandonné par une exécution interrompue retiré : {lock.name}"
                )
        remove_stale_temporaries(self.spool)
        remove_stale_temporaries(self.root / LEDGER_DIR)

    def start(self) -> None:
        """Fetch (with ``--push``), then bring the local branch up to the newest ledger."""
        self.recover_stale_locks()
        if self.push_enabled:
            self.fetch()
        base = source(self.root, self.env)
        remote = base.commit if base.ref != LOCAL_REF else None
        local = commit_of(self.root, LOCAL_REF)
        if remote is None or remote == local:
            self.tip = local
        elif local is None or self.is_ancestor(local, remote):
            self.tip = remote
            self.update_ref(remote, local)
        elif self.is_ancestor(remote, local):
            self.tip = local  # commits a failed push left: pushed at the end
            self.pending = True
        else:
            self.tip = local
            self.rebase_on(remote)
            self.pending = True

    def fetch(self) -> bool:
        done = self.git("fetch", "--quiet", REMOTE, f"+{LOCAL_REF}:{TRACKING_REF}")
        if done.returncode == 0:
            return True
        stderr = done.stderr.decode("utf-8", "replace")
        if "couldn't find remote ref" in stderr:
            return True  # no ledger branch yet: the first push creates it
        self.warn(
            "fetch",
            f"impossible de lire la branche {BRANCH} sur {REMOTE} "
            f"({_last_line(stderr)}) : la publication continue sur le registre local.",
        )
        return False

    def warn(self, kind: str, text: str) -> None:
        if kind not in self.reported:
            self.reported.add(kind)
            self.say(f"⚠ registre des publications : {text}")

    # -- one account's ledger ------------------------------------------------

    def ledger(self, account: str) -> Ledger:
        """The account's ledger at the branch tip, plus what the spool kept of a failed run."""
        committed = self.read(self.tip, account)
        data = committed
        foreign = self.foreign_change(account, committed)
        try:
            spooled = (self.spool / f"{account}.jsonl").read_bytes()
        except FileNotFoundError:
            spooled = b""
        extra = _after_common(lines_of(committed), lines_of(spooled))
        ledger = Ledger(self.root, account, committed, key=self.key, chained=True)
        if foreign is not None and ledger.broken is None:
            ledger.broken = foreign
        if extra and ledger.broken is None:
            data = committed + rechain(extra, self.key, after=ledger.last_line())
            ledger.reset(data)
            self.say(
                f"ℹ [{account}] {len(extra)} enregistrement(s) d'une exécution précédente "
                "repris dans le registre."
            )
            self.store(ledger, "ledger: records kept by an interrupted run")
        ledger.sink = self.record
        ledger.runner = self.runner_id()
        return ledger

    def foreign_change(self, account: str, committed: bytes) -> Broken | None:
        if self.key is None or self.tip is None:
            return None
        if self._trusted is None:
            self._trusted = (trusted_commit(self.root, self.tip, self.key) or "",)
        return foreign_change(self.root, self.tip, self._trusted[0] or None, account, committed)

    def record(self, ledger: Ledger, record: dict[str, Any]) -> None:
        """The sink: spool, commit, and (claims at once, others when possible) push."""
        part = record.get("part")
        where = f" {int(part) + 1}/{record.get('parts')}" if part is not None else ""
        committed = self.store(ledger, f"ledger: {record['event']} {record['path']}{where}")
        if not self.push_enabled:
            return
        if record["event"] == SENDING:
            if not committed or not self.push(claim=(ledger, record)):
                self.withdraw(ledger, record, committed)
                raise ClaimNotRecorded(
                    "la réservation de la publication n'a pas pu être enregistrée sur "
                    f"la branche {BRANCH} : rien n'est envoyé pour ce compte"
                )
        elif committed:
            self.push()

    def withdraw(self, ledger: Ledger, record: dict[str, Any], committed: bool) -> None:
        """Take back a claim the remote never got, so that no later push carries it
        (another runner would then wait for a part nobody sends)."""
        if not committed:  # only in the spool: drop its last line
            lines = lines_of(ledger.data)
            ledger.reset(b"".join(line + b"\n" for line in lines[:-1]))
            write_atomically(self.spool / f"{ledger.account}.jsonl", ledger.data)
            return
        remote = commit_of(self.root, TRACKING_REF)
        try:
            if remote is None:
                raise GitFailed("la branche distante est inconnue")
            self.rebase_on(remote, (ledger, record), drop=True)
        except GitFailed:
            self.push_enabled = False  # the claim stays local: this run pushes nothing more

    def store(self, ledger: Ledger, message: str) -> bool:
        """Spool then commit ``ledger``'s bytes; False (and said in French) when git failed."""
        write_atomically(self.spool / f"{ledger.account}.jsonl", ledger.data)
        self.pending = True
        try:
            self.tip = self.commit_files({ledger.account: ledger.data}, message)
        except GitFailed as exc:
            self.warn(
                "commit",
                f"l'enregistrement n'a pas pu être validé ({exc.message}) ; il est gardé dans "
                f"{self.spool} et sera validé à la prochaine exécution.",
            )
            return False
        return True

    def commit_files(self, files: Mapping[str, bytes], message: str) -> str:
        """A commit on the ledger branch with ``files`` (account → bytes) replaced."""
        entries: dict[str, str] = {}
        if self.tip is not None:
            listing = self.git("ls-tree", "-z", f"{self.tip}:{LEDGER_DIR}").stdout.decode()
            for entry in filter(None, listing.split("\0")):
                info, _, name = entry.partition("\t")
                entries[name] = info
        for account, data in files.items():
            blob = self.must("l'écriture du registre", "hash-object", "-w", "--stdin", stdin=data)
            entries[f"{account}.jsonl"] = f"100644 blob {blob}"
        ledger_tree = (
            self.must(
                "l'écriture du registre",
                "mktree",
                "-z",
                stdin=b"".join(
                    f"{info}\t{name}\0".encode() for name, info in sorted(entries.items())
                ),
            )
            if entries
            else None
        )
        top: dict[str, str] = {}
        if self.tip is not None:
            listing = self.git("ls-tree", "-z", self.tip).stdout.decode()
            for entry in filter(None, listing.split("\0")):
                info, _, name = entry.partition("\t")
                top[name] = info
        else:
            readme = self.must(
                "l'écriture du registre", "hash-object", "-w", "--stdin", stdin=README
            )
            top["README.md"] = f"100644 blob {readme}"
        if ledger_tree is not None:
            top[LEDGER_DIR] = f"040000 tree {ledger_tree}"
        tree = self.must(
            "l'écriture du registre",
            "mktree",
            "-z",
            stdin=b"".join(f"{info}\t{name}\0".encode() for name, info in sorted(top.items())),
        )
        parents = ["-p", self.tip] if self.tip else []
        if self.key is not None:
            message += f"\n\n{TRAILER}: {tree_mac(tree, self.key)}"
        commit = self.must(
            "la validation du registre", "commit-tree", tree, *parents, "-m", message
        )
        self.update_ref(commit, self.tip)
        for account, data in files.items():
            spool = self.spool / f"{account}.jsonl"
            with contextlib.suppress(OSError):
                if spool.read_bytes() == data:
                    spool.unlink()
        return commit

    def update_ref(self, new: str, old: str | None) -> None:
        self.must(
            "la mise à jour de la branche du registre",
            "update-ref",
            "-m",
            "gazouille ledger",
            LOCAL_REF,
            new,
            old or "0" * 40,
        )

    # -- pushing ---------------------------------------------------------------

    def push(self, claim: tuple[Ledger, dict[str, Any]] | None = None) -> bool:
        """Push fast-forward; when another runner pushed first, chain our records on its tip.

        With ``claim``, raises :class:`ClaimLost` when the remote already has a
        claim or a publication of that part from someone else.
        """
        if self.tip is None:
            return True
        for attempt in range(1, PUSH_ATTEMPTS + 1):
            done = self.git("push", "--porcelain", REMOTE, f"{LOCAL_REF}:{LOCAL_REF}")
            if done.returncode == 0:
                self.pending = False
                return True
            # Rejected: when the remote moved on (another runner pushed first,
            # whatever words git used for it), chain our records on its tip.
            moved = self.fetch()
            remote = commit_of(self.root, TRACKING_REF) if moved else None
            if remote is None or self.is_ancestor(remote, self.tip):
                stderr = done.stdout.decode("utf-8", "replace") + done.stderr.decode(
                    "utf-8", "replace"
                )
                if "lock" in stderr and attempt < PUSH_ATTEMPTS:
                    time.sleep(0.2 * attempt)  # another push holds the ref: it lands, then we chain
                    continue
                self.warn(
                    "push",
                    f"l'envoi de la branche {BRANCH} vers {REMOTE} a échoué "
                    f"({_reason(stderr)}) ; les enregistrements sont gardés dans ce dépôt "
                    "et seront envoyés à la prochaine exécution.",
                )
                return False
            try:
                self.rebase_on(remote, claim)
            except GitFailed as exc:
                self.warn("push", f"le registre n'a pas pu être recalé ({exc.message}).")
                return False
        self.warn(
            "push", f"la branche {BRANCH} bouge sans cesse : envoi abandonné pour cette fois."
        )
        return False

    def rebase_on(
        self, remote: str, claim: tuple[Ledger, dict[str, Any]] | None = None, *, drop: bool = False
    ) -> None:
        """Chain the records only we have after the records of ``remote``, in a commit on it."""
        files: dict[str, bytes] = {}
        accounts = set(accounts_at(self.root, self.tip)) | set(accounts_at(self.root, remote))
        lost = False
        for account in sorted(accounts):
            theirs = self.read(remote, account)
            ours = self.read(self.tip, account)
            their_lines = lines_of(theirs)
            extra = _after_common(their_lines, lines_of(ours))
            if claim is not None and claim[0].account == account:
                their_new = _after_common(lines_of(ours), their_lines)
                extra, lost = _drop_lost_claim(extra, their_new, claim[1], force=drop)
            if not extra and theirs == ours:
                continue
            data = theirs + rechain(extra, self.key, after=their_lines[-1] if their_lines else None)
            files[account] = data
        self.tip = remote
        self.update_ref_force(remote)
        if files:
            self.tip = self.commit_files(files, "ledger: records chained after another runner's")
        if claim is not None:
            claim[0].reset(self.read(self.tip, claim[0].account))
            if lost and not drop:
                raise ClaimLost(claim[1]["path"])

    def update_ref_force(self, new: str) -> None:
        self.must("la mise à jour de la branche du registre", "update-ref", LOCAL_REF, new)

    def finish(self) -> None:
        """At the end of a run: push what is still unpushed (a failed push heals here or next run)."""
        if self.push_enabled and self.pending:
            self.push()


def live_claim(
    record: dict[str, Any] | None, runner: str | None, now: float
) -> dict[str, Any] | None:
    """``record`` when it is another runner's recent claim (that runner may be sending)."""
    if record is None or not record.get("runner") or record.get("runner") == runner:
        return None
    from datetime import datetime

    try:
        at = datetime.fromisoformat(str(record.get("at")).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
    return record if now - at < CLAIM_TTL_SECONDS else None


def _after_common(base: list[bytes], ours: list[bytes]) -> list[bytes]:
    """The lines of ``ours`` after the longest prefix it shares with ``base``."""
    common = 0
    for a, b in zip(base, ours, strict=False):
        if a != b:
            break
        common += 1
    return ours[common:]


def _drop_lost_claim(
    extra: list[bytes], their_new: list[bytes], claim: dict[str, Any], *, force: bool = False
) -> tuple[list[bytes], bool]:
    """Our claim is lost when the remote's new records claim or publish the same part."""
    key = (claim.get("path"), claim.get("part"))

    def same_part(record: dict[str, Any]) -> bool:
        return (record.get("path"), record.get("part")) == key

    taken = force or any(
        same_part(record) and record.get("event") in (SENDING, PUBLISHED)
        for record in map(json.loads, their_new)
    )
    if not taken:
        return extra, False
    kept = [
        line
        for line in extra
        if not (json.loads(line).get("event") == SENDING and same_part(json.loads(line)))
    ]
    return kept, True


def _reason(output: str) -> str:
    """What the remote said, without git's own boilerplate."""
    lines = [
        line.removeprefix("remote: ").strip()
        for line in output.splitlines()
        if line.strip() and not line.startswith(("To ", "error: failed to push", "Done"))
    ]
    return " ; ".join(lines[-2:]) if lines else "sans message"


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "sans message"
