"""Publishing scenarios against a local X, counting what it received."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gazouille.publish.publisher import publish
from tests.helpers import git, ledger_records, make_repo, post, write
from tests.xfake import FakeX, credentials, env_for

BIN = Path(sys.executable).parent
THREAD = "🧵 Premier message du fil.\n---\nDeuxième message.\n---\nTroisième message.\n---\nQuatrième et dernier message."


def run(
    root: Path, x: FakeX, *, dry_run: bool = False, commit: bool = False, **env: str
) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(
        root, out, env=env_for(x.url, **env), dry_run=dry_run, commit=commit, sleep=lambda s: None
    )
    return code, out.getvalue()


def ledger(root: Path, account: str = "pn44") -> list[dict[str, Any]]:
    return ledger_records(root, account)


def events(root: Path) -> list[tuple[str, str, int | None]]:
    return [(r["event"], r["path"].rsplit("/", 1)[-1], r["part"]) for r in ledger(root)]


def texts(x: FakeX) -> list[str]:
    return [t["text"] for t in x.live()]


def new_repo(tmp_path: Path, posts: dict[str, str]) -> Path:
    return make_repo(tmp_path / "depot", posts)


def cli(root: Path, x: FakeX, *args: str) -> subprocess.Popen[str]:
    # conftest has already removed any GAZOUILLE_* and GITHUB_* variable from os.environ.
    return subprocess.Popen(
        [str(BIN / "gazouille"), "publish", *args],
        cwd=root,
        env={**os.environ, **env_for(x.url)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


# -- the ordinary path -----------------------------------------------------------


def test_a_merged_post_is_published_once_and_a_rerun_sends_nothing(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Fermez vos portes à clé.")})
    code, out = run(root, x)
    assert code == 0, out
    assert texts(x) == ["Fermez vos portes à clé."]
    tweet = x.live()[0]
    assert tweet["reply_settings"] == "mentionedUsers"  # the account's default
    assert f"https://x.com/PNationale44/status/{tweet['id']}" in out
    records = ledger(root)
    assert [r["event"] for r in records] == ["sending", "published"]
    assert records[1]["remote_id"] == tweet["id"]
    assert records[1]["url"] == f"https://x.com/PNationale44/status/{tweet['id']}"
    assert records[1]["commit"] == git(root, "rev-parse", "HEAD")
    assert records[1]["at"].endswith("Z")
    assert all(c["path"].startswith("/2/") for c in x.calls)

    calls = len(x.calls)
    code, out = run(root, x)
    assert code == 0
    assert "rien à publier" in out
    assert len(x.calls) == calls  # nothing due: not even a read


def test_a_thread_goes_out_in_order_each_part_replying_to_the_previous(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(
        tmp_path, {"posts/pn44/fil.md": post("fonctionnement", THREAD, reply_settings="following")}
    )
    assert run(root, x)[0] == 0
    tweets = x.live()
    assert [t["text"].split()[0] for t in tweets] == ["🧵", "Deuxième", "Troisième", "Quatrième"]
    assert [t["reply_to"] for t in tweets] == [
        None,
        tweets[0]["id"],
        tweets[1]["id"],
        tweets[2]["id"],
    ]
    assert {t["reply_settings"] for t in tweets} == {"following"}


def test_media_go_up_without_their_exif_and_with_their_alt_text(tmp_path: Path, x: FakeX) -> None:
    from PIL import Image

    root = new_repo(tmp_path, {})
    exif = Image.Exif()
    exif[0x010F] = "TelephoneDeService"  # Make
    exif[0x0132] = "2026:11:30 08:12:44"  # DateTime: when the officer took it
    # (GPS or an owner's name would be refused by `check`; the rest is stripped on the way out.)
    (root / "media" / "pn44").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 16), (200, 30, 30)).save(root / "media/pn44/photo.jpg", exif=exif)
    write(
        root,
        "posts/pn44/photo.md",
        post("prevention", "Une photo.").replace(
            "---\nU",
            "media:\n  - file: media/pn44/photo.jpg\n    alt: Un carré rouge.\n---\nU",
        ),
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "photo")
    code, out = run(root, x)
    assert code == 0, out
    ((media_id, uploaded),) = x.media.items()
    assert uploaded["form"]["media_category"] == "tweet_image"
    assert uploaded["alt"] == "Un carré rouge."
    assert b"TelephoneDeService" not in uploaded["bytes"]
    with Image.open(io.BytesIO(uploaded["bytes"])) as image:
        assert not image.getexif()
        assert image.size == (32, 16)
    assert x.live()[0]["media_ids"] == [media_id]
    upload = next(c for c in x.calls if c["endpoint"] == "upload")
    assert upload["authorization"].startswith("OAuth ")


def test_dry_run_prints_and_sends_nothing(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Texte à envoyer.")})
    code, out = run(root, x, dry_run=True)
    assert code == 0
    assert "enverrait posts/pn44/a.md (1/1) : Texte à envoyer." in out
    assert x.calls == []
    assert ledger(root) == []


def test_a_scheduled_post_waits_for_its_time_in_the_account_zone(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/plus-tard.md": post("prevention", "Demain.", publish_at="2099-01-01T09:00"),
            "posts/pn44/passe.md": post(
                "prevention", "Déjà l'heure.", publish_at="2020-01-01T09:00"
            ),
        },
    )
    assert run(root, x)[0] == 0
    assert texts(x) == ["Déjà l'heure."]


def test_a_post_failing_check_is_reported_and_never_sent(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/bon.md": post("prevention", "Texte correct."),
            "posts/pn44/faux.md": post("inconnue", "Catégorie inconnue."),
        },
    )
    code, out = run(root, x)
    assert code == 1
    assert texts(x) == ["Texte correct."]
    assert "posts/pn44/faux.md : refusée, non publiée" in out
    refused = [r for r in ledger(root) if r["event"] == "refused"]
    assert [r["path"] for r in refused] == ["posts/pn44/faux.md"]
    assert "category" in refused[0]["reason"]
    run(root, x)
    assert len([r for r in ledger(root) if r["event"] == "refused"]) == 1  # said once


@pytest.mark.parametrize("how", ["accounts.yml", "GAZOUILLE_PAUSED"])
def test_a_paused_account_publishes_nothing_and_says_so(tmp_path: Path, x: FakeX, how: str) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "En attente.")})
    extra = {}
    if how == "accounts.yml":
        accounts = root / "accounts.yml"
        text = accounts.read_text(encoding="utf-8")
        accounts.write_text(text.replace("paused: false", "paused: true", 1), encoding="utf-8")
    else:
        extra["GAZOUILLE_PAUSED"] = "1"
    code, out = run(root, x, **extra)
    assert code == 0
    assert "pause" in out or "suspendue" in out
    assert "1 publication(s) en attente" in out
    assert x.calls == []


def test_missing_credentials_stop_that_account_in_french(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Sans identifiants.")})
    code, out = run(root, x, GAZOUILLE_PN44_X_ACCESS_TOKEN="")
    assert code == 1
    assert "identifiants X manquants pour le compte pn44 : GAZOUILLE_PN44_X_ACCESS_TOKEN" in out
    assert x.calls == []
    assert ledger(root) == []


# -- exactly once -----------------------------------------------------------------


def test_two_runs_at_the_same_time_send_each_post_once(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", THREAD)})
    x.latency = 0.2
    first, second = cli(root, x), cli(root, x)
    outputs = [first.communicate(timeout=60)[0], second.communicate(timeout=60)[0]]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    assert len(x.creates()) == 4
    assert len(x.live()) == 4
    assert [e for e in events(root) if e[0] == "published"] == [
        ("published", "fil.md", i) for i in range(4)
    ]


def test_killed_between_the_answer_and_the_ledger_the_next_run_adopts(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Envoyé puis interrompu.")})
    holder: dict[str, int] = {}
    x.fail("create", status=201, create_first=True, kill=_Later(holder))
    process = cli(root, x)
    holder["pid"] = process.pid
    process.communicate(timeout=60)
    assert process.returncode == -9
    assert [r["event"] for r in ledger(root)] == ["sending"]  # the outcome is unknown
    assert len(x.live()) == 1

    code, out = run(root, x)
    assert code == 0, out
    assert len(x.creates()) == 1  # never sent again
    assert len(x.live()) == 1
    last = ledger(root)[-1]
    assert (last["event"], last["adopted"], last["remote_id"]) == (
        "published",
        True,
        x.live()[0]["id"],
    )
    assert "retrouvée sur le compte" in out


def test_a_lost_ledger_commit_is_healed_from_the_account(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", "Un.\n---\nDeux.")})
    before = git(root, "rev-parse", "HEAD")
    assert run(root, x, commit=True)[0] == 0
    assert git(root, "rev-parse", "HEAD") == before  # main never moves
    log = git(root, "log", "--format=%s", "gazouille/ledger").splitlines()
    assert len(log) == 4 and all(line.startswith("ledger: ") for line in log)
    assert git(root, "status", "--porcelain") == ""

    # The push failed and the runner's clone is gone: the ledger branch is lost.
    git(root, "update-ref", "-d", "refs/heads/gazouille/ledger")
    assert ledger(root) == []
    code, out = run(root, x)
    assert code == 0, out
    assert len(x.creates()) == 2
    published = [r for r in ledger(root) if r["event"] == "published"]
    assert [(r["part"], r["adopted"]) for r in published] == [(0, True), (1, True)]
    assert [r["remote_id"] for r in published] == [t["id"] for t in x.live()]


def test_5xx_on_create_is_retried_after_checking_the_account(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Malgré une panne.")})
    x.fail("create", 503, times=2)
    code, out = run(root, x)
    assert code == 0, out
    assert len(x.creates()) == 3
    assert len(x.live()) == 1
    reads = [c["endpoint"] for c in x.calls if c["endpoint"] == "timeline"]
    assert len(reads) == 3  # once before sending, once after each unknown outcome


@pytest.mark.parametrize("fault", ["5xx-after-create", "timeout-after-create"])
def test_a_create_that_went_through_despite_the_error_is_not_sent_again(
    tmp_path: Path, x: FakeX, fault: str
) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Réponse perdue.")})
    if fault == "5xx-after-create":
        x.fail("create", 503, create_first=True)
        code, out = run(root, x)
    else:
        x.fail("create", 201, create_first=True, delay=1.5)
        code, out = run(root, x, GAZOUILLE_X_TIMEOUT="0.5")
    assert code == 0, out
    assert len(x.creates()) == 1
    assert len(x.live()) == 1
    assert ledger(root)[-1]["adopted"] is True


def test_reads_are_retried_with_backoff_on_5xx(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Lecture instable.")})
    x.fail("timeline", 500, times=2)
    pauses: list[float] = []
    out = io.StringIO()
    code = publish(root, out, env=env_for(x.url, GAZOUILLE_X_BACKOFF="0.5"), sleep=pauses.append)
    assert code == 0, out.getvalue()
    assert pauses == [0.5, 1.0]
    assert len(x.live()) == 1


def test_persistent_5xx_stops_the_account_and_the_next_run_finishes(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "X en panne.")})
    x.fail("create", 503, times=3)
    code, out = run(root, x)
    assert code == 1
    assert "X ne répond pas" in out
    assert x.live() == []
    assert len(x.creates()) == 3  # bounded
    assert run(root, x)[0] == 0
    assert texts(x) == ["X en panne."]


def test_429_stops_the_account_reports_the_reset_and_resumes_next_run(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/a.md": post("prevention", "Premier."),
            "posts/pn44/b.md": post("prevention", "Second."),
        },
    )
    reset = 4102444800  # 2100-01-01T00:00:00Z
    x.fail(
        "create",
        429,
        body={"title": "Too Many Requests", "detail": "Too Many Requests", "status": 429},
        headers={"x-rate-limit-reset": str(reset)},
    )
    code, out = run(root, x)
    assert code == 1
    assert "limite de X atteinte" in out
    assert "01/01/2100 à 01:00 (CET)" in out  # Europe/Paris
    assert len(x.creates()) == 1  # stopped at once
    assert x.live() == []
    assert run(root, x)[0] == 0
    assert sorted(texts(x)) == ["Premier.", "Second."]


def test_403_duplicate_is_reconciled_from_the_account(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Déjà là.")})
    existing = x.add("Déjà là.")
    x.hidden_once.add(existing)  # X's timeline lags behind: the first read misses it
    code, out = run(root, x)
    assert code == 0, out
    assert len(x.live()) == 1
    published = ledger(root)[-1]
    assert (published["remote_id"], published["adopted"]) == (existing, True)


def test_403_duplicate_of_another_post_is_unknown_not_guessed(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Même texte.")})
    assert run(root, x)[0] == 0
    write(root, "posts/pn44/b.md", post("prevention", "Même texte."))
    code, out = run(root, x)
    assert code == 1
    assert "doublon" in out and "gazouille settle posts/pn44/b.md" in out
    assert len(x.live()) == 1
    assert ledger(root)[-1]["event"] == "unknown"
    creates = len(x.creates())
    code, out = run(root, x)
    assert code == 1 and "état inconnu" in out
    assert len(x.creates()) == creates  # only looked for until the text changes
    write(root, "posts/pn44/b.md", post("prevention", "Un autre texte."))
    assert run(root, x)[0] == 0
    assert len(x.creates()) == creates + 1


def test_a_thread_that_failed_after_part_2_resumes_at_part_3(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", THREAD)})
    original = x._answer

    def fail_third(endpoint: str, args: dict[str, Any], call: dict[str, Any]) -> Any:
        if endpoint == "create" and call["json"]["text"].startswith("Troisième"):
            from tests.xfake import _json

            return _json({"title": "Service Unavailable", "status": 503}, 503)
        return original(endpoint, args, call)

    x._answer = fail_third  # type: ignore[method-assign]
    code, _ = run(root, x)
    assert code == 1
    assert [t["text"].split()[0] for t in x.live()] == ["🧵", "Deuxième"]

    x._answer = original  # type: ignore[method-assign]
    assert run(root, x)[0] == 0
    tweets = x.live()
    assert [t["text"].split()[0] for t in tweets] == ["🧵", "Deuxième", "Troisième", "Quatrième"]
    assert tweets[2]["reply_to"] == tweets[1]["id"]
    assert tweets[3]["reply_to"] == tweets[2]["id"]
    firsts = [c for c in x.creates() if c["json"]["text"].startswith(("🧵", "Deuxième"))]
    assert len(firsts) == 2


# -- retraction -----------------------------------------------------------------------


def test_retracting_deletes_every_part_once(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", "Un.\n---\nDeux.")})
    assert run(root, x)[0] == 0
    write(
        root,
        "posts/pn44/fil.md",
        post("fonctionnement", "Un.\n---\nDeux.", retract="erreur d'horaire"),
    )
    code, out = run(root, x)
    assert code == 0, out
    assert x.live() == []
    deletes = [c for c in x.calls if c["endpoint"] == "delete"]
    assert len(deletes) == 2
    retracted = [r for r in ledger(root) if r["event"] == "retracted"]
    assert [(r["part"], r["reason"]) for r in retracted] == [
        (1, "erreur d'horaire"),
        (0, "erreur d'horaire"),
    ]
    calls = len(x.calls)
    assert run(root, x)[0] == 0
    assert len(x.calls) == calls


def test_a_post_retracted_before_publication_is_never_sent(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(
        tmp_path, {"posts/pn44/a.md": post("prevention", "Finalement non.", retract="annulé")}
    )
    assert run(root, x)[0] == 0
    # The account is read once, in case the post went out and its records were lost.
    assert [c["endpoint"] for c in x.calls if c["method"] != "GET"] == []
    calls = len(x.calls)
    assert run(root, x)[0] == 0
    assert len(x.calls) == calls  # looked for once, never again
    assert x.live() == []


def test_an_edited_published_post_is_not_sent_again(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Version publiée.")})
    assert run(root, x)[0] == 0
    write(root, "posts/pn44/a.md", post("prevention", "Version corrigée."))
    code, out = run(root, x)
    assert code == 1
    assert "modifiée après sa publication" in out
    assert texts(x) == ["Version publiée."]


# -- the X client ------------------------------------------------------------------------


def test_every_x_host_is_routed_to_the_configured_url() -> None:
    from gazouille.publish.x import route

    base = "http://127.0.0.1:9"
    assert route("https://api.twitter.com/2/tweets", base) == f"{base}/2/tweets"
    assert route("https://api.x.com/2/media/upload", base) == f"{base}/2/media/upload"
    assert (
        route("https://upload.twitter.com/1.1/media/upload.json", base)
        == f"{base}/1.1/media/upload.json"
    )
    assert route("https://api.twitter.com.evil.example/2/tweets", base).startswith(
        "https://api.twitter.com."
    )
    assert route("https://api.x.com/2/tweets", None) == "https://api.x.com/2/tweets"


def test_a_hung_server_times_out(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Serveur muet.")})
    x.fail("me", 200, delay=1.5, times=3)
    code, out = run(root, x, GAZOUILLE_X_TIMEOUT="0.3")
    assert code == 1
    assert "X ne répond pas" in out
    assert x.live() == []


class _Later:
    """The pid of a process started after the fault is queued."""

    def __init__(self, holder: dict[str, int]) -> None:
        self.holder = holder

    def __index__(self) -> int:
        for _ in range(100):
            if "pid" in self.holder:
                return self.holder["pid"]
            time.sleep(0.05)
        raise RuntimeError("no pid")


# -- the command line -------------------------------------------------------------------


def test_one_account_without_credentials_does_not_hold_back_the_others(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/a.md": post("prevention", "Compte sans identifiants."),
            "posts/pn06/b.md": post("prevention", "Compte en règle."),
        },
    )
    code, out = run(root, x, GAZOUILLE_PN44_X_API_KEY="", **credentials("pn06"))
    assert code == 1
    assert "identifiants X manquants pour le compte pn44" in out
    assert texts(x) == ["Compte en règle."]
    assert ledger(root) == []
    assert [r["path"] for r in ledger(root, "pn06") if r["event"] == "published"] == [
        "posts/pn06/b.md"
    ]


def test_the_cli_exit_codes(tmp_path: Path, x: FakeX, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gazouille.cli import main

    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Par la ligne de commande.")})
    monkeypatch.chdir(root)
    runner = CliRunner()
    result = runner.invoke(main, ["publish", "--account", "pn99"], env=env_for(x.url))
    assert result.exit_code == 2
    assert "compte inconnu « pn99 »" in result.output
    result = runner.invoke(main, ["publish", "--dry-run"], env=env_for(x.url))
    assert result.exit_code == 0
    assert "enverrait posts/pn44/a.md" in result.output
    result = runner.invoke(main, ["publish"], env=env_for(x.url, GAZOUILLE_PN44_X_API_SECRET=""))
    assert result.exit_code == 1
    assert x.calls == []
    result = runner.invoke(main, ["publish", "--account", "pn44"], env=env_for(x.url))
    assert result.exit_code == 0, result.output
    assert texts(x) == ["Par la ligne de commande."]


def test_a_damaged_ledger_stops_its_account_only_naming_the_line(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/a.md": post("prevention", "Registre abîmé."),
            "posts/pn06/b.md": post("prevention", "Registre sain."),
        },
    )
    write(root, "ledger/pn44.jsonl", '{"event": "published", "path": "x"}\n<<<<<<< HEAD\n')
    code, out = run(root, x, **credentials("pn06"))
    assert code == 1
    assert "ledger/pn44.jsonl:2 : ligne illisible" in out
    assert "rien n'est publié pour ce compte" in out
    assert texts(x) == ["Registre sain."]  # the other account published


def test_a_second_run_waits_for_the_lock_and_says_so(tmp_path: Path, x: FakeX) -> None:
    import fcntl

    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Attendre son tour.")})
    with open(root / ".git" / "gazouille-publish.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = cli(root, x)
        assert waiting.stdout is not None
        first = waiting.stdout.readline()  # blocks until the run has met the lock
        assert first.startswith("Une autre publication est en cours dans ce dépôt")
        assert x.calls == []  # nothing read nor sent while another run holds the lock
        fcntl.flock(held, fcntl.LOCK_UN)
    waiting.communicate(timeout=60)
    assert waiting.returncode == 0
    assert texts(x) == ["Attendre son tour."]


def test_records_name_the_commit_of_main_that_was_published_not_a_ledger_commit(
    tmp_path: Path, x: FakeX
) -> None:
    root = new_repo(
        tmp_path,
        {
            "posts/pn44/illisible.md": "Pas d'en-tête du tout.\n",  # pn44 comes first
            "posts/pn06/bonne.md": post("prevention", "Publiée ensuite."),
        },
    )
    main_head = git(root, "rev-parse", "HEAD")
    assert run(root, x, commit=True, **credentials("pn06"))[0] == 1
    assert git(root, "rev-parse", "HEAD") == main_head  # the ledger is committed on its branch
    assert [(r["event"], r["commit"]) for r in ledger(root)] == [("refused", main_head)]
    assert {r["event"]: r["commit"] for r in ledger(root, "pn06")} == {
        "sending": main_head,
        "published": main_head,
    }


def test_the_ledger_only_grows_earlier_lines_kept_byte_for_byte(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Nouvelle.")})
    earlier = b'{"event":"refused","path":"posts/pn44/ancienne.md","reason":"caf\\u00e9"}'
    write(root, "ledger/pn44.jsonl", earlier.decode())  # no final newline either
    assert run(root, x)[0] == 0
    data = (root / "ledger" / "pn44.jsonl").read_bytes()
    assert data.startswith(earlier + b"\n")
    assert [r["event"] for r in ledger(root)] == ["refused", "sending", "published"]
    assert not list((root / "ledger").glob(".*.tmp"))  # no temporary file left behind


def test_published_files_are_not_even_read_while_git_vouches_for_them(
    tmp_path: Path, x: FakeX
) -> None:
    from datetime import UTC, datetime

    from gazouille import accounts
    from gazouille.publish.planner import plan_account

    posts = {f"posts/pn44/{n}.md": post("prevention", f"Conseil {n}.") for n in range(5)}
    root = new_repo(tmp_path, posts)
    assert run(root, x, commit=True)[0] == 0
    account = accounts.load(root).accounts["pn44"]
    now = datetime.now(UTC)
    quiet = plan_account(root, account, now, {})
    assert (quiet.read, quiet.settled, quiet.items) == (0, 5, [])

    write(
        root, "posts/pn44/3.md", post("prevention", "Conseil 3.", retract="erreur")
    )  # not committed
    write(root, "posts/pn44/nouveau.md", post("prevention", "Pas encore suivi par git."))
    busy = plan_account(root, account, now, {})
    assert busy.read == 2
    assert sorted((i.kind, i.path) for i in busy.items) == [
        ("due", "posts/pn44/nouveau.md"),
        ("retract", "posts/pn44/3.md"),
    ]


def test_in_a_git_worktree_the_lock_stays_out_of_the_work_tree(tmp_path: Path, x: FakeX) -> None:
    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Depuis un worktree.")})
    other = tmp_path / "autre"
    git(root, "worktree", "add", "--quiet", str(other), "-b", "essai")
    assert run(other, x, commit=True)[0] == 0
    assert texts(x) == ["Depuis un worktree."]
    assert git(other, "status", "--porcelain") == ""  # no lock file, ledger committed


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GAZOUILLE_X_TIMEOUT", "trente"),
        ("GAZOUILLE_X_RETRIES", "0"),
        ("GAZOUILLE_X_API_URL", "127.0.0.1:9"),
    ],
)
def test_a_bad_setting_is_a_configuration_error_before_anything_is_sent(
    tmp_path: Path, x: FakeX, name: str, value: str
) -> None:
    from gazouille.errors import ConfigError

    root = new_repo(tmp_path, {"posts/pn44/a.md": post("prevention", "Réglages.")})
    with pytest.raises(ConfigError) as caught:
        run(root, x, **{name: value})
    assert str(caught.value).startswith(f"{name} vaut « {value} »")
    assert x.calls == []
