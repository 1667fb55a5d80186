"""``gazouille status``: what each account has published, scheduled, due, in doubt, refused, retracted."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.errors import EXIT_OK
from gazouille.publish import gate, planner
from gazouille.publish.ledger import PostState
from gazouille.publish.planner import Item
from gazouille.repo import find_root

SECTIONS = {
    "published": "Publiées",
    "scheduled": "Programmées",
    "due": "À publier au prochain passage",
    "unknown": "État inconnu, à vérifier sur X",
    "refused": "Refusées",
    "retracted": "Retirées",
    "warnings": "Avertissements",
}


def collect(
    root: Path, account: str | None, env: Mapping[str, str], now: datetime
) -> list[dict[str, Any]]:
    accounts = accounts_module.load(root)
    if account is not None:
        accounts.require(account)
    plans = planner.plan(root, accounts, now, env, only=account)
    ctx = gate.check_context(root, accounts, plans, env)
    result = []
    for account_plan in plans:
        acc = account_plan.account
        entry: dict[str, Any] = {
            "account": acc.id,
            "x_username": acc.x_username,
            "timezone": acc.timezone,
            "paused": account_plan.paused,
            "ledger_error": str(account_plan.ledger.broken) if account_plan.ledger.broken else None,
            **{name: [] for name in SECTIONS},
        }
        pending = {item.path for item in account_plan.items}
        for path, state in sorted(account_plan.ledger.states.items()):
            if path in pending or path in account_plan.ledger.renamed:
                continue  # a renamed post is shown under its new name
            _from_ledger(entry, path, state)
        for item in account_plan.items:
            if item.kind == "scheduled" and item.when is not None:
                when = item.when.astimezone(acc.zone)
                entry["scheduled"].append({"path": item.path, "publish_at": when.isoformat()})
            elif item.kind in ("due", "refused") and (doubted := doubt(item)) is not None:
                entry["unknown"].append(doubted)
            elif item.kind == "due":
                assert item.post is not None
                verdict = gate.may_send(item.post, acc, ctx)
                if verdict.allowed:
                    entry["due"].append(
                        {
                            "path": item.path,
                            "parts": len(item.post.parts),
                            "published_parts": len(item.state.published),
                        }
                    )
                else:
                    entry["refused"].append({"path": item.path, "reason": verdict.reason})
            elif item.kind == "retract":
                _from_ledger(entry, item.path, item.state)
                entry["due"].append({"path": item.path, "retract": True})
            elif item.kind in ("refused", "changed"):
                if item.kind == "changed":
                    _from_ledger(entry, item.path, item.state)
                entry["refused"].append({"path": item.path, "reason": item.reason})
            elif item.kind == "withdrawn":
                # Retracted (or expired) before it went out. A part is claimed in the
                # ledger before X is asked to create it, so with no record it was never
                # sent (publish still asks the account once, in case the ledger was lost).
                entry["retracted"].append(
                    {
                        "path": item.path,
                        "urls": [],
                        "reason": _withdrawn_reason(item.post.meta) if item.post else "",
                    }
                )
        entry["warnings"].extend(_stale_appeals(root, account_plan, now))
        result.append(entry)
    return result


def _withdrawn_reason(meta: Mapping[str, Any]) -> str:
    """Why a post that never went out will not: its ``retract:``, or its expiry."""
    retract = meta.get("retract")
    if retract:
        return str(retract)
    return f"avis expiré avant sa publication (expires_at: {meta.get('expires_at')})"


def _stale_appeals(root: Path, plan: planner.AccountPlan, now: datetime) -> list[dict[str, Any]]:
    """``schedule/stale-appeal`` on the missing-person notices still online."""
    from gazouille import posts
    from gazouille.checks.expiry import STALE_CATEGORY, is_stale, stale_problem

    timezone = plan.account.timezone
    found = []
    for path, state in sorted(plan.ledger.states.items()):
        if not state.published or state.fully_retracted:
            continue
        try:
            raw = (root / path).read_bytes()
            if STALE_CATEGORY.encode() not in raw:
                continue
            post = posts.parse(raw, path, plan.account.id)
        except (OSError, posts.PostError):
            continue  # deleted or unreadable: `check` reports it
        since = state.first_published_at()
        if since is not None and is_stale(post.meta, timezone, since, now):
            problem = stale_problem(post.line_of("category"), since, now)
            found.append(
                {
                    "path": path,
                    "rule": problem.rule,
                    "line": problem.line,
                    "message": problem.message,
                    "fix": problem.fix,
                }
            )
    return found


def doubt(item: Item) -> dict[str, Any] | None:
    """The part X called a duplicate that the account did not show, if any (not sent again)."""
    from gazouille.publish.identity import in_doubt

    last = item.state.last
    if item.post is None or last is None or last.get("part") is None:
        return None
    part = int(last["part"])
    if not in_doubt(item.state, part, item.post.text_hash):
        return None
    return {
        "path": item.path,
        "part": part + 1,
        "parts": len(item.post.parts),
        "reason": last.get("reason"),
        "since": last.get("at"),
    }


def _from_ledger(entry: dict[str, Any], path: str, state: PostState) -> None:
    urls = [str(state.published[p].get("url")) for p in sorted(state.published)]
    if state.fully_retracted:
        reason = next(iter(state.retracted.values())).get("reason")
        entry["retracted"].append({"path": path, "urls": urls, "reason": reason})
    elif state.published:
        at = state.published[min(state.published)].get("at")
        entry["published"].append({"path": path, "urls": urls, "at": at})
    elif state.refused is not None:
        entry["refused"].append({"path": path, "reason": state.refused.get("reason")})


def instant(value: str) -> datetime | None:
    """An ISO date or date-time (a date is its midnight), UTC when it has no offset."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_time(moment: str | None, zone: tzinfo) -> str:
    """An ISO instant from the ledger as an officer reads it, in the account's time zone:
    « le 01/12/2026 à 10:30 ». ``status`` and ``log`` show times the same way."""
    if not moment:
        return ""
    parsed = instant(moment)
    return moment if parsed is None else parsed.astimezone(zone).strftime("le %d/%m/%Y à %H:%M")


def render_text(accounts: list[dict[str, Any]], out: TextIO) -> None:
    for entry in accounts:
        zone = ZoneInfo(entry["timezone"])
        out.write(f"Compte {entry['account']} (@{entry['x_username']})\n")
        if entry["paused"]:
            out.write(f"  ⏸ {entry['paused']}\n")
        if entry.get("ledger_error"):
            out.write(f"  ⚠ {entry['ledger_error']}\n")
        for key, title in SECTIONS.items():
            rows = entry[key]
            out.write(f"  {title} : {len(rows)}\n")
            for row in rows:
                out.write(f"    {row['path']}")
                if key == "published":
                    out.write(f" — {' '.join(row['urls'])}")
                    if row.get("at"):
                        out.write(f" ({local_time(row['at'], zone)})")
                elif key == "scheduled":
                    out.write(f" — {local_time(row['publish_at'], zone)}")
                elif key == "due" and row.get("retract"):
                    out.write(" — à retirer")
                elif key == "due" and row.get("published_parts"):
                    out.write(f" — reprise à la partie {row['published_parts'] + 1}/{row['parts']}")
                elif key == "unknown":
                    out.write(
                        f" — partie {row['part']}/{row['parts']} : {row['reason']}\n"
                        f"      → si elle est sur X : gazouille settle {row['path']} "
                        f"--part {row['part']} --remote-id <numéro>"
                    )
                elif key in ("refused", "retracted") and row.get("reason"):
                    out.write(f" — {row['reason']}")
                elif key == "warnings":
                    out.write(
                        f":{row['line']} [{row['rule']}] {row['message']}\n      → {row['fix']}"
                    )
                out.write("\n")


def run_status(cwd: Path, account: str | None, fmt: str, out: TextIO) -> int:
    accounts = collect(find_root(cwd), account, os.environ, clock.now())
    if fmt == "json":
        json.dump({"accounts": accounts}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        render_text(accounts, out)
    return EXIT_OK
