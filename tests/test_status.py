"""`gazouille status`: what is published, scheduled, due, refused and retracted."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazouille import posts
from gazouille.cli import main
from gazouille.commands.status import collect, render_text
from gazouille.publish.ledger import Ledger
from tests.helpers import make_repo, post


def scenario(tmp_path: Path) -> Path:
    root = make_repo(
        tmp_path / "depot",
        {
            "posts/pn44/publie.md": post("prevention", "Publié."),
            "posts/pn44/retire.md": post("prevention", "Retiré.", retract="erreur"),
            "posts/pn44/demain.md": post("prevention", "Plus tard.", publish_at="2099-06-01T09:30"),
            "posts/pn44/maintenant.md": post("prevention", "À envoyer."),
            "posts/pn44/faux.md": post("inconnue", "Mauvaise catégorie."),
        },
    )
    ledger = Ledger.load(root, "pn44")
    hashes = {
        path: posts.parse((root / path).read_bytes(), path, "pn44").text_hash
        for path in ("posts/pn44/publie.md", "posts/pn44/retire.md")
    }
    for path, remote in (("posts/pn44/publie.md", "11"), ("posts/pn44/retire.md", "12")):
        ledger.append(
            {
                "event": "published",
                "path": path,
                "part": 0,
                "parts": 1,
                "remote_id": remote,
                "url": f"https://x.com/PNationale44/status/{remote}",
                "hash": hashes[path],
            }
        )
    ledger.append(
        {
            "event": "retracted",
            "path": "posts/pn44/retire.md",
            "part": 0,
            "parts": 1,
            "remote_id": "12",
            "reason": "erreur",
        }
    )
    return root


def test_status_json_sorts_every_post(tmp_path: Path) -> None:
    root = scenario(tmp_path)
    (entry,) = collect(root, "pn44", {}, datetime(2026, 12, 1, tzinfo=UTC))
    assert [p["urls"] for p in entry["published"]] == [["https://x.com/PNationale44/status/11"]]
    assert entry["scheduled"] == [
        {"path": "posts/pn44/demain.md", "publish_at": "2099-06-01T09:30:00+02:00"}
    ]
    assert [p["path"] for p in entry["due"]] == ["posts/pn44/maintenant.md"]
    assert [p["path"] for p in entry["refused"]] == ["posts/pn44/faux.md"]
    assert "schema" in entry["refused"][0]["reason"] or "category" in entry["refused"][0]["reason"]
    assert [(p["path"], p["reason"]) for p in entry["retracted"]] == [
        ("posts/pn44/retire.md", "erreur")
    ]


def test_status_text_is_french_with_local_times(tmp_path: Path) -> None:
    root = scenario(tmp_path)
    out = io.StringIO()
    render_text(collect(root, "pn44", {}, datetime(2026, 12, 1, tzinfo=UTC)), out)
    text = out.getvalue()
    assert "Publiées : 1\n    posts/pn44/publie.md — https://x.com/PNationale44/status/11" in text
    assert "posts/pn44/demain.md — le 01/06/2099 à 09:30" in text
    assert "Retirées : 1\n    posts/pn44/retire.md — erreur" in text


def test_status_command_and_unknown_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = scenario(tmp_path)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["status", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {a["account"] for a in json.loads(result.output)["accounts"]} >= {"pn44", "pn06"}
    result = CliRunner().invoke(main, ["status", "--account", "pn99"])
    assert result.exit_code == 2
    assert "compte inconnu « pn99 »" in result.output
