"""The pull request's author, read once per run from the Actions event file.

Under GitHub Actions, ``GITHUB_EVENT_PATH`` names a JSON file describing what
triggered the workflow; for a pull request it holds
``pull_request.user.login``. The file is input like any other: a broken or
hostile one stops the run with a French message (exit 2), never a traceback.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from gazouille.errors import ConfigError
from gazouille.governance import AUTHOR_RULE

# A real pull_request event is a few tens of kilobytes.
MAX_EVENT_BYTES = 8 * 1024 * 1024
# GitHub logins, plus the "[bot]" suffix of apps (which are never authors).
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")
AUTHOR_KEY = "pull_request_author"


@dataclass(frozen=True)
class EventAuthor:
    """The pull request's author, or why the rule is skipped."""

    login: str | None
    notice: str | None = None


def _broken(path: str, what: str) -> ConfigError:
    return ConfigError(
        f"le fichier d'événement GitHub Actions est inutilisable : {what}",
        path=path,
        fix="ce fichier est écrit par GitHub Actions : relancez le workflow ; "
        "hors de GitHub Actions, n'exportez pas GITHUB_EVENT_PATH.",
    )


def pull_request_author() -> EventAuthor:
    """The ``pull_request.user.login`` of the Actions event, or a notice saying why not."""
    env = os.environ
    path = env.get("GITHUB_EVENT_PATH", "")
    if env.get("GITHUB_ACTIONS") != "true" or not path:
        return EventAuthor(
            None,
            f"hors d'une pull request GitHub Actions : la règle {AUTHOR_RULE} "
            "(auteurs autorisés) n'est pas vérifiée.",
        )
    try:
        size = os.stat(path).st_size
        if size > MAX_EVENT_BYTES:
            raise _broken(path, f"il pèse {size} octets (au plus {MAX_EVENT_BYTES})")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise _broken(path, f"lecture impossible ({exc.strerror or type(exc).__name__})") from None
    if len(raw) > MAX_EVENT_BYTES:
        raise _broken(path, f"il dépasse {MAX_EVENT_BYTES} octets")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _broken(path, "ce n'est pas du JSON valide") from None
    if not isinstance(data, dict):
        raise _broken(path, "le JSON n'est pas un objet")
    if "pull_request" not in data:
        if env.get("GITHUB_EVENT_NAME", "").startswith("pull_request"):
            raise _broken(path, "l'événement pull_request n'a pas de champ « pull_request »")
        return EventAuthor(
            None,
            f"ce workflow ne vient pas d'une pull request : la règle {AUTHOR_RULE} n'est pas vérifiée.",
        )
    pull_request = data["pull_request"]
    user = pull_request.get("user") if isinstance(pull_request, dict) else None
    login = user.get("login") if isinstance(user, dict) else None
    if not isinstance(login, str):
        raise _broken(path, "« pull_request.user.login » manque ou n'est pas un texte")
    if not _LOGIN.match(login):
        raise _broken(path, "« pull_request.user.login » n'est pas un identifiant GitHub")
    return EventAuthor(login)
