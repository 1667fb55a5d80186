"""A duplicate X will not show: `unknown`, never sent again, settled by hand with `gazouille settle`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from gazouille.publish.publisher import DEEP_PAGES, publish
from gazouille.sandbox import Sandbox
from tests.helpers import cli, git, ledger_records, make_repo, post, write

USER = "PNationale44"
TEXT = "Même texte qu'une publication ancienne."


def env(sandbox: Sandbox) -> dict[str, str]:
    return {**sandbox.env("GAZOUILLE_PN44", USER), "GAZOUILLE_X_BACKOFF": "0.001"}


def run(root: Path, sandbox: Sandbox) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(root, out, env=env(sandbox), sleep=lambda s: None)
    return code, out.getvalue()


def creates(sandbox: Sandbox) -> list[dict[str, Any]]:
    return sandbox.requests("POST", "/2/tweets")


@pytest.fixture
def buried(sandbox: Sandbox) -> str:
    """The post is on the account, under 1,000 newer ones: X calls a resend a duplicate,
    the timeline as far as gazouille reads it (10 pages of 100) does not show it."""
    user = sandbox.add_user(USER)
    original = sandbox.store.add_post(user, TEXT, None, [], "everyone")
    for n in range(DEEP_PAGES * 100):
        sandbox.store.add_post(user, f"Publication récente n° {n}.", None, [], "everyone")
    return str(original.id)


@pytest.fixture
def in_doubt(tmp_path: Path, sandbox: Sandbox, buried: str) -> Path:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", TEXT)})
    code, out = run(root, sandbox)
    assert code == 1
    assert "état inconnu" in out and "rien n'est renvoyé" in out
    assert "gazouille settle posts/pn44/a.md --part 1 --remote-id" in out
    assert ledger_records(root)[-1]["event"] == "unknown"
    assert len(creates(sandbox)) == 1  # the one X refused
    return root


def test_a_duplicate_not_found_is_unknown_and_never_sent_again(
    in_doubt: Path, sandbox: Sandbox
) -> None:
    code, out = run(in_doubt, sandbox)
    assert code == 1 and "état inconnu" in out
    assert len(creates(sandbox)) == 1  # only looked for
    assert sandbox.requests("GET", "/2/users/*/tweets")[-1]["status"] == 200
    assert "refused" not in {r["event"] for r in ledger_records(in_doubt)}
    dry = io.StringIO()
    assert publish(in_doubt, dry, env=env(sandbox), dry_run=True) == 0
    assert "chercherait posts/pn44/a.md (1/1) sur le compte, sans la renvoyer" in dry.getvalue()


def test_status_shows_the_part_in_doubt(in_doubt: Path, sandbox: Sandbox) -> None:
    result = cli(in_doubt, "status", "--account", "pn44", "--format", "json")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.output)["accounts"]
    assert [(u["path"], u["part"], u["parts"]) for u in entry["unknown"]] == [
        ("posts/pn44/a.md", 1, 1)
    ]
    assert entry["due"] == [] and entry["refused"] == [] and entry["retracted"] == []
    text = cli(in_doubt, "status", "--account", "pn44").output
    assert "État inconnu, à vérifier sur X : 1\n    posts/pn44/a.md — partie 1/1" in text
    assert "gazouille settle posts/pn44/a.md --part 1 --remote-id <numéro>" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--remote-id", "abc"], 2, "n'est pas un numéro de publication X"),
        (["--remote-id", "42", "--part", "2"], 2, "n'a pas de partie 2 : elle en a 1"),
        (["--remote-id", "42"], 1, "n'existe pas sur le compte @PNationale44"),
    ],
    ids=["not-an-id", "no-such-part", "no-such-post"],
)
def test_settle_refuses_what_x_does_not_confirm(
    in_doubt: Path, sandbox: Sandbox, args: list[str], code: int, message: str
) -> None:
    result = cli(in_doubt, "settle", "posts/pn44/a.md", *args, env=env(sandbox))
    assert result.exit_code == code, result.output
    assert message in result.output
    assert ledger_records(in_doubt)[-1]["event"] == "unknown"


def test_settle_refuses_another_post_or_another_account(in_doubt: Path, sandbox: Sandbox) -> None:
    user = sandbox.add_user(USER)
    other = sandbox.store.posts(user.id, limit=1)[0]  # a post of the account, another text
    result = cli(
        in_doubt, "settle", "posts/pn44/a.md", "--remote-id", str(other.id), env=env(sandbox)
    )
    assert result.exit_code == 1
    assert "n'est pas la partie 1/1 de ce fichier" in result.output
    stranger = sandbox.store.add_post(sandbox.add_user("Usurpateur"), TEXT, None, [], "everyone")
    result = cli(
        in_doubt, "settle", "posts/pn44/a.md", "--remote-id", str(stranger.id), env=env(sandbox)
    )
    assert result.exit_code == 1
    assert "n'existe pas sur le compte @PNationale44" in result.output
    assert ledger_records(in_doubt)[-1]["event"] == "unknown"


def test_settle_records_it_then_publish_and_retract_act_on_it(
    in_doubt: Path, sandbox: Sandbox, buried: str
) -> None:
    url = f"https://x.com/{USER}/status/{buried}"
    result = cli(in_doubt, "settle", "posts/pn44/a.md", "--remote-id", url, env=env(sandbox))
    assert result.exit_code == 0, result.output
    assert "enregistrée comme publiée" in result.output
    record = ledger_records(in_doubt)[-1]
    assert (record["event"], record["remote_id"], record["adopted"], record["settled"]) == (
        "published",
        buried,
        True,
        True,
    )
    again = cli(in_doubt, "settle", "posts/pn44/a.md", "--remote-id", buried, env=env(sandbox))
    assert again.exit_code == 0 and "déjà enregistrée" in again.output

    sandbox.clear_requests()
    assert run(in_doubt, sandbox)[0] == 0
    assert sandbox.requests() == []  # settled: X is not asked

    git(in_doubt, "add", "-A")
    git(in_doubt, "commit", "-qm", "ledger")
    write(in_doubt, "posts/pn44/a.md", post("prevention", TEXT, retract="doublon"))
    assert run(in_doubt, sandbox)[0] == 0
    (original,) = [p for p in sandbox.posts(USER) if p["id"] == buried]
    assert original["deleted_at"] is not None


def test_changing_the_text_lifts_the_doubt(in_doubt: Path, sandbox: Sandbox) -> None:
    write(in_doubt, "posts/pn44/a.md", post("prevention", TEXT + " Mise à jour."))
    assert run(in_doubt, sandbox)[0] == 0
    assert len(creates(sandbox)) == 2


def test_retracting_a_part_in_doubt_that_is_live_deletes_it(
    in_doubt: Path, sandbox: Sandbox, buried: str
) -> None:
    user = sandbox.add_user(USER)
    for post_ in sandbox.store.posts(user.id):
        if post_.text.startswith("Publication récente"):
            sandbox.store.delete_post(post_.id)  # the original comes back into view
    write(in_doubt, "posts/pn44/a.md", post("prevention", TEXT, retract="doublon"))
    code, out = run(in_doubt, sandbox)
    assert code == 0, out
    (original,) = [p for p in sandbox.posts(USER) if p["id"] == buried]
    assert original["deleted_at"] is not None


def test_a_signed_ledger_is_settled_only_with_its_key(
    tmp_path: Path, sandbox: Sandbox, buried: str
) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", TEXT)})
    signed = {**env(sandbox), "GAZOUILLE_LEDGER_KEY": "cle-secrete"}
    assert publish(root, io.StringIO(), env=signed, sleep=lambda s: None) == 1
    assert "mac" in ledger_records(root)[-1]
    args = ("settle", "posts/pn44/a.md", "--remote-id", buried)
    unsigned = cli(root, *args, env=env(sandbox))
    assert unsigned.exit_code == 2
    assert "est signé et GAZOUILLE_LEDGER_KEY n'est pas définie" in unsigned.output
    assert ledger_records(root)[-1]["event"] == "unknown"
    done = cli(root, *args, env=signed)
    assert done.exit_code == 0, done.output
    assert ledger_records(root)[-1]["event"] == "published" and "mac" in ledger_records(root)[-1]
    assert publish(root, io.StringIO(), env=signed, sleep=lambda s: None) == 0


def test_settle_reads_the_credentials_from_the_one_json_secret(
    in_doubt: Path, sandbox: Sandbox, buried: str
) -> None:
    """The publish job gives every account's X secrets in GAZOUILLE_SECRETS: settle too."""
    credentials = {k: v for k, v in env(sandbox).items() if k.startswith("GAZOUILLE_PN44_")}
    rest = {k: v for k, v in env(sandbox).items() if k not in credentials}
    bare = {**rest, **dict.fromkeys(credentials, "")}
    result = cli(in_doubt, "settle", "posts/pn44/a.md", "--remote-id", buried, env=bare)
    assert result.exit_code != 0  # no credentials at all: X cannot be asked
    secrets = json.dumps(credentials)
    result = cli(
        in_doubt,
        "settle",
        "posts/pn44/a.md",
        "--remote-id",
        buried,
        env={**bare, "GAZOUILLE_SECRETS": secrets},
    )
    assert result.exit_code == 0, result.output
    assert ledger_records(in_doubt)[-1]["remote_id"] == buried
