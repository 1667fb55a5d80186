"""``gazouille status``: what each account has published, scheduled, due, refused, retracted."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.errors import EXIT_OK
from gazouille.publish import gate, planner
from gazouille.publish.ledger import PostState
from gazouille.repo import find_root

SECTIONS = {
    "published": "Publiées",
    "scheduled": "Programmées",
    "due": "À publier au prochain passage",
    "refused": "Refusées",
    "retracted": "Retirées",
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
                entry["retracted"].append(
                    {
                        "path": item.path,
                        "urls": [],
                        "reason": str(item.post.meta.get("retract")) if item.post else "",
                    }
                )
        result.append(entry)
    return result


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


def render_text(accounts: list[dict[str, Any]], out: TextIO) -> None:
    for entry in accounts:
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
                elif key == "scheduled":
                    out.write(
                        f" — le {datetime.fromisoformat(row['publish_at']).strftime('%d/%m/%Y à %H:%M')}"
                    )
                elif key == "due" and row.get("retract"):
                    out.write(" — à retirer")
                elif key == "due" and row.get("published_parts"):
                    out.write(f" — reprise à la partie {row['published_parts'] + 1}/{row['parts']}")
                elif key in ("refused", "retracted") and row.get("reason"):
                    out.write(f" — {row['reason']}")
                out.write("\n")


def run_status(cwd: Path, account: str | None, fmt: str, out: TextIO) -> int:
    accounts = collect(find_root(cwd), account, os.environ, clock.now())
    if fmt == "json":
        json.dump({"accounts": accounts}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        render_text(accounts, out)
    return EXIT_OK
