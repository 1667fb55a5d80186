"""End to end: `gazouille publish` against the project's X sandbox, counting what it received."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox
from tests.helpers import PROJECT, git, ledger_records, make_repo, post, write

BIN = Path(sys.executable).parent


def env(sandbox: Sandbox, **extra: str) -> dict[str, str]:
    return {
        **sandbox.env("GAZOUILLE_PN44", "PNationale44"),
        "GAZOUILLE_X_BACKOFF": "0.001",
        **extra,
    }


def run(root: Path, sandbox: Sandbox, **extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(root, out, env=env(sandbox, **extra), sleep=lambda s: None)
    return code, out.getvalue()


def gazouille(root: Path, sandbox: Sandbox, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script in ``root`` (conftest already removed GAZOUILLE_* and GITHUB_*)."""
    return subprocess.run(
        [str(BIN / "gazouille"), *args],
        cwd=root,
        env={**os.environ, **env(sandbox)},
        capture_output=True,
        text=True,
        check=False,
    )


def live(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [p for p in sandbox.posts("PNationale44") if not p["deleted_at"]]


def creates(sandbox: Sandbox) -> list[dict[str, Any]]:
    return sandbox.requests("POST", "/2/tweets")


def ledger(root: Path) -> list[dict[str, Any]]:
    return ledger_records(root)


def test_the_example_posts_go_out_once_through_the_cli(tmp_path: Path, sandbox: Sandbox) -> None:
    root = make_repo(tmp_path / "depot")
    shutil.copytree(PROJECT / "posts" / "pn44", root / "posts" / "pn44", dirs_exist_ok=True)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "examples")
    done = gazouille(root, sandbox, "publish", "--commit")
    assert done.returncode == 0, done.stdout + done.stderr
    published = [r for r in ledger(root) if r["event"] == "published"]
    posts = live(sandbox)
    assert sorted(r["remote_id"] for r in published) == sorted(p["id"] for p in posts)
    assert len(creates(sandbox)) == len(posts)
    thread = [r for r in published if r["path"].endswith("recrutement-thread.md")]
    by_id = {p["id"]: p for p in sandbox.posts("PNationale44")}
    assert [r["part"] for r in thread] == [0, 1, 2]
    assert by_id[thread[1]["remote_id"]]["text"].startswith("2/ La formation")
    with_media = [p for p in posts if p["media"]]
    assert len(with_media) == 1 and with_media[0]["media"][0]["alt_text"].startswith(
        "Affiche bleue"
    )
    # The scheduled posts and the retracted one stay out.
    assert not any("Fêtes de fin d'année" in p["raw_text"] for p in posts)

    sandbox.clear_requests()
    again = gazouille(root, sandbox, "publish", "--commit")
    assert again.returncode == 0, again.stdout
    assert sandbox.requests() == []  # nothing new: X is not even asked

    status = gazouille(root, sandbox, "status", "--account", "pn44", "--format", "json")
    assert status.returncode == 0, status.stdout + status.stderr
    (entry,) = json.loads(status.stdout)["accounts"]
    urls = {url for row in entry["published"] for url in row["urls"]}
    # Sent to the sandbox: the addresses are the sandbox's, and each leads to its post.
    assert urls == {f"{sandbox.url}/PNationale44/status/{p['id']}" for p in posts}
    first = sorted(urls)[0]
    page = requests.get(first, timeout=10)
    assert page.status_code == 200 and f'id="post-{first.rsplit("/", 1)[1]}"' in page.text
    assert page.history[0].headers["Location"].startswith("/PNationale44#post-")
    assert "x.com" not in done.stdout
    assert {row["path"].rsplit("/", 1)[-1] for row in entry["scheduled"]} == {
        "2026-11-10-fonctionnement-ma-securite.md",
        "2026-11-27-prevention-fetes-fin-annee.md",
    }


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 503, "after_commit": True},
        {"drop": True, "after_commit": True},
        {"delay": 1.5, "after_commit": True},
    ],
    ids=["5xx-after-commit", "connection-dropped", "timeout"],
)
def test_a_post_x_accepted_but_never_confirmed_is_adopted_not_resent(
    tmp_path: Path, sandbox: Sandbox, fault: dict[str, Any]
) -> None:
    root = make_repo(
        tmp_path / "depot",
        {"posts/pn44/a.md": post("prevention", "Infos : https://www.masecurite.interieur.gouv.fr")},
    )
    sandbox.inject("POST", "/2/tweets", **fault)
    code, out = run(root, sandbox, GAZOUILLE_X_TIMEOUT="0.5")
    assert code == 0, out
    assert len(live(sandbox)) == 1
    for _ in range(100):  # the late answer is logged once the sandbox has sent it
        if creates(sandbox):
            break
        time.sleep(0.05)
    assert len(creates(sandbox)) == 1
    assert ledger(root)[-1]["adopted"] is True  # matched through the t.co link


def test_429_then_the_next_run_resumes(tmp_path: Path, sandbox: Sandbox) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", "Un.\n---\nDeux.")})
    sandbox.inject("POST", "/2/tweets", status=429, reset_in=600)
    code, out = run(root, sandbox)
    assert code == 1
    assert "limite de X atteinte" in out and "la limite se lève le" in out
    assert live(sandbox) == []
    assert run(root, sandbox)[0] == 0
    assert [p["raw_text"] for p in sorted(live(sandbox), key=lambda p: p["created_at"])] == [
        "Un.",
        "Deux.",
    ]


def test_retracting_deletes_it_from_the_account(tmp_path: Path, sandbox: Sandbox) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", "Un.\n---\nDeux.")})
    assert run(root, sandbox)[0] == 0
    write(root, "posts/pn44/a.md", post("prevention", "Un.\n---\nDeux.", retract="erreur de lieu"))
    assert run(root, sandbox)[0] == 0
    assert live(sandbox) == []
    assert len(sandbox.requests("DELETE")) == 2
    sandbox.clear_requests()
    assert run(root, sandbox)[0] == 0
    assert sandbox.requests() == []


def test_wrong_credentials_stop_the_account_without_sending(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", "Un.")})
    code, out = run(root, sandbox, GAZOUILLE_PN44_X_API_SECRET="faux")
    assert code == 1
    assert "X refuse la connexion" in out
    assert live(sandbox) == []


def test_a_refused_claim_push_sends_nothing_and_the_next_runner_publishes(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    """The workflow's command on two runners: publish --push, the remote refusing, then not."""
    seed = make_repo(
        tmp_path / "seed", {"posts/pn44/fil.md": post("fonctionnement", "Un.\n---\nDeux.")}
    )
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(seed), str(origin))
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'push refusé (panne simulée)' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)

    first = tmp_path / "runner-1"
    git(tmp_path, "clone", "--quiet", str(origin), str(first))
    out = io.StringIO()
    assert run_commit(first, sandbox, out, push=True) == 1
    assert "la réservation de la publication n'a pas pu être enregistrée" in out.getvalue()
    assert live(sandbox) == []  # a claim that did not reach the remote sends nothing

    hook.unlink()
    second = tmp_path / "runner-2"
    git(tmp_path, "clone", "--quiet", str(origin), str(second))
    assert run_commit(second, sandbox, push=True) == 0
    assert len(creates(sandbox)) == 2
    recorded = git(origin, "show", "gazouille/ledger:ledger/pn44.jsonl").splitlines()
    published = [json.loads(line) for line in recorded if '"published"' in line]
    assert [r["part"] for r in published] == [0, 1]
    assert "ledger/" not in git(origin, "ls-tree", "-r", "--name-only", "main")


def run_commit(
    root: Path, sandbox: Sandbox, out: io.StringIO | None = None, *, push: bool = False
) -> int:
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.invalid")
    return publish(
        root, out or io.StringIO(), env=env(sandbox), commit=True, push=push, sleep=lambda s: None
    )
