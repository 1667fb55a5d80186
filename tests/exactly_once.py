"""Every post shape X rewrites, and the count of what the sandbox received.

Shared by ``tests/test_exactly_once.py`` and ``scripts/kill_loop.py``: a
repository holding one post of each shape, and :func:`tally`, which compares
the post files with what X received (the sandbox's own store, deleted posts
included) and with what the ledger recorded.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazouille import posts
from gazouille.sandbox import Sandbox
from tests.helpers import PROJECT, git, ledger_records, make_repo, post, write

IMAGE = "media/pn44/cambriolages-bons-reflexes.png"
ALT = "Affiche bleue rappelant de fermer portes et fenêtres."


def media(count: int) -> str:
    files = [IMAGE] + [f"media/pn44/affiche-{n}.png" for n in range(2, count + 1)]
    return "".join(f"\n  - file: {name}\n    alt: {ALT} ({n})" for n, name in enumerate(files, 1))


# name → (front matter lines, body); the thread's part 2 holds the link.
SHAPES: dict[str, tuple[dict[str, str], str]] = {
    "plain": ({}, "Contrôles renforcés ce week-end sur les routes du département : prudence."),
    "one-image": ({"media": media(1)}, "Cambriolages : les bons réflexes, en une image."),
    "four-images": ({"media": media(4)}, "Cambriolages : quatre affiches à partager."),
    "bare-domain": ({}, "Vos démarches en ligne sur www.service-public.fr sans vous déplacer."),
    "thread-link": (
        {},
        "🧵 La réserve opérationnelle recrute.\n---\n"
        "Candidatez sur https://www.devenirpolicier.fr/reserve avant la fin du mois.\n---\n"
        "Réunion d'information au commissariat central.",
    ),
    # "é" written as "e" + U+0301: X keeps the NFC form.
    "non-nfc": ({}, "Ope\u0301ration de se\u0301curite\u0301 routie\u0300re ce soir en ville."),
}


def shape_path(name: str) -> str:
    return f"posts/pn44/{name}.md"


def shape_text(name: str, suffix: str = "", **extra: str) -> str:
    """The post file of shape ``name``; ``suffix`` ends each part (a batch number)."""
    front, body = SHAPES[name]
    body = "\n---\n".join(part + suffix for part in body.split("\n---\n"))
    return post("prevention", body, **{**front, **extra})


def parts(name: str) -> list[str]:
    """The parts of a shape."""
    return SHAPES[name][1].split("\n---\n")


def shapes_repo(root: Path, names: list[str] | None = None) -> Path:
    """A repository with one post of each shape (and the images they need), committed."""
    make_repo(root)
    for n in range(2, 5):
        shutil.copy(PROJECT / IMAGE, root / f"media/pn44/affiche-{n}.png")
    for name in SHAPES if names is None else names:
        write(root, shape_path(name), shape_text(name))
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "shapes")
    return root


def retract_all(root: Path, names: list[str] | None = None) -> None:
    for name in SHAPES if names is None else names:
        write(root, shape_path(name), shape_text(name, retract="erreur de date"))
    git(root, "commit", "--quiet", "-am", "retract")


@dataclass
class Tally:
    """What X holds against what was asked: every count but ``live`` must be 0."""

    duplicates: int = 0  # a part live more than once
    drops: int = 0  # a part due and not live
    refused_live: int = 0  # a part recorded refused or unknown while it is live
    not_deleted: int = 0  # a retracted part still live
    broken_threads: int = 0  # a thread part not answering the part before it
    unrecorded: int = 0  # a live part the ledger does not give its id
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (
            self.duplicates
            or self.drops
            or self.refused_live
            or self.not_deleted
            or self.broken_threads
            or self.unrecorded
        )


def expected(root: Path) -> dict[str, tuple[list[str], bool]]:
    """``path → (parts as X stores them, retracted)`` for every post of the account."""
    found: dict[str, tuple[list[str], bool]] = {}
    for file in sorted((root / "posts" / "pn44").glob("*.md")):
        path = file.relative_to(root).as_posix()
        parsed = posts.parse(file.read_bytes(), path, "pn44")
        texts = [unicodedata.normalize("NFC", part.text) for part in parsed.parts]
        found[path] = (texts, bool(parsed.meta.get("retract")))
    return found


def tally(
    root: Path, sandbox: Sandbox, username: str, records: list[dict[str, Any]] | None = None
) -> Tally:
    """Count, post by post and part by part, what X received against what was due.

    ``records`` is the ledger (default: the working tree's, before the ledger branch).
    """
    result = Tally()
    made = sandbox.posts(username)  # deleted ones included: X received them
    records = ledger_records(root) if records is None else records
    for path, (texts, retracted) in expected(root).items():
        previous: str | None = None
        for index, text in enumerate(texts):
            where = f"{path} {index + 1}/{len(texts)}"
            received = [p for p in made if p["raw_text"] == text]
            copies = [p for p in received if not p["deleted_at"]]
            if len(received) > 1:
                result.duplicates += len(received) - 1
                result.problems.append(f"{where}: received {len(received)} times")
            if retracted:
                if copies:
                    result.not_deleted += len(copies)
                    result.problems.append(f"{where}: still live after retract")
                continue
            if not copies:
                result.drops += 1
                result.problems.append(f"{where}: not on the account")
                continue
            doubtful = [
                r
                for r in records
                if r["path"] == path
                and r.get("part") == index
                and r["event"] in ("refused", "unknown")
            ]
            ids = {
                str(r["remote_id"])
                for r in records
                if r["path"] == path and r["event"] == "published" and r.get("part") == index
            }
            if doubtful and not ids:
                result.refused_live += 1
                result.problems.append(f"{where}: live but recorded {doubtful[-1]['event']}")
            elif copies[0]["id"] not in ids:
                result.unrecorded += 1
                result.problems.append(f"{where}: live as {copies[0]['id']}, recorded {ids}")
            replied = next((r["id"] for r in copies[0].get("referenced_tweets") or []), None)
            if replied != previous:
                result.broken_threads += 1
                result.problems.append(f"{where}: answers {replied}, not {previous}")
            previous = copies[0]["id"]
    return result
