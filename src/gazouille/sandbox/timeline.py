"""The pages a reader would see: the accounts, and each account's timeline.

Self-contained HTML and CSS, in French, every value escaped. Posts come newest
first; a thread stays together, its parts in order; deleted posts are gone;
images show their alt text as ``alt`` and as a visible caption.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from gazouille.sandbox.api import Response
from gazouille.sandbox.store import Post, Store, User

ZONE = ZoneInfo("Europe/Paris")
LINK = re.compile(r"https?://[^\s<>\"']+")
MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
REPLY_SETTINGS = {
    "everyone": "Tout le monde peut répondre.",
    "mentionedUsers": "Seuls les comptes mentionnés peuvent répondre.",
    "following": "Seuls les comptes suivis par {user} peuvent répondre.",
    "subscribers": "Seuls les abonnés de {user} peuvent répondre.",
    "verified": "Seuls les comptes vérifiés peuvent répondre.",
}

CSS = """
:root { --ink: #0f1419; --muted: #536471; --line: #eff3f4; --blue: #1d4ed8; --bg: #f7f9f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.banner { background: #000091; color: #fff; padding: .5rem 1rem; font-size: 13px; }
.banner a { color: #fff; }
main { max-width: 600px; margin: 0 auto; background: #fff; min-height: 100vh;
  border-left: 1px solid var(--line); border-right: 1px solid var(--line); }
header.account { padding: 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0; }
.handle, .meta, .empty { color: var(--muted); }
.thread { border-bottom: 1px solid var(--line); }
.post { display: grid; grid-template-columns: 44px 1fr; gap: .75rem; padding: .9rem 1rem .6rem; }
.thread .post + .post { padding-top: .2rem; }
.avatar { width: 44px; height: 44px; border-radius: 50%; background: #000091; color: #fff;
  display: flex; align-items: center; justify-content: center; font-weight: 700; }
.line { position: relative; }
.thread .post:not(:last-child) .line::after { content: ""; position: absolute; left: 21px;
  top: 48px; bottom: -14px; width: 2px; background: #cfd9de; }
.who { display: flex; gap: .35rem; flex-wrap: wrap; align-items: baseline; }
.who strong { font-weight: 700; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .15rem 0 .4rem; }
.text a { color: var(--blue); text-decoration: none; }
.part { font-size: 12px; color: var(--muted); border: 1px solid var(--line);
  border-radius: 999px; padding: 0 .45rem; }
figure { margin: .5rem 0; border: 1px solid var(--line); border-radius: 14px; overflow: hidden; }
figure img { display: block; width: 100%; height: auto; background: var(--line); }
figcaption { font-size: 13px; color: var(--muted); padding: .35rem .6rem; }
figcaption b { color: var(--ink); background: #e8edf0; border-radius: 4px; padding: 0 .3rem;
  font-size: 11px; margin-right: .3rem; }
.replies { font-size: 13px; color: var(--blue); margin: .2rem 0; }
ul.accounts { list-style: none; margin: 0; padding: 0; }
ul.accounts li { border-bottom: 1px solid var(--line); }
ul.accounts a { display: grid; grid-template-columns: 44px 1fr auto; gap: .75rem; padding: 1rem;
  color: inherit; text-decoration: none; align-items: center; }
ul.accounts a:hover { background: var(--bg); }
.empty { padding: 2rem 1rem; text-align: center; }
"""


def linked(text: str) -> str:
    """``text`` escaped, its http(s) links clickable (and nothing else)."""
    pieces = []
    position = 0
    for match in LINK.finditer(text):
        url = match.group(0).rstrip(".,;:!?»)")
        end = match.start() + len(url)
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>')
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def french_time(iso: str) -> str:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZONE)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} à {moment:%H:%M}"


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<div class="banner">Bac à sable gazouille : rien de ce qui est ici n\'est publié sur X. '
        '<a href="/">Tous les comptes</a></div>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _html(status: int, title: str, body: str) -> Response:
    return Response(
        status,
        raw=_document(title, body).encode("utf-8"),
        content_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


def _initials(user: User) -> str:
    return escape((user.name or user.username)[:1].upper())


def missing(message: str) -> Response:
    return _html(404, "Introuvable", f'<p class="empty">{escape(message)}</p>')


def index(store: Store) -> Response:
    users = store.users()
    if not users:
        body = (
            '<header class="account"><h1>Comptes du bac à sable</h1></header>\n'
            '<p class="empty">Aucun compte pour l\'instant : le premier appel signé avec '
            "le jeton <code>sandbox-&lt;nom&gt;</code> crée le compte &lt;nom&gt;.</p>"
        )
        return _html(200, "Bac à sable gazouille", body)
    items = []
    for user in users:
        count = len(store.posts(user.id))
        plural = "publication" if count < 2 else "publications"
        items.append(
            f'<li><a href="/{escape(user.username)}"><span class="avatar">{_initials(user)}</span>'
            f"<span><strong>{escape(user.name)}</strong><br>"
            f'<span class="handle">@{escape(user.username)}</span></span>'
            f'<span class="meta">{count} {plural}</span></a></li>'
        )
    body = (
        '<header class="account"><h1>Comptes du bac à sable</h1></header>\n'
        '<ul class="accounts">\n' + "\n".join(items) + "\n</ul>"
    )
    return _html(200, "Bac à sable gazouille", body)


def threads(posts: list[Post]) -> list[list[Post]]:
    """Visible posts grouped by conversation, newest conversation first, parts in order."""
    groups: dict[int, list[Post]] = {}
    for post in posts:
        groups.setdefault(post.conversation_id, []).append(post)
    ordered = [sorted(group, key=lambda p: p.id) for group in groups.values()]
    return sorted(ordered, key=lambda group: group[0].id, reverse=True)


def _post_html(store: Store, user: User, post: Post, position: int, total: int) -> str:
    handle = escape(user.username)
    parts = [
        f'<article class="post" id="post-{post.id}">',
        f'<div class="line"><span class="avatar">{_initials(user)}</span></div>',
        "<div>",
        f'<div class="who"><strong>{escape(user.name)}</strong>'
        f'<span class="handle">@{handle}</span><span class="meta">· '
        f'<time datetime="{escape(post.created_at)}">{escape(french_time(post.created_at))}</time>'
        "</span>",
    ]
    if total > 1:
        parts.append(f'<span class="part">{position}/{total}</span>')
    parts.append("</div>")
    if post.in_reply_to_user_id is not None and post.in_reply_to_user_id != user.id:
        target = store.user_by_id(post.in_reply_to_user_id)
        if target is not None:
            parts.append(f'<div class="meta">En réponse à @{escape(target.username)}</div>')
    if post.text:
        parts.append(f'<div class="text">{linked(post.text)}</div>')
    for media_id in post.media_ids:
        media = store.media(media_id)
        if media is None:
            continue
        alt = media.alt_text or ""
        caption = f"<b>ALT</b>{escape(alt)}" if alt else "<b>ALT</b>Aucun texte alternatif."
        parts.append(
            f'<figure><img src="/media/{media.id}" alt="{escape(alt)}" loading="lazy">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    setting = REPLY_SETTINGS.get(post.reply_settings, post.reply_settings)
    parts.append(f'<div class="replies">{escape(setting.format(user="@" + user.username))}</div>')
    parts.append(f'<div class="meta">n° {post.id}</div>')
    parts.append("</div></article>")
    return "".join(parts)


def account(store: Store, username: str) -> Response:
    user = store.user_by_username(username)
    if user is None:
        return missing(f"Aucun compte @{username} dans le bac à sable.")
    posts = store.posts(user.id)
    count = len(posts)
    plural = "publication" if count < 2 else "publications"
    header = (
        f'<header class="account"><h1>{escape(user.name)}</h1>'
        f'<div class="handle">@{escape(user.username)} · {count} {plural}</div></header>'
    )
    sections = []
    for group in threads(posts):
        articles = "\n".join(
            _post_html(store, user, post, position, len(group))
            for position, post in enumerate(group, start=1)
        )
        label = "Fil" if len(group) > 1 else "Publication"
        sections.append(f'<section class="thread" aria-label="{label}">\n{articles}\n</section>')
    if not sections:
        sections.append('<p class="empty">Aucune publication.</p>')
    return _html(200, f"{user.name} (@{user.username})", header + "\n" + "\n".join(sections))
