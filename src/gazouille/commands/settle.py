"""``gazouille settle PATH --remote-id ID [--part N]``: record by hand a part that is on X.

When X calls a part a duplicate and the account does not show the original
(state ``unknown``), ``publish`` sends nothing more and only looks again. An
operator who finds the post on x.com gives its id here: it is recorded as
published (``adopted: true``, ``settled: true``) once X confirms the id is a
post of the account whose text, reply target and media count are those of
the part. Exit 0 recorded (or already recorded), 1 when X does not confirm,
2 for a usage error.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from gazouille import accounts as accounts_module
from gazouille import posts
from gazouille.errors import EXIT_OK, ConfigError, PublishError
from gazouille.publish.ledger import KEY_ENV, PUBLISHED, ledger_key, status_url
from gazouille.repo import find_root, relative

# A bare id, or the address of the post (https://x.com/<user>/status/<id>).
REMOTE_ID = re.compile(r"^(?:https?://(?:www\.)?(?:x|twitter)\.com/\w+/status/)?(\d{1,19})/?$")
# What an intent carries that the published record keeps (approval, commit…).
INTENT_SKIP = ("event", "at", "reply_to", "media_ids", "since", "rule", "reason")


def run_settle(
    cwd: Path,
    file: str,
    remote: str,
    part_number: int,
    commit: bool,
    out: TextIO,
    push: bool = False,
    env: Mapping[str, str] | None = None,
) -> int:
    from gazouille.publish import identity, x
    from gazouille.publish.ledger import source
    from gazouille.publish.planner import blob_id
    from gazouille.publish.publisher import images
    from gazouille.publish.secrets import expand

    env = expand(os.environ if env is None else env)  # GAZOUILLE_SECRETS, as publish reads it
    root = find_root(cwd)
    relpath = relative(root, Path(file) if Path(file).is_absolute() else cwd / file)
    account_id = posts.account_of(relpath)
    accounts = accounts_module.load(root)
    account = accounts.get(account_id) if account_id else None
    if account is None or not (root / relpath).is_file():
        raise ConfigError(
            f"« {file} » n'est pas une publication d'un compte de accounts.yml",
            fix="indiquez le fichier de la publication, par exemple posts/pn44/2026-12-01-exemple.md.",
        )
    raw = (root / relpath).read_bytes()
    post = posts.parse(raw, relpath, account.id)
    total = len(post.parts)
    where = f"{relpath} ({part_number}/{total})"
    if not 1 <= part_number <= total:
        raise ConfigError(
            f"{relpath} n'a pas de partie {part_number} : elle en a {total}",
            fix=f"indiquez --part entre 1 et {total}.",
        )
    matched = REMOTE_ID.match(remote.strip())
    if matched is None:
        raise ConfigError(
            f"« {remote} » n'est pas un numéro de publication X",
            fix="copiez le numéro à la fin de l'adresse de la publication "
            "(https://x.com/<compte>/status/<numéro>), ou l'adresse entière.",
        )
    remote_id = matched.group(1)
    index = part_number - 1
    branch = None
    where_ledger = source(root, env)
    if commit or push or where_ledger.ref is not None:
        from gazouille.publish.ledger_branch import Branch

        # The ledger lives on gazouille/ledger: settle appends there, as publish does.
        branch = Branch(root, env, push=push, say=lambda text: print(text, file=out))
        branch.start()
        ledger = branch.ledger(account.id)
    else:
        ledger = where_ledger.ledger(account.id, env)
    if ledger.broken is not None:
        raise PublishError(str(ledger.broken), path=ledger.relpath)
    last = ledger.last_line()
    if ledger_key(env) is None and last is not None and "mac" in json.loads(last):
        # An unsigned record would make publish refuse the whole account's ledger.
        raise ConfigError(
            f"le registre de {account.id} est signé et {KEY_ENV} n'est pas définie : "
            "rien n'est enregistré",
            path=ledger.relpath,
            fix=f"lancez gazouille settle avec {KEY_ENV} (la clé de l'environnement "
            "« publication », dont l'administrateur garde une copie).",
        )
    state = ledger.state(relpath)
    recorded = state.published.get(index)
    if recorded is not None:
        if str(recorded.get("remote_id")) == remote_id:
            out.write(f"{where} : déjà enregistrée : {recorded.get('url')}\n")
            return EXIT_OK
        raise PublishError(
            f"{where} est déjà enregistrée sous un autre numéro ({recorded.get('remote_id')})",
            path=relpath,
            fix="rien à régler : pour la supprimer de X, retirez la publication (« retract: »).",
        )
    if remote_id in ledger.remote_ids():
        raise PublishError(
            f"la publication {remote_id} est déjà enregistrée pour une autre partie ou un autre fichier",
            path=relpath,
            fix="vérifiez le numéro sur x.com : chaque publication n'est enregistrée qu'une fois.",
        )
    previous = state.published.get(index - 1) if index else None
    if index and previous is None:
        raise PublishError(
            f"la partie {part_number - 1}/{total} de {relpath} n'est pas enregistrée",
            path=relpath,
            fix=f"réglez d'abord la partie {part_number - 1} (le fil se suit dans l'ordre).",
        )
    client = x.XClient(x.credentials(account, env), x.Settings.from_env(env))
    try:
        tweet = client.get(remote_id)
    except x.XFailure as exc:
        raise PublishError(
            f"X ne confirme pas la publication {remote_id} ({exc.detail}) : rien n'est enregistré",
            path=relpath,
            fix="réessayez plus tard ; vérifiez les identifiants X du compte.",
        ) from None
    if tweet is None:
        raise PublishError(
            f"la publication {remote_id} n'existe pas sur le compte @{account.x_username} "
            "(supprimée, ou d'un autre compte) : rien n'est enregistré",
            path=relpath,
            fix=f"ouvrez https://x.com/{account.x_username} et copiez le numéro de la bonne "
            "publication ; si elle n'y est pas, la prochaine exécution de publish la cherchera encore.",
        )
    wanted = identity.Wanted(
        text=post.parts[index].text,
        reply_to=str(previous["remote_id"]) if previous else None,
        media=len(images(post)) if index == 0 else 0,
    )
    if not identity.matches(tweet, wanted):
        raise PublishError(
            f"la publication {remote_id} n'est pas la partie {part_number}/{total} de ce fichier "
            "(texte, réponse à la partie précédente ou nombre d'images différents) : "
            "rien n'est enregistré",
            path=relpath,
            fix="vérifiez le numéro et la partie (--part) sur x.com.",
        )
    intent = state.sending.get(index) or {}
    record: dict[str, Any] = {k: v for k, v in intent.items() if k not in INTENT_SKIP}
    record.update(
        {
            "event": PUBLISHED,
            "path": relpath,
            "hash": post.text_hash,
            "file": blob_id(raw),
            "part": index,
            "parts": total,
            "remote_id": remote_id,
            "url": status_url(account.x_username, remote_id),
            "adopted": True,
            "settled": True,
        }
    )
    ledger.append(record)
    if branch is not None:
        branch.finish()
    out.write(f"{where} enregistrée comme publiée : {record['url']}\n")
    return EXIT_OK
