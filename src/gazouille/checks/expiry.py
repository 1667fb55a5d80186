"""Appeals that expire: ``expires_at``, and missing-person notices left online.

``expires_at`` (same format as ``publish_at``, in the account's time zone when
it has no offset) is accepted on an ``appel-a-temoins`` or a
``disparition-inquietante`` only (``schedule/expires-not-allowed``
elsewhere); it must be a real date (``schedule/invalid``) after ``publish_at``
(``schedule/expires-before-publish``). Once it has passed, ``gazouille
publish`` deletes every published part from X, as for ``retract:`` (ledger
event ``expired``), and never sends a post that has not gone out yet: ``check``
refuses such a post (``schedule/expired``).

A ``disparition-inquietante`` with neither ``expires_at`` nor ``retract``
gets the warning ``schedule/stale-appeal`` 30 days after it went out (the
first ``published`` record of the ledger); a post not published yet counts
from its ``publish_at``, and a post with neither goes out at the merge, so it
is not stale. ``gazouille status`` shows the same warning.

Passes::

    category: appel-a-temoins
    publish_at: 2026-12-01T09:00
    expires_at: 2026-12-15T09:00

Fails (``schedule/expires-not-allowed``)::

    category: prevention
    expires_at: 2026-12-15T09:00

Warns (``schedule/stale-appeal``): a ``disparition-inquietante`` published on
2026-10-01, checked on 2026-12-01, with neither ``expires_at`` nor ``retract``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from gazouille import clock
from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "expiry"
CATEGORIES = frozenset({"appel-a-temoins", "disparition-inquietante"})
STALE_CATEGORY = "disparition-inquietante"
STALE_AFTER = timedelta(days=30)
STALE_RULE = "schedule/stale-appeal"


def moment(meta: Mapping[str, Any], key: str, timezone: str) -> datetime | None:
    """``meta[key]`` as an aware datetime, None when absent or not a valid date."""
    from gazouille.checks.schedule import _shape, parse_publish_at

    value = meta.get(key)
    if not isinstance(value, str) or not _shape().match(value):
        return None
    try:
        return parse_publish_at(value, timezone)
    except ValueError:
        return None


def has_expired(meta: Mapping[str, Any], timezone: str, now: datetime) -> bool:
    """Whether the appeal's ``expires_at`` has passed (only where the category allows one)."""
    if str(meta.get("category")) not in CATEGORIES:  # a list or a mapping is not hashable
        return False
    end = moment(meta, "expires_at", timezone)
    return end is not None and end <= now


def is_stale(
    meta: Mapping[str, Any], timezone: str, published_at: datetime | None, now: datetime
) -> bool:
    """A missing-person notice online for more than 30 days with no end set."""
    if meta.get("category") != STALE_CATEGORY or "expires_at" in meta or meta.get("retract"):
        return False
    since = published_at or moment(meta, "publish_at", timezone)
    return since is not None and now - since > STALE_AFTER


def stale_problem(line: int, since: datetime, now: datetime) -> Problem:
    days = (now - since).days
    return Problem(
        STALE_RULE,
        f"avis de disparition inquiétante en ligne depuis {days} jours, sans date de fin",
        line=line,
        fix="pensez à retirer l'avis : la personne a-t-elle été retrouvée ? Si oui, ajoutez "
        "« retract: personne retrouvée » ; sinon, fixez sa fin avec « expires_at: "
        "AAAA-MM-JJTHH:MM » après avoir vérifié auprès de l'enquêteur.",
    )


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    account = ctx.account(post)
    timezone = account.timezone if account else "UTC"
    category = post.category
    if "expires_at" in post.meta and category is not None:
        yield from _expires_at(post, category, timezone)
    if category in CATEGORIES:
        published_at = first_publications(ctx).get(post.path)
        now = clock.now()
        if published_at is None and has_expired(post.meta, timezone, now):
            yield Problem(
                "schedule/expired",
                "expires_at est déjà passé : cet avis ne sera jamais publié",
                line=post.line_of("expires_at"),
                fix="corrigez la date de fin (l'année ?) ou supprimez le fichier si l'appel "
                "n'a plus lieu d'être.",
            )
        elif is_stale(post.meta, timezone, published_at, now):
            since = published_at or moment(post.meta, "publish_at", timezone)
            assert since is not None
            yield stale_problem(post.line_of("category"), since, now)


def _expires_at(post: Post, category: str, timezone: str) -> Iterator[Problem]:
    line = post.line_of("expires_at")
    if category not in CATEGORIES:
        yield Problem(
            "schedule/expires-not-allowed",
            f"expires_at n'a pas de sens pour la catégorie « {category} »",
            line=line,
            fix="retirez expires_at : seuls les appels à témoins et les disparitions "
            "inquiétantes expirent ; pour supprimer une publication, écrivez « retract: <raison> ».",
        )
        return
    value = post.meta.get("expires_at")
    end = moment(post.meta, "expires_at", timezone)
    if end is None:
        from gazouille.checks.schedule import _shape

        if isinstance(value, str) and _shape().match(value):  # else the schema check reports it
            yield Problem(
                "schedule/invalid",
                f"« {value} » n'est pas une date valide",
                line=line,
                fix="écrivez une date qui existe, par exemple 2026-12-15T09:30.",
            )
        return
    start = moment(post.meta, "publish_at", timezone)
    if start is not None and end <= start:
        yield Problem(
            "schedule/expires-before-publish",
            "expires_at tombe avant publish_at : l'avis ne serait jamais publié",
            line=line,
            fix="choisissez une date de fin postérieure à la date de publication.",
        )


def first_publications(ctx: Context) -> dict[str, datetime]:
    """``path → when its first part went out``, from the ledgers read once per run."""
    from gazouille.checks.published import ledger_facts

    return ledger_facts(ctx).first_at
