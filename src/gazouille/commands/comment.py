"""``gazouille comment``: keep ONE comment on the pull request, updated in place.

The comment is the one holding the hidden marker of ``--format markdown``,
written by the workflow's own identity (``github-actions[bot]``): a comment
anyone else wrote with the marker is never touched. A new comment is created
only the first time.
"""

from __future__ import annotations

from pathlib import Path

from gazouille.errors import ConfigError
from gazouille.github_api import GitHub
from gazouille.report.markdown import MARKER

BOT_LOGIN = "github-actions[bot]"
# GitHub refuses comments longer than 65,536 characters.
MAX_BODY = 65_000
TRUNCATED = (
    "\n\n… rapport tronqué (trop long pour un commentaire) : "
    "la suite est dans le résumé du job « preview » de l'onglet Actions.\n"
)


def read_body(body_file: Path) -> str:
    try:
        body = body_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"impossible de lire le texte du commentaire ({type(exc).__name__})",
            path=str(body_file),
            fix="indiquez avec --body-file le fichier écrit par « gazouille check --format markdown ».",
        ) from None
    if MARKER not in body:
        body = f"{MARKER}\n{body}"
    if len(body) > MAX_BODY:
        body = body[: MAX_BODY - len(TRUNCATED)] + TRUNCATED
    return body


def upsert(pull_request: int, body_file: Path) -> tuple[str, int]:
    """Create or update the marked comment; returns ("created"|"updated", comment id)."""
    body = read_body(body_file)
    client = GitHub.from_env()
    for comment in client.issue_comments(pull_request):
        login = (comment.get("user") or {}).get("login")
        if login == BOT_LOGIN and MARKER in str(comment.get("body") or ""):
            client.update_comment(int(comment["id"]), body)
            return "updated", int(comment["id"])
    created = client.create_comment(pull_request, body)
    return "created", int(created.get("id") or 0)
