"""Sending what the planner found due, exactly once.

The rules that keep a post from being sent twice or dropped:

* one run at a time per clone (a lock under ``.git/``); the workflow adds a
  concurrency group for the runners;
* an intent (``sending``) is recorded before each part goes out and its
  result right after, each written atomically;
* before anything is sent for an account, its recent posts are read once, and
  a part whose text (and reply target) is found there, under an id the ledger
  does not know, is adopted instead of sent again: this heals a run killed
  between X's answer and the ledger write, and a ledger commit whose push was
  lost;
* a create that fails without saying whether the post exists (5xx, timeout)
  is never retried blind: the account is read again first;
* 403 "duplicate content" is reconciled the same way, and refused when the
  original cannot be found; 429 stops the account until the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.accounts import Account
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS, ConfigError, GazouilleError
from gazouille.gitutil import open_repo, resolve
from gazouille.posts import Post
from gazouille.publish import gate, planner
from gazouille.publish.ledger import PUBLISHED, REFUSED, RETRACTED, SENDING, Ledger, status_url
from gazouille.publish.planner import AccountPlan, Item

if TYPE_CHECKING:
    from gazouille.checks.base import Context

LOCK_NAME = "gazouille-publish.lock"
# What names a part across its records: a refusal or a closed intent copies them.
PART_FIELDS = ("path", "hash", "file", "part", "parts", "commit")


def git_dir(root: Path) -> Path:
    """Where git keeps its state for ``root`` (``.git``, or what a worktree's ``.git`` file names)."""
    dot_git = root / ".git"
    if dot_git.is_file():
        text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            target = Path(text.removeprefix("gitdir:").strip())
            return target if target.is_absolute() else root / target
    return dot_git if dot_git.is_dir() else root


@contextlib.contextmanager
def publication_lock(root: Path, out: TextIO) -> Iterator[None]:
    """Hold the clone's publication lock; a second run waits for the first to finish."""
    lock_file = git_dir(root) / LOCK_NAME
    with open(lock_file, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            out.write("Une autre publication est en cours dans ce dépôt : attente de sa fin…\n")
            out.flush()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def head_commit(root: Path) -> str:
    """The commit being published; empty in a repository without one."""
    try:
        return resolve(root, "HEAD")
    except ConfigError:
        return ""


class LedgerCommitter:
    """Commits each ledger change as it happens (``--commit``), marked ``[skip ci]``."""

    def __init__(self, root: Path) -> None:
        self.repo = open_repo(root)
        self.env = {
            name: os.environ.get(name, default)
            for name, default in (
                ("GIT_AUTHOR_NAME", "gazouille"),
                ("GIT_AUTHOR_EMAIL", "gazouille@users.noreply.github.com"),
                ("GIT_COMMITTER_NAME", "gazouille"),
                ("GIT_COMMITTER_EMAIL", "gazouille@users.noreply.github.com"),
            )
        }

    def __call__(self, ledger: Ledger, record: dict[str, Any]) -> None:
        part = record.get("part")
        where = f" {int(part) + 1}/{record.get('parts')}" if part is not None else ""
        message = f"ledger: {record['event']} {record['path']}{where} [skip ci]"
        self.repo.git.add("--", ledger.relpath)
        self.repo.git.commit("--quiet", "-m", message, "--", ledger.relpath, env=self.env)


@dataclass
class Run:
    """One ``publish`` invocation's options and what it reports."""

    root: Path
    out: TextIO
    env: Mapping[str, str]
    dry_run: bool = False
    now: datetime = field(default_factory=clock.now)
    sleep: Callable[[float], None] = time.sleep
    code: int = EXIT_OK
    settings: Any = None  # x.Settings, read once from the environment
    notices: set[str] = field(default_factory=set)

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def fail(self, text: str) -> None:
        self.say(text)
        self.code = EXIT_PROBLEMS


def publish(
    root: Path,
    out: TextIO,
    *,
    account: str | None = None,
    dry_run: bool = False,
    commit: bool = False,
    env: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """``gazouille publish``: the exit code (0 done or nothing to do, 1 something was not sent)."""
    from gazouille.publish.x import Settings

    run = Run(root, out, os.environ if env is None else env, dry_run=dry_run, sleep=sleep)
    run.settings = Settings.from_env(run.env)  # a bad value stops here, exit 2
    accounts = accounts_module.load(root)
    if account is not None:
        accounts.require(account)
    lock = contextlib.nullcontext() if dry_run else publication_lock(root, out)
    with lock:
        # Read after taking the lock: a run that waited sees what the first one recorded.
        plans = planner.plan(root, accounts, run.now, run.env, only=account)
        committer = LedgerCommitter(root) if commit and not dry_run else None
        # The checks (and their imports) are only needed when a post is due.
        ctx = (
            gate.check_context(root, accounts, plans, run.env)
            if any(p.of("due") for p in plans)
            else None
        )
        # The version of main being published, read before any ledger commit moves HEAD.
        commit_sha = head_commit(root)
        for account_plan in plans:
            account_plan.ledger.on_change = committer
            publish_account(run, account_plan, ctx, commit_sha)
    return run.code


def publish_account(run: Run, plan: AccountPlan, ctx: Context | None, commit: str) -> None:
    account = plan.account
    head = f"[{account.id}] @{account.x_username}"
    if plan.paused:
        waiting = len(plan.work)
        run.say(f"{head} {plan.paused} : rien n'est envoyé ({waiting} publication(s) en attente).")
        return
    for item in plan.of("changed"):
        run.fail(
            f"{head} {item.path} : modifiée après sa publication, rien n'est renvoyé ({item.reason})."
            "\n  → pour corriger, retirez-la (« retract: <raison> ») et écrivez une nouvelle publication."
        )
    due: list[tuple[Item, gate.Verdict]] = []
    for item in plan.of("due"):
        assert item.post is not None
        assert ctx is not None
        verdict = gate.may_send(item.post, account, ctx)
        if verdict.notice and verdict.notice not in run.notices:
            run.notices.add(verdict.notice)
            run.say(f"ℹ {verdict.notice}")
        if verdict.allowed:
            due.append((item, verdict))
        else:
            run.fail(
                f"{head} {item.path} : refusée, non publiée : {verdict.reason}"
                "\n  → corrigez-la (gazouille check "
                + item.path
                + ") dans une nouvelle demande de fusion."
            )
            if not run.dry_run:
                record_refusal(plan.ledger, item, commit, verdict.rule, verdict.reason)
    for item in plan.of("refused"):
        run.fail(f"{head} {item.path} : refusée, non publiée : {item.reason}")
        if not run.dry_run and item.problems:
            record_refusal(plan.ledger, item, commit, item.problems[0].rule, item.reason)
    retract = plan.of("retract")
    if not due and not retract:
        if not plan.of("refused") and not plan.of("changed"):
            run.say(f"{head} rien à publier.")
        return
    if run.dry_run:
        for item, _verdict in due:
            assert item.post is not None
            images = sum(1 for _ in item.post.media())
            for part in item.post.parts:
                if part.index in item.state.published:
                    continue
                extra = f" [+ {images} image(s)]" if images and part.index == 0 else ""
                run.say(
                    f"{head} enverrait {item.path} ({part.index + 1}/{len(item.post.parts)}){extra} : "
                    + part.text.replace("\n", " ⏎ ")
                )
        for item in retract:
            run.say(f"{head} supprimerait {item.path} ({len(item.state.published)} partie(s)).")
        return
    from gazouille.publish import x

    try:
        client = x.XClient(x.credentials(account, run.env), run.settings, run.sleep)
    except GazouilleError as exc:
        run.fail(f"{head} {exc}")
        return
    sender = Sender(run, plan, client, commit)
    try:
        for item, verdict in due:
            sender.publish(item, verdict)
        for item in retract:
            sender.retract(item)
    except x.RateLimited as exc:
        when = (
            exc.reset.astimezone(account.zone).strftime("%d/%m/%Y à %H:%M (%Z)")
            if exc.reset
            else "dans quelques minutes"
        )
        run.fail(
            f"{head} limite de X atteinte ({exc.detail}) : arrêt pour ce compte, "
            f"la limite se lève le {when} ; la prochaine exécution reprendra."
        )
    except (x.Unavailable, x.OutcomeUnknown) as exc:
        run.fail(
            f"{head} X ne répond pas ({exc.detail}) après plusieurs essais : arrêt pour ce compte ; "
            "la prochaine exécution vérifiera le compte et reprendra sans doublon."
        )
    except x.Rejected as exc:
        run.fail(
            f"{head} X refuse la connexion ({exc.detail}) : arrêt pour ce compte."
            "\n  → vérifiez les identifiants X du compte dans l'environnement « publication »."
        )


def record_refusal(ledger: Ledger, item: Item, commit: str, rule: str | None, reason: str) -> None:
    """A refusal by ``check``, not sticky: it is asked again on the next run."""
    last = ledger.state(item.path).refused
    if last and last.get("file") == item.file and last.get("reason") == reason:
        return  # already said for these bytes
    ledger.append(
        {
            "event": REFUSED,
            "path": item.path,
            "hash": item.post.text_hash if item.post else None,
            "file": item.file,
            "commit": commit or None,
            "rule": rule,
            "reason": reason,
            "sticky": False,
        }
    )


class Sender:
    """Sends the due posts of one account, reconciling with what X already has."""

    def __init__(self, run: Run, plan: AccountPlan, client: Any, commit: str) -> None:
        self.run = run
        self.account: Account = plan.account
        self.ledger = plan.ledger
        self.client = client
        self.commit = commit
        self._recent: list[Any] | None = None
        self.head = f"[{self.account.id}] @{self.account.x_username}"

    # -- reconciliation ------------------------------------------------------

    def recent(self, refresh: bool = False) -> list[Any]:
        if self._recent is None or refresh:
            self._recent = list(self.client.recent())
        return self._recent

    def find(self, text: str, reply_to: str | None, refresh: bool = False) -> str | None:
        """The id of a post on the account with this text, unknown to the ledger."""
        from gazouille.publish.x import comparable

        wanted = comparable(text)
        known = self.ledger.remote_ids()
        for tweet in self.recent(refresh):
            if tweet.id in known or comparable(tweet.text) != wanted:
                continue
            if tweet.reply_to is not None and tweet.reply_to != reply_to:
                continue
            return str(tweet.id)
        return None

    # -- publishing ----------------------------------------------------------

    def publish(self, item: Item, verdict: gate.Verdict) -> None:
        from gazouille.publish import x

        post = item.post
        assert post is not None
        total = len(post.parts)
        reply_settings = post.meta.get("reply_settings") or self.account.reply_settings
        for part in post.parts:
            state = self.ledger.state(item.path)
            if part.index in state.published:
                continue
            previous = state.published.get(part.index - 1) if part.index else None
            reply_to = str(previous["remote_id"]) if previous else None
            base = {
                "path": item.path,
                "hash": post.text_hash,
                "file": item.file,
                "part": part.index,
                "parts": total,
                "commit": self.commit or None,
                **verdict.record,
            }
            found = self.find(part.text, reply_to)
            if found is not None:
                self._published(base, found, adopted=True)
                continue
            media_ids = self._upload(post) if part.index == 0 else []
            self.ledger.append({**base, "event": SENDING, "reply_to": reply_to})
            attempts = 0
            while True:
                attempts += 1
                try:
                    remote_id = self.client.create(
                        part.text, reply_to, media_ids or None, str(reply_settings)
                    )
                except x.OutcomeUnknown:
                    found = self.find(part.text, reply_to, refresh=True)
                    if found is not None:
                        remote_id = found
                        base["adopted"] = True
                    elif attempts >= self.client.settings.retries:
                        raise
                    else:
                        self.run.sleep(self.client.settings.backoff * 2 ** (attempts - 1))
                        continue
                except x.Duplicate as exc:
                    found = self.find(part.text, reply_to, refresh=True)
                    if found is None:
                        self._refuse(item, base, "x/duplicate", exc.detail)
                        return
                    remote_id = found
                    base["adopted"] = True
                except x.Rejected as exc:
                    if exc.status == 401:
                        raise
                    self._refuse(item, base, "x/rejected", exc.detail)
                    return
                break
            self._published(base, remote_id, adopted=bool(base.pop("adopted", False)))

    def _published(self, base: dict[str, Any], remote_id: str, adopted: bool) -> None:
        record = {
            **base,
            "event": PUBLISHED,
            "remote_id": remote_id,
            "url": status_url(
                self.account.x_username, remote_id, self.run.env.get("GAZOUILLE_X_SITE_URL")
            ),
        }
        if adopted:
            record["adopted"] = True
        self.ledger.append(record)
        how = "retrouvée sur le compte, enregistrée" if adopted else "publiée"
        self.run.say(
            f"{self.head} {base['path']} ({int(base['part']) + 1}/{base['parts']}) {how} : "
            f"{record['url']}"
        )

    def _refuse(self, item: Item, base: dict[str, Any], rule: str, detail: str) -> None:
        reason = f"X refuse la publication ({detail})"
        if rule == "x/duplicate":
            reason = (
                f"X la refuse comme doublon d'une publication récente ({detail}), "
                "introuvable sur le compte"
            )
        self.ledger.append(
            {
                **{k: base[k] for k in PART_FIELDS},
                "event": REFUSED,
                "rule": rule,
                "reason": reason,
                "sticky": True,
            }
        )
        self.run.fail(
            f"{self.head} {item.path} ({int(base['part']) + 1}/{base['parts']}) : {reason}."
            "\n  → modifiez le texte pour qu'il diffère de la publication précédente, "
            "ou vérifiez le compte sur x.com."
        )

    def _upload(self, post: Post) -> list[str]:
        from gazouille.publish.media import prepared

        ids: list[str] = []
        for _, item in post.media():
            if isinstance(item.get("file"), str):
                data, mime = prepared(self.run.root, item["file"])
                ids.append(self.client.upload(data, mime, item.get("alt")))
        return ids

    # -- retracting ----------------------------------------------------------

    def retract(self, item: Item) -> None:
        post = item.post
        assert post is not None
        reason = str(post.meta.get("retract"))
        state = self.ledger.state(item.path)
        for part, intent in sorted(state.sending.items()):
            previous = state.published.get(part - 1) if part else None
            found = self.find(
                post.parts[part].text if part < len(post.parts) else "",
                str(previous["remote_id"]) if previous else None,
            )
            base = {k: intent.get(k) for k in PART_FIELDS}
            if found is not None:
                self._published(base, found, adopted=True)
            else:  # never reached X: close the intent so the post can settle
                self.ledger.append({**base, "event": RETRACTED, "reason": reason})
        state = self.ledger.state(item.path)
        for part, record in sorted(state.published.items(), reverse=True):
            if part in state.retracted:
                continue
            remote_id = str(record["remote_id"])
            self.client.delete(remote_id)
            self.ledger.append(
                {
                    "event": RETRACTED,
                    "path": item.path,
                    "hash": record.get("hash"),
                    "file": item.file,
                    "part": part,
                    "parts": record.get("parts"),
                    "remote_id": remote_id,
                    "url": record.get("url"),
                    "commit": self.commit or None,
                    "reason": reason,
                }
            )
            self.run.say(
                f"{self.head} {item.path} ({part + 1}/{record.get('parts')}) retirée : {reason}"
            )
