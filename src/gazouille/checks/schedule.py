"""``publish_at`` is a real date-time, read in the account's time zone when it
has no offset.

Passes::

    publish_at: 2026-12-01T08:30

Fails (``schedule/invalid``)::

    publish_at: 2026-02-30T08:30
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from gazouille.checks.base import Context
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
        parse_publish_at(value, account.timezone if account else "UTC")
    except ValueError:
        yield Problem(
            "schedule/invalid",
            f"« {value} » n'est pas une date valide",
            line=post.line_of("publish_at"),
            fix="écrivez une date qui existe, par exemple 2026-12-01T09:30.",
        )
