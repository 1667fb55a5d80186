"""Appeals that expire (``expires_at``, ledger event ``expired``) and stale missing-person notices."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox
from tests.helpers import check_text, cli, git, ledger_records, make_repo, post, rules, write

APPEAL = (
    "Appel à témoins : vol avec violence rue Crébillon le 28 novembre vers 18 h. Appelez le 17."
)
MISSING = "Disparition inquiétante d'un homme de 78 ans à Rezé. Toute information : composez le 17."
CONSENT = "{reference: PR Nantes 2026/1187, allows: [person-name]}"


def publish_at(root: Path, sandbox: Sandbox, now: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("GAZOUILLE_NOW", now)
    out = io.StringIO()
    env = {
        **sandbox.env("GAZOUILLE_PN44", "PNationale44"),
        "GAZOUILLE_X_BACKOFF": "0.001",
        "GAZOUILLE_NOW": now,
    }
    code = publish(root, out, env=env, sleep=lambda s: None)
    assert code == 0, out.getvalue()
    return out.getvalue()


def live(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [p for p in sandbox.posts("PNationale44") if not p["deleted_at"]]


# -- check -------------------------------------------------------------------


@pytest.mark.parametrize("category", ["appel-a-temoins", "disparition-inquietante"])
def test_appeals_may_expire(repo: Path, category: str) -> None:
    text = post(
        category,
        APPEAL,
        publish_at="2026-12-02T09:00",
        expires_at="2026-12-16T09:00",
        authorization=CONSENT,
    )
    assert rules(check_text(repo, text)) == []


@pytest.mark.parametrize("category", ["prevention", "interpellation", "peine", "fonctionnement"])
def test_other_categories_do_not_expire(repo: Path, category: str) -> None:
    result = check_text(repo, post(category, "Fermez vos volets.", expires_at="2026-12-16T09:00"))
    assert [(p.rule, p.line) for p in result.problems] == [("schedule/expires-not-allowed", 3)]
    assert "retract" in (result.problems[0].fix or "")


def test_an_impossible_expiry_date(repo: Path) -> None:
    result = check_text(repo, post("appel-a-temoins", APPEAL, expires_at="2026-02-30T09:00"))
    assert [(p.rule, p.line) for p in result.problems] == [("schedule/invalid", 3)]


def test_a_badly_written_expiry_date_is_a_schema_error(repo: Path) -> None:
    result = check_text(repo, post("appel-a-temoins", APPEAL, expires_at="dans 15 jours"))
    assert [(p.rule, p.line) for p in result.problems] == [("schema", 3)]


def test_the_end_comes_after_the_start(repo: Path) -> None:
    text = post(
        "appel-a-temoins", APPEAL, publish_at="2026-12-10T09:00", expires_at="2026-12-10T08:00"
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("schedule/expires-before-publish", 4)]


def test_an_appeal_expired_before_it_went_out_is_refused(repo: Path) -> None:
    # The suite's now is 2026-12-01T12:00Z: the officer typed the wrong year.
    result = check_text(repo, post("appel-a-temoins", APPEAL, expires_at="2025-12-16T09:00"))
    assert [(p.rule, p.severity) for p in result.problems] == [("schedule/expired", "error")]


def test_a_missing_person_notice_not_yet_published_is_not_stale(repo: Path) -> None:
    assert (
        rules(check_text(repo, post("disparition-inquietante", MISSING, authorization=CONSENT)))
        == []
    )


def test_a_notice_scheduled_long_ago_and_unpublished_counts_from_publish_at(repo: Path) -> None:
    text = post(
        "disparition-inquietante", MISSING, authorization=CONSENT, publish_at="2026-10-20T09:00"
    )
    result = check_text(repo, text)
    (stale,) = [p for p in result.problems if p.rule == "schedule/stale-appeal"]
    assert (stale.severity, stale.line) == ("warning", 2)
    assert result.errors == []
    assert "pensez à retirer l'avis : la personne a-t-elle été retrouvée ?" in (stale.fix or "")


def test_a_recent_scheduled_notice_is_not_stale(repo: Path) -> None:
    text = post(
        "disparition-inquietante", MISSING, authorization=CONSENT, publish_at="2026-11-05T09:00"
    )
    assert "schedule/stale-appeal" not in rules(check_text(repo, text))


# -- publish against the sandbox ---------------------------------------------


def test_an_expired_appeal_is_deleted_from_x(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = APPEAL + "\n---\nSignalement possible aussi sur masecurite.interieur.gouv.fr"
    root = make_repo(
        tmp_path / "depot",
        {"posts/pn44/appel.md": post("appel-a-temoins", body, expires_at="2026-12-15T18:00")},
    )
    publish_at(root, sandbox, "2026-12-01T12:00:00Z", monkeypatch)
    ids = sorted(p["id"] for p in live(sandbox))
    assert len(ids) == 2
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ledger")  # the post is now settled in git's index

    sandbox.clear_requests()
    publish_at(root, sandbox, "2026-12-15T16:59:00Z", monkeypatch)  # 17:59 in Paris
    assert sandbox.requests("DELETE") == []

    out = publish_at(root, sandbox, "2026-12-15T17:00:00Z", monkeypatch)
    deleted = sorted(r["path"].rsplit("/", 1)[-1] for r in sandbox.requests("DELETE"))
    assert deleted == ids
    assert live(sandbox) == []
    expired = [r for r in ledger_records(root) if r["event"] == "expired"]
    assert sorted(r["remote_id"] for r in expired) == ids
    assert all("expires_at" in r["reason"] for r in expired)
    assert "retirée" in out

    sandbox.clear_requests()
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ledger")
    publish_at(root, sandbox, "2026-12-20T12:00:00Z", monkeypatch)
    assert sandbox.requests() == []  # settled: X is not even asked

    status = cli(root, "status", "--format", "json")
    (entry,) = [e for e in json.loads(status.output)["accounts"] if e["account"] == "pn44"]
    assert [row["path"] for row in entry["retracted"]] == ["posts/pn44/appel.md"]


def test_an_appeal_that_expired_before_going_out_is_never_sent(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = post(
        "appel-a-temoins", APPEAL, publish_at="2026-12-10T09:00", expires_at="2026-12-12T09:00"
    )
    root = make_repo(tmp_path / "depot", {"posts/pn44/appel.md": text})
    publish_at(root, sandbox, "2026-12-13T09:00:00Z", monkeypatch)  # the runs were paused
    assert sandbox.requests("POST", "/2/tweets") == []
    status = cli(root, "status", "--format", "json")
    (entry,) = [e for e in json.loads(status.output)["accounts"] if e["account"] == "pn44"]
    assert [row["reason"] for row in entry["retracted"]] == [
        "avis expiré avant sa publication (expires_at: 2026-12-12T09:00)"
    ]


def test_an_explicit_retraction_keeps_its_event(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(
        tmp_path / "depot",
        {"posts/pn44/appel.md": post("appel-a-temoins", APPEAL, expires_at="2026-12-15T18:00")},
    )
    publish_at(root, sandbox, "2026-12-01T12:00:00Z", monkeypatch)
    write(
        root,
        "posts/pn44/appel.md",
        post("appel-a-temoins", APPEAL, expires_at="2026-12-15T18:00", retract="auteur retrouvé"),
    )
    publish_at(root, sandbox, "2026-12-20T12:00:00Z", monkeypatch)
    assert [r["event"] for r in ledger_records(root)][-1] == "retracted"
    assert len(sandbox.requests("DELETE")) == 1


def test_a_missing_person_notice_online_for_30_days_is_flagged(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = "posts/pn44/disparition.md"
    root = make_repo(
        tmp_path / "depot",
        {path: post("disparition-inquietante", MISSING, authorization=CONSENT)},
    )
    publish_at(root, sandbox, "2026-10-01T12:00:00Z", monkeypatch)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ledger")

    monkeypatch.setenv("GAZOUILLE_NOW", "2026-10-31T11:00:00Z")  # 29 days and 23 hours
    assert "stale-appeal" not in cli(root, "check", path).output
    status = cli(root, "status", "--format", "json")
    assert json.loads(status.output)["accounts"][0]["warnings"] == []

    monkeypatch.setenv("GAZOUILLE_NOW", "2026-12-01T12:00:00Z")
    checked = cli(root, "check", path)
    assert checked.exit_code == 0  # a warning
    assert f"{path}:2" in checked.output
    assert "pensez à retirer l'avis : la personne a-t-elle été retrouvée ?" in checked.output
    status = cli(root, "status", "--format", "json")
    (warning,) = json.loads(status.output)["accounts"][0]["warnings"]
    assert warning["path"] == path and warning["rule"] == "schedule/stale-appeal"
    assert "61 jours" in warning["message"]
    text = cli(root, "status", "--account", "pn44")
    assert "Avertissements : 1" in text.output
    assert "la personne a-t-elle été retrouvée ?" in text.output

    found = post("disparition-inquietante", MISSING, authorization=CONSENT, retract="retrouvé")
    write(root, path, found)
    assert "stale-appeal" not in cli(root, "check", path).output


@pytest.mark.parametrize(
    "front",
    [
        "category: [appel-a-temoins]\nexpires_at: 2026-12-15T09:00",
        "category: {a: 1}\nexpires_at: [2026]",
        "category: appel-a-temoins\nexpires_at: {a: 1}",
        "category: appel-a-temoins\nexpires_at: 2026-12-15T09:00\nauthorization: [nir]",
        "category: [disparition-inquietante]\nauthorization: {reference: PR 1, allows: nir}",
        "category: disparition-inquietante\nauthorization: {reference: PR 1, allows: [nir, 3]}",
    ],
)
def test_malformed_fields_are_reported_never_an_internal_error(repo: Path, front: str) -> None:
    write(repo, "posts/pn44/mal.md", f"---\n{front}\n---\nAppel à témoins. Appelez le 17.\n")
    for command in (("check",), ("status",), ("publish", "--dry-run")):
        result = cli(repo, *command)
        assert "erreur interne" not in result.output, (command, result.output)
        assert result.exit_code in (0, 1), (command, result.output)
    assert cli(repo, "check").exit_code == 1
