"""Sending what the planner found due, exactly once.

The rules that keep a post from being sent twice or dropped:

* one run at a time per clone (a lock under ``.git/``); the workflow adds a
  concurrency group for the runners;
* an intent (``sending``) is recorded before each part goes out and its
  result right after, each written atomically;
* before anything is sent for an account, its recent posts are read once, and
  a part found there (recognised as X shows it: :mod:`gazouille.publish.identity`),
  under an id the ledger does not know, is adopted instead of sent again:
  this heals a run killed between X's answer and the ledger write, and a
  ledger commit whose push was lost;
* a create that fails without saying whether the post exists (5xx, timeout)
  is never retried blind: the account is read again first;
* 403 "duplicate content" is reconciled the same way; when the original
  cannot be found the part is ``unknown``, never ``refused``: it may be live,
  so later runs only look for it (``gazouille settle`` records it by hand);
  429 stops the account until the next run;
* a retracted post is looked for on the account when the ledger does not
  show all of it live, so that what X shows is deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.accounts import Account
from gazouille.errors import EXIT_OK, EXIT_PROBLEMS, ConfigError, GazouilleError
from gazouille.gitutil import git_dir, resolve
from gazouille.posts import Part, Post
from gazouille.publish import gate, identity, planner
from gazouille.publish.identity import Tweet, Wanted, in_doubt
from gazouille.publish.ledger import (
    PUBLISHED,
    REFUSED,
    RETRACTED,
    SENDING,
    UNKNOWN,
    Ledger,
    parse_time,
    status_url,
)
from gazouille.publish.planner import AccountPlan, Item

if TYPE_CHECKING:
    from gazouille.checks.base import Context

LOCK_NAME = "gazouille-publish.lock"
# What names a part across its records: a refusal or a closed intent copies them.
PART_FIELDS = ("path", "hash", "file", "part", "parts", "commit")
# How far back a part that may be live is looked for: 10 pages of 100 posts.
DEEP_PAGES = 10


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
    push: bool = False,
    env: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """``gazouille publish``: the exit code (0 done or nothing to do, 1 something was not sent).

    The ledger is read and written on the ``gazouille/ledger`` branch when it
    exists or when ``commit``/``push`` is asked (``push`` also fetches and
    pushes it); otherwise in the working tree's ``ledger/`` (legacy).
    """
    from gazouille.publish.ledger import source
    from gazouille.publish.secrets import expand
    from gazouille.publish.x import Settings

    run = Run(root, out, expand(os.environ if env is None else env), dry_run=dry_run, sleep=sleep)
    run.settings = Settings.from_env(run.env)  # a bad value stops here, exit 2
    accounts = accounts_module.load(root)
    if account is not None:
        accounts.require(account)
    lock = contextlib.nullcontext() if dry_run else publication_lock(root, out)
    with lock:
        branch = None
        ledgers = None
        if not dry_run and (commit or push or source(root, run.env).ref is not None):
            from gazouille.publish.ledger_branch import Branch

            branch = Branch(root, run.env, push=push, say=run.say)
            try:
                branch.start()
            except GazouilleError as exc:
                run.fail(f"registre des publications : {exc}")
                return run.code
            ledgers = branch.ledger
        # Read after taking the lock: a run that waited sees what the first one recorded.
        plans = planner.plan(root, accounts, run.now, run.env, only=account, ledgers=ledgers)
        # The checks (and their imports) are only needed when a post is due.
        ctx = (
            gate.check_context(root, accounts, plans, run.env)
            if any(p.of("due") for p in plans)
            else None
        )
        # The version of main being published, read before any ledger commit moves HEAD.
        commit_sha = head_commit(root)
        for account_plan in plans:
            publish_account(run, account_plan, ctx, commit_sha)
        if branch is not None:
            branch.finish()
    return run.code


def publish_account(run: Run, plan: AccountPlan, ctx: Context | None, commit: str) -> None:
    account = plan.account
    head = f"[{account.id}] @{account.x_username}"
    if plan.ledger.broken is not None:
        run.fail(f"{head} {plan.ledger.broken}")
        return
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
    # Refused as a duplicate by an earlier gazouille: it may be live, so it is looked for.
    doubted = [i for i in plan.of("refused") if refused_as_duplicate(i)]
    for item in plan.of("refused"):
        if refused_as_duplicate(item):
            if run.dry_run:
                run.say(f"{head} chercherait {item.path} sur le compte (refusée comme doublon).")
            continue
        run.fail(f"{head} {item.path} : refusée, non publiée : {item.reason}")
        if not run.dry_run and item.problems:
            record_refusal(plan.ledger, item, commit, item.problems[0].rule, item.reason)
    retract = plan.of("retract")
    # Retracted before any record: the account is asked once whether some of it is live.
    unseen = [] if run.dry_run else [i for i in plan.of("withdrawn") if withdrawn_unseen(i)]
    if run.dry_run:
        doubted = []
    if not due and not retract and not unseen and not doubted:
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
                if in_doubt(item.state, part.index, item.post.text_hash):
                    run.say(
                        f"{head} chercherait {item.path} ({part.index + 1}/{len(item.post.parts)}) "
                        "sur le compte, sans la renvoyer (état inconnu)."
                    )
                    break
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
        for item in unseen:
            sender.look_for_withdrawn(item)
        for item in doubted:
            sender.look_again(item)
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
    except GazouilleError as exc:  # the ledger branch could not take a claim
        run.fail(f"{head} {exc} ; la prochaine exécution reprendra.")


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
        self._recent: list[Tweet] | None = None
        self._older: str | None = None  # the token of the next page not read yet
        self._pages = 0
        self.head = f"[{self.account.id}] @{self.account.x_username}"

    # -- reconciliation ------------------------------------------------------

    def recent(self, refresh: bool = False) -> list[Tweet]:
        """The account's latest page of posts, read once a run (again with ``refresh``)."""
        if self._recent is None or refresh:
            self._recent, self._older = self.client.page()
            self._pages = 1
        return self._recent

    def wanted(self, post: Post, path: str, index: int, reply_to: str | None) -> Wanted:
        """How part ``index`` of ``post`` shows on the account, from the file and its last intent."""
        intent = self.ledger.state(path).sending.get(index) or {}
        return Wanted(
            text=post.parts[index].text if index < len(post.parts) else "",
            reply_to=reply_to,
            media=len(images(post)) if index == 0 else 0,
            media_ids=frozenset(str(m) for m in intent.get("media_ids") or ()),
            since=parse_time(intent.get("since") or intent.get("at")),
        )

    def find(self, wanted: Wanted, refresh: bool = False, deep: bool = False) -> str | None:
        """The id of the post on the account that is this part, unknown to the ledger.

        ``deep`` reads older pages too (up to ``DEEP_PAGES``), where the part may
        well be live though far down: a retraction, an intent, a duplicate.
        """
        known = self.ledger.remote_ids()
        tweets = self.recent(refresh)
        tweet = identity.find(tweets, wanted, known)
        while tweet is None and deep and self._older and self._pages < DEEP_PAGES:
            older, self._older = self.client.page(self._older)
            tweets.extend(older)
            self._pages += 1
            tweet = identity.find(older, wanted, known)
        return tweet.id if tweet is not None else None

    def missing(self, item: Item) -> Iterator[tuple[Part, str | None]]:
        """The parts of ``item`` the ledger has not seen published, each with the id it answers."""
        assert item.post is not None
        for part in item.post.parts:
            published = self.ledger.state(item.path).published
            if part.index in published:
                continue
            previous = published.get(part.index - 1) if part.index else None
            yield part, str(previous["remote_id"]) if previous else None

    # -- publishing ----------------------------------------------------------

    def publish(self, item: Item, verdict: gate.Verdict) -> None:
        from gazouille.publish import x

        post = item.post
        assert post is not None
        total = len(post.parts)
        reply_settings = post.meta.get("reply_settings") or self.account.reply_settings
        for part, reply_to in self.missing(item):
            state = self.ledger.state(item.path)
            base = {
                "path": item.path,
                "hash": post.text_hash,
                "file": item.file,
                "part": part.index,
                "parts": total,
                "commit": self.commit or None,
                **verdict.record,
            }
            wanted = self.wanted(post, item.path, part.index, reply_to)
            # With an intent on record, it may have gone out long ago: look further back.
            found = self.find(wanted, deep=part.index in state.sending)
            if found is None and in_doubt(state, part.index, post.text_hash):
                # X called it a duplicate and the original was not found: it may be
                # live, so it is only looked for again, never sent again.
                found = self.find(wanted, refresh=True, deep=True)
                if found is None:
                    self._unknown(item, base, None)
                    return
            if found is not None:
                self._published(base, found, adopted=True)
                continue
            media_ids = self._upload(post) if part.index == 0 else []
            intent = state.sending.get(part.index)
            claimed = self._claim(
                item,
                part.index,
                {
                    **base,
                    "event": SENDING,
                    "reply_to": reply_to,
                    **({"media_ids": media_ids} if media_ids else {}),
                    # The first attempt: a post X created then is never older than this.
                    **({"since": intent.get("since") or intent.get("at")} if intent else {}),
                },
            )
            if not claimed:
                return
            wanted = self.wanted(post, item.path, part.index, reply_to)
            attempts = 0
            while True:
                attempts += 1
                try:
                    remote_id = self.client.create(
                        part.text, reply_to, media_ids or None, str(reply_settings)
                    )
                except x.OutcomeUnknown:
                    found = self.find(wanted, refresh=True)
                    if found is not None:
                        remote_id = found
                        base["adopted"] = True
                    elif attempts >= self.client.settings.retries:
                        raise
                    else:
                        self.run.sleep(self.client.settings.backoff * 2 ** (attempts - 1))
                        continue
                except x.Duplicate as exc:
                    found = self.find(wanted, refresh=True, deep=True)
                    if found is None:
                        self._unknown(item, base, exc.detail)
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

    def _claim(self, item: Item, part: int, record: dict[str, Any]) -> bool:
        """Record (and with ``--push``, push) the intent; False when another runner has the part."""
        from gazouille.publish.ledger_branch import ClaimLost, live_claim

        where = f"{item.path} ({part + 1}/{record['parts']})"
        claim = live_claim(
            self.ledger.state(item.path).sending.get(part),
            self.ledger.runner,
            self.run.now.timestamp(),
        )
        if claim is None:
            try:
                self.ledger.append(record)
                return True
            except ClaimLost:
                pass
        self.run.say(
            f"{self.head} {where} : une autre exécution est en train de la publier ; "
            "rien n'est envoyé, la prochaine exécution vérifiera le compte."
        )
        return False

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
            "\n  → corrigez la publication dans une nouvelle demande de fusion, "
            "ou vérifiez le compte sur x.com."
        )

    def _unknown(self, item: Item, base: dict[str, Any], detail: str | None) -> None:
        """X says the part exists, the account does not show it: record the doubt, send nothing."""
        where = f"{item.path} ({int(base['part']) + 1}/{base['parts']})"
        if detail is not None:
            self.ledger.append(
                {
                    **{k: base[k] for k in PART_FIELDS},
                    "event": UNKNOWN,
                    "rule": "x/duplicate",
                    "reason": f"X la refuse comme doublon ({detail}) ; "
                    "l'original est introuvable sur le compte",
                }
            )
        self.run.fail(
            f"{self.head} {where} : état inconnu : X la refuse comme doublon d'une publication "
            "du compte, mais cette publication est introuvable parmi les 1 000 dernières ; "
            "rien n'est renvoyé, la prochaine exécution la cherchera de nouveau."
            "\n  → cherchez-la sur x.com ; si elle y est, enregistrez-la : gazouille settle "
            f"{item.path} --part {int(base['part']) + 1} --remote-id <numéro de la publication>"
        )

    def _upload(self, post: Post) -> list[str]:
        from gazouille.publish.media import prepared

        ids: list[str] = []
        for item in images(post):
            data, mime = prepared(self.run.root, item["file"])
            ids.append(self.client.upload(data, mime, item.get("alt")))
        return ids

    def look_again(self, item: Item) -> None:
        """Adopt the parts of a post refused as a duplicate that the account shows.

        Earlier versions recorded ``refused x/duplicate`` for posts that were
        live (an image, a link without ``https://``); what is still missing is
        recorded ``unknown`` and looked for on the next runs.
        """
        post = item.post
        assert post is not None
        refusal = self.ledger.state(item.path).refused or {}
        for part, reply_to in self.missing(item):
            state = self.ledger.state(item.path)
            base = {
                **{k: refusal.get(k) for k in PART_FIELDS},
                "hash": post.text_hash,
                "file": item.file,
                "part": part.index,
                "parts": len(post.parts),
            }
            wanted = replace(self.wanted(post, item.path, part.index, reply_to), since=None)
            found = self.find(wanted, deep=True)
            if found is None:
                doubt = in_doubt(state, part.index, post.text_hash)
                self._unknown(item, base, None if doubt else "refus enregistré auparavant")
                return
            self._published(base, found, adopted=True)

    # -- retracting ----------------------------------------------------------

    def look_for_withdrawn(self, item: Item) -> None:
        """A post retracted with no ledger trace: delete whatever of it the account shows.

        Its records may have been lost (a ledger push that failed) after it went
        out; a post that never went out is found nowhere, and is recorded as
        looked for so that the next runs do not ask X again.
        """
        post = item.post
        assert post is not None
        base = {
            "path": item.path,
            "hash": post.text_hash,
            "file": item.file,
            "parts": len(post.parts),
            "commit": self.commit or None,
        }
        # Published by gazouille, it went out at its publish_at or later.
        since = None
        if isinstance(post.meta.get("publish_at"), str):
            from gazouille.checks.schedule import parse_publish_at

            with contextlib.suppress(ValueError):
                since = parse_publish_at(post.meta["publish_at"], self.account.timezone)
        reply_to: str | None = None
        for part in post.parts:
            wanted = self.wanted(post, item.path, part.index, reply_to)
            found = self.find(replace(wanted, since=since), deep=True)
            if found is None:
                break
            self._published({**base, "part": part.index}, found, adopted=True)
            reply_to = found
        if self.ledger.state(item.path).published:
            self.retract(item)
        else:
            reason = str(post.meta.get("retract"))
            self.ledger.append({**base, "part": None, "event": RETRACTED, "reason": reason})

    def retract(self, item: Item) -> None:
        post = item.post
        assert post is not None
        from gazouille.publish.ledger import EXPIRED

        # No ``retract:`` means the appeal's ``expires_at`` has passed (the planner's "retract").
        expired = not post.meta.get("retract")
        event = EXPIRED if expired else RETRACTED
        reason = (
            f"avis expiré (expires_at: {post.meta.get('expires_at')})"
            if expired
            else str(post.meta.get("retract"))
        )
        state = self.ledger.state(item.path)
        if state.sending:
            self.recent(refresh=True)  # what is live now, not what the run saw when it began
        for part, intent in sorted(state.sending.items()):
            previous = self.ledger.state(item.path).published.get(part - 1) if part else None
            wanted = self.wanted(
                post, item.path, part, str(previous["remote_id"]) if previous else None
            )
            if in_doubt(state, part, post.text_hash):
                wanted = replace(wanted, since=None)  # X said it exists: take any copy
            found = self.find(wanted, deep=True)
            base = {k: intent.get(k) for k in PART_FIELDS}
            if found is not None:
                self._published(base, found, adopted=True)
            else:  # not on the account: close the intent so the post can settle
                self.ledger.append({**base, "event": event, "reason": reason})
        state = self.ledger.state(item.path)
        for part, record in sorted(state.published.items(), reverse=True):
            if part in state.retracted:
                continue
            remote_id = str(record["remote_id"])
            self.client.delete(remote_id)
            self.ledger.append(
                {
                    "event": event,
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


def images(post: Post) -> list[dict[str, Any]]:
    """The media entries of ``post`` that are uploaded with its first part."""
    return [item for _, item in post.media() if isinstance(item.get("file"), str)]


def withdrawn_unseen(item: Item) -> bool:
    """A retracted post never looked for on the account since its file took these bytes."""
    last = item.state.last
    return item.kind == "withdrawn" and (last is None or last.get("file") != item.file)


def refused_as_duplicate(item: Item) -> bool:
    """A post X refused as a duplicate, recorded ``refused`` by an earlier gazouille."""
    refusal = item.state.refused
    return (
        item.post is not None
        and refusal is not None
        and refusal.get("rule") == "x/duplicate"
        and bool(refusal.get("sticky"))
    )
