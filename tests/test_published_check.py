"""`published/immutable`: a published post keeps its text; retracting stays allowed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import check_text, make_repo, post, rules


def publish_record(root: Path, relpath: str, text: str) -> None:
    from gazouille import posts

    parsed = posts.parse(text.encode("utf-8"), relpath, "pn44")
    ledger = root / "ledger" / "pn44.jsonl"
    ledger.parent.mkdir(exist_ok=True)
    record = {
        "event": "published",
        "path": relpath,
        "hash": parsed.text_hash,
        "part": 0,
        "parts": 1,
    }
    ledger.write_text(json.dumps(record) + "\n", encoding="utf-8")


def test_editing_the_text_of_a_published_post_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    publish_record(root, "posts/pn44/essai.md", post("prevention", "Texte publié."))
    result = check_text(root, post("prevention", "Texte modifié."))
    assert rules(result) == ["published/immutable"]
    problem = result.problems[0]
    assert problem.line == 4
    assert "retract" in (problem.fix or "")


def test_editing_the_media_of_a_published_post_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    media = "media:\n  - file: media/pn44/cambriolages-bons-reflexes.png\n    alt: Affiche.\n"
    publish_record(root, "posts/pn44/essai.md", post("prevention", "Texte."))
    result = check_text(root, post("prevention", "Texte.").replace("---\nT", media + "---\nT"))
    assert "published/immutable" in rules(result)


def test_retracting_a_published_post_is_allowed(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    publish_record(root, "posts/pn44/essai.md", post("prevention", "Texte publié."))
    result = check_text(root, post("prevention", "Texte publié.", retract="erreur de date"))
    assert rules(result) == []


def test_an_unpublished_post_may_change(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot")
    publish_record(root, "posts/pn44/autre.md", post("prevention", "Autre."))
    assert rules(check_text(root, post("prevention", "Nouveau texte."))) == []
