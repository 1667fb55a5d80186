"""``publish_at`` is a real date-time, read in the account's time zone when it
has no offset.

Passes::

    publish_at: 2026-12-01T08:30

Fails (``schedule/invalid``)::

    publish_at: 2026-02-30T08:30

Warns (``schedule/past``), when ``publish_at`` is before now (``GAZOUILLE_NOW``
when it is set) and the post is neither published (in the ledger) nor
retracted: it would go out as soon as it is merged, which is rarely what the
author meant::

    publish_at: 2020-01-01T08:30
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from gazouille import clock
from gazouille.checks.base import Context
from gazouille.checks.published import published
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.validation import load_schema

ID = "schedule"


def parse_publish_at(value: str, timezone: str) -> datetime:
    """An aware datetime; naive values are in ``timezone``. Raises ValueError."""
    moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment


@cache
def _shape() -> re.Pattern[str]:
    return re.compile(load_schema("post.schema.json")["properties"]["publish_at"]["pattern"])


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    value = post.meta.get("publish_at")
    if not isinstance(value, str) or not _shape().match(value):
        return  # the schema check reports what is not shaped like a date
    account = ctx.account(post)
    try:
        moment = parse_publish_at(value, account.timezone if account else "UTC")
    except ValueError:
        yield Problem(
            "schedule/invalid",
            f"« {value} » n'est pas une date valide",
            line=post.line_of("publish_at"),
            fix="écrivez une date qui existe, par exemple 2026-12-01T09:30.",
        )
        return
    if moment < clock.now() and "retract" not in post.meta and post.path not in published(ctx):
        yield Problem(
            "schedule/past",
            f"la date de publication « {value} » est déjà passée : la publication partira "
            "dès la fusion",
            line=post.line_of("publish_at"),
            fix="indiquez une date à venir, ou retirez publish_at pour publier dès la fusion.",
        )
