"""What reviewers see of a post before approving it.

:func:`annotate` adds to each checked post the facts a reviewer needs beyond
the text and the findings: the account, when it will go out (in the account's
time zone), who may reply, the images with their alternative text, and what
sending it costs. Reporters (``--format markdown``), ``gazouille preview`` and
the PNG card read them from ``PostResult.preview``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from gazouille import clock
from gazouille.accounts import Account
from gazouille.checks.base import Context
from gazouille.posts import media_entries
from gazouille.preview import pricing
from gazouille.problems import PostResult, Report

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
REPLIES = {
    "everyone": "tout le monde peut répondre",
    "following": "seuls les comptes suivis par {handle} peuvent répondre",
    "mentionedUsers": "seuls les comptes mentionnés peuvent répondre",
}


def french_datetime(moment: datetime) -> str:
    """« lundi 1 décembre 2026 à 9 h 30 »."""
    day = "1er" if moment.day == 1 else str(moment.day)
    return (
        f"{DAYS[moment.weekday()]} {day} {MONTHS[moment.month - 1]} {moment.year} "
        f"à {moment.hour} h {moment.minute:02d}"
    )


def schedule_text(meta: Mapping[str, Any], account: Account) -> str:
    from gazouille.checks.schedule import parse_publish_at

    value = meta.get("publish_at")
    if not isinstance(value, str):
        return "dès la fusion de la pull request"
    try:
        moment = parse_publish_at(value, account.timezone)
    except ValueError:
        return f"date invalide « {value} »"
    local = moment.astimezone(account.zone)
    text = f"{french_datetime(local)} (fuseau {account.timezone})"
    if moment < clock.now():
        text += " — date passée : partira dès la fusion"
    return text


def reply_text(meta: Mapping[str, Any], account: Account) -> str:
    value = meta.get("reply_settings")
    source = "réglage de la publication"
    if not isinstance(value, str) or value not in REPLIES:
        value, source = account.reply_settings, "réglage du compte"
    words = REPLIES.get(value, value).format(handle=f"@{account.x_username}")
    return f"{words} ({source})"


def media_items(meta: Mapping[str, Any]) -> list[dict[str, str]]:
    return [
        {"file": str(item.get("file") or ""), "alt": str(item.get("alt") or "")}
        for _, item in media_entries(meta)
    ]


def describe(result: PostResult, account: Account, table: Mapping[str, Decimal]) -> dict[str, Any]:
    """The preview facts of one checked post."""
    media = media_items(result.meta)
    retract = result.meta.get("retract")
    cost = pricing.post_cost(
        [part.text for part in result.parts],
        len(media),
        table,
        retract=isinstance(retract, str),
    )
    facts: dict[str, Any] = {
        "account": account.id,
        "account_name": account.name,
        "handle": account.x_username,
        "schedule": schedule_text(result.meta, account),
        "replies": reply_text(result.meta, account),
        "media": media,
        "cost": cost.total,
        "cost_detail": cost.describe(),
    }
    if isinstance(retract, str):
        facts["retract"] = retract
    return facts


def annotate(report: Report, ctx: Context) -> None:
    """Fill ``preview`` for every post of ``report`` that could be read."""
    table = pricing.prices()
    for result in report.posts:
        account = ctx.accounts.get(result.account) if result.account else None
        if account is None or not result.parts:
            continue
        result.preview = describe(result, account, table)


def fact_rows(facts: Mapping[str, Any], typed: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The labelled facts of :func:`describe` as the comment and the terminal show them;
    ``typed`` renders the text an officer typed (the retraction's reason)."""
    rows = [
        ("Compte", f"{facts['account_name']} (@{facts['handle']})"),
        ("Publication", facts["schedule"]),
        ("Réponses", facts["replies"]),
        (
            "Coût estimé",
            f"{pricing.dollars(facts['cost'])} ({facts['cost_detail'] or 'rien'})",
        ),
    ]
    if "retract" in facts:
        rows.insert(1, ("Retrait", f"sera supprimée de X : {typed(facts['retract'])}"))
    return rows


def total_cost(report: Report) -> Decimal:
    return sum(
        (post.preview["cost"] for post in report.posts if "cost" in post.preview), Decimal(0)
    )
