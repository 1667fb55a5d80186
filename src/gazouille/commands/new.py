"""``gazouille new``: a post file with the right front matter and a dated name."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from gazouille import accounts as accounts_module
from gazouille import clock
from gazouille.checks.category import categories
from gazouille.checks.schedule import parse_publish_at
from gazouille.errors import ConfigError
from gazouille.repo import POSTS_DIR, find_root, relative

TEMPLATES = {
    "agression": "Hier soir, [lieu], une personne a été agressée. [suite des faits].",
    "interpellation": "Interpellation à [commune] : un homme de [âge] ans a été placé en garde à vue. [suite].",
    "peine": "Le tribunal correctionnel de [ville] a condamné un homme de [âge] ans à [peine].",
    "appel-a-temoins": "Appel à témoins : le [date], vers [heure], [faits]. "
    "Si vous avez vu quelque chose, appelez le 17.",
    "disparition-inquietante": "Disparition inquiétante : [description]. "
    "Si vous l'avez vue, appelez le 17.",
    "prevention": "Conseil de prévention : [votre conseil].",
    "fonctionnement": "Le saviez-vous ? [ce que fait la police].",
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "publication"


def create(
    cwd: Path,
    account: str,
    category: str,
    slug: str | None,
    publish_at: str | None = None,
    now: datetime | None = None,
) -> str:
    import frontmatter

    root = find_root(cwd)
    accounts = accounts_module.load(root)
    found = accounts.require(account)
    known = categories()
    if category not in known:
        raise ConfigError(
            f"catégorie inconnue « {category} »", fix=f"catégories : {', '.join(known)}."
        )
    metadata: dict[str, object] = {"category": category}
    if publish_at:
        try:
            parse_publish_at(publish_at, found.timezone)
        except ValueError:
            raise ConfigError(
                f"date invalide « {publish_at} »", fix="écrivez par exemple 2026-12-01T09:30."
            ) from None
        metadata["publish_at"] = publish_at
    if category == "disparition-inquietante":
        # A blank the officer must fill: text/placeholder refuses it until then.
        metadata["authorization"] = {
            "reference": "[référence de l'autorisation du parquet]",
            "allows": ["person-name"],
        }
    today = (now or clock.now()).astimezone(found.zone).strftime("%Y-%m-%d")
    directory = root / POSTS_DIR / account
    directory.mkdir(parents=True, exist_ok=True)
    base = f"{today}-{slugify(slug or category)}"
    target = directory / f"{base}.md"
    counter = 2
    while target.exists():
        target = directory / f"{base}-{counter}.md"
        counter += 1
    post = frontmatter.Post(TEMPLATES[category], None, **metadata)
    target.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    return relative(root, target)
